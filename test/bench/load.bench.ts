// npm run bench:load [-- --10m] [--no-cache] [--seconds 60 | --requests N] [--connections 32] [--by-kind] [--tail]
// A command centre at once: 32 browsers (autocannon connections) for 60 s on a mixed workload over the 1M
// county — heat with varying windows and zooms, area counts, the KPI summary, Gi* on grids / villages / H3,
// the coverage ledger, patrol risk, plus health/meta — with about 30 % of requests repeating a recent one (the
// same default view opened again). The server runs in its own process (server/index.ts). Every 5 s: req/s,
// p50/p97.5/p99, errors and the server's RSS; then the totals against the issue's targets, and the RSS after
// the load has stopped against idle. --no-cache starts the server with ANSWER_CACHE_MB=0.
import autocannon, { type Result } from 'autocannon';
import { setTimeout as sleep } from 'node:timers/promises';
import { benchCounty, machineLine } from './bench-county.js';
import { MIX, nextUrl, REPEAT_SHARE } from './load-mix.js';
import { percentile } from './stats.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = arg('--seconds', 60);
/** --requests N: a fixed number of requests (the same seeded sequence) instead of a fixed time, so two runs on a
 * busy shared machine compare by server CPU per request over the same work, whatever their req/s. */
const REQUESTS = arg('--requests', 0);
const CONNECTIONS = arg('--connections', 32);
const NO_CACHE = process.argv.includes('--no-cache');
/** --tail: latency under the load per kind of request (heat by zoom and window length), and how many of each
 * kind are in the slowest 1 % — which requests make the p99. */
const TAIL = process.argv.includes('--tail');

/** Every URL asked so far (the load's and the warm-up's): --by-kind asks only others, so it measures computing an
 * answer, not a hit of the answer cache. */
const askedUrls = new Set<string>();
const asked = (url: string) => (askedUrls.add(url), url);
const county = await benchCounty(undefined, NO_CACHE ? { ANSWER_CACHE_MB: '0' } : {});
// Warm-up: every kind of request once (hotspot surfaces, the coverage world and the road graph are built once).
for (const [, make] of MIX) {
  const res = await county.request(asked(make()));
  if (!res.ok) throw new Error(`warm-up ${res.url}: ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
}
// Idle means the started server's own work is done (hotspot surfaces warmed on a worker after start-up):
// measured earlier, that work ran into the load's first seconds and the idle RSS was taken before it.
console.log(`server idle after ${(await county.waitUntilIdle()).toFixed(1)} s (its start-up work done)`);
await sleep(2000);
const idleRss = county.rssMb();
/** Where the server's memory is (GET /api/health/memory): JS heap, buffers, DuckDB. */
const memoryLine = async () => {
  const m = (await (await county.request('/api/health/memory')).json()) as Record<string, number | string>;
  return `RSS ${m.rss} MB = JS heap ${m.heapUsed} MB (of ${m.heapTotal}) + external ${m.external} MB + DuckDB ${m.duckdb} MB (limit ${m.duckdbLimit}) + ${m.poolThreads} pool threads + the rest (code, threads, allocator)`;
};
const idleMemory = await memoryLine();
console.log(`load: ${CONNECTIONS} connections, ${REQUESTS ? `${REQUESTS} requests` : `${SECONDS} s`}, ~${REPEAT_SHARE * 100} % repeated requests, answer cache ${NO_CACHE ? 'OFF' : 'on'}; server idle RSS ${idleRss.toFixed(0)} MB\n`);

let windowTimes: number[] = [];
let windowErrors = 0;
let allTimes: number[] = [];
let peakRss = idleRss;
const tailTimes: { kind: string; ms: number }[] = [];
/** A request's kind for --tail: its path, and for heat its zoom and window length (their cost differs most). */
function tailKind(url: string): string {
  const path = url.split('?')[0];
  if (path !== '/api/incidents/heat') return path;
  const q = new URLSearchParams(url.split('?')[1]);
  const days = Math.round((Date.parse(q.get('to')!) - Date.parse(q.get('from')!)) / 86400000) + 1;
  return `heat zoom ${q.get('zoom')}, ${days} days`;
}
const cpu0 = county.cpuMs();
const t0 = performance.now();
const instance = autocannon(
  { url: county.base, connections: CONNECTIONS, ...(REQUESTS ? { amount: REQUESTS } : { duration: SECONDS }), timeout: 30, headers: { cookie: county.cookie }, requests: [{
    setupRequest: (req, context) => {
      const path = asked(nextUrl());
      if (TAIL) (context.path = path), (context.sentAt = performance.now());
      return { ...req, path };
    },
    onResponse: (_status, _body, context) => {
      if (TAIL) tailTimes.push({ kind: tailKind(context.path as string), ms: performance.now() - (context.sentAt as number) });
    },
  }] },
);
instance.on('response', (_c, status, _bytes, ms) => {
  windowTimes.push(ms);
  allTimes.push(ms);
  if (status < 200 || status >= 300) windowErrors++;
});
instance.on('reqError', () => windowErrors++);
const ticker = setInterval(() => {
  const s = windowTimes.sort((a, b) => a - b);
  const rss = county.rssMb();
  peakRss = Math.max(peakRss, rss);
  console.log(`${((performance.now() - t0) / 1000).toFixed(0).padStart(3)} s  ${(s.length / 5).toFixed(0).padStart(5)} req/s  p50 ${percentile(s, 50).toFixed(0).padStart(5)} ms  p97.5 ${percentile(s, 97.5).toFixed(0).padStart(5)} ms  p99 ${percentile(s, 99).toFixed(0).padStart(5)} ms  errors ${windowErrors}  server RSS ${rss.toFixed(0)} MB  ${machineLine().replace(/^.*cores, /, '')}`);
  windowTimes = [];
  windowErrors = 0;
}, 5000);
const result = await new Promise<Result>((resolve) => instance.on('done', resolve));
clearInterval(ticker);
const loadCpuMs = county.cpuMs() - cpu0;
await sleep(10_000);
const afterRss = county.rssMb();
const afterMemory = await memoryLine();
const sorted = allTimes.sort((a, b) => a - b);
const reqPerS = result.requests.total / result.duration;
const errors = result.errors + result.timeouts + result.non2xx;
const target = NO_CACHE ? { rps: 120, p99: 1000 } : { rps: 400, p99: 250 };
console.log(`\ntotal: ${result.requests.total} requests in ${result.duration.toFixed(0)} s = ${reqPerS.toFixed(0)} req/s; latency p50 ${percentile(sorted, 50).toFixed(0)} ms, p97.5 ${percentile(sorted, 97.5).toFixed(0)} ms, p99 ${percentile(sorted, 99).toFixed(0)} ms, max ${sorted[sorted.length - 1]?.toFixed(0)} ms; errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}`);
console.log(`server CPU: ${(loadCpuMs / 1000).toFixed(1)} s over the run = ${(loadCpuMs / result.requests.total).toFixed(2)} ms per request (all threads; depends less on the machine's other load than req/s)`);
console.log(`target (cache ${NO_CACHE ? 'off' : 'on'}): ≥ ${target.rps} req/s, p99 ≤ ${target.p99} ms, 0 errors: ${reqPerS >= target.rps && percentile(sorted, 99) <= target.p99 && errors === 0 ? 'met' : 'MISSED'}`);
console.log(`server RSS: idle ${idleRss.toFixed(0)} MB, peak ${peakRss.toFixed(0)} MB (target < 1024), 10 s after ${afterRss.toFixed(0)} MB (${((afterRss / idleRss - 1) * 100).toFixed(0)} % over idle; target ≤ 20 %)`);
console.log(`  idle:  ${idleMemory}\n  after: ${afterMemory}`);
console.log(machineLine());
if (TAIL) {
  const p99 = percentile(sorted, 99);
  const byKind = new Map<string, number[]>();
  for (const t of tailTimes) (byKind.get(t.kind) ?? byKind.set(t.kind, []).get(t.kind)!).push(t.ms);
  console.log(`\nlatency under the load by kind (the slowest 1 %: over ${p99.toFixed(0)} ms):`);
  for (const [kind, times] of [...byKind].sort((a, b) => a[0].localeCompare(b[0]))) {
    times.sort((a, b) => a - b);
    console.log(`  ${kind.padEnd(28)} n ${String(times.length).padStart(6)}  p50 ${percentile(times, 50).toFixed(0).padStart(5)} ms  p99 ${percentile(times, 99).toFixed(0).padStart(5)} ms  in the slowest 1 %: ${times.filter((ms) => ms > p99).length}`);
  }
}
if (process.argv.includes('--by-kind')) {
  // Where the CPU goes by kind of request: fresh requests of each kind (URLs the load did not ask, so none is
  // answered from the answer cache; a kind with few distinct URLs may have none left, and its figure then mixes
  // cache hits with answers made again after the cache dropped them, said so), one at a time, with the server's CPU per request and the wall time of each. Before each
  // kind the server is let go quiet (waitUntilIdle: its idle collection and compaction passes, server/http/idle-gc.ts,
  // and any build started by the kind before are over), so a kind's figure holds its own work only.
  console.log('\nby kind (fresh requests, one at a time; the server quiet before each kind):');
  for (const [share, make, name] of MIX) {
    const n = 30;
    const urls: string[] = [];
    let repeats = 0;
    for (let tries = 0; urls.length < n && tries < 400 * n; tries++) {
      const url = make();
      if (!askedUrls.has(url)) urls.push(asked(url));
    }
    while (urls.length < n) urls.push(make()), repeats++;
    await county.waitUntilIdle();
    const times: number[] = [];
    const c0 = county.cpuMs();
    for (const url of urls) {
      const t = performance.now();
      const res = await county.request(url);
      await res.arrayBuffer();
      times.push(performance.now() - t);
    }
    const cpu = (county.cpuMs() - c0) / n;
    const mean = times.reduce((a, b) => a + b, 0) / n;
    times.sort((a, b) => a - b);
    console.log(`  ${name.padEnd(20)} share ${(share * 100).toFixed(0).padStart(2)} %  server CPU ${cpu.toFixed(1).padStart(6)} ms/request (× share ${(cpu * share).toFixed(1).padStart(5)})  wall p50 ${percentile(times, 50).toFixed(1).padStart(6)} ms, mean ${mean.toFixed(1).padStart(6)} ms${repeats ? `  (${repeats} of ${n} already asked by the load${NO_CACHE ? '' : ': answered from the cache where still kept (64 MB, least recently used dropped)'})` : ''}`);
  }
}
await county.close();

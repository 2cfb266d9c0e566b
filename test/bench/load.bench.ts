// npm run bench:load [-- --10m] [--no-cache] [--seconds 60] [--connections 32]
// A command centre at once: 32 browsers (autocannon connections) for 60 s on a mixed workload over the 1M
// county — heat with varying windows and zooms, area counts, the KPI summary, Gi* on grids / villages / H3,
// the coverage ledger, patrol risk, plus health/meta — with about 30 % of requests repeating a recent one (the
// same default view opened again). The server runs in its own process (server/index.ts). Every 5 s: req/s,
// p50/p97.5/p99, errors and the server's RSS; then the totals against the targets, and the RSS after
// the load has stopped against idle. --no-cache starts the server with ANSWER_CACHE_MB=0.
import autocannon, { type Result } from 'autocannon';
import { setTimeout as sleep } from 'node:timers/promises';
import { INCIDENT_CATEGORIES } from '../../shared/domain/categories.js';
import { benchCounty, machineLine } from './bench-county.js';
import { percentile, seeded } from './stats.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = arg('--seconds', 60);
const CONNECTIONS = arg('--connections', 32);
const NO_CACHE = process.argv.includes('--no-cache');
const REPEAT_SHARE = 0.3;

const random = seeded(13);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
const dataEnd = Date.parse('2026-11-20T00:00:00Z');
const dataStart = Date.parse('2024-01-01T00:00:00Z');
const DAY = 86400000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
function window(): string {
  const span = pick([7, 30, 90, 365]);
  const start = dataStart + Math.floor(random() * ((dataEnd - dataStart) / DAY - span)) * DAY;
  const cats = random() < 0.6 ? '' : `&categories=${[...INCIDENT_CATEGORIES].sort(() => random() - 0.5).slice(0, 1 + Math.floor(random() * 3)).join(',')}`;
  return `from=${iso(start)}&to=${iso(start + (span - 1) * DAY)}${cats}`;
}
function heat(): string {
  const zoom = 9 + Math.floor(random() * 4);
  let url = `/api/incidents/heat?zoom=${zoom}&${window()}`;
  if (zoom >= 11) {
    const degPerPx = 360 / (256 * 2 ** zoom);
    const [cx, cy] = [122.2 + random() * 1.2, 44.3 + random() * 0.9];
    const [w, h] = [1.5 * 1280 * degPerPx, 1.5 * 800 * degPerPx * 0.72];
    url += `&bbox=${(cx - w / 2).toFixed(4)},${(cy - h / 2).toFixed(4)},${(cx + w / 2).toFixed(4)},${(cy + h / 2).toFixed(4)}`;
  }
  return url;
}
/** The mix: [share, make a URL]. */
const MIX: [number, () => string][] = [
  [0.3, heat],
  [0.18, () => `/api/areas/counts?level=${pick(['township', 'village', 'grid'])}&${window()}`],
  [0.14, () => `/api/incidents/summary?${window()}`],
  [0.12, () => `/api/hotspots/gistar?${pick(['unit=grid', 'unit=village', 'unit=h3&resolution=8'])}&${window()}`],
  [0.05, () => `/api/coverage/ledger?level=${pick(['township', 'village', 'grid'])}`],
  [0.13, () => `/api/patrol/risk?start=${pick([0, 8, 18, 20, 22])}&end=${pick([2, 6, 8])}&days=${pick(['weekdays', 'weekends', 'all'])}&lookbackDays=${pick([90, 180, 365])}`],
  [0.08, () => pick(['/api/health', '/api/meta', '/api/regions'])],
];
const recent: string[] = [];
function nextUrl(): string {
  if (recent.length > 20 && random() < REPEAT_SHARE) return pick(recent);
  let r = random();
  let make = MIX[MIX.length - 1][1];
  for (const [share, f] of MIX) {
    if ((r -= share) < 0) { make = f; break; }
  }
  const url = make();
  recent.push(url);
  if (recent.length > 300) recent.shift();
  return url;
}

const county = await benchCounty(undefined, NO_CACHE ? { ANSWER_CACHE_MB: '0' } : {});
// Warm-up: every kind of request once (hotspot surfaces, the coverage world and the road graph are built once).
for (const [, make] of MIX) {
  const res = await county.request(make());
  if (!res.ok) throw new Error(`warm-up ${res.url}: ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
}
await sleep(2000);
const idleRss = county.rssMb();
/** Where the server's memory is (GET /api/health/memory): JS heap, buffers, DuckDB. */
const memoryLine = async () => {
  const m = (await (await county.request('/api/health/memory')).json()) as Record<string, number | string>;
  return `RSS ${m.rss} MB = JS heap ${m.heapUsed} MB + external ${m.external} MB + DuckDB ${m.duckdb} MB (limit ${m.duckdbLimit}) + the rest (code, threads, allocator)`;
};
const idleMemory = await memoryLine();
console.log(`load: ${CONNECTIONS} connections, ${SECONDS} s, ~${REPEAT_SHARE * 100} % repeated requests, answer cache ${NO_CACHE ? 'OFF' : 'on'}; server idle RSS ${idleRss.toFixed(0)} MB\n`);

let windowTimes: number[] = [];
let windowErrors = 0;
let allTimes: number[] = [];
let peakRss = idleRss;
const t0 = performance.now();
const instance = autocannon(
  { url: county.base, connections: CONNECTIONS, duration: SECONDS, timeout: 30, headers: { cookie: county.cookie }, requests: [{ setupRequest: (req) => ({ ...req, path: nextUrl() }) }] },
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
await sleep(10_000);
const afterRss = county.rssMb();
const afterMemory = await memoryLine();
const sorted = allTimes.sort((a, b) => a - b);
const reqPerS = result.requests.total / result.duration;
const errors = result.errors + result.timeouts + result.non2xx;
const target = NO_CACHE ? { rps: 120, p99: 1000 } : { rps: 400, p99: 250 };
console.log(`\ntotal: ${result.requests.total} requests in ${result.duration.toFixed(0)} s = ${reqPerS.toFixed(0)} req/s; latency p50 ${percentile(sorted, 50).toFixed(0)} ms, p97.5 ${percentile(sorted, 97.5).toFixed(0)} ms, p99 ${percentile(sorted, 99).toFixed(0)} ms, max ${sorted[sorted.length - 1]?.toFixed(0)} ms; errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}`);
console.log(`target (cache ${NO_CACHE ? 'off' : 'on'}): ≥ ${target.rps} req/s, p99 ≤ ${target.p99} ms, 0 errors: ${reqPerS >= target.rps && percentile(sorted, 99) <= target.p99 && errors === 0 ? 'met' : 'MISSED'}`);
console.log(`server RSS: idle ${idleRss.toFixed(0)} MB, peak ${peakRss.toFixed(0)} MB (target < 1024), 10 s after ${afterRss.toFixed(0)} MB (${((afterRss / idleRss - 1) * 100).toFixed(0)} % over idle; target ≤ 20 %)`);
console.log(`  idle:  ${idleMemory}\n  after: ${afterMemory}`);
console.log(machineLine());
await county.close();

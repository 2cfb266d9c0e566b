// The benchmark county: built once (1M incidents, or 10M with --10m) and reused, served by the real server
// (server/index.ts) in a process of its own, as a user's browser sees it: the benchmark's own work (making
// requests, timing them) never shares the server's event loop.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { Database } from '../../server/db/database.js';
import { writeDemoDatabase } from '../../server/db/load-demo.js';
import { generateDemoCounty } from '../../server/demo/generate.js';
import { ensureAccountsInFile, signIn, type Requester } from '../support/session.js';

const BASE_ROWS = 18_621; // incidents of the demo county at scale 1

/** The incident count a benchmark runs at: 1M, or 10M when the command line has --10m. */
export const BENCH_ROWS = process.argv.includes('--10m') ? 10_000_000 : 1_000_000;

/** One line saying on what the figures were taken: they are only comparable on a similarly loaded machine. */
export function machineLine(): string {
  const [l1, l5] = loadavg();
  return `Node ${process.version}, ${cpus().length} cores, load average ${l1.toFixed(2)} (1 min) ${l5.toFixed(2)} (5 min)`;
}

/** The path of the benchmark county file, built first when missing. */
export async function benchCountyFile(targetRows = BENCH_ROWS): Promise<string> {
  const path = `var/bench/county-${targetRows / 1000}k.duckdb`;
  mkdirSync('var/bench', { recursive: true });
  if (!existsSync(path)) {
    const t0 = performance.now();
    console.log(`Building ${path} (${targetRows.toLocaleString('en')} incidents)…`);
    await writeDemoDatabase(path, generateDemoCounty({ incidentScale: targetRows / BASE_ROWS }), (m) => console.log(`  [${((performance.now() - t0) / 1000).toFixed(1)} s] ${m} — ${memoryLine()}`));
    const s = (performance.now() - t0) / 1000;
    console.log(`built in ${s.toFixed(1)} s (${Math.round(targetRows / s).toLocaleString('en')} incidents/s generated and written), ${memoryLine()}; ${machineLine()}`);
  }
  return path;
}

/** This process's resident memory now and at its peak (VmHWM: DuckDB's memory included, it runs in-process). */
export function memoryLine(): string {
  const status = readFileSync('/proc/self/status', 'utf8');
  const mb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) / 1024;
  return `RSS ${mb('VmRSS').toFixed(0)} MB (peak ${mb('VmHWM').toFixed(0)} MB), JS heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB`;
}

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

export interface BenchServer {
  base: string;
  pid: number;
  /** The server process's resident memory now (MB), from /proc. */
  rssMb: () => number;
  /** CPU time the server process has used so far (ms, user + system, DuckDB's threads included), from /proc:
   * per request, a figure that depends much less on how loaded the machine is than wall-clock time. */
  cpuMs: () => number;
  /** Resolves once the server uses under 5 % of a core over a second (at most 120 s; answers the seconds waited).
   * A server warms its hotspot surfaces on a worker thread after it starts (server/index.ts: seconds of CPU at
   * 1M): a bench timed before that ends counts start-up work in its CPU per request and takes its idle RSS early. */
  waitUntilIdle: () => Promise<number>;
  close: () => Promise<void>;
}

/** Starts `tsx server/index.ts` on the file, with no client folder (the API only), and waits until it listens. */
export async function startServerProcess(dbPath: string, env: Record<string, string> = {}): Promise<BenchServer> {
  const port = await freePort();
  // BENCH_CPU_PROF=<folder>: the server writes V8 CPU profiles there when it stops (one per thread; open them in
  // Chrome DevTools or read them with test/bench/profile-summary.ts) — where the server's CPU goes under a bench.
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...profile, '--import', 'tsx', 'server/index.ts'], {
    env: { ...process.env, ...env, DB_PATH: dbPath, PORT: String(port), HOST: '127.0.0.1', CLIENT_DIR: 'var/bench/no-client' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stderr!.on('data', (d) => (log += d));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      log += d;
      if (log.includes('is running')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening:\n${log}`)));
  });
  const pid = child.pid!;
  const base = `http://127.0.0.1:${port}`;
  const cpuMs = () => {
    // fields 14 and 15 of /proc/<pid>/stat (after the parenthesised name), in clock ticks of 10 ms
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  };
  const waitUntilIdle = async () => {
    const start = performance.now();
    for (let before = cpuMs(); performance.now() - start < 120_000; ) {
      await new Promise((r) => setTimeout(r, 1000));
      const now = cpuMs();
      if (now - before < 50) break;
      before = now;
    }
    return (performance.now() - start) / 1000;
  };
  return {
    base,
    pid,
    cpuMs,
    waitUntilIdle,
    rssMb: () => {
      try {
        const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        return m ? Number(m[1]) / 1024 : NaN;
      } catch {
        return NaN;
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        // Ended already: by its own exit (exitCode) or by a signal (signalCode; a test's SIGKILL), whose 'exit'
        // event has fired and will not again (waiting for it hung case-writes-kill on a quiet machine).
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** The benchmark county served by its own server process. */
export async function benchCounty(targetRows = BENCH_ROWS, env: Record<string, string> = {}): Promise<BenchServer & { rows: number; request: Requester; cookie: string }> {
  const path = await benchCountyFile(targetRows);
  await ensureAccountsInFile(path); // the bench signs in like a user (the county leader, test password)
  const db = await Database.open(path, { readOnly: true });
  const [{ n: rows }] = await db.query<{ n: number }>('SELECT count(*) AS n FROM incidents');
  db.close();
  const server = await startServerProcess(path, env);
  const request = await signIn(server.base, 'county_leader');
  console.log(`\n${rows.toLocaleString('en')} incidents, server process ${server.pid} at ${server.base} (RSS ${server.rssMb().toFixed(0)} MB); ${machineLine()}\n`);
  return { ...server, rows, request, cookie: request.cookie };
}

/** Times `n` sequential GETs of signed-in paths (after a warm-up), checking each answers 200. */
export async function timeRequests(request: Requester, makeUrl: () => string, n: number, warmup = 10): Promise<{ samples: number[]; bytes: number }> {
  for (let i = 0; i < warmup; i++) await (await request(makeUrl())).arrayBuffer();
  const samples: number[] = [];
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const url = makeUrl();
    const t = performance.now();
    const res = await request(url);
    const body = await res.arrayBuffer();
    samples.push(performance.now() - t);
    if (res.status !== 200) throw new Error(`${url} → ${res.status}: ${new TextDecoder().decode(body)}`);
    bytes += body.byteLength;
  }
  return { samples, bytes };
}

// A long analysis whose client goes away is cancelled, in the real server process (server/index.ts) on a copy of
// the test county: a street-level (H3 r9) weekly emerging-hot-spot analysis and a 500-camera siting plan (MCLP)
// are started, seen running on the worker pool (GET /api/health/pool), and their requests aborted; each task must
// then end as cancelled (its thread stopped), not run on to completion, and the server answers at once. If the
// request's AbortSignal did not reach the pool, the task would keep its thread for seconds and finish as
// completed: this test fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { startServerProcess, type BenchServer } from '../bench/bench-county.js';
import { signIn, type Requester } from '../support/session.js';
import type { PoolStats } from '../../server/workers/pool.js';

let dir: string;
let server: BenchServer;
let request: Requester;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pingan-cancel-'));
  const path = join(dir, 'county.duckdb');
  copyFileSync(inject('countyDbPath'), path);
  // no answer cache: nothing is shared between requests, each one is its own task
  server = await startServerProcess(path, { ANSWER_CACHE_MB: '0' });
  request = await signIn(server.base, 'county_leader');
}, 120_000);
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const pool = async (): Promise<PoolStats> => (await request('/api/health/pool')).json();
async function until(what: string, ok: (s: PoolStats) => boolean, timeoutMs: number): Promise<PoolStats> {
  const t = performance.now();
  for (;;) {
    const s = await pool();
    if (ok(s)) return s;
    if (performance.now() - t > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms (pool ${JSON.stringify(s)})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

type TaskName = keyof PoolStats['byTask'];
const of = (s: PoolStats, task: TaskName) => s.byTask[task] ?? { started: 0, running: 0, completed: 0, failed: 0, cancelled: 0 };

/** Starts `init`'s request, waits until its task (by name) runs on the pool, aborts it; returns that task kind's
 * counts when it ran and once it settled. By name, because the server's start-up warming (H3 surfaces, contiguity)
 * runs on the same pool and may still be at work: the totals would mix its tasks in (CI saw a warming task taken
 * for the analysis, which then "completed"). */
async function startThenAbort(task: TaskName, path: string, init: RequestInit = {}) {
  const before = of(await until(`no ${task} task runs`, (s) => of(s, task).running === 0, 120_000), task);
  const ctrl = new AbortController();
  const answered = request(path, { ...init, signal: ctrl.signal }).then((r) => r.status, (e: Error) => e.name);
  const running = of(await until(`the ${task} task reached the pool`, (s) => of(s, task).started > before.started && of(s, task).running > 0, 120_000), task);
  ctrl.abort();
  expect(await answered).toBe('AbortError');
  const t = performance.now();
  const after = of(await until(`the aborted ${task} task settled`, (s) => of(s, task).running === 0, 10_000), task);
  return { before, running, after, settledMs: performance.now() - t };
}

describe('a long analysis whose client goes away', () => {
  it('H3 r9 weekly emerging hot spots: the task is cancelled, not run to the end', async () => {
    // the H3 r9 surface is built once (on the pool) by the first request that needs it: build it first, so the
    // task aborted below is the analysis itself
    expect((await request('/api/hotspots/gistar?unit=h3&resolution=9&from=2026-01-01&to=2026-03-31')).status).toBe(200);
    const { running, after, settledMs } = await startThenAbort('emerging', '/api/hotspots/emerging?unit=h3&resolution=9&step=week&from=2024-01-01&to=2026-11-15');
    console.log(`emerging: settled ${settledMs.toFixed(0)} ms after the abort; emerging tasks ${JSON.stringify(after)}`);
    expect(after.cancelled).toBe(running.cancelled + 1);
    expect(after.completed).toBe(running.completed);
    // the server answers at once, and the pool has a thread again for the next analysis
    const t = performance.now();
    expect((await request('/api/health')).status).toBe(200);
    expect(performance.now() - t).toBeLessThan(2000);
    expect((await request('/api/hotspots/gistar?unit=h3&resolution=9&from=2026-01-01&to=2026-02-28')).status).toBe(200);
  }, 300_000);

  it('a 500-camera siting plan: the task is cancelled, not run to the end', async () => {
    // the coverage world and camera counts are built once per data version (on the pool): build them first
    const warm = await request('/api/coverage/plan', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ k: 1 }) });
    expect(warm.status).toBe(200);
    const { running, after, settledMs } = await startThenAbort('coveragePlan', '/api/coverage/plan', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ k: 500, spacingM: 100 }) });
    console.log(`plan: settled ${settledMs.toFixed(0)} ms after the abort; plan tasks ${JSON.stringify(after)}`);
    expect(after.cancelled).toBe(running.cancelled + 1);
    expect(after.completed).toBe(running.completed);
    expect((await request('/api/health')).status).toBe(200);
  }, 300_000);
});

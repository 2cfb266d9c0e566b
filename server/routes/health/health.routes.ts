// GET /api/health: liveness plus the row counts a deployer checks first (1058 grids, ≥ 2394 public cameras).
import type { Database } from '../../db/database.js';
import { createRouter, declareRoute, json, z } from '../../http/openapi.js';
import { poolStats, poolThreads } from '../../workers/pool.js';
import { keptPerVersion } from '../../db/kept-per-version.js';
import { caseWriterStats } from '../../cases/case-store.js';

const count = z.number().int().min(0);
export const HealthAnswer = z
  .strictObject({
    ok: z.literal(true),
    counts: z.strictObject({ townships: count, villages: count, grids: count, cameras: count, publicCameras: count, keySites: count, policeStations: count, incidents: count, roads: count }),
  })
  .openapi('HealthAnswer');
export type HealthAnswer = z.infer<typeof HealthAnswer>;

export const healthRoute = declareRoute({
  method: 'get',
  path: '/',
  access: 'public',
  summary: { zh: '服务状态与数据行数', en: 'Liveness and row counts' },
  responses: { 200: json(HealthAnswer, 'The server is up; rows per table.') },
});

export const PoolAnswer = z
  .strictObject({
    threads: count.describe('worker threads alive now'),
    queued: count.describe('tasks waiting for a thread'),
    started: count.describe('tasks handed to the pool since the server started'),
    running: count.describe('tasks handed over and not yet settled (queued ones included)'),
    completed: count,
    failed: count,
    cancelled: count.describe('tasks stopped because their request went away (the client closed it) or ran out of time'),
    byTask: z
      .record(z.string(), z.strictObject({ started: count, running: count, completed: count, failed: count, cancelled: count }))
      .describe('the same counts per kind of task (emerging, giStar, h3Units, contiguity, coveragePlan, patrolPlan, …); the start-up warming is h3Units and contiguity'),
  })
  .openapi('PoolAnswer');

export const poolRoute = declareRoute({
  method: 'get',
  path: '/pool',
  access: 'signed-in',
  summary: { zh: '分析线程池状态', en: 'Analysis worker pool' },
  responses: { 200: json(PoolAnswer, 'What the worker pool (emerging hot spots, Gi* on H3, coverage plans, patrol routes) is doing and has done.') },
});

export const CaseWritesAnswer = z
  .strictObject({
    groups: count.describe('transactions the case writer committed or tried (each a group of transitions asked for at about the same time)'),
    transitions: count.describe('transition requests those groups took (applied and refused)'),
    sizes: z.record(z.string(), count).describe('groups by how many requests they took: 1, 2-4, 5-16, 17-32, 33-64, 65-128, 129-256'),
    largest: count,
    retriedAlone: count.describe('groups whose transaction failed, whose requests were then written one at a time'),
  })
  .openapi('CaseWritesAnswer');

export const caseWritesRoute = declareRoute({
  method: 'get',
  path: '/case-writes',
  access: 'signed-in',
  summary: { zh: '案件流转写入分组统计', en: 'How case transitions were grouped into transactions' },
  responses: { 200: json(CaseWritesAnswer, 'Since the server started: groups written, requests they took, sizes.') },
});

const mb = z.number().min(0).describe('MB');
export const MemoryAnswer = z
  .strictObject({
    rss: mb.describe('resident memory of the server process, MB'),
    heapUsed: mb.describe('JavaScript heap in use (main thread), MB'),
    heapTotal: mb.describe('JavaScript heap the main thread holds from the system (in use and free), MB'),
    external: mb.describe('memory of JavaScript objects held outside the heap (buffers, typed arrays), MB'),
    duckdb: mb.describe('memory DuckDB holds now (buffer pool and queries), MB'),
    duckdbLimit: z.string().describe('DuckDB’s memory_limit (DUCKDB_MEMORY_LIMIT)'),
    poolThreads: count.describe('analysis worker threads alive now (each holds a heap of its own)'),
  })
  .openapi('MemoryAnswer');

export const memoryRoute = declareRoute({
  method: 'get',
  path: '/memory',
  access: 'signed-in',
  summary: { zh: '服务内存占用', en: 'Server memory' },
  responses: { 200: json(MemoryAnswer, 'Where the server’s memory is: the process, the JavaScript heap, DuckDB.') },
});

const toMb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

export function healthRoutes(db: Database) {
  return createRouter()
    .openapi(poolRoute, (c) => c.json(poolStats(), 200))
    .openapi(caseWritesRoute, (c) => c.json(caseWriterStats(db), 200))
    .openapi(memoryRoute, async (c) => {
      const [d] = await db.query<{ bytes: number | null; limit: string }>(`SELECT (SELECT sum(memory_usage_bytes) FROM duckdb_memory())::DOUBLE AS bytes, current_setting('memory_limit') AS "limit"`);
      const m = process.memoryUsage();
      return c.json({ rss: toMb(m.rss), heapUsed: toMb(m.heapUsed), heapTotal: toMb(m.heapTotal), external: toMb(m.external), duckdb: toMb(d.bytes ?? 0), duckdbLimit: d.limit, poolThreads: poolThreads() }, 200);
    })
    .openapi(healthRoute, async (c) => c.json({ ok: true as const, counts: await tableCounts(db) }, 200));
}

/** The row counts, kept until an import changes them: a monitor or a room of dashboards asks often, and counting
 * every table (the incidents too) cost ~20 ms of server CPU a time on the 1M county. A live report bumps the
 * incidents version, so it shows at once. */
const tableCounts = keptPerVersion(['areas', 'roads', 'incidents', 'cameras', 'sites'], async (db) => {
  const [counts] = await db.query<HealthAnswer['counts']>(`SELECT
    (SELECT count(*) FROM townships) AS townships,
    (SELECT count(*) FROM villages) AS villages,
    (SELECT count(*) FROM grids) AS grids,
    (SELECT count(*) FROM cameras) AS cameras,
    (SELECT count(*) FROM cameras WHERE kind <> 'social') AS "publicCameras",
    (SELECT count(*) FROM key_sites) AS "keySites",
    (SELECT count(*) FROM police_stations) AS "policeStations",
    (SELECT count(*) FROM incidents) AS incidents,
    (SELECT count(*) FROM roads) AS roads`);
  return counts;
});

// One pool of worker threads (piscina) for the CPU-heavy analyses, sized to the machine's cores: the event
// loop only routes, so /api/health and a heat request are answered while an emerging-hot-spot analysis runs.
// Inputs travel as typed arrays (transferred when the caller gives them up); a request's AbortSignal (the
// client went away) cancels the task, which stops its thread (piscina replaces it).
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { MultiPolygon, Polygon } from 'geojson';
import type { EmergingAnswer, EmergingTask, GiStarAnswer, GiStarTask, WeightsArrays } from './analysis-tasks.js';
import type { CameraColumns, LedgerParams, PlanAnswer, PlanTask, WhatIfTask, WhatIfText } from './coverage-tasks.js';
import type { PatrolPlanTask } from './patrol-tasks.js';
import type { RoutePlan } from '../routes/patrol/route-plan.js';
import type { WorldRows } from '../../shared/geo/coverage-world.js';
import type { SharedWorld } from '../analysis/shared-world.js';
import type { DensityCells } from '../analysis/camera-siting.js';

let pool: Piscina | null = null;

/** A thread beyond the first ends after this long without a task. Each holds a V8 heap of its own (~30 MB idle
 * once it has collected its garbage, see analysis-worker.mjs). 5 s was tried: the second thread then ended and
 * started again during the load test (a start costs ~0.45 s CPU and 1–3 s on the loaded machine), server CPU per
 * request rose 12–22 % and the slowest requests waited 20 s; the threads' garbage, not the threads, was the
 * memory that stayed. */
export const POOL_IDLE_TIMEOUT_MS = 60_000;

function thePool(): Piscina {
  pool ??= new Piscina({
    filename: new URL('./analysis-worker.mjs', import.meta.url).href,
    minThreads: 1,
    maxThreads: Math.max(1, availableParallelism()),
    idleTimeout: POOL_IDLE_TIMEOUT_MS,
  });
  return pool;
}

interface Tasks {
  emerging: [EmergingTask, EmergingAnswer];
  giStar: [GiStarTask, GiStarAnswer];
  h3Units: [{ area: Polygon | MultiPolygon; resolution: number }, { ids: string[]; weights: WeightsArrays }];
  contiguity: [{ polygons: (Polygon | MultiPolygon)[] }, WeightsArrays];
  spin: [{ ms: number }, number];
  coverageWorld: [WorldRows, SharedWorld];
  cameraCounts: [{ world: SharedWorld; cameras: CameraColumns }, Uint16Array];
  coverageLedger: [{ world: SharedWorld; counts: Uint16Array; ledger: LedgerParams; density?: DensityCells }, string];
  coverageWhatIf: [WhatIfTask, WhatIfText];
  coveragePlan: [PlanTask, PlanAnswer];
  patrolPlan: [PatrolPlanTask, { plan: RoutePlan } | { planError: string }];
}

/** What the pool has done since the process started: GET /api/health/pool shows it, and the cancellation test
 * reads it from a real server process (a task whose request went away must end as `cancelled`, not run on). */
const tally = { started: 0, completed: 0, failed: 0, cancelled: 0, running: 0 };
type Tally = typeof tally;
/** The same per task name: the start-up warming (H3 surfaces, contiguity) runs on the pool too, so a reader who
 * wants to know what became of one kind of task (the cancellation test) reads its own line, not the totals. */
const byTask: Partial<Record<keyof Tasks, Tally>> = {};

/** Runs a task on the pool. `transfer` lists buffers the caller gives up (no copy); the signal cancels: a queued
 * task is dropped, a running one's thread is terminated (piscina starts another). */
export function runTask<K extends keyof Tasks>(name: K, input: Tasks[K][0], o: { transfer?: ArrayBuffer[]; signal?: AbortSignal } = {}): Promise<Tasks[K][1]> {
  const counts = [tally, (byTask[name] ??= { started: 0, completed: 0, failed: 0, cancelled: 0, running: 0 })];
  const count = (field: keyof Tally, by: 1 | -1 = 1) => counts.forEach((t) => (t[field] += by));
  count('started');
  count('running');
  const task = thePool().run(input, { name, transferList: o.transfer, signal: o.signal ?? null }) as Promise<Tasks[K][1]>;
  task.then(
    () => count('completed'),
    () => count(o.signal?.aborted ? 'cancelled' : 'failed'),
  ).finally(() => count('running', -1));
  return task;
}

export interface PoolStats extends Tally { threads: number; queued: number; byTask: Partial<Record<keyof Tasks, Tally>> }
export const poolStats = (): PoolStats => ({
  threads: pool?.threads.length ?? 0,
  queued: pool?.queueSize ?? 0,
  ...tally,
  byTask: Object.fromEntries(Object.entries(byTask).map(([k, t]) => [k, { ...t }])),
});

/** Stops the threads (server shutdown); a later task starts a new pool. */
export async function closePool(): Promise<void> {
  const p = pool;
  pool = null;
  await p?.destroy();
}

export const poolThreads = () => pool?.threads.length ?? 0;

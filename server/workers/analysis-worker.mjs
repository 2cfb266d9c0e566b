// The worker thread's entry (plain JavaScript, so it loads in any host: `tsx server/index.ts`, vitest, a
// bench): it registers tsx's loader for this thread and re-exports the TypeScript tasks for piscina.
import { setPriority } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { register } from 'tsx/esm/api';

// A lower CPU priority for this thread only (on Linux a nice value is per thread): with every core busy, the
// event loop — routing the small requests — wins over a long analysis, which takes what is left.
try {
  setPriority(0, 10);
} catch {
  /* not permitted here: run at normal priority */
}
register();

// A full GC once the thread has had no task for a moment: an analysis leaves tens of MB of garbage (its
// arrays, its answer's strings) that V8 collects only when this heap next fills, and the thread that stays (the
// pool keeps one) would hold it all the while the server is quiet. It runs on this thread, not the event loop,
// and only when the heap has grown by 16 MB since the last one (a small task leaves little to collect).
const { collectorOnGrowth } = await import('../http/idle-gc.ts');
const GC_WHEN_IDLE_MS = 1000;
const gc = collectorOnGrowth(16 * 2 ** 20, () => getHeapStatistics().used_heap_size);
let idleGc = null;
/** The task `fn`, with the idle GC put off while it runs and scheduled when it ends. */
const collectingWhenIdle =
  (fn) =>
  async (...args) => {
    clearTimeout(idleGc);
    try {
      return await fn(...args);
    } finally {
      idleGc = setTimeout(gc, GC_WHEN_IDLE_MS);
      idleGc.unref();
    }
  };

const tasks = await import('./analysis-tasks.ts');
const coverage = await import('./coverage-tasks.ts');
const patrol = await import('./patrol-tasks.ts');

export const emerging = collectingWhenIdle(tasks.emerging);
export const giStar = collectingWhenIdle(tasks.giStar);
export const spin = collectingWhenIdle(tasks.spin);
export const h3Units = collectingWhenIdle(tasks.h3Units);
export const contiguity = collectingWhenIdle(tasks.contiguity);
export const coverageWorld = collectingWhenIdle(coverage.coverageWorld);
export const cameraCounts = collectingWhenIdle(coverage.cameraCounts);
export const coverageLedger = collectingWhenIdle(coverage.coverageLedger);
export const coverageWhatIf = collectingWhenIdle(coverage.coverageWhatIf);
export const coveragePlan = collectingWhenIdle(coverage.coveragePlan);
export const patrolPlan = collectingWhenIdle(patrol.patrolPlan);

// The worker thread's entry (plain JavaScript, so it loads in any host: `tsx server/index.ts`, vitest, a
// bench): it registers tsx's loader for this thread and re-exports the TypeScript tasks for piscina.
import { setPriority } from 'node:os';
import { register } from 'tsx/esm/api';

// A lower CPU priority for this thread only (on Linux a nice value is per thread): with every core busy, the
// event loop — routing the small requests — wins over a long analysis, which takes what is left.
try {
  setPriority(0, 10);
} catch {
  /* not permitted here: run at normal priority */
}
register();
const tasks = await import('./analysis-tasks.ts');
const coverage = await import('./coverage-tasks.ts');
const patrol = await import('./patrol-tasks.ts');

export const emerging = tasks.emerging;
export const giStar = tasks.giStar;
export const spin = tasks.spin;
export const h3Units = tasks.h3Units;
export const contiguity = tasks.contiguity;
export const coverageWorld = coverage.coverageWorld;
export const cameraCounts = coverage.cameraCounts;
export const coverageLedger = coverage.coverageLedger;
export const coveragePlan = coverage.coveragePlan;
export const patrolPlan = patrol.patrolPlan;

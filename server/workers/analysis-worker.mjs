// The worker thread's entry (plain JavaScript, so it loads in any host: `tsx server/index.ts`, vitest, a
// bench): it registers tsx's loader for this thread and re-exports the TypeScript tasks for piscina.
import { register } from 'tsx/esm/api';

register();
const tasks = await import('./analysis-tasks.ts');

export const emerging = tasks.emerging;
export const giStar = tasks.giStar;
export const spin = tasks.spin;
export const h3Units = tasks.h3Units;
export const contiguity = tasks.contiguity;

// How the hotspot routes run their statistics: small surfaces (a county's townships, villages, grids) on the
// spot, where a round trip to a thread would cost more than the work; large ones (H3 surfaces of thousands of
// cells, emerging hot spots over many slices) on the worker pool, cancelled with the request.
import type { SpatialWeights } from '../analysis/spatial-weights.js';
import { emerging, giStar, type EmergingAnswer, type EmergingTask, type GiStarAnswer } from './analysis-tasks.js';
import { runTask } from './pool.js';

/** Below this many unit-slices (units × slices) the statistics run inline: well under the ~20 ms budget. */
export const INLINE_CELLS = 5000;
/** Gi* alone runs inline below this many cells: on the 1M county's H3 r8 surface (15,449 cells) it took 3.6 ms of
 * CPU inline against 8.3 ms through a worker (the round trip: waking the thread, copying the weights, sending
 * z, p and classes back), load average 9 — a command centre asks it often (12 % of bench:load's mix), and its
 * cost does not grow with the incidents (the surface is the county's). r9's ~100k cells still go to the pool. */
export const INLINE_GISTAR_CELLS = 20_000;

const copyWeights = (w: SpatialWeights) => ({ n: w.n, offsets: w.offsets.slice(), neighbours: w.neighbours.slice() });

export function giStarRun(values: Float64Array, w: SpatialWeights, signal?: AbortSignal): Promise<GiStarAnswer> {
  if (values.length < INLINE_GISTAR_CELLS) return Promise.resolve(giStar({ values, weights: w }));
  // The weights are the study units' cached ones: copied (a few MB), never transferred away from the cache.
  const weights = copyWeights(w);
  return runTask('giStar', { values, weights }, { transfer: [values.buffer as ArrayBuffer, weights.offsets.buffer as ArrayBuffer, weights.neighbours.buffer as ArrayBuffer], signal });
}

export function emergingRun(t: EmergingTask, signal?: AbortSignal): Promise<EmergingAnswer> {
  if (t.counts.length < INLINE_CELLS) return Promise.resolve(emerging(t));
  const weights = copyWeights(t.weights as SpatialWeights);
  return runTask('emerging', { ...t, weights }, { transfer: [t.counts.buffer as ArrayBuffer, weights.offsets.buffer as ArrayBuffer, weights.neighbours.buffer as ArrayBuffer], signal });
}

// Restricting spatial weights to a subset of units (a township's grids out of the county's): neighbours
// outside the subset are dropped, so a unit on the subset's edge is judged only against units inside it.
import { fromLists, type SpatialWeights } from './spatial-weights.js';

export function subsetWeights(w: SpatialWeights, keep: readonly number[]): SpatialWeights {
  const position = new Map(keep.map((k, i) => [k, i]));
  return fromLists(
    keep.map((k) => {
      const out: number[] = [];
      for (let j = w.offsets[k]; j < w.offsets[k + 1]; j++) {
        const p = position.get(w.neighbours[j]);
        if (p !== undefined) out.push(p);
      }
      return out;
    }),
  );
}

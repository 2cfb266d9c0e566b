// The CPU-heavy parts of the analyses, as run on a worker thread (server/workers/pool.ts): the statistics
// themselves are the analysis modules' own functions, called exactly as the route code called them on the
// main thread; here they only receive plain typed arrays (counts transferred, weights as CSR arrays) and give
// back what the answer needs. Nothing here touches the database or HTTP.
import { classifyEmerging, type EmergingResult } from '../analysis/emerging-hotspots.js';
import { classifyHotspots } from '../analysis/fdr.js';
import { getisOrdGiStar } from '../analysis/gistar.js';
import type { MultiPolygon, Polygon } from 'geojson';
import { h3CellsCovering } from '../analysis/h3-cells.js';
import { contiguityWeights, h3KRingWeights, type SpatialWeights } from '../analysis/spatial-weights.js';

export interface WeightsArrays { n: number; offsets: Int32Array; neighbours: Int32Array }

export interface GiStarTask { values: Float64Array; weights: WeightsArrays }
export interface GiStarAnswer { z: (number | null)[]; p: (number | null)[]; classes: Int8Array; critical: { p90: number; p95: number; p99: number } }

/** Gi* z and p per unit and the FDR hot/cold classes (as giStarMap computed them). */
export function giStar(t: GiStarTask): GiStarAnswer {
  const w: SpatialWeights = t.weights;
  const { z, p } = getisOrdGiStar(t.values, w);
  const { classes, critical } = classifyHotspots(z, p, true);
  return { z, p, classes, critical };
}

export interface EmergingTask {
  /** Counts per slice and unit, slice-major: counts[s * n + i]. */
  counts: Float64Array;
  slices: number;
  weights: WeightsArrays;
}
/** One unit's classification (its index in the study units) with its z series; units classed "none" left out. */
export interface EmergingUnit extends EmergingResult { index: number; z: (number | null)[] }
export interface EmergingAnswer { units: EmergingUnit[]; patternCounts: Record<string, number> }

/** Gi* (with FDR classes) per slice, then each unit's series classified (as emergingHotspots did). */
export function emerging(t: EmergingTask): EmergingAnswer {
  const n = t.weights.n;
  const perSlice = [];
  for (let s = 0; s < t.slices; s++) {
    const g = getisOrdGiStar(t.counts.subarray(s * n, (s + 1) * n), t.weights);
    perSlice.push({ z: g.z, classes: classifyHotspots(g.z, g.p, true).classes });
  }
  const units: EmergingUnit[] = [];
  const patternCounts: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const z = perSlice.map((s) => s.z[i]);
    const r = classifyEmerging(perSlice.map((s) => s.classes[i]), z);
    patternCounts[r.pattern] = (patternCounts[r.pattern] ?? 0) + 1;
    if (r.pattern !== 'none') units.push({ ...r, index: i, z });
  }
  return { units, patternCounts };
}

/** The H3 cells covering an area and their k-ring (k = 1) weights: a street-level county surface takes seconds. */
export function h3Units(t: { area: Polygon | MultiPolygon; resolution: number }): { ids: string[]; weights: WeightsArrays } {
  const ids = h3CellsCovering(t.area, t.resolution);
  return { ids, weights: h3KRingWeights(ids, 1) };
}

/** Queen contiguity weights of polygons (1 m tolerance), as the management-unit surfaces use. */
export function contiguity(t: { polygons: (Polygon | MultiPolygon)[] }): WeightsArrays {
  return contiguityWeights(t.polygons, 1);
}

/** Test aid: keeps a worker busy for `ms` (so a test can cancel it midway); answers how long it ran. */
export function spin(t: { ms: number }): number {
  const t0 = performance.now();
  while (performance.now() - t0 < t.ms) { /* busy */ }
  return performance.now() - t0;
}

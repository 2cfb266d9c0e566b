// Emerging Hot Spot Analysis: each location's series of Gi* classes over time slices, plus the Mann–Kendall
// trend of its Gi* z-scores, classified with the rules of ArcGIS Pro's Emerging Hot Spot Analysis
// ("Learn more about Emerging Hot Spot Analysis"): new, consecutive, intensifying, persistent, diminishing,
// sporadic, oscillating and historical hot (and cold) spots, or no pattern.
import { mannKendall, type MannKendall } from './mann-kendall.js';
import { EMERGING_PATTERNS, type EmergingPattern } from '../../shared/domain/hotspot-patterns.js';

export { EMERGING_PATTERNS, type EmergingPattern };

export interface EmergingResult { pattern: EmergingPattern; trend: MannKendall; hotSlices: number; coldSlices: number; finalClass: number }

/**
 * @param classes Gi* class per slice, oldest first: > 0 significant hot (90 % or more), < 0 significant cold.
 * @param z       Gi* z-score per slice (the Mann–Kendall input; null slices count as 0).
 */
export function classifyEmerging(classes: readonly number[], z: readonly (number | null)[]): EmergingResult {
  const trend = mannKendall(z.map((v) => v ?? 0));
  const hot = classes.map((c) => c > 0);
  const cold = classes.map((c) => c < 0);
  const hotSlices = hot.filter(Boolean).length;
  const coldSlices = cold.filter(Boolean).length;
  const finalClass = classes[classes.length - 1] ?? 0;
  const pattern = finalClass < 0 || (finalClass === 0 && coldSlices > hotSlices)
    ? side('cold', cold, hot, trend, true)
    : side('hot', hot, cold, trend, false);
  return { pattern, trend, hotSlices, coldSlices, finalClass };
}

/** The rules for one side (hot, or cold with the trend direction mirrored). */
function side(kind: 'hot' | 'cold', sig: boolean[], opposite: boolean[], trend: MannKendall, mirrored: boolean): EmergingPattern {
  const n = sig.length;
  const count = sig.filter(Boolean).length;
  const final = sig[n - 1];
  const share = count / n;
  const intensifying = trend.direction === (mirrored ? 'down' : 'up');
  const diminishing = trend.direction === (mirrored ? 'up' : 'down');
  const p = (name: string) => `${name}_${kind}` as EmergingPattern;
  if (count === 0) return 'none';
  if (!final) return share >= 0.9 ? p('historical') : 'none';
  if (share >= 0.9) return intensifying ? p('intensifying') : diminishing ? p('diminishing') : p('persistent');
  // The final slice is significant, in fewer than 90 % of slices.
  if (count === 1) return p('new');
  let run = 0;
  for (let i = n - 1; i >= 0 && sig[i]; i--) run++;
  if (run === count && run >= 2) return p('consecutive');
  if (opposite.some(Boolean)) return p('oscillating');
  return p('sporadic');
}

// Benjamini–Hochberg false-discovery-rate control for many simultaneous local tests (one per unit), and
// the hot/cold confidence classes of ArcGIS Hot Spot Analysis (Gi_Bin −3..3) computed with it.

/** The finite p-values in ascending order (a typed array sorts numerically, without a comparator call per step:
 * the Gi* of a few thousand units sorted a boxed array three times, the largest cost of the task). */
function sortedPValues(pValues: readonly (number | null)[]): Float64Array {
  const ps = new Float64Array(pValues.length);
  let m = 0;
  for (const p of pValues) if (p !== null && Number.isFinite(p)) ps[m++] = p;
  return ps.subarray(0, m).sort();
}

/** bhCriticalP on p-values already sorted. */
function criticalOfSorted(ps: Float64Array, q: number): number {
  const m = ps.length;
  let critical = 0;
  for (let k = 1; k <= m; k++) if (ps[k - 1] <= (k * q) / m) critical = ps[k - 1];
  return critical;
}

/** The largest p-value p(k) with p(k) ≤ k·q/m, or 0 when none passes: reject every test with p ≤ it. */
export function bhCriticalP(pValues: readonly (number | null)[], q: number): number {
  return criticalOfSorted(sortedPValues(pValues), q);
}

export interface HotspotClasses {
  classes: Int8Array; // −3 cold 99 % … 0 … 3 hot 99 %
  critical: { p90: number; p95: number; p99: number };
}

/** Classes at 90/95/99 % confidence, with FDR-adjusted critical p-values (or the plain ones). */
export function classifyHotspots(z: readonly (number | null)[], p: readonly (number | null)[], useFdr = true): HotspotClasses {
  const sorted = useFdr ? sortedPValues(p) : null; // sorted once for the three levels
  const critical = sorted ? { p90: criticalOfSorted(sorted, 0.1), p95: criticalOfSorted(sorted, 0.05), p99: criticalOfSorted(sorted, 0.01) } : { p90: 0.1, p95: 0.05, p99: 0.01 };
  const classes = new Int8Array(z.length);
  for (let i = 0; i < z.length; i++) {
    const pi = p[i], zi = z[i];
    if (pi === null || zi === null) continue;
    const level = pi <= critical.p99 ? 3 : pi <= critical.p95 ? 2 : pi <= critical.p90 ? 1 : 0;
    classes[i] = zi > 0 ? level : -level;
  }
  return { classes, critical };
}

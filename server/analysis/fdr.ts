// Benjamini–Hochberg false-discovery-rate control for many simultaneous local tests (one per unit), and
// the hot/cold confidence classes of ArcGIS Hot Spot Analysis (Gi_Bin −3..3) computed with it.

/** The largest p-value p(k) with p(k) ≤ k·q/m, or 0 when none passes: reject every test with p ≤ it. */
export function bhCriticalP(pValues: readonly (number | null)[], q: number): number {
  const ps = pValues.filter((p): p is number => p !== null && Number.isFinite(p)).sort((a, b) => a - b);
  const m = ps.length;
  let critical = 0;
  for (let k = 1; k <= m; k++) if (ps[k - 1] <= (k * q) / m) critical = ps[k - 1];
  return critical;
}

export interface HotspotClasses {
  classes: Int8Array; // −3 cold 99 % … 0 … 3 hot 99 %
  critical: { p90: number; p95: number; p99: number };
}

/** Classes at 90/95/99 % confidence, with FDR-adjusted critical p-values (or the plain ones). */
export function classifyHotspots(z: readonly (number | null)[], p: readonly (number | null)[], useFdr = true): HotspotClasses {
  const critical = useFdr ? { p90: bhCriticalP(p, 0.1), p95: bhCriticalP(p, 0.05), p99: bhCriticalP(p, 0.01) } : { p90: 0.1, p95: 0.05, p99: 0.01 };
  const classes = new Int8Array(z.length);
  for (let i = 0; i < z.length; i++) {
    const pi = p[i], zi = z[i];
    if (pi === null || zi === null) continue;
    const level = pi <= critical.p99 ? 3 : pi <= critical.p95 ? 2 : pi <= critical.p90 ? 1 : 0;
    classes[i] = zi > 0 ? level : -level;
  }
  return { classes, critical };
}

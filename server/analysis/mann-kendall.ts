// Mann–Kendall trend test (Mann 1945; Kendall 1975), as ArcGIS Emerging Hot Spot Analysis applies it to each
// location's Gi* z-score series: S counts rising minus falling pairs; with the tie-corrected variance and
// continuity correction, Z = (S ∓ 1) / √Var(S) is approximately standard normal.
import { twoSidedP } from './normal.js';

export interface MannKendall { s: number; varS: number; z: number; p: number; direction: 'up' | 'down' | 'none' }

export function mannKendall(series: readonly number[], alpha = 0.05): MannKendall {
  const n = series.length;
  let s = 0;
  for (let i = 0; i < n - 1; i++) for (let j = i + 1; j < n; j++) s += Math.sign(series[j] - series[i]);
  // Ties: groups of equal values reduce the variance.
  const counts = new Map<number, number>();
  for (const x of series) counts.set(x, (counts.get(x) ?? 0) + 1);
  let ties = 0;
  for (const t of counts.values()) if (t > 1) ties += t * (t - 1) * (2 * t + 5);
  const varS = (n * (n - 1) * (2 * n + 5) - ties) / 18;
  const z = varS <= 0 ? 0 : s > 0 ? (s - 1) / Math.sqrt(varS) : s < 0 ? (s + 1) / Math.sqrt(varS) : 0;
  const p = twoSidedP(z);
  return { s, varS, z, p, direction: p <= alpha ? (z > 0 ? 'up' : 'down') : 'none' };
}

// Is a unit's count this period really different from the same period last year? Conditional on the
// total a + b, under "no change in rate" the current count a is Binomial(a + b, p0) with p0 the current
// period's share of the exposure time. Two-sided exact test for small totals, normal approximation with
// continuity correction beyond; so that noise on small counts is not painted as change.
import { twoSidedP } from './normal.js';

function logChoose(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log((n - k + i) / i);
  return s;
}

export function binomialTwoSidedP(a: number, n: number, p0: number): number {
  if (n === 0) return 1;
  if (n > 1000) {
    const mean = n * p0, sd = Math.sqrt(n * p0 * (1 - p0));
    const dev = Math.max(0, Math.abs(a - mean) - 0.5);
    return Math.min(1, twoSidedP(dev / sd));
  }
  // Exact: sum the probabilities of all outcomes no more likely than the observed one.
  const logP = (k: number) => logChoose(n, k) + k * Math.log(p0) + (n - k) * Math.log(1 - p0);
  const observed = logP(a);
  let p = 0;
  for (let k = 0; k <= n; k++) {
    const l = logP(k);
    if (l <= observed + 1e-9) p += Math.exp(l);
  }
  return Math.min(1, p);
}

export interface ChangeResult { changePct: number | null; p: number; class: 'up' | 'down' | 'none' }

/** @param share the current period's share of the total exposure (0.5 for two windows of equal length). */
export function periodChange(current: number, previous: number, share = 0.5, alpha = 0.05): ChangeResult {
  const p = binomialTwoSidedP(current, current + previous, share);
  const expectedRatio = share / (1 - share);
  const changePct = previous > 0 ? ((current / previous / expectedRatio) - 1) * 100 : null;
  const cls = p <= alpha ? (current / Math.max(1e-9, current + previous) > share ? 'up' : 'down') : 'none';
  return { changePct, p, class: cls };
}

// Is a unit's count this period really different from the same period last year? Conditional on the
// total a + b, under "no change in rate" the current count a is Binomial(a + b, p0) with p0 the current
// period's share of the exposure time. The two-sided exact test for every total (the tails are incomplete
// beta functions, so 50,000 cases cost what 50 do), so that noise on small counts is not painted as change.
import { binomialCdf, binomialLogPmf, binomialUpperTail } from './binomial.js';

/** Relative slack when comparing probabilities, as scipy.stats.binomtest does (ties across rounding). */
const RELATIVE_SLACK = 1 + 1e-7;

/**
 * Two-sided exact binomial p-value: the probability of every outcome no more likely than the observed one
 * (the "minlike" rule of R's binom.test and scipy's binomtest). The pmf is unimodal, so the outcomes on the
 * other side of the mean that are no more likely form one tail, found by bisection.
 */
export function binomialTwoSidedP(a: number, n: number, p0: number): number {
  if (n === 0) return 1;
  const mean = n * p0;
  const observed = binomialLogPmf(a, n, p0) + Math.log(RELATIVE_SLACK);
  const noMoreLikely = (k: number) => binomialLogPmf(k, n, p0) <= observed;
  if (a === mean) return 1;
  let p: number;
  if (a < mean) {
    // Smallest j ≥ ceil(mean) whose pmf is no more than the observed one (pmf falls from there on).
    let lo = Math.ceil(mean), hi = n + 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (noMoreLikely(mid)) hi = mid;
      else lo = mid + 1;
    }
    p = binomialCdf(a, n, p0) + binomialUpperTail(lo, n, p0);
  } else {
    // Largest j ≤ floor(mean) whose pmf is no more than the observed one (pmf rises up to there).
    let lo = -1, hi = Math.floor(mean);
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (noMoreLikely(mid)) lo = mid;
      else hi = mid - 1;
    }
    p = binomialCdf(lo, n, p0) + binomialUpperTail(a, n, p0);
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

// The change map's binomial test is exact at every size: against scipy's binomtest (values printed by
// scipy 1.17.1, `scipy.stats.binomtest(k, n, p).pvalue`) and against a brute-force sum over every outcome
// in log space written here (a pmf recurrence, independent of the incomplete beta the code uses).
import { describe, expect, it } from 'vitest';
import { binomialCdf, binomialUpperTail, logGamma, regularizedIncompleteBeta } from '../../server/analysis/binomial.js';
import { binomialTwoSidedP } from '../../server/analysis/change-test.js';
import { Random } from '../../server/demo/random.js';

const SHARE_92_91 = 92 / 183; // a 92-day window against the 91 days of the same window a year before

const SCIPY: [k: number, n: number, p: number, pValue: number][] = [
  [0, 183, SHARE_92_91, 2.9924394677838543e-56],
  [3, 10, 0.5, 0.34375],
  [530, 1000, 0.5, 0.06202319509836343],
  [1100, 2000, 0.5, 8.45708953550381e-6],
  [1040, 2001, 0.5, 0.0811860566767005],
  [560, 1200, 0.4, 3.1319696938985206e-6],
  [2500, 5000, 0.5, 1],
  [2600, 5000, 0.5, 0.004883649737517494],
  [40, 5000, 0.01, 0.1761678933501103],
  [70, 5000, 0.01, 0.006738699456829585],
  [25000, 50000, 0.5, 1],
  [25300, 50000, 0.5, 0.0073878345180358905],
  [900, 3000, SHARE_92_91, 3.7930735786248097e-112],
  [12345, 20000, 0.6, 6.121664054407143e-7],
];

/** Σ P(X = j) over every j with P(X = j) ≤ P(X = k)·(1 + 1e-7), each term from the pmf recurrence. */
function bruteForceTwoSided(k: number, n: number, p: number): number {
  const log = new Float64Array(n + 1);
  log[0] = n * Math.log1p(-p);
  const ratio = Math.log(p) - Math.log1p(-p);
  for (let j = 0; j < n; j++) log[j + 1] = log[j] + Math.log((n - j) / (j + 1)) + ratio;
  const threshold = log[k] + Math.log(1 + 1e-7);
  // Sum in log space relative to the largest term so that no term underflows before it matters.
  let max = -Infinity;
  for (let j = 0; j <= n; j++) if (log[j] <= threshold && log[j] > max) max = log[j];
  let s = 0;
  for (let j = 0; j <= n; j++) if (log[j] <= threshold) s += Math.exp(log[j] - max);
  return Math.min(1, s * Math.exp(max));
}

const relativeError = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)));

describe('exact binomial two-sided test', () => {
  it.each(SCIPY)('k = %i of n = %i at p0 = %f equals scipy binomtest', (k, n, p, expected) => {
    expect(relativeError(binomialTwoSidedP(k, n, p), expected)).toBeLessThan(1e-9);
  });

  it('equals the brute-force sum on random cases from 1 to 20,000 trials, tails included', () => {
    const r = new Random(14);
    let worst = 0, compared = 0;
    for (let t = 0; t < 300; t++) {
      const n = t < 100 ? r.int(1, 1000) : r.int(1001, 20000);
      const p = 0.05 + 0.9 * r.next();
      // Anywhere from the far tail to the centre: deviation up to 8 standard deviations.
      const sd = Math.sqrt(n * p * (1 - p));
      const k = Math.max(0, Math.min(n, Math.round(n * p + (r.next() * 16 - 8) * sd)));
      const brute = bruteForceTwoSided(k, n, p);
      if (brute < 1e-300) continue;
      const e = relativeError(binomialTwoSidedP(k, n, p), brute);
      worst = Math.max(worst, e);
      compared++;
    }
    expect(compared).toBeGreaterThan(250);
    expect(worst).toBeLessThan(1e-8);
  });

  it('the tails and log-gamma against hand-known values', () => {
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    // I_x(1, 1) = x; I_x(a, 1) = x^a; I_0.5(a, a) = 0.5.
    expect(regularizedIncompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 14);
    expect(regularizedIncompleteBeta(0.3, 4, 1)).toBeCloseTo(0.3 ** 4, 14);
    expect(regularizedIncompleteBeta(0.5, 700, 700)).toBeCloseTo(0.5, 10);
    // Binomial(10, 0.5): P(X ≤ 2) = 56/1024, P(X ≥ 8) = 56/1024.
    expect(binomialCdf(2, 10, 0.5)).toBeCloseTo(56 / 1024, 14);
    expect(binomialUpperTail(8, 10, 0.5)).toBeCloseTo(56 / 1024, 14);
  });
});

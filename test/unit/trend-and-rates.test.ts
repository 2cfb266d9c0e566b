// Mann–Kendall, the emerging-hotspot rules, Empirical Bayes rates and the period-change test, each against
// hand-computed cases (arithmetic written out in the comments).
import { cellToParent, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { binomialTwoSidedP, periodChange } from '../../server/analysis/change-test.js';
import { classifyEmerging } from '../../server/analysis/emerging-hotspots.js';
import { h3HexSql, h3ParentSql, h3ToBigInt } from '../../server/analysis/h3-cells.js';
import { mannKendall } from '../../server/analysis/mann-kendall.js';
import { empiricalBayesRates } from '../../server/analysis/rate-stabilisation.js';
import { Database } from '../../server/db/database.js';

describe('Mann–Kendall', () => {
  it('a strictly rising series of 5: S = 10, Var = 5·4·15/18, Z = 9/√16.67 = 2.2045, p = 0.02749', () => {
    const r = mannKendall([1, 2, 3, 4, 5]);
    expect(r.s).toBe(10);
    expect(r.varS).toBeCloseTo(16.6667, 4);
    expect(r.z).toBeCloseTo(2.2045407685, 8);
    expect(r.p).toBeCloseTo(0.0274863361, 8);
    expect(r.direction).toBe('up');
  });
  it('ties reduce the variance: [1,1,2] → S = 2, Var = (66 − 18)/18, Z = 1/√2.667', () => {
    const r = mannKendall([1, 1, 2]);
    expect(r.s).toBe(2);
    expect(r.varS).toBeCloseTo(48 / 18, 10);
    expect(r.z).toBeCloseTo(0.6123724357, 8);
    expect(r.direction).toBe('none');
  });
  it('falling series are down, flat ones have no trend', () => {
    expect(mannKendall([9, 8, 7, 6, 5, 4, 3]).direction).toBe('down');
    expect(mannKendall([2, 2, 2, 2]).z).toBe(0);
  });
});

describe('emerging hot spot rules (ArcGIS definitions)', () => {
  const rising = (n: number) => Array.from({ length: n }, (_, i) => i);
  const falling = (n: number) => Array.from({ length: n }, (_, i) => n - i);
  const flat = (n: number) => Array.from({ length: n }, (_, i) => (i % 2 ? 2.1 : 2.2));
  const hot = (n: number) => Array(n).fill(2);
  it('new: hot only in the final slice', () => expect(classifyEmerging([0, 0, 0, 0, 0, 0, 0, 0, 0, 3], rising(10)).pattern).toBe('new_hot'));
  it('consecutive: one run of ≥ 2 hot slices at the end, never before', () =>
    expect(classifyEmerging([0, 0, 0, 0, 0, 0, 0, 1, 2, 3], rising(10)).pattern).toBe('consecutive_hot'));
  it('intensifying: hot in ≥ 90 % of slices incl. the final, significant upward trend', () => expect(classifyEmerging(hot(10), rising(10)).pattern).toBe('intensifying_hot'));
  it('persistent: hot in ≥ 90 %, no trend', () => expect(classifyEmerging(hot(10), flat(10)).pattern).toBe('persistent_hot'));
  it('diminishing: hot in ≥ 90 %, significant downward trend', () => expect(classifyEmerging(hot(10), falling(10)).pattern).toBe('diminishing_hot'));
  it('sporadic: on and off, hot at the end, never cold', () => expect(classifyEmerging([1, 0, 2, 0, 0, 1, 0, 0, 0, 2], flat(10)).pattern).toBe('sporadic_hot'));
  it('oscillating: hot at the end, cold before', () => expect(classifyEmerging([-1, 0, 2, 0, -2, 1, 0, 0, 0, 2], flat(10)).pattern).toBe('oscillating_hot'));
  it('historical: not hot at the end, hot in ≥ 90 % before', () =>
    expect(classifyEmerging([...Array(19).fill(2), 0], falling(20)).pattern).toBe('historical_hot'));
  it('cold mirrors hot (a cold spot getting colder is intensifying)', () => expect(classifyEmerging(Array(10).fill(-2), falling(10)).pattern).toBe('intensifying_cold'));
  it('no pattern otherwise', () => {
    expect(classifyEmerging(Array(10).fill(0), flat(10)).pattern).toBe('none');
    expect(classifyEmerging([2, 2, 0, 0, 0, 0, 0, 0, 0, 0], falling(10)).pattern).toBe('none');
  });
});

describe('Empirical Bayes rates', () => {
  it('shrinks small units toward the pooled rate (hand-computed method of moments)', () => {
    // k = [90, 45, 1], n = [100, 50, 2]: pooled 136/152 = 0.894737; weighted variance of raw rates
    // s² = Σ n(r − m)²/N = 0.0020776; binomial part m(1−m)/n̄ = 0.0018589; between = 0.00021869;
    // prior weight m(1−m)/between − 1 = 429.667 → EB_i = (k_i + 429.667·m)/(n_i + 429.667)
    const r = empiricalBayesRates([90, 45, 1], [100, 50, 2]);
    expect(r[0].eb).toBeCloseTo(0.8957305157, 8);
    expect(r[1].eb).toBeCloseTo(0.8952854687, 8);
    expect(r[2].eb).toBeCloseTo(0.8929079455, 8);
    expect(r[2].raw).toBe(0.5);
    expect(r.map((x) => x.lowConfidence)).toEqual([false, false, true]);
  });
  it('handles units without cases', () => {
    expect(empiricalBayesRates([0, 5], [0, 10])[0]).toEqual({ raw: null, eb: null, lowConfidence: true });
  });
});

describe('period change test', () => {
  it('exact binomial: 8 of 10 at p0 = .5 → outcomes as unlikely: k ∈ {0,1,2,8,9,10} → 112/1024', () => {
    expect(binomialTwoSidedP(8, 10, 0.5)).toBeCloseTo(112 / 1024, 12);
    expect(binomialTwoSidedP(5, 10, 0.5)).toBeCloseTo(1, 12);
  });
  it('does not call 3 → 6 a change, but does call 30 → 60 one', () => {
    expect(periodChange(6, 3).class).toBe('none');
    const big = periodChange(60, 30);
    expect(big.class).toBe('up');
    expect(big.changePct).toBeCloseTo(100, 10);
    expect(periodChange(30, 60).class).toBe('down');
  });
});

describe('H3 parents in SQL', () => {
  it('equal h3-js cellToParent for resolutions 5..9', async () => {
    const db = await Database.open(':memory:');
    try {
      for (const [lat, lon] of [[44.813, 123.088], [44.5, 122.3], [-33.9, 151.2]]) {
        const c9 = latLngToCell(lat, lon, 9);
        for (let res = 5; res <= 9; res++) {
          // Read as hex text: a UBIGINT does not survive a trip through a JS number (database.ts BigInt policy).
          const [row] = await db.query<{ p: string }>(`SELECT ${h3HexSql(h3ParentSql('h', res))} AS p FROM (SELECT ?::UBIGINT AS h)`, [h3ToBigInt(c9).toString()]);
          expect(row.p).toBe(cellToParent(c9, res));
        }
      }
    } finally {
      db.close();
    }
  });
});

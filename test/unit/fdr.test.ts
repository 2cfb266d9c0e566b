import { describe, expect, it } from 'vitest';
import { bhCriticalP, classifyHotspots } from '../../server/analysis/fdr.js';

describe('Benjamini–Hochberg (hand-computed)', () => {
  // m = 10 sorted p-values; q = 0.05 → thresholds k·0.005: 0.005, 0.010, 0.015, 0.020, 0.025, …
  const p = [0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216];
  it('finds the largest k with p(k) ≤ k q / m', () => {
    // p(1)=0.001 ≤ 0.005 ✓, p(2)=0.008 ≤ 0.010 ✓, p(3)=0.039 > 0.015, p(4)=0.041 > 0.020, p(5)=0.042 > 0.025,
    // … p(10)=0.216 > 0.05: the largest passing k is 2 → critical p = 0.008.
    expect(bhCriticalP(p, 0.05)).toBe(0.008);
    // q = 0.10 → k·0.01: p(5)=0.042 ≤ 0.05 ✓, p(6)=0.06 ≤ 0.06 ✓, p(7)=0.074 > 0.07 → critical 0.06
    expect(bhCriticalP(p, 0.1)).toBe(0.06);
    expect(bhCriticalP([0.5, 0.9], 0.05)).toBe(0);
  });
  it('is order-independent and ignores units without a test', () => {
    expect(bhCriticalP([...p].reverse().concat([null as unknown as number]), 0.05)).toBe(0.008);
  });
  it('classes hot and cold at 90/95/99 % with the FDR thresholds', () => {
    const z = [3.5, 2.7, 1.8, -2.7, 0.5, null];
    const ps = [0.0005, 0.007, 0.072, 0.007, 0.62, null];
    const { classes, critical } = classifyHotspots(z, ps, true);
    // m = 5: q=.01 → k·.002: p(1)=.0005 ✓, p(2)=.007 > .004, p(3)=.007 > .006 → p99 = .0005
    // q=.05 → k·.01: .0005 ✓ .007 ✓ .007 ✓ (≤ .03), .072 > .04, .62 → p95 = .007
    // q=.10 → k·.02: .0005, .007, .007 ✓, .072 ≤ .08 ✓, .62 > .1 → p90 = .072
    expect(critical).toEqual({ p99: 0.0005, p95: 0.007, p90: 0.072 });
    expect([...classes]).toEqual([3, 2, 1, -2, 0, 0]);
    expect([...classifyHotspots(z, ps, false).classes]).toEqual([3, 3, 1, -3, 0, 0]);
  });
});

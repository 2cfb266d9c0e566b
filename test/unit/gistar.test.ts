// Getis–Ord against PySAL esda's published answers (../shared/oracles/getis-ord), plus hand-computed cases.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getisOrdGi, getisOrdGiStar } from '../../server/analysis/gistar.js';
import { erfc, normalCdf, twoSidedP } from '../../server/analysis/normal.js';
import { distanceBandWeights, fromLists } from '../../server/analysis/spatial-weights.js';

const oracle = JSON.parse(readFileSync(new URL('../fixtures/oracles/getis-ord/expected.json', import.meta.url), 'utf8')) as {
  points: [number, number][];
  y: number[];
  GiStar_Z_binary: number[];
  Gi_Z_binary: number[];
};

describe('Getis–Ord Gi* (oracle: PySAL esda, binary distance band d ≤ 15)', () => {
  const w = distanceBandWeights(oracle.points, 15);
  it('Gi* z-scores equal PySAL to 1e-6', () => {
    const { z } = getisOrdGiStar(oracle.y, w);
    z.forEach((v, i) => expect(Math.abs(v! - oracle.GiStar_Z_binary[i]), `unit ${i}`).toBeLessThan(1e-6));
  });
  it('Gi z-scores (self excluded) equal PySAL to 1e-6', () => {
    const { z } = getisOrdGi(oracle.y, w);
    z.forEach((v, i) => expect(Math.abs(v! - oracle.Gi_Z_binary[i]), `unit ${i}`).toBeLessThan(1e-6));
  });
});

describe('Gi* hand-computed', () => {
  it('a line of five units with a peak in the middle', () => {
    // x = [0, 0, 10, 0, 0], rook neighbours on a line. n=5, mean=2, S=sqrt(100/5 - 4)=4.
    // Unit 2: local sum = 0+10+0 = 10, wi = 3 → (10 - 6) / (4 * sqrt((15 - 9)/4)) = 4 / (4*sqrt(1.5)) = 0.8165
    const w = fromLists([[1], [0, 2], [1, 3], [2, 4], [3]]);
    const { z } = getisOrdGiStar([0, 0, 10, 0, 0], w);
    expect(z[2]).toBeCloseTo(1 / Math.sqrt(1.5), 10);
    // Unit 0: local = 0, wi = 2 → (0 - 4) / (4 * sqrt((10-4)/4)) = -1/sqrt(1.5)
    expect(z[0]).toBeCloseTo(-1 / Math.sqrt(1.5), 10);
  });
  it('gives null to a unit without neighbours and to a constant surface', () => {
    const w = fromLists([[1], [0], []]);
    expect(getisOrdGiStar([1, 2, 3], w).z[2]).toBeNull();
    expect(getisOrdGiStar([4, 4, 4], w).z).toEqual([null, null, null]);
  });
});

describe('normal tails', () => {
  it('matches tabulated values', () => {
    expect(erfc(1)).toBeCloseTo(0.157299207050285, 14);
    expect(erfc(0.3)).toBeCloseTo(0.671373240540873, 14);
    expect(erfc(5)).toBeCloseTo(1.53745979442803e-12, 22);
    expect(twoSidedP(1.959963984540054)).toBeCloseTo(0.05, 12);
    expect(twoSidedP(2.5758293035489)).toBeCloseTo(0.01, 12);
    expect(normalCdf(-1.6448536269514722)).toBeCloseTo(0.05, 12);
  });
});

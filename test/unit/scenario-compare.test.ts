// The side-by-side of two saved scenarios: every figure is the one a planner would compute by hand from the
// two ledgers (covered sites per category, total shortfall, road km covered, crossings watched) and B − A.
import { describe, expect, it } from 'vitest';
import type { Ledger } from '../../client/views/coverage/coverage-api.js';
import { compareLedgers } from '../../client/views/coverage/scenario-compare.js';

const cat = (category: string, sites: number, covered: number, shortfall: number) => ({ category, sites, covered, pct: (100 * covered) / sites, targetPct: 90, shortfall });
const road = (roadClass: string, lengthM: number, coveredM: number) => ({ roadClass, lengthM, coveredM, pct: (100 * coveredM) / lengthM, targetPct: 50 });
const ledger = (cats: ReturnType<typeof cat>[], roads: ReturnType<typeof road>[], crossed: boolean[]) =>
  ({ categories: cats, roads, crossings: crossed.map((covered, i) => ({ id: i, roadName: `X${i}`, covered, cameras: covered ? 1 : 0 })), kinds: [], units: [], level: 'grid' }) as unknown as Ledger;

describe('compareLedgers', () => {
  it('gives each figure of A, of B and B − A as computed by hand', () => {
    const a = ledger([cat('key_road', 40, 30, 6), cat('public_place', 108, 90, 8)], [road('county', 12_340, 4_000), road('village', 5_000, 25)], [true, false, false]);
    const b = ledger([cat('key_road', 40, 28, 8), cat('public_place', 108, 91, 7)], [road('county', 12_340, 4_560), road('village', 5_000, 25)], [true, true, false]);
    const rows = compareLedgers(a, b);
    expect(rows).toEqual([
      { kind: 'category', category: 'key_road', a: 30, b: 28, of: 40, delta: -2 },
      { kind: 'category', category: 'public_place', a: 90, b: 91, of: 108, delta: 1 },
      { kind: 'shortfall', a: 14, b: 15, of: null, delta: 1 },
      // 4.025 km → 4.0, 4.585 km → 4.6; 17.34 km of road in all
      { kind: 'roads', a: 4, b: 4.6, of: 17.3, delta: 0.6 },
      { kind: 'crossings', a: 1, b: 2, of: 3, delta: 1 },
    ]);
  });

  it('compares a scenario with itself as all zero differences', () => {
    const a = ledger([cat('village_road', 7, 0, 6)], [road('street', 1, 1)], []);
    expect(compareLedgers(a, a).every((r) => r.delta === 0)).toBe(true);
  });
});

// The top gaps the map draws (merged by score from the two ranked lists, compared with a brute-force sort)
// and what an edit changed in the ledger ("公共场所 90 → 91 / 108").
import { describe, expect, it } from 'vitest';
import type { Ledger, RoadGap, SiteGap } from '../../client/views/coverage/coverage-api.js';
import { focusGaps, GapFocus } from '../../client/views/coverage/gap-focus.js';
import { ledgerChanges } from '../../client/views/coverage/ledger-changes.js';

let seed = 11;
const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
const sites = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i, score: Math.round(rnd() * 100) }) as SiteGap).sort((a, b) => b.score! - a.score!);
const roads = (n: number) => Array.from({ length: n }, (_, i) => ({ roadId: i, score: Math.round(rnd() * 100) }) as RoadGap).sort((a, b) => b.score! - a.score!);

describe('focusGaps', () => {
  it('keeps the n best of both lists, as a brute-force sort of all of them does', () => {
    for (let round = 0; round < 50; round++) {
      const s = sites(Math.floor(rnd() * 30)), r = roads(Math.floor(rnd() * 30)), n = 1 + Math.floor(rnd() * 25);
      const f = focusGaps(r, s, false, n);
      const all = [...s.map((x) => x.score!), ...r.map((x) => x.score!)].sort((a, b) => b - a);
      expect(f.top.map((g) => g.score)).toEqual(all.slice(0, n));
      expect(f.sites.length + f.roads.length).toBe(Math.min(n, all.length));
      expect(f.top.filter((g) => g.type === 'site').map((g) => g.gap)).toEqual(f.sites);
      expect(f.total).toBe(all.length);
      const every = focusGaps(r, s, true, n);
      expect([every.sites.length, every.roads.length]).toEqual([s.length, r.length]);
    }
  });

  it('returns the same object while its inputs are the same', () => {
    const memo = new GapFocus(), s = sites(5), r = roads(5);
    expect(memo.of(r, s, false)).toBe(memo.of(r, s, false));
    expect(memo.of(r, s, true)).not.toBe(memo.of(r, s, false));
  });
});

const ledger = (publicCovered: number, roadCoveredM: number, crossed: number) =>
  ({
    categories: [{ category: 'public_place', sites: 108, covered: publicCovered, pct: 0, targetPct: 100, shortfall: 108 - publicCovered }, { category: 'key_road', sites: 52, covered: 48, pct: 0, targetPct: 100, shortfall: 4 }],
    roads: [{ roadClass: 'street', lengthM: 3_532_300, coveredM: roadCoveredM, pct: 0, targetPct: 100, shortfallM: 0 }],
    crossings: Array.from({ length: 15 }, (_, i) => ({ covered: i < crossed })),
  }) as unknown as Ledger;

describe('ledgerChanges', () => {
  it('lists only the figures that moved, before → after of the whole', () => {
    expect(ledgerChanges(ledger(90, 129_100, 6), ledger(91, 129_160, 6))).toEqual([
      { kind: 'category', category: 'public_place', before: 90, after: 91, of: 108 },
      { kind: 'roads', before: 129.1, after: 129.2, of: 3532.3 },
    ]);
    expect(ledgerChanges(ledger(90, 129_100, 6), ledger(90, 129_100, 7))).toEqual([{ kind: 'crossings', before: 6, after: 7, of: 15 }]);
    expect(ledgerChanges(ledger(90, 129_100, 6), ledger(90, 129_120, 6))).toEqual([]); // 20 m rounds away
  });
});

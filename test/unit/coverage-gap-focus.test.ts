// The top gaps the map draws (target classes taking turns, on a hand-made case and against a brute-force oracle)
// and what an edit changed in the ledger ("公共场所 90 → 91 / 108").
import { describe, expect, it } from 'vitest';
import type { Ledger, RoadGap, SiteGap } from '../../client/views/coverage/coverage-api.js';
import { focusGaps, gapClass, GapFocus } from '../../client/views/coverage/gap-focus.js';
import { ledgerChanges } from '../../client/views/coverage/ledger-changes.js';

let seed = 11;
const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
const CATS = ['public_place', 'key_road', 'township_street'] as const;
const CLASSES = ['street', 'village', 'national'] as const;
const sites = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i, category: CATS[i % 3], score: Math.round(rnd() * 100) }) as SiteGap).sort((a, b) => b.score! - a.score!);
const roads = (n: number) => Array.from({ length: n }, (_, i) => ({ roadId: i, roadClass: CLASSES[i % 3], score: Math.round(rnd() * 10) }) as RoadGap).sort((a, b) => b.score! - a.score!);
const site = (id: number, category: SiteGap['category'], score: number) => ({ id, category, score }) as SiteGap;
const road = (roadId: number, roadClass: RoadGap['roadClass'], score: number) => ({ roadId, roadClass, score }) as RoadGap;

describe('focusGaps', () => {
  it('hand-made: sites score ≥ 27, roads ≤ 6 — the classes take turns, so roads are seen; 0-score gaps wait for "all"', () => {
    const s = [site(1, 'public_place', 30), site(2, 'public_place', 28), site(3, 'public_place', 27), site(4, 'key_road', 29)];
    const r = [road(10, 'street', 6), road(11, 'street', 5), road(12, 'village', 2), road(13, 'village', 0)];
    const f = focusGaps(r, s, false, 6);
    // round 1: the best of each class, best first; round 2: the second of each class that has one
    expect(f.top.map((g) => [g.type === 'site' ? g.gap.id : g.gap.roadId, g.classRank])).toEqual([[1, 1], [4, 1], [10, 1], [12, 1], [2, 2], [11, 2]]);
    expect(f.sites.map((x) => x.id)).toEqual([1, 4, 2]);
    expect(f.roads.map((x) => x.roadId)).toEqual([10, 12, 11]);
    // merged by raw score the top 4 would be all sites
    expect(focusGaps(r, s, false, 4).top.filter((g) => g.type === 'road').length).toBe(2);
    // the 0-score village stretch is never in the top, only on the map with "all"
    expect(focusGaps(r, s, false, 100).top.length).toBe(7);
    expect(focusGaps(r, s, true, 6).roads.length).toBe(4);
    expect(f.total).toBe(8);
  });

  it('brute-force oracle: each class gives a best-first prefix of itself, and no class gets 2 more than another that has gaps left', () => {
    for (let round = 0; round < 50; round++) {
      const s = sites(Math.floor(rnd() * 30)), r = roads(Math.floor(rnd() * 30)), n = 1 + Math.floor(rnd() * 25);
      const f = focusGaps(r, s, false, n);
      const positive = [...s.map((gap) => ({ type: 'site' as const, gap, score: gap.score!, classRank: 0 })), ...r.map((gap) => ({ type: 'road' as const, gap, score: gap.score!, classRank: 0 }))].filter((g) => g.score > 0);
      expect(f.top.length).toBe(Math.min(n, positive.length));
      const byClass = new Map<string, number[]>();
      for (const g of positive) byClass.set(gapClass(g), [...(byClass.get(gapClass(g)) ?? []), g.score]);
      const taken = new Map<string, number[]>();
      for (const g of f.top) taken.set(gapClass(g), [...(taken.get(gapClass(g)) ?? []), g.score]);
      for (const [k, scores] of byClass) {
        const got = taken.get(k) ?? [];
        expect(got).toEqual([...scores].sort((a, b) => b - a).slice(0, got.length));
        for (const [k2, scores2] of byClass) if (k2 !== k && (taken.get(k2)?.length ?? 0) < scores2.length) expect(got.length).toBeLessThanOrEqual((taken.get(k2)?.length ?? 0) + 1);
      }
      expect(f.top.filter((g) => g.type === 'site').map((g) => g.gap)).toEqual(f.sites);
      expect(f.total).toBe(s.length + r.length);
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

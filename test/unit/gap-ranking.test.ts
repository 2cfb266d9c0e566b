// Gap ranking by the optimiser's weighting: scores computed by hand for a site and for road stretches
// (short and long, in a dense and an empty cell), and the order best first for random gaps.
import { describe, expect, it } from 'vitest';
import { maxDensityAlong, rankGaps, roadGapScore, siteGapScore } from '../../server/analysis/gap-ranking.js';
import { COVERAGE_TARGETS } from '../../shared/domain/sites.js';
import type { RoadGap, SiteGap } from '../../shared/geo/coverage-ledger.js';

// density 4 east of 123.0°, 1 west of it
const density = (lon: number) => (lon >= 123 ? 4 : 1);
const site = (lon: number): SiteGap => ({ id: 1, name: '车站', kind: 'station', category: 'public_place', lon, lat: 44.8, cameras: 0, need: 1 });
const road = (roadClass: RoadGap['roadClass'], line: [number, number][], lengthM: number): RoadGap => ({ roadId: 1, name: '幸福路', roadClass, lengthM, line });

describe('gap scores', () => {
  it('scores a site as 30 × its target share × the density there', () => {
    const share = COVERAGE_TARGETS.public_place.targetPct / 100;
    expect(siteGapScore(site(123.1), density)).toBeCloseTo(30 * share * 4, 9);
    expect(siteGapScore(site(122.9), density)).toBeCloseTo(30 * share * 1, 9);
  });

  it('scores a road stretch by what one camera reach (60 m) covers of it at the densest point', () => {
    // a 40 m street (target 100 %) in the dense cell: 1 × 40 / 10 × 4 = 16
    expect(roadGapScore(road('street', [[123.1, 44.8], [123.1005, 44.8]], 40), density)).toBeCloseTo(16, 9);
    // a 3 km village road (target 90 %) in the empty cell: 0.9 × 60 / 10 × 1 = 5.4 — not 270 for its length
    expect(roadGapScore(road('village', [[122.5, 44.8], [122.54, 44.8]], 3000), density)).toBeCloseTo(5.4, 9);
    // a county road (no target: 50 %) crossing into the dense cell midway between its two vertices
    expect(roadGapScore(road('county', [[122.99, 44.8], [123.02, 44.8]], 2400), density)).toBeCloseTo(0.5 * 6 * 4, 9);
  });

  it('probes the density between far-apart vertices', () => {
    const spike = (lon: number) => (Math.abs(lon - 122.505) < 0.002 ? 9 : 1);
    expect(maxDensityAlong([[122.5, 44.8], [122.51, 44.8]], spike)).toBe(9);
  });

  it('orders random gaps best first and keeps every gap', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const sites = Array.from({ length: 50 }, (_, i) => ({ ...site(122.8 + rnd() * 0.4), id: i }));
    const roads = Array.from({ length: 50 }, (_, i) => ({ ...road(rnd() < 0.5 ? 'street' : 'village', [[122.8 + rnd() * 0.4, 44.8], [122.8 + rnd() * 0.4, 44.81]], 10 + rnd() * 500), roadId: i }));
    const ranked = rankGaps({ sites, roads }, density);
    for (const list of [ranked.sites, ranked.roads]) for (let i = 1; i < list.length; i++) expect(list[i - 1].score!).toBeGreaterThanOrEqual(list[i].score!);
    expect(ranked.sites.map((s) => s.id).sort((a, b) => a - b)).toEqual(sites.map((s) => s.id));
    expect(ranked.roads.map((r) => r.roadId).sort((a, b) => a - b)).toEqual(roads.map((r) => r.roadId));
    for (const r of ranked.roads) expect(r.score).toBeCloseTo(roadGapScore(r, density), 1);
  });
});

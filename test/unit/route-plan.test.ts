// The route planner on a hand-made road (one straight street): ETAs are hand-computable, stops are not
// shared between units, and left-out cells carry the right reason (no road, round trip too long, no time).
import { describe, expect, it } from 'vitest';
import { offsetMeters, type LonLat } from '../../shared/geo/geo.js';
import { buildRoadGraph } from '../../server/analysis/road-graph.js';
import type { RiskCell } from '../../server/analysis/risk-windows.js';
import type { PatrolData } from '../../server/routes/patrol/patrol.data.js';
import { planPatrol, PlanError } from '../../server/routes/patrol/route-plan.js';

const O: LonLat = [123, 44.8];
const east = (m: number) => offsetMeters(O, m, 90);
// A 40 km street at 36 km/h (10 m/s), a vertex every 500 m so stops snap onto it exactly.
const road = { id: 1, name: '东西大街', roadClass: 'street', line: Array.from({ length: 81 }, (_, i) => east(-20_000 + i * 500)) };
const graph = buildRoadGraph([road], { speedKmh: { street: 36 } });
const data = { graph } as unknown as PatrolData;
const station = { id: 1, name: '测试派出所', kind: 'station', lon: O[0], lat: O[1], townshipCode: null, units: 2 };
const cell = (id: string, p: LonLat, risk: number): RiskCell => ({ cell: id, lon: p[0], lat: p[1], focusLon: p[0], focusLat: p[1], risk, count: 1, byCategory: { theft: 1 } });

describe('planPatrol', () => {
  const cells = [
    cell('e3', east(3000), 10), // 300 s out
    cell('w6', east(-6000), 8), // 600 s out
    cell('e9', east(9000), 6), // 900 s out
    cell('off', offsetMeters(east(1000), 5000, 0), 50), // 5 km from the road
    cell('e19', east(19_500), 40), // 1950 s out: round trip 65 min + dwell
  ];
  const base = { station, cells, totalRisk: 200, dwellMin: 5, candidates: 10, weights: graph.timeS };

  it('gives hand-computable ETAs for one unit with enough time', () => {
    const plan = planPatrol(data, { ...base, budgetMin: 60, units: 1 });
    const stops = plan.routes[0].stops;
    // Drive times out: e3 5, w6 10, e9 15 min; 5 min per stop. All three need 50 + 15 = 65 min > 60.
    // {e3, w6}: 30 + 10 = 40 min, risk 18, beats {e3, e9} (40 min, 16) and {w6, e9} (60 min, 14).
    expect(new Set(stops.map((s) => s.cell))).toEqual(new Set(['e3', 'w6']));
    expect(plan.routes[0].timeMin).toBeCloseTo(40, 1);
    expect(plan.routes[0].travelMin).toBeCloseTo(30, 1);
    // Either way round: e3 first (arrive 5 min) or w6 first (10 + 5 + 15 = 30 min).
    const e3 = stops.find((s) => s.cell === 'e3')!;
    expect([5, 30].some((m) => Math.abs(e3.arriveMin - m) < 0.1)).toBe(true);
    for (let i = 1; i < stops.length; i++) expect(stops[i].arriveMin).toBeCloseTo(stops[i - 1].departMin + stops[i].legMin, 6);
    expect(plan.collectedRisk).toBe(18);
    expect(plan.shareOfShift).toBeCloseTo(18 / 200, 9);
    const reasons = Object.fromEntries(plan.leftOut.map((l) => [l.cell, l.reason]));
    expect(reasons).toEqual({ off: 'no_road', e19: 'too_far', e9: 'no_time' });
    // e9 between e3 and w6 makes the tour 65 min: 5 min short.
    expect(plan.leftOut.find((l) => l.cell === 'e9')!.detailMin).toBeCloseTo(5, 1);
    expect(plan.leftOut.find((l) => l.cell === 'e19')!.detailMin).toBeCloseTo(65 + 5 - 60, 1);
  });

  it('splits stops between two units without sharing, and says when time ran out', () => {
    const plan = planPatrol(data, { ...base, budgetMin: 25, units: 2 });
    const all = plan.routes.flatMap((r) => r.stops.map((s) => s.cell));
    expect(new Set(all).size).toBe(all.length);
    for (const r of plan.routes) expect(r.timeMin).toBeLessThanOrEqual(25 + 1e-9);
    // Each unit can do e3 (15 min) or w6 (25 min) or e9 alone (35 min: too far); e3 + w6 need 15 + 25.
    expect(new Set(all)).toEqual(new Set(['e3', 'w6']));
    const e9 = plan.leftOut.find((l) => l.cell === 'e9')!;
    expect(e9.reason).toBe('too_far');
    expect(e9.detailMin).toBeCloseTo(30 + 5 - 25, 1);
  });

  it('refuses a station far from every road', () => {
    expect(() => planPatrol(data, { ...base, station: { ...station, lat: O[1] + 0.2 }, budgetMin: 60, units: 1 })).toThrow(PlanError);
  });
});

// Pure parts of the leaders' view client: drill-down targets and breadcrumb over the hierarchical
// codes, the zoom → H3 resolution rule, the playback's fixed class breaks (checked by hand), the
// ranking sort (nulls last), and the "same period last year" window.
import { describe, expect, it } from 'vitest';
import type { Regions } from '../../client/api.js';
import { breadcrumb, childLevel, drillTarget, h3ResolutionForZoom } from '../../client/views/hotspots/drill.js';
import { fixedFrameBreaks } from '../../client/views/hotspots/playback.js';
import { sortRows } from '../../client/views/hotspots/ranking.js';
import type { Frames, RankingRow } from '../../client/views/hotspots/hotspots-api.js';
import { sameWindowLastYear } from '../../client/time-window.js';

const regions: Regions = {
  county: { code: '220822', name: '通榆县' },
  townships: [
    { code: '220822101', name: '瞻榆镇', kind: 'town', villages: [{ code: '220822101004', name: '丹江社区', grids: 9 }] },
    { code: '220822001', name: '树满街道', kind: 'subdistrict', villages: [] },
  ],
};

describe('drill-down', () => {
  it('goes one level deeper from wherever the click lands', () => {
    expect(drillTarget('220822', '220822101004002')).toBe('220822101');
    expect(drillTarget('220822', '220822101')).toBe('220822101');
    expect(drillTarget('220822101', '220822101004002')).toBe('220822101004');
    expect(drillTarget('220822101004', '220822101004002')).toBe('220822101004002');
  });
  it('ignores clicks outside the jurisdiction, on itself, or below a grid', () => {
    expect(drillTarget('220822101', '220822001003011')).toBeNull();
    expect(drillTarget('220822101', '220822101')).toBeNull();
    expect(drillTarget('220822101004002', '220822101004002')).toBeNull();
  });
  it('shows the child level of the jurisdiction', () => {
    expect(childLevel('220822')).toBe('township');
    expect(childLevel('220822101')).toBe('village');
    expect(childLevel('220822101004')).toBe('grid');
    expect(childLevel('220822101004002')).toBe('grid');
  });
  it('names every step of the breadcrumb', () => {
    expect(breadcrumb('220822', regions).map((c) => c.name)).toEqual(['通榆县']);
    expect(breadcrumb('220822101004', regions).map((c) => c.name)).toEqual(['通榆县', '瞻榆镇', '丹江社区']);
    expect(breadcrumb('220822101004002', regions, () => '丹江社区第二网格').map((c) => c.code)).toEqual(['220822', '220822101', '220822101004', '220822101004002']);
    expect(breadcrumb('220822101004002', regions, () => '丹江社区第二网格')[3].name).toBe('丹江社区第二网格');
  });
  it('picks the H3 resolution from the zoom (7 ≤ 9.5 < 8 ≤ 11 < 9)', () => {
    expect([8, 9.5, 9.51, 11, 11.01, 15].map(h3ResolutionForZoom)).toEqual([7, 7, 8, 8, 9, 9]);
  });
});

describe('playback scale', () => {
  it('computes one set of breaks over all frames, not per frame', () => {
    // Pooled non-zero counts: 1,1,2,3,5 | 8,10,20,40,50 → quintile upper bounds at ranks 2,4,6,8,10 = 1,3,8,20,50.
    const frames: Frames = {
      step: 'week',
      window: 1,
      level: 'grid',
      max: 50,
      heat: null,
      frames: [
        { start: '2026-01-05', end: '2026-01-11', partial: false, counts: { a: 1, b: 1, c: 2, d: 0 }, total: 4 },
        { start: '2026-01-12', end: '2026-01-18', partial: false, counts: { a: 3, b: 5, c: 8 }, total: 16 },
        { start: '2026-01-19', end: '2026-01-25', partial: false, counts: { a: 10, b: 20, c: 40, d: 50 }, total: 120 },
      ],
    };
    expect(fixedFrameBreaks(frames).upper).toEqual([1, 3, 8, 20, 50]);
  });
});

describe('ranking sort', () => {
  const row = (code: string, total: number, yoyPct: number | null): RankingRow => ({
    code, name: code, parentCode: '220822', total, households: 100, perThousandHouseholds: total * 10, previous: 0, yoyPct,
    closed: 0, closureRate: null, closureRateEB: null, resolutionRate: null, open: 0, overdue: 0, escalated: 0, supervised: 0, avgCloseDays: null, lowConfidence: false,
  });
  const rows = [row('a', 5, 10), row('b', 9, null), row('c', 1, -50)];
  it('sorts both ways and keeps missing values last', () => {
    expect(sortRows(rows, { key: 'total', desc: true }).map((r) => r.code)).toEqual(['b', 'a', 'c']);
    expect(sortRows(rows, { key: 'yoyPct', desc: true }).map((r) => r.code)).toEqual(['a', 'c', 'b']);
    expect(sortRows(rows, { key: 'yoyPct', desc: false }).map((r) => r.code)).toEqual(['c', 'a', 'b']);
  });
});

describe('same period last year', () => {
  const data = { from: '2024-01-01', to: '2026-11-20' };
  it('shifts both ends back one calendar year', () => {
    expect(sameWindowLastYear({ from: '2026-08-23', to: '2026-11-20' }, data)).toEqual({ from: '2025-08-23', to: '2025-11-20' });
  });
  it('maps 29 February to 28 February and clamps to the data', () => {
    expect(sameWindowLastYear({ from: '2024-02-29', to: '2024-03-10' }, { from: '2023-01-01', to: '2026-11-20' })).toEqual({ from: '2023-02-28', to: '2023-03-10' });
    expect(sameWindowLastYear({ from: '2024-06-01', to: '2025-01-31' }, data)).toEqual({ from: '2024-01-01', to: '2024-01-31' });
  });
});

// "Clip to the jurisdiction outline": on a square county, grids spilling over its edge by 2 % and 20 % of
// their area. Without clipping the sliver tolerance (500 m² or 1 %) refuses both; with clipMaxShare 5 % the
// first is cut to the outline (its stored area is the inside part, computed here by hand from the rectangle)
// and the second is still refused, naming the clip tolerance.
import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { checkAreaFeatures } from '../../server/import/area-checks.js';
import { areaM2, areaOutsideM2 } from '../../server/analysis/polygon-overlaps.js';
import type { RawFeature } from '../../server/import/geojson-features.js';

const rect = (x0: number, y0: number, x1: number, y1: number): Polygon => ({ type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });
const outline = rect(122, 44, 122.1, 44.1);
const feature = (index: number, code: string, g: Polygon): RawFeature => ({ index, line: null, properties: { code, name: `网格${index}` }, geometry: g });
// Two grids on the east edge (x = 122.1), 0.01° wide inside; one pokes out by 2 % of its width, one by 20 %.
const slight = rect(122.09, 44.0, 122.1 + 0.0002, 44.01);
const far = rect(122.09, 44.02, 122.1 + 0.0025, 44.03);
const inside = rect(122.0, 44.0, 122.01, 44.01);
const features = [feature(1, '220822100201001', slight), feature(2, '220822100201002', far), feature(3, '220822100201003', inside)];
const ctx = (clipMaxShare?: number) => ({
  level: 'grid' as const, crs: 'wgs84' as const, countyCode: '220822', countyName: '测试县', outline, countyBBox: [122, 44, 122.1, 44.1] as [number, number, number, number],
  parentCodes: new Set(['220822100201']), clipMaxShare,
});

describe('clip to the jurisdiction outline', () => {
  it('without clipping, both spilling grids are refused by the sliver tolerance', async () => {
    const out = await checkAreaFeatures(features, ctx(), ['code', 'name']);
    expect(out.rejected.map((r) => r.feature)).toEqual([1, 2]);
    expect(out.rejected[0].reason).toMatch(/lies outside 测试县; the tolerance is 500 m² or 1 %/);
    expect(out.clipped).toEqual([]);
  });

  it('with clipMaxShare 5 %, the 2 % grid is cut to the outline and the 20 % one refused', async () => {
    const out = await checkAreaFeatures(features, ctx(0.05), ['code', 'name']);
    expect(out.rejected.map((r) => r.feature)).toEqual([2]);
    expect(out.rejected[0].reason).toMatch(/more than the 5 % that clipping to the outline cuts off/);
    expect(out.rejected[0].reasonZh).toMatch(/超过按辖区边界裁剪所允许的 5 %/);
    const cut = out.valid.find((c) => c.index === 1)!;
    expect(areaOutsideM2(cut.geometry, outline)).toBeLessThan(1);
    // The inside part is the rectangle 122.09–122.1 × 44.0–44.01: its area, and the part cut off.
    const want = areaM2(rect(122.09, 44.0, 122.1, 44.01));
    expect(Math.abs(cut.areaM2 - want) / want).toBeLessThan(1e-4);
    expect(out.clipped).toEqual([{ feature: 1, code: '220822100201001', removedM2: Math.round(areaM2(slight) - want) }]);
    expect(cut.bbox[2]).toBeCloseTo(122.1, 7);
    // A grid wholly inside is left exactly as it was.
    expect(out.valid.find((c) => c.index === 3)!.geometry).toEqual(inside);
  });
});

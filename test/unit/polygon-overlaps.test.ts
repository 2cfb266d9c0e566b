// Overlap and outside areas on hand-made rectangles whose intersections are known by construction (the
// expected area is turf's area of the hand-written intersection rectangle, not of the clipper's output), and
// the tolerance: shared edges and slivers pass, real overlaps do not.
import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { areaM2, areaOutsideM2, findOverlaps, intersectionAreaM2, withinTolerance } from '../../server/analysis/polygon-overlaps.js';

const rect = (x0: number, y0: number, x1: number, y1: number): Polygon => ({ type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });

describe('polygon overlaps', () => {
  it('measures the intersection of overlapping rectangles as the hand-made intersection rectangle', () => {
    const a = rect(123, 44, 123.02, 44.02), b = rect(123.01, 44.005, 123.03, 44.03);
    expect(intersectionAreaM2(a, b)).toBeCloseTo(areaM2(rect(123.01, 44.005, 123.02, 44.02)), -1);
    // Edge neighbours and corner neighbours share boundary only.
    expect(intersectionAreaM2(a, rect(123.02, 44, 123.04, 44.02))).toBeLessThan(1);
    expect(findOverlaps([a, rect(123.02, 44, 123.04, 44.02), rect(123.02, 44.02, 123.03, 44.03)])).toEqual([]);
  });

  it('reports pairs beyond the tolerance, with the share of the smaller polygon, and lets slivers pass', () => {
    const a = rect(123, 44, 123.02, 44.02);
    const neighbour = rect(123.02 - 1e-6, 44, 123.04, 44.02); // 1e-6° ≈ 8 cm sliver along a 2.2 km edge: ≈ 180 m²
    const inside = rect(123.005, 44.005, 123.01, 44.01); // wholly inside a
    const found = findOverlaps([a, neighbour, inside]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ a: 0, b: 2 });
    expect(found[0].shareOfSmaller).toBeCloseTo(1, 3);
    expect(found[0].areaM2).toBeCloseTo(areaM2(inside), -1);
    expect(intersectionAreaM2(a, neighbour)).toBeGreaterThan(100);
    expect(intersectionAreaM2(a, neighbour)).toBeLessThan(500);
    // The tolerance: the larger of a floor in m² and a share of the smaller area.
    expect(withinTolerance(400, 1e6)).toBe(true);
    expect(withinTolerance(9000, 1e6)).toBe(true); // 0.9 % of 1 km²
    expect(withinTolerance(11000, 1e6)).toBe(false);
    expect(findOverlaps([a, neighbour], { minM2: 10, share: 0 })).toHaveLength(1);
  });

  it('measures the area outside an outline', () => {
    const outline = rect(123, 44, 124, 45);
    expect(areaOutsideM2(rect(123.1, 44.1, 123.2, 44.2), outline)).toBe(0);
    const half = rect(122.99, 44.5, 123.01, 44.51);
    expect(areaOutsideM2(half, outline)).toBeCloseTo(areaM2(rect(122.99, 44.5, 123, 44.51)), -1);
    const away = rect(125, 44.5, 125.01, 44.51);
    expect(areaOutsideM2(away, outline)).toBeCloseTo(areaM2(away), -1);
  });
});

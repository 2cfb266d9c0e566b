// A jurisdiction whose outline is in several parts (铁岭县: a MultiPolygon of two) or has a hole: the area a
// polygon has outside it and the polygon clipped to it must not depend on parts far from the polygon. Before
// the fix, the outline cut to the polygon's box kept the far part as an empty polygon and turf/polyclip threw,
// so 98 of Tieling's 250 village-sized grids were refused ("could not be compared with the outline").
// Checked on random rectangles against the same operations on the whole outline (no box cut).
import fc from 'fast-check';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { area, difference, featureCollection, intersect } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { areaOutsideM2 } from '../../server/analysis/polygon-overlaps.js';
import { clipToOutline } from '../../server/analysis/clip-to-outline.js';

type Geom = Polygon | MultiPolygon;
const feature = (g: Geom): Feature<Geom> => ({ type: 'Feature', properties: {}, geometry: g });
const rect = (x0: number, y0: number, x1: number, y1: number): number[][] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
/** Two parts 0.5° apart, the first with a hole: every case of a part or ring missing a polygon's box. */
const outline: MultiPolygon = {
  type: 'MultiPolygon',
  coordinates: [
    [rect(123.0, 42.0, 123.3, 42.3), rect(123.1, 42.1, 123.15, 42.15).reverse()],
    [rect(123.8, 42.0, 124.0, 42.2)],
  ],
};

const box = fc.record({ x: fc.double({ min: 122.95, max: 124.0, noNaN: true }), y: fc.double({ min: 41.95, max: 42.3, noNaN: true }), w: fc.double({ min: 0.002, max: 0.1, noNaN: true }), h: fc.double({ min: 0.002, max: 0.1, noNaN: true }) })
  .map(({ x, y, w, h }): Polygon => ({ type: 'Polygon', coordinates: [rect(x, y, x + w, y + h)] }));

describe('an outline in several parts, or with a hole', () => {
  it('gives each polygon its area outside as the whole outline does', () => {
    fc.assert(fc.property(box, (g) => {
      const d = difference(featureCollection([feature(g), feature(outline)]));
      const expected = d ? area(d) : 0;
      expect(areaOutsideM2(g, outline)).toBeCloseTo(expected, -1); // within 10 m² of square kilometres
    }), { numRuns: 300, seed: 211221 });
  });

  it('clips each polygon as the whole outline does (null when nothing is inside)', () => {
    fc.assert(fc.property(box, (g) => {
      const x = intersect(featureCollection([feature(g), feature(outline)]));
      const got = clipToOutline(g, outline);
      if (!x) { expect(got).toBeNull(); return; }
      expect(got).not.toBeNull();
      // positions are rounded to 1e-7° (about 1 cm) as stored: areas agree to 0.01 %
      expect(Math.abs(area(feature(got!)) - area(x))).toBeLessThan(1e-4 * area(x) + 1);
    }), { numRuns: 300, seed: 211221 });
  });

  it('a grid inside one part, away from the other and the hole, is entirely inside', () => {
    const g: Polygon = { type: 'Polygon', coordinates: [rect(123.85, 42.05, 123.9, 42.1)] };
    expect(areaOutsideM2(g, outline)).toBe(0);
    expect(area(feature(clipToOutline(g, outline)!))).toBeCloseTo(area(feature(g)), -1);
  });
});

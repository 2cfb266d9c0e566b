// Point-in-polygon, the polygon locator and the segment index against hand-made cases and brute force.
import { describe, expect, it } from 'vitest';
import type { Polygon, MultiPolygon } from 'geojson';
import * as turf from '@turf/turf';
import { pointInGeometry } from '../../shared/geo/point-in-polygon.js';
import { PolygonLocator } from '../../shared/geo/polygon-locator.js';
import { SegmentIndex } from '../../shared/geo/segment-index.js';
import { bearingDeg, haversineMeters, offsetMeters } from '../../shared/geo/geo.js';
import { Random } from '../../server/demo/random.js';

const square = (x: number, y: number, s: number): number[][] => [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]];

describe('pointInGeometry', () => {
  const donut: Polygon = { type: 'Polygon', coordinates: [square(0, 0, 10), square(3, 3, 4)] };
  it('respects holes', () => {
    expect(pointInGeometry(1, 1, donut)).toBe(true);
    expect(pointInGeometry(5, 5, donut)).toBe(false);
    expect(pointInGeometry(11, 5, donut)).toBe(false);
  });
  it('handles multipolygons and concave rings', () => {
    const multi: MultiPolygon = { type: 'MultiPolygon', coordinates: [[square(0, 0, 1)], [square(5, 5, 1)]] };
    expect(pointInGeometry(5.5, 5.5, multi)).toBe(true);
    expect(pointInGeometry(3, 3, multi)).toBe(false);
    const u: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]] };
    expect(pointInGeometry(1.5, 2, u)).toBe(false);
    expect(pointInGeometry(0.5, 2, u)).toBe(true);
  });
  it('agrees with turf on random points against a random star polygon', () => {
    const r = new Random(1);
    const ring = Array.from({ length: 40 }, (_, i) => {
      const a = (i / 40) * 2 * Math.PI;
      const rad = r.uniform(2, 10);
      return [rad * Math.cos(a), rad * Math.sin(a)];
    });
    ring.push(ring[0]);
    const poly: Polygon = { type: 'Polygon', coordinates: [ring] };
    for (let i = 0; i < 2000; i++) {
      const x = r.uniform(-11, 11), y = r.uniform(-11, 11);
      expect(pointInGeometry(x, y, poly)).toBe(turf.booleanPointInPolygon([x, y], poly));
    }
  });
});

describe('PolygonLocator', () => {
  it('finds the same polygon as a brute-force scan', () => {
    const cells: { geometry: Polygon; value: number }[] = [];
    for (let i = 0; i < 20; i++) for (let j = 0; j < 20; j++) cells.push({ geometry: { type: 'Polygon', coordinates: [square(i, j, 1)] }, value: i * 20 + j });
    const locator = new PolygonLocator(cells);
    const r = new Random(2);
    for (let k = 0; k < 3000; k++) {
      const x = r.uniform(-1, 21), y = r.uniform(-1, 21);
      const brute = cells.find((c) => pointInGeometry(x, y, c.geometry))?.value;
      expect(locator.locate(x, y)).toBe(brute);
    }
  });
});

describe('SegmentIndex', () => {
  it('returns the nearest line within the distance, as brute force would', () => {
    const r = new Random(3);
    const lines = Array.from({ length: 50 }, (_, i) => ({ line: [[123 + r.uniform(0, 0.1), 44.8 + r.uniform(0, 0.1)], [123 + r.uniform(0, 0.1), 44.8 + r.uniform(0, 0.1)]] as [number, number][], value: i }));
    const index = new SegmentIndex(lines);
    for (let k = 0; k < 300; k++) {
      const p: [number, number] = [123 + r.uniform(0, 0.1), 44.8 + r.uniform(0, 0.1)];
      const brute = lines
        .map((l) => ({ v: l.value, d: turf.pointToLineDistance(p, turf.lineString(l.line), { units: 'meters' }) }))
        .sort((a, b) => a.d - b.d)[0];
      const got = index.nearest(p, 5000);
      if (brute.d <= 4990) {
        expect(got?.value).toBe(brute.v);
        expect(got!.distanceM).toBeCloseTo(brute.d, -1); // within ~5 m (local projection vs geodesic)
      }
    }
  });
});

describe('geo helpers', () => {
  it('offsets and bearings are consistent', () => {
    const p: [number, number] = [123.088, 44.813];
    for (const b of [0, 45, 90, 180, 270, 350]) {
      const q = offsetMeters(p, 1000, b);
      expect(haversineMeters(p, q)).toBeCloseTo(1000, -1);
      expect(Math.abs(((bearingDeg(p, q) - b + 540) % 360) - 180)).toBeLessThan(0.5);
    }
  });
});

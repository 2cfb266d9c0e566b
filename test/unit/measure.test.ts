// The measuring tool's figures against independent answers: a lat/lon rectangle's area on the sphere is exactly
// R²·Δλ·(sin φ₂ − sin φ₁) (turf's mean-radius sphere, R = 6371008.8 m); a path's length is the sum of haversine legs (R = 6371008.8 m,
// turf's mean radius) written out here; and the readings in 米/公里, 平方公里/亩 (1 亩 = 666.67 m²).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatArea, formatDistance, pathLengthM, polygonAreaM2, SQUARE_METRES_PER_MU, type LonLat } from '../../client/tools/measure.js';

const rad = (d: number) => (d * Math.PI) / 180;
function haversine(a: LonLat, b: LonLat, r = 6371008.8): number {
  const dLat = rad(b[1] - a[1]), dLon = rad(b[0] - a[0]);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a[1])) * Math.cos(rad(b[1])) * Math.sin(dLon / 2) ** 2;
  return 2 * r * Math.asin(Math.sqrt(h));
}

describe('measure', () => {
  it('a rectangle’s area equals the sphere’s closed form, for any rectangle in China', () => {
    fc.assert(fc.property(
      fc.double({ min: 73, max: 134, noNaN: true }), fc.double({ min: 18, max: 53, noNaN: true }),
      fc.double({ min: 0.001, max: 1, noNaN: true }), fc.double({ min: 0.001, max: 1, noNaN: true }),
      (lon, lat, w, hgt) => {
        const R = 6371008.8;
        const exact = R * R * rad(w) * (Math.sin(rad(lat + hgt)) - Math.sin(rad(lat)));
        const ring: LonLat[] = [[lon, lat], [lon + w, lat], [lon + w, lat + hgt], [lon, lat + hgt]];
        expect(polygonAreaM2(ring) / exact).toBeCloseTo(1, 6);
      }));
  });

  it('a path’s length is the sum of its great-circle legs', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.double({ min: 122, max: 124, noNaN: true }), fc.double({ min: 44, max: 46, noNaN: true })), { minLength: 2, maxLength: 8 }), (pts) => {
      const points = pts as LonLat[];
      let sum = 0;
      for (let i = 1; i < points.length; i++) sum += haversine(points[i - 1], points[i]);
      expect(pathLengthM(points)).toBeCloseTo(sum, 3);
    }));
    // one degree of latitude is 111.195 km on turf's sphere
    expect(pathLengthM([[123, 44], [123, 45]])).toBeCloseTo(111_195, 0);
    expect(pathLengthM([[123, 44]])).toBe(0);
    expect(polygonAreaM2([[123, 44], [123.1, 44]])).toBe(0);
  });

  it('reads in 米 and 公里, 平方公里 and 亩', () => {
    expect(formatDistance('zh', 850.4)).toBe('850 米');
    expect(formatDistance('zh', 1234)).toBe('1.23 公里');
    expect(formatDistance('zh', 45_678)).toBe('45.7 公里');
    expect(formatDistance('en', 1234)).toBe('1.23 km');
    expect(SQUARE_METRES_PER_MU * 15).toBeCloseTo(10_000, 9);
    expect(formatArea('zh', 1e6)).toBe('1.00 平方公里（1,500 亩）');
    expect(formatArea('zh', 20_000)).toBe('0.020 平方公里（30.0 亩）');
    expect(formatArea('en', 2.5e6)).toBe('2.50 km² (3,750 mu)');
  });
});

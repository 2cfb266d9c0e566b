// CRS conversion checked against gcoord's published fixture of 664 Chinese cities (oracle copied from
// gcoord test/fixtures/china-cities.json, MIT), with gcoord's own tolerances (../shared/oracles/README.md).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertPoint, toWgs84 } from '../../server/analysis/crs.js';

interface City { attrs: { name: string }; coords: { WGS84: [number, number]; GCJ02: [number, number]; BD09: [number, number] } }
const cities: City[] = JSON.parse(readFileSync(new URL('../fixtures/oracles/crs-gcoord/china-cities.json', import.meta.url), 'utf8'));

const maxErr = (pairs: [[number, number], [number, number]][]) =>
  Math.max(...pairs.map(([a, b]) => Math.max(Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]))));

// gcoord's suite asserts toBeCloseTo(x, d) per direction, i.e. |error| < 0.5·10^-d: GCJ-02→BD-09 d = 6,
// BD-09→GCJ-02 d = 5, GCJ-02→WGS-84, BD-09→WGS-84 and WGS-84→BD-09 d = 4. (It does not test WGS-84→GCJ-02 on
// the cities; the fixture's WGS-84 column is rounded to 7 digits and the observed error is 7e-6, so d = 4.)
const CASES: [string, 'wgs84' | 'gcj02' | 'bd09', 'wgs84' | 'gcj02' | 'bd09', number][] = [
  ['GCJ02', 'gcj02', 'bd09', 6],
  ['BD09', 'bd09', 'gcj02', 5],
  ['GCJ02', 'gcj02', 'wgs84', 4],
  ['BD09', 'bd09', 'wgs84', 4],
  ['WGS84', 'wgs84', 'bd09', 4],
  ['WGS84', 'wgs84', 'gcj02', 4],
];
const KEY = { wgs84: 'WGS84', gcj02: 'GCJ02', bd09: 'BD09' } as const;

describe('CRS conversion vs the gcoord city fixture', () => {
  it('has all 664 cities', () => expect(cities).toHaveLength(664));
  for (const [, from, to, digits] of CASES)
    it(`${from} → ${to} within 0.5e-${digits}°`, () => {
      const err = maxErr(cities.map((c) => [convertPoint(...c.coords[KEY[from]], from, to), c.coords[KEY[to]]]));
      expect(err).toBeLessThan(0.5 * 10 ** -digits);
    });
  it('round trip WGS-84 → GCJ-02 → WGS-84 is within 1e-5° (about 1 m) on every city', () => {
    expect(maxErr(cities.map((c) => [toWgs84(...convertPoint(...c.coords.WGS84, 'wgs84', 'gcj02'), 'gcj02'), c.coords.WGS84]))).toBeLessThan(1e-5);
  });
  it('WGS-84 is returned unchanged, and the GCJ-02 offset near Tongyu is a few hundred metres', () => {
    expect(toWgs84(123.0881, 44.8129, 'wgs84')).toEqual([123.0881, 44.8129]);
    const [x, y] = convertPoint(123.0881, 44.8129, 'wgs84', 'gcj02');
    const metres = Math.hypot((x - 123.0881) * 79000, (y - 44.8129) * 111000);
    expect(metres).toBeGreaterThan(100);
    expect(metres).toBeLessThan(1000);
  });
});

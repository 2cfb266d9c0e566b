// The binned point-in-polygon locator against brute force (ray casting over every grid) and against the
// flatbush PolygonLocator, on random points over the test county's 1058 grids — including points on and
// next to grid vertices, where bins are mixed.
import type { MultiPolygon, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BinnedLocator } from '../../server/analysis/binned-locator.js';
import { pointInGeometry } from '../../shared/geo/point-in-polygon.js';
import { PolygonLocator } from '../../shared/geo/polygon-locator.js';
import type { Database } from '../../server/db/database.js';
import { Random } from '../../server/demo/random.js';
import { openTestCounty } from '../support/test-county.js';

let db: Database;
let grids: { code: string; geometry: Polygon | MultiPolygon }[];
beforeAll(async () => {
  db = await openTestCounty();
  grids = (await db.query<{ code: string; geojson: string }>('SELECT code, geojson FROM grids ORDER BY code')).map((g) => ({ code: g.code, geometry: JSON.parse(g.geojson) }));
});
afterAll(() => db.close());

describe('BinnedLocator', () => {
  it('agrees with brute force and with PolygonLocator on 20,000 random points and 2,000 near-vertex points', () => {
    const polys = grids.map((g) => ({ geometry: g.geometry, value: g.code }));
    const binned = new BinnedLocator(polys);
    const flat = new PolygonLocator(polys);
    const r = new Random(11);
    const pts: [number, number][] = [];
    for (let i = 0; i < 20000; i++) pts.push([121.9 + r.next() * 1.8, 44.1 + r.next() * 1.3]);
    for (let i = 0; i < 2000; i++) {
      const g = grids[r.int(0, grids.length - 1)].geometry;
      const ring = g.type === 'Polygon' ? g.coordinates[0] : g.coordinates[0][0];
      const v = ring[r.int(0, ring.length - 1)];
      pts.push([v[0] + (r.next() - 0.5) * 1e-5, v[1] + (r.next() - 0.5) * 1e-5]);
    }
    let inside = 0;
    for (const [x, y] of pts) {
      const brute = grids.filter((g) => pointInGeometry(x, y, g.geometry)).map((g) => g.code);
      expect(brute.length).toBeLessThanOrEqual(1); // a partition
      const b = binned.locate(x, y);
      expect(b).toBe(brute[0]);
      expect(b).toBe(flat.locate(x, y));
      if (b) inside++;
    }
    expect(inside).toBeGreaterThan(5000);
  });
});

describe('locators over no polygons (a jurisdiction before its grids are imported)', () => {
  it('place every point outside instead of throwing', () => {
    expect(new BinnedLocator<string>([]).locate(123, 44)).toBeUndefined();
    expect(new PolygonLocator<string>([]).locate(123, 44)).toBeUndefined();
  });
});

// The import's "inside the jurisdiction?" (countyContext.inCounty, binned over the outline) answers exactly
// what ray casting on the whole outline answers: 20,000 seeded points over the outline's box and a margin
// around it, plus points on its vertices' neighbourhood (where the bins are mixed), against pointInGeometry.
import type { MultiPolygon, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.js';
import { countyContext, type CountyContext } from '../../server/import/county-context.js';
import { pointInGeometry } from '../../shared/geo/point-in-polygon.js';
import { seeded } from '../bench/stats.js';
import { openTestCounty } from '../support/test-county.js';

let db: Database;
let ctx: CountyContext;
let outline: Polygon | MultiPolygon;
beforeAll(async () => {
  db = await openTestCounty();
  ctx = await countyContext(db);
  outline = JSON.parse((await db.query<{ geojson: string }>('SELECT geojson FROM county'))[0].geojson);
});
afterAll(() => db?.close());

describe('countyContext.inCounty', () => {
  it('agrees with ray casting on the whole outline (random points and points beside its vertices)', () => {
    const random = seeded(77);
    const [w, s, e, n] = ctx.bbox;
    const mx = (e - w) * 0.1, my = (n - s) * 0.1;
    const points: [number, number][] = [];
    for (let i = 0; i < 20_000; i++) points.push([w - mx + random() * (e - w + 2 * mx), s - my + random() * (n - s + 2 * my)]);
    const vertices = (outline.type === 'Polygon' ? outline.coordinates : outline.coordinates.flat()).flat();
    for (const [x, y] of vertices.slice(0, 5000)) points.push([x + (random() - 0.5) * 1e-3, y + (random() - 0.5) * 1e-3]);
    const wrong = points.filter(([x, y]) => ctx.inCounty(x, y) !== pointInGeometry(x, y, outline));
    expect(wrong).toEqual([]);
    // Both answers occur (the test is not vacuous).
    const inside = points.filter(([x, y]) => ctx.inCounty(x, y)).length;
    expect(inside).toBeGreaterThan(1000);
    expect(inside).toBeLessThan(points.length - 1000);
  });
});

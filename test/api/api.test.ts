// The HTTP API in-process (app.request) against the test county: shapes, filters agreeing with direct SQL,
// and bad parameters answered with 400 and a reason, never 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import type { Database } from '../../server/db/database.js';
import { openTestCounty } from '../support/test-county.js';
import { signIn, type Requester } from '../support/session.js';

let db: Database;
let app: ReturnType<typeof createApp>;
let request: Requester;
beforeAll(async () => {
  db = await openTestCounty();
  app = createApp(db);
  request = await signIn(app, 'admin');
});
afterAll(() => db.close());

const get = async (path: string) => {
  const res = await request(path);
  const body = res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text();
  return { status: res.status, body: body as any };
};
const sqlCount = async (where: string, params: (string | number)[] = []) => (await db.query<{ n: number }>(`SELECT count(*) n FROM incidents WHERE ${where}`, params))[0].n;

describe('GET /api/health', () => {
  it('reports the county counts', async () => {
    const { status, body } = await get('/api/health');
    expect(status).toBe(200);
    expect(body.ok).toBe(true);
    expect(body.counts).toMatchObject({ townships: 22, villages: 205, grids: 1058, publicCameras: 2394 });
    expect(body.counts.incidents).toBe(await sqlCount('true'));
    expect(body.counts.keySites).toBeGreaterThan(300);
    expect(body.counts.roads).toBeGreaterThan(500);
  });
});

describe('GET /api/meta and /api/regions', () => {
  it('describes the county and its data range in Shanghai dates', async () => {
    const { body } = await get('/api/meta');
    expect(body.county).toMatchObject({ code: '220822', name: '通榆县' });
    expect(body.dataRange).toEqual({ from: '2024-01-01', to: '2026-11-20' });
    expect(body.categories.find((c: any) => c.id === 'theft').zh).toBe('盗窃');
    expect(body.basemapStyleUrl).toBe('/api/basemap/style.json');
  });
  it('lists townships with their villages and grid counts', async () => {
    const { body } = await get('/api/regions');
    expect(body.townships).toHaveLength(22);
    const grids = body.townships.flatMap((t: any) => t.villages).reduce((s: number, v: any) => s + v.grids, 0);
    expect(grids).toBe(1058);
  });
});

describe('areas', () => {
  it('serves each level as GeoJSON', async () => {
    for (const [level, n] of [['township', 22], ['village', 205], ['grid', 1058]] as const) {
      const res = await request(`/api/areas/geometry?level=${level}`);
      expect(res.status).toBe(200);
      const fc = JSON.parse(await res.text());
      expect(fc.type).toBe('FeatureCollection');
      expect(fc.features).toHaveLength(n);
      expect(fc.features[0].properties.level).toBe(level);
    }
  });
  it('counts incidents per unit in agreement with direct SQL, for every filter kind', async () => {
    const { body } = await get('/api/areas/counts?level=township&from=2026-01-01&to=2026-03-31&categories=theft,fraud');
    const expected = await sqlCount(
      `reported_at >= TIMESTAMP '2025-12-31 16:00:00' AND reported_at < TIMESTAMP '2026-03-31 16:00:00' AND category IN ('theft','fraud')`,
    );
    expect(body.total).toBe(expected);
    expect(Object.values(body.counts).reduce((a: number, b: any) => a + b, 0)).toBe(expected);
    const t = '220822101';
    const one = await get(`/api/areas/counts?level=grid&code=${t}`);
    expect(Object.keys(one.body.counts).every((code) => code.startsWith(t))).toBe(true);
    expect(one.body.total).toBe(await sqlCount('township_code = ?', [t]));
    const box = await get('/api/areas/counts?level=grid&bbox=123.0,44.75,123.2,44.9');
    expect(box.body.total).toBe(await sqlCount('lon BETWEEN 123.0 AND 123.2 AND lat BETWEEN 44.75 AND 44.9'));
  });
});

describe('incidents', () => {
  it('aggregates the heatmap into floor()-aligned cells whose counts add up', async () => {
    const { body } = await get('/api/incidents/heat?zoom=10&from=2025-01-01&to=2025-12-31');
    expect(body.total).toBe(await sqlCount(`reported_at >= TIMESTAMP '2024-12-31 16:00:00' AND reported_at < TIMESTAMP '2025-12-31 16:00:00'`));
    const [lon, lat] = body.points[0];
    const cell = body.cellDeg;
    expect(Math.abs(lon / cell - 0.5 - Math.round(lon / cell - 0.5))).toBeLessThan(1e-3);
    expect(Math.abs(lat / cell - 0.5 - Math.round(lat / cell - 0.5))).toBeLessThan(1e-3);
    expect(body.points.reduce((s: number, p: number[]) => s + p[2], 0)).toBe(body.total);
  });
  it('in a viewport, counts every cell the box touches in full (checked by flooring lon/lat in SQL)', async () => {
    const [minLon, minLat, maxLon, maxLat] = [123.0813, 44.8071, 123.0977, 44.8192];
    const { body } = await get(`/api/incidents/heat?zoom=12&from=2025-01-01&to=2025-12-31&categories=theft,dispute,fraud&bbox=${minLon},${minLat},${maxLon},${maxLat}`);
    const size = body.cellDeg;
    // Brute force, independent of the stored cell columns: the level cell of each incident from its coordinates.
    const expected = await db.query<{ x: number; y: number; n: number }>(
      `SELECT floor(lon / ?)::INTEGER x, floor(lat / ?)::INTEGER y, count(*)::INTEGER n FROM incidents
       WHERE reported_at >= TIMESTAMP '2024-12-31 16:00:00' AND reported_at < TIMESTAMP '2025-12-31 16:00:00'
         AND category IN ('theft', 'dispute', 'fraud')
         AND floor(lon / ?) BETWEEN floor(? / ?) AND floor(? / ?) AND floor(lat / ?) BETWEEN floor(? / ?) AND floor(? / ?)
       GROUP BY 1, 2`,
      [size, size, size, minLon, size, maxLon, size, size, minLat, size, maxLat, size],
    );
    const got = new Map(body.points.map((p: number[]) => [`${Math.floor(p[0] / size)},${Math.floor(p[1] / size)}`, p[2]]));
    expect(expected.length).toBeGreaterThan(10);
    expect(got.size).toBe(expected.length);
    for (const e of expected) expect(got.get(`${e.x},${e.y}`)).toBe(e.n);
    // Wider than the box: edge cells carry incidents just outside it.
    expect(body.total).toBeGreaterThan(await sqlCount(`reported_at >= TIMESTAMP '2024-12-31 16:00:00' AND reported_at < TIMESTAMP '2025-12-31 16:00:00' AND category IN ('theft', 'dispute', 'fraud') AND lon BETWEEN ${minLon} AND ${maxLon} AND lat BETWEEN ${minLat} AND ${maxLat}`));
  });
  it('summarises KPIs, with the same window last year for year-on-year', async () => {
    const { body } = await get('/api/incidents/summary?from=2026-01-01&to=2026-06-30&code=220822001');
    const now = await sqlCount(`township_code = '220822001' AND reported_at >= TIMESTAMP '2025-12-31 16:00:00' AND reported_at < TIMESTAMP '2026-06-30 16:00:00'`);
    const before = await sqlCount(`township_code = '220822001' AND reported_at >= TIMESTAMP '2024-12-31 16:00:00' AND reported_at < TIMESTAMP '2025-06-30 16:00:00'`);
    expect(body.total).toBe(now);
    expect(body.previousYear.total).toBe(before);
    expect(body.yoyPct).toBeCloseTo(((now - before) / before) * 100, 6);
    expect(body.closed + body.open).toBe(body.total);
    expect(body.closureRate).toBeGreaterThan(0.9);
    expect(Object.values(body.byCategory).reduce((a: number, b: any) => a + b, 0)).toBe(now);
    const window = `township_code = '220822001' AND reported_at >= TIMESTAMP '2025-12-31 16:00:00' AND reported_at < TIMESTAMP '2026-06-30 16:00:00'`;
    expect(body.closed).toBe(await sqlCount(`${window} AND status = 'closed'`));
    expect(body.overdue).toBe(await sqlCount(`${window} AND status <> 'closed' AND due_at < epoch_ms(${Date.now()}::BIGINT)`)); // overdue at now (deadlines.ts); these deadlines are long past
    expect(body.byCategory.theft).toBe(await sqlCount(`${window} AND category = 'theft'`));
  });
  it('answers an empty heatmap selection with no points, not an error', async () => {
    const { status, body } = await get('/api/incidents/heat?zoom=12&from=2030-01-01&to=2030-01-31&categories=emergency');
    expect(status).toBe(200);
    expect(body).toMatchObject({ points: [], total: 0, max: 0 });
  });
  it('answers an empty selection with zeros, not an error', async () => {
    const { status, body } = await get('/api/incidents/summary?from=2030-01-01&to=2030-01-31');
    expect(status).toBe(200);
    expect(body).toMatchObject({ total: 0, closureRate: null, yoyPct: null });
  });
});

describe('cameras', () => {
  it('filters by kind and bbox', async () => {
    const { body } = await get('/api/cameras?kinds=face');
    expect(body.cameras).toHaveLength(70);
    expect(body.cameras[0]).toHaveProperty('bearing');
    const box = await get('/api/cameras?bbox=123.05,44.78,123.12,44.85');
    expect(box.body.cameras.every((c: any) => c.lon >= 123.05 && c.lon <= 123.12 && c.lat >= 44.78 && c.lat <= 44.85)).toBe(true);
  });

  it('format=columns is the same cameras as rows, field by field, in a fraction of the bytes', async () => {
    const rowsRes = await request('/api/cameras');
    const colsRes = await request('/api/cameras?format=columns');
    const [rowsText, colsText] = [await rowsRes.text(), await colsRes.text()];
    const rows = JSON.parse(rowsText).cameras as Record<string, unknown>[];
    const { count, columns } = JSON.parse(colsText) as { count: number; columns: Record<string, unknown[]> };
    expect(count).toBe(rows.length);
    expect(rows.length).toBeGreaterThan(1000);
    const rebuilt = Array.from({ length: count }, (_, i) => Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, v[i]])));
    expect(rebuilt).toEqual(rows);
    expect(colsText.length).toBeLessThan(0.7 * rowsText.length);
    expect((await get('/api/cameras?format=arrow')).status).toBe(400);
  });
});

describe('basemap', () => {
  it('serves an offline style whose every source answers', async () => {
    const { body: style } = await get('/api/basemap/style.json');
    expect(style.version).toBe(8);
    for (const src of Object.values(style.sources) as { data: string }[]) {
      const res = await request(new URL(src.data).pathname);
      expect(res.status, src.data).toBe(200);
      expect(JSON.parse(await res.text()).features.length, src.data).toBeGreaterThan(0);
    }
    // No glyph server: MapLibre draws every character locally (a glyphs URL answering 404 warned per range).
    expect(style.glyphs).toBeUndefined();
    expect((await request('/api/basemap/glyphs/Noto%20Sans%20Regular/0-255.pbf')).status).toBe(404);
  });
});

describe('compression', () => {
  it('sends small JSON answers as they are, with their length, and gzips large ones', async () => {
    const gz = { headers: { 'accept-encoding': 'gzip' } };
    const counts = await request('/api/areas/counts?level=grid', gz);
    expect(counts.headers.get('content-encoding')).toBeNull();
    expect(Number(counts.headers.get('content-length'))).toBe((await counts.arrayBuffer()).byteLength);
    const polygons = await request('/api/areas/geometry?level=grid', gz);
    expect(polygons.headers.get('content-encoding')).toBe('gzip');
    const heat = await request('/api/incidents/heat?zoom=9', gz);
    expect(heat.headers.get('content-encoding')).toBe('gzip');
    const unzipped = await new Response(heat.body!.pipeThrough(new DecompressionStream('gzip'))).json();
    expect(unzipped.points.length).toBeGreaterThan(100); // still the JSON after both middlewares
  });
});

describe('bad input gets 400 with a reason', () => {
  const cases: [string, RegExp][] = [
    ['/api/incidents/heat?from=2026-02-30', /from: not a real calendar date/],
    ['/api/incidents/heat?from=yesterday', /YYYY-MM-DD/],
    ['/api/incidents/summary?from=2026-05-01&to=2026-01-01', /must not be after/],
    ['/api/incidents/heat?categories=theft,arson', /unknown category/],
    ['/api/incidents/heat?categories=', /at least one category/],
    ['/api/incidents/heat?code=22x', /division code/],
    ['/api/incidents/heat?bbox=1,2,3', /minLon,minLat,maxLon,maxLat/],
    ['/api/incidents/heat?bbox=10,50,5,40', /min < max/],
    ['/api/incidents/heat?zoom=99', /zoom/],
    ['/api/areas/counts?level=province', /level must be/], // county is a level now (of a prefecture-level jurisdiction)
    ['/api/areas/geometry', /level/],
    ['/api/cameras?kinds=drone', /unknown camera kind/],
    ['/api/basemap/data/secrets.geojson', /Invalid path/],
    ["/api/areas/counts?level=grid&code=220822'--", /division code/],
  ];
  for (const [path, reason] of cases)
    it(path, async () => {
      const { status, body } = await get(path);
      expect(status).toBe(400);
      expect(body.error).toMatch(reason);
    });
  it('unknown endpoints are 404 JSON', async () => {
    const { status, body } = await get('/api/nothing');
    expect(status).toBe(404);
    expect(body.error).toMatch(/No such endpoint/);
  });
});

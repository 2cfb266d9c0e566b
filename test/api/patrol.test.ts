// /api/patrol in-process against the test county: shapes, figures checked against independent computations
// (zone membership by turf distances, shift risk by plain SQL), route-plan invariants and exports, and bad
// input answered with 400 (or 404 for an unknown station), never 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import type { Polygon } from 'geojson';
import { createApp } from '../../server/app.js';
import type { Database } from '../../server/db/database.js';
import { CATEGORY_INFO } from '../../shared/domain/categories.js';
import { pointInGeometry } from '../../shared/geo/point-in-polygon.js';
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
const post = async (path: string, body: unknown) => {
  const res = await request(path, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  const text = await res.text();
  let parsed: any = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* GPX */
  }
  return { status: res.status, body: parsed, type: res.headers.get('content-type') ?? '' };
};

describe('GET /api/patrol/stations', () => {
  it('lists every police station', async () => {
    const { status, body } = await get('/api/patrol/stations');
    expect(status).toBe(200);
    const n = (await db.query<{ n: number }>('SELECT count(*) n FROM police_stations'))[0].n;
    expect(body.stations.length).toBe(n);
    expect(body.stations[0]).toMatchObject({ id: 1, name: expect.any(String), units: expect.any(Number) });
  });
});

describe('GET /api/patrol/zones', () => {
  it('lists each neighbour with border length, zone, crossings and theft counts that match turf distances', async () => {
    const { status, body } = await get('/api/patrol/zones?width=3000&categories=theft&from=2025-01-01&to=2025-12-31');
    expect(status).toBe(200);
    const names = (await db.query<{ name: string }>('SELECT name FROM neighbours ORDER BY code')).map((r) => r.name);
    expect(body.neighbours.map((n: any) => n.name)).toEqual(names);
    const outline = JSON.parse((await db.query<{ geojson: string }>('SELECT geojson FROM county'))[0].geojson) as Polygon;
    const perimeterKm = turf.length(turf.polygonToLine(turf.polygon(outline.coordinates)) as any);
    const shared = body.neighbours.reduce((s: number, n: any) => s + n.borderKm, 0) + body.unsharedKm;
    expect(Math.abs(shared - perimeterKm) / perimeterKm).toBeLessThan(0.01);
    for (const n of body.neighbours) {
      expect(n.borderKm).toBeGreaterThan(10);
      expect(n.zone).not.toBeNull();
      // A band of 3 km inside a wiggly border: roughly length × width (corners overlap, bends add).
      expect(n.zoneKm2).toBeGreaterThan(n.borderKm * 3 * 0.6);
      expect(n.zoneKm2).toBeLessThan(n.borderKm * 3 * 1.2 + 20);
      expect(n.crossings.length).toBeGreaterThan(0);
      for (const c of n.crossings) expect(['online', 'offline', 'none']).toContain(c.camera.status);
      expect(Object.keys(n.incidents.byCategory).every((k) => k === 'theft')).toBe(true);
    }
    // Every trunk road leaves the county across some neighbour's border.
    const trunks = (await db.query<{ name: string }>("SELECT name FROM roads WHERE class IN ('national','provincial')")).map((r) => r.name);
    const crossed = new Set(body.neighbours.flatMap((n: any) => n.crossings.map((c: any) => c.roadName)));
    for (const t of trunks) expect(crossed.has(t)).toBe(true);
    // Oracle: theft incidents inside the county within 3 km (turf point-to-line distance) of each stretch.
    const thefts = await db.query<{ lon: number; lat: number }>(
      "SELECT lon, lat FROM incidents WHERE category = 'theft' AND reported_at >= TIMESTAMP '2024-12-31 16:00:00' AND reported_at < TIMESTAMP '2025-12-31 16:00:00'",
    );
    const lines = body.neighbours.map((n: any) => turf.multiLineString(n.border.coordinates));
    const expected = body.neighbours.map(() => 0);
    for (const t of thefts) {
      if (!pointInGeometry(t.lon, t.lat, outline)) continue;
      const d = lines.map((l: any) => Math.min(...l.geometry.coordinates.map((c: number[][]) => turf.pointToLineDistance([t.lon, t.lat], turf.lineString(c), { units: 'meters' }))));
      const best = d.indexOf(Math.min(...d));
      if (d[best] <= 3000) expected[best]++;
    }
    // turf measures on a sphere, the zone on a local plane: allow a couple of points right at the 3 km line.
    body.neighbours.forEach((n: any, i: number) => expect(Math.abs(n.incidents.total - expected[i])).toBeLessThanOrEqual(2));
    expect(expected.reduce((a: number, b: number) => a + b, 0)).toBeGreaterThan(10);
  });

  it('answers bad parameters with 400', async () => {
    for (const q of ['width=10', 'width=abc', 'cameraRadius=0', 'categories=nonsense', 'from=2025-02-30']) {
      const { status, body } = await get(`/api/patrol/zones?${q}`);
      expect(status, q).toBe(400);
      expect(body.error).toMatch(/Invalid query/);
    }
  });
});

describe('GET /api/patrol/corridors', () => {
  it('gives the railway and national roads with level crossings, bridges and stations', async () => {
    const { status, body } = await get('/api/patrol/corridors?width=500');
    expect(status).toBe(200);
    const classes = body.corridors.map((c: any) => c.roadClass).sort();
    expect(classes).toContain('railway');
    expect(classes).toContain('national');
    const rail = body.corridors.find((c: any) => c.roadClass === 'railway');
    const kinds = new Set(rail.keyPoints.map((k: any) => k.kind));
    expect(kinds).toEqual(new Set(['bridge', 'level_crossing', 'station']));
    expect(rail.band).not.toBeNull();
    // A wider corridor holds at least as many incidents.
    const wide = await get('/api/patrol/corridors?width=2000&classes=railway');
    expect(wide.body.corridors[0].incidents.total).toBeGreaterThanOrEqual(rail.incidents.total);
    expect((await get('/api/patrol/corridors?classes=river')).status).toBe(400);
  });
});

describe('GET /api/patrol/risk', () => {
  it('matches the shift risk computed in plain SQL and ranks cells by risk', async () => {
    const { status, body } = await get('/api/patrol/risk?start=20&end=2&days=weekdays&lookbackDays=180&halfLifeDays=60&top=10');
    expect(status).toBe(200);
    expect(body.top.length).toBe(10);
    for (let i = 1; i < body.top.length; i++) expect(body.top[i].risk).toBeLessThanOrEqual(body.top[i - 1].risk);
    // Oracle: the same definition written in SQL (local time = UTC + 8 h; a shift hour before 02:00 belongs
    // to the previous day's shift; weekdays are shift-start days Monday–Friday).
    const cases = Object.entries(CATEGORY_INFO).map(([k, v]) => `WHEN '${k}' THEN ${v.severity}`).join(' ');
    const asOf = `TIMESTAMP '${body.asOf.replace('T', ' ').replace('Z', '')}'`;
    const [row] = await db.query<{ risk: number; n: number }>(`
      WITH x AS (SELECT category, reported_at, reported_at + INTERVAL 8 HOUR AS loc FROM incidents
                 WHERE reported_at <= ${asOf} AND reported_at >= ${asOf} - INTERVAL 180 DAY),
           y AS (SELECT *, hour(loc) h, CASE WHEN hour(loc) < 2 THEN loc - INTERVAL 1 DAY ELSE loc END AS start_day FROM x)
      SELECT sum((CASE category ${cases} ELSE 0 END) * pow(0.5, (epoch_ms(${asOf}) - epoch_ms(reported_at)) / 86400000.0 / 60)) risk,
             count(*) FILTER (WHERE (CASE category ${cases} ELSE 0 END) > 0) n
      FROM y WHERE (h >= 20 OR h < 2) AND dayofweek(start_day) BETWEEN 1 AND 5`);
    expect(body.totalRisk).toBeCloseTo(row.risk, 6);
    expect(body.incidents).toBe(row.n);
  });

  it('answers bad parameters with 400', async () => {
    for (const q of ['start=25', 'end=-1', 'days=friday', 'days=7', 'res=3', 'lookbackDays=2', 'top=0', 'asOf=yesterday']) {
      const { status } = await get(`/api/patrol/risk?${q}`);
      expect(status, q).toBe(400);
    }
  });
});

describe('POST /api/patrol/route', () => {
  it('plans two units without shared stops, within budget, with increasing ETAs', async () => {
    const { status, body } = await post('/api/patrol/route', { stationId: 1, start: 20, end: 2, units: 2, dwellMin: 10 });
    expect(status).toBe(200);
    expect(body.budgetMin).toBe(360);
    expect(body.routes.length).toBe(2);
    const cells = body.routes.flatMap((r: any) => r.stops.map((s: any) => s.cell));
    expect(new Set(cells).size).toBe(cells.length);
    for (const r of body.routes) {
      expect(r.stops.length).toBeGreaterThan(0);
      expect(r.timeMin).toBeLessThanOrEqual(360 + 1e-6);
      expect(r.path.length).toBeGreaterThan(2);
      let last = 0;
      for (const s of r.stops) {
        expect(s.arriveMin).toBeGreaterThanOrEqual(last);
        expect(s.departMin - s.arriveMin).toBeCloseTo(10, 6);
        last = s.departMin;
      }
      // Time = travel + dwell per stop.
      expect(r.timeMin).toBeCloseTo(r.travelMin + 10 * r.stops.length, 6);
    }
    expect(body.shareOfShift).toBeGreaterThan(0);
    expect(body.shareOfShift).toBeLessThanOrEqual(1);
    expect(body.collectedRisk).toBeCloseTo(body.routes.reduce((s: number, r: any) => s + r.risk, 0), 9);
    for (const l of body.leftOut) expect(['no_road', 'unreachable', 'too_far', 'no_time']).toContain(l.reason);
    // The top risk cell a unit could reach is visited.
    const risk = await get('/api/patrol/risk?start=20&end=2&days=all&top=1');
    expect(cells).toContain(risk.body.top[0].cell);
  });

  it('a longer shift collects at least as much; one unit collects no more than two', async () => {
    const one = await post('/api/patrol/route', { stationId: 6, units: 1, budgetMin: 120 });
    const longer = await post('/api/patrol/route', { stationId: 6, units: 1, budgetMin: 360 });
    const two = await post('/api/patrol/route', { stationId: 6, units: 2, budgetMin: 120 });
    expect(longer.body.collectedRisk).toBeGreaterThanOrEqual(one.body.collectedRisk * 0.95);
    expect(two.body.collectedRisk).toBeGreaterThanOrEqual(one.body.collectedRisk * 0.95);
    expect(one.body.routes[0].timeMin).toBeLessThanOrEqual(120);
  });

  it('uses the given speeds: everything at 30 km/h means 2 minutes per km', async () => {
    const speeds = { national: 30, provincial: 30, county: 30, village: 30, street: 30 };
    const { status, body } = await post('/api/patrol/route', { stationId: 1, units: 1, budgetMin: 120, speeds });
    expect(status).toBe(200);
    const r = body.routes[0];
    expect(r.distanceKm).toBeGreaterThan(1);
    expect(r.travelMin).toBeCloseTo(2 * r.distanceKm, 3);
  });

  it('is repeatable with a seed and differs between seeds', async () => {
    const body = { stationId: 1, units: 2, seed: 1 };
    const a = await post('/api/patrol/route', body);
    const b = await post('/api/patrol/route', body);
    expect(a.body.routes).toEqual(b.body.routes);
    const variants = new Set<string>();
    for (const seed of [1, 2, 3, 4]) variants.add(JSON.stringify((await post('/api/patrol/route', { ...body, seed })).body.routes.map((r: any) => r.stops.map((s: any) => s.cell))));
    expect(variants.size).toBeGreaterThan(1);
  });

  it('exports GPX with the route points and GeoJSON with routes and stops', async () => {
    const req = { stationId: 1, units: 2 };
    const plan = (await post('/api/patrol/route', req)).body;
    const gpx = await post('/api/patrol/route.gpx', req);
    expect(gpx.status).toBe(200);
    expect(gpx.type).toContain('application/gpx+xml');
    expect(gpx.body.match(/<trkpt /g).length).toBe(plan.routes.reduce((s: number, r: any) => s + r.path.length, 0));
    expect(gpx.body.match(/<wpt /g).length).toBe(plan.routes.reduce((s: number, r: any) => s + r.stops.length, 0));
    expect(gpx.body).toContain('<trk><name>通榆县公安局 第1组</name>');
    const geo = await post('/api/patrol/route.geojson', req);
    expect(geo.status).toBe(200);
    expect(geo.body.type).toBe('FeatureCollection');
    expect(geo.body.features.filter((f: any) => f.properties.kind === 'route').length).toBe(2);
    expect(geo.body.features.filter((f: any) => f.properties.kind === 'stop')[0].properties.eta).toMatch(/^\d\d:\d\d$/);
  });

  it('names every place it means: top risk cells, stops, left-out cells and GPX waypoints (checked by brute-force point-in-polygon)', async () => {
    const grids = await db.query<{ code: string; geojson: string; village: string; township: string }>(
      'SELECT g.code, g.geojson, v.name village, t.name township FROM grids g JOIN villages v ON v.code = g.village_code JOIN townships t ON t.code = g.township_code');
    const shapes = grids.map((g) => ({ ...g, geometry: JSON.parse(g.geojson) }));
    const expectPlace = (lon: number, lat: number, place: any) => {
      const g = shapes.find((x) => pointInGeometry(lon, lat, x.geometry));
      if (!g) return expect(place.label).toBe('县外');
      expect(place.grid.code).toBe(g.code);
      expect(place.label).toBe(`${g.township} ${g.village}`);
      if (place.near !== null) expect(place.near).toMatch(/^(距.+ \d+ 米|.+旁)$/);
    };
    const risk = (await get('/api/patrol/risk?start=20&end=2&days=all&top=20')).body;
    expect(risk.top.length).toBe(20);
    for (const c of risk.top) expectPlace(c.focusLon, c.focusLat, c.place);
    const req = { stationId: 1, units: 2, budgetMin: 120 };
    const plan = (await post('/api/patrol/route', req)).body;
    const stops = plan.routes.flatMap((r: any) => r.stops);
    expect(stops.length).toBeGreaterThan(0);
    for (const s of stops) expectPlace(s.lon, s.lat, s.place);
    expect(plan.leftOut.length).toBeGreaterThan(0);
    for (const l of plan.leftOut) expectPlace(l.lon, l.lat, l.place);
    const gpx = (await post('/api/patrol/route.gpx', req)).body as string;
    const names = [...gpx.matchAll(/<wpt [^>]*>(?:<time>[^<]*<\/time>)?<name>([^<]*)<\/name>/g)].map((m) => m[1]);
    expect(names.length).toBe(stops.length);
    plan.routes.forEach((r: any) => r.stops.forEach((s: any) => {
      const name = names.find((n) => n.startsWith(`${r.unit}-${s.order} `));
      expect(name).toMatch(/^\d+-\d+ \d\d:\d\d /);
      expect(name!.endsWith(s.place.near ? `${s.place.label} · ${s.place.near}` : s.place.label)).toBe(true);
    }));
  });

  it('answers bad bodies with 400 and an unknown station with 404', async () => {
    const bad: unknown[] = ['not json', {}, { stationId: 'one' }, { stationId: 1, units: 0 }, { stationId: 1, units: 11 }, { stationId: 1, budgetMin: 5 }, { stationId: 1, days: 'someday' }, { stationId: 1, speeds: { rocket: 300 } }, { stationId: 1, categories: ['aliens'] }, { stationId: 1, extra: true }, { stationId: 1, start: 24 }];
    for (const b of bad) {
      const r = await post('/api/patrol/route', b);
      expect(r.status, JSON.stringify(b)).toBe(400);
      expect(typeof r.body.error).toBe('string');
    }
    const missing = await post('/api/patrol/route', { stationId: 9999 });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatch(/no police station/);
    expect((await post('/api/patrol/route.gpx', { stationId: 1, units: 'two' })).status).toBe(400);
  });
});

describe('GET /api/patrol/isochrones', () => {
  it('gives nested bands and shares of villages and incidents that grow with the minutes', async () => {
    const { status, body } = await get('/api/patrol/isochrones?minutes=5,10,15,30');
    expect(status).toBe(200);
    expect(body.bands.map((b: any) => b.minutes)).toEqual([5, 10, 15, 30]);
    for (const key of ['villages', 'incidents']) {
      const shares = body[key].map((s: any) => s.share);
      for (let i = 1; i < shares.length; i++) expect(shares[i]).toBeGreaterThanOrEqual(shares[i - 1]);
      expect(shares[3]).toBeGreaterThan(0.5);
    }
    const villages = (await db.query<{ n: number }>('SELECT count(*) n FROM villages WHERE centre_lon IS NOT NULL'))[0].n;
    expect(body.villages[0].total).toBe(villages);
    // One station alone never reaches more than all stations together.
    const one = await get('/api/patrol/isochrones?stationId=6');
    expect(one.body.stations.length).toBe(1);
    one.body.villages.forEach((s: any, i: number) => expect(s.reached).toBeLessThanOrEqual(body.villages[i].reached));
  });

  it('answers bad parameters with 400 and an unknown station with 404', async () => {
    for (const q of ['minutes=0', 'minutes=5,x', 'minutes=500', 'minutes=1,2,3,4,5,6,7', 'stationId=abc']) expect((await get(`/api/patrol/isochrones?${q}`)).status, q).toBe(400);
    expect((await get('/api/patrol/isochrones?stationId=9999')).status).toBe(404);
  });
});

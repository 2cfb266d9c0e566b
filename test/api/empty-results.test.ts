// Filters that match no incident — a quiet grid, a category with nothing in the window, a window after the
// data — are ordinary questions (a township user picking a quiet grid and category): every analysis route
// answers 200 with empty results, never 500. Issue 14 item 0: `Database.queryColumns` returned [] instead of
// one empty column per selected column for zero rows, and every patrol endpoint fell over on it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import type { Database } from '../../server/db/database.js';
import { openTestCounty } from '../support/test-county.js';
import { openWritableCountyCopy } from '../support/writable-county.js';
import { signIn, type Requester } from '../support/session.js';

let db: Database;
let app: ReturnType<typeof createApp>;
let request: Requester;
let grid = '';
let township = '';
beforeAll(async () => {
  db = await openTestCounty();
  app = createApp(db);
  request = await signIn(app, 'admin');
  // A grid code that exists but holds no fire incident, and a township code that does not exist at all.
  grid = (await db.query<{ code: string }>(`SELECT code FROM grids g WHERE NOT EXISTS (SELECT 1 FROM incidents i WHERE i.grid_code = g.code AND i.category = 'fire') ORDER BY code LIMIT 1`))[0].code;
  township = `${(await db.query<{ code: string }>('SELECT code FROM county'))[0].code}999`;
});
afterAll(() => db.close());

// "nothing": a filter (query string) that matches no incident, in each of its forms.
const NOTHING = () => [`code=${township}`, `categories=fire&code=${grid}`, 'from=2099-01-01&to=2099-12-31'];
const ROUTE_BODY = { stationId: 1, categories: ['fire'], lookbackDays: 7 };

describe('Database.queryColumns', () => {
  it('answers one empty column per selected column for zero rows', async () => {
    expect(await db.queryColumns('SELECT lon, lat, category FROM incidents WHERE false')).toEqual([[], [], []]);
    const [a, b] = await db.queryColumns('SELECT 1::BIGINT AS a, 2 AS b WHERE false');
    expect(a).toEqual([]);
    expect(b).toEqual([]);
  });
});

describe('filters that match nothing answer 200 with empty results', () => {
  const gets: [string, (f: string) => string, (body: any) => void][] = [
    ['patrol zones', (f) => `/api/patrol/zones?${f}`, (b) => { expect(b.neighbours.length).toBeGreaterThan(0); for (const n of b.neighbours) expect(n.incidents.total).toBe(0); }],
    ['patrol corridors', (f) => `/api/patrol/corridors?${f}`, (b) => { expect(b.corridors.length).toBeGreaterThan(0); for (const c of b.corridors) expect(c.incidents.total).toBe(0); }],
    ['patrol risk', (f) => `/api/patrol/risk?${f.replace(/from=[^&]*&to=[^&]*/, 'lookbackDays=7&categories=fire')}`, (b) => { expect(b.cells).toEqual([]); expect(b.top).toEqual([]); expect(b.totalRisk).toBe(0); }],
    ['patrol isochrones', (f) => `/api/patrol/isochrones?${f}`, (b) => { expect(b.bands.length).toBe(4); for (const i of b.incidents) expect(i).toMatchObject({ reached: 0, total: 0, share: 0 }); }],
    ['area counts', (f) => `/api/areas/counts?level=grid&${f}`, (b) => expect(b.total).toBe(0)],
    ['heat', (f) => `/api/incidents/heat?zoom=10&${f}`, (b) => expect(b).toMatchObject({ points: [], total: 0 })],
    ['summary', (f) => `/api/incidents/summary?${f}`, (b) => expect(b.total).toBe(0)],
    ['frames', (f) => `/api/incidents/frames?step=month&level=township&${f}`, (b) => { expect(b.max).toBe(0); for (const fr of b.frames) expect(fr.total).toBe(0); }],
    ['gistar', (f) => `/api/hotspots/gistar?unit=grid&${f}`, (b) => expect(b.summary.hot90 + b.summary.hot95 + b.summary.hot99).toBe(0)],
    ['gistar h3', (f) => `/api/hotspots/gistar?unit=h3&resolution=7&${f}`, (b) => expect(b.summary.hot90 + b.summary.hot95 + b.summary.hot99).toBe(0)],
    ['emerging', (f) => `/api/hotspots/emerging?unit=grid&step=month&${f}`, (b) => expect(b.summary.new_hot + b.summary.persistent_hot + b.summary.intensifying_hot).toBe(0)],
    ['change', (f) => `/api/hotspots/change?level=township&${f.startsWith('from') ? f : `from=2025-01-01&to=2025-03-31&${f}`}`, (b) => expect(b.summary.up + b.summary.down).toBe(0)],
    ['matrix', (f) => `/api/stats/matrix?${f}`, (b) => expect(b).toMatchObject({ max: 0, total: 0 })],
    ['ranking', (f) => `/api/stats/ranking?level=township&${f}`, (b) => { for (const r of b.rows) expect(r.total).toBe(0); }],
    ['ranking villages', (f) => `/api/stats/ranking?level=village&${f}`, (b) => { for (const r of b.rows) expect(r.total).toBe(0); }],
    ['export csv', (f) => `/api/incidents/export?format=csv&${f}`, (b) => expect(String(b).trim().split('\n').length).toBe(1)],
    ['export geojson', (f) => `/api/incidents/export?format=geojson&${f}`, (b) => expect(b.features ?? JSON.parse(b).features).toEqual([])],
  ];
  for (const [name, path, check] of gets) {
    it(`GET ${name}`, async () => {
      for (const f of NOTHING()) {
        const res = await request(path(f));
        const text = await res.text();
        expect(res.status, `${path(f)} → ${text.slice(0, 300)}`).toBe(200);
        let body: unknown = text;
        try { body = JSON.parse(text); } catch { /* CSV */ }
        check(body);
      }
    });
  }

  for (const path of ['/api/patrol/route', '/api/patrol/route.gpx', '/api/patrol/route.geojson']) {
    it(`POST ${path} with a category that had no incident in the lookback`, async () => {
      for (const body of [ROUTE_BODY, { stationId: 1, code: township }, { stationId: 1, asOf: '2000-06-30', units: 2 }]) {
        const res = await request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
        const text = await res.text();
        expect(res.status, `${path} ${JSON.stringify(body)} → ${text.slice(0, 300)}`).toBe(200);
        if (path === '/api/patrol/route') {
          const plan = JSON.parse(text);
          expect(plan.routes.every((r: any) => r.stops.length === 0)).toBe(true);
        }
      }
    });
  }
});

describe('the first polygon import on an empty database', () => {
  it('replaces the grids of a county with no incidents, cameras or sites: 200, every point count 0', async () => {
    const { db: w, dispose } = await openWritableCountyCopy();
    try {
      await w.exec('DELETE FROM incidents; DELETE FROM cameras; DELETE FROM key_sites;');
      const grids = await w.query<{ code: string; name: string; geojson: string }>('SELECT code, name, geojson FROM grids ORDER BY code');
      const file = { type: 'FeatureCollection', features: grids.map((g) => ({ type: 'Feature', properties: { 网格编码: g.code, 网格名称: g.name }, geometry: JSON.parse(g.geojson) })) };
      const res = await (await signIn(createApp(w), 'admin'))('/api/import/areas?level=grid', { method: 'POST', body: JSON.stringify(file), headers: { 'content-type': 'application/geo+json' } });
      const body = (await res.json()) as any;
      expect(res.status, JSON.stringify(body).slice(0, 300)).toBe(200);
      expect(body.committed).toBe(true);
      for (const k of ['incidents', 'cameras', 'sites']) expect(body.reassigned[k].points).toBe(0);
      const after = await signIn(createApp(w), 'admin');
      for (const p of ['/api/patrol/zones', '/api/patrol/risk', '/api/hotspots/gistar?unit=grid', '/api/coverage/ledger', '/api/stats/ranking'])
        expect((await after(p)).status, p).toBe(200);
    } finally {
      dispose();
    }
  });
});

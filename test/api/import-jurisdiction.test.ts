// A jurisdiction that is not in the national list, started on an empty database: its outline comes as a
// zipped Shapefile in CGCS2000 3° Gauss-Krüger (here the test county's outline under a made-up development
// zone code 220899), with code, name and seat as parameters; then its townships, villages and grids import as
// usual (the test county's, re-coded under 220899), and the dashboard's routes answer for it. The database
// starts as the server starts it with COUNTY=none: the schema, no jurisdiction, and admin alone.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MultiPolygon, Polygon } from 'geojson';
import { createApp } from '../../server/app.js';
import { fromWgs84 } from '../../server/analysis/epsg.js';
import { areaM2 } from '../../server/analysis/polygon-overlaps.js';
import { createFirstAccounts } from '../../server/auth/first-accounts.js';
import type { Database } from '../../server/db/database.js';
import { openOrBuildDatabase } from '../../server/db/open-or-build.js';
import { openTestCounty } from '../support/test-county.js';
import { signIn, TEST_PASSWORD, type Requester } from '../support/session.js';
import { zipShapefile } from '../support/shapefile-writer.js';

const prjs = JSON.parse(readFileSync(new URL('../fixtures/crs/esri-prj.json', import.meta.url), 'utf8')) as Record<string, string>;
let dir: string;
let db: Database;
let app: ReturnType<typeof createApp>;
let admin: Requester;
type Area = { code: string; name: string; geojson: string };
let source: { outline: Polygon | MultiPolygon; seat: [number, number]; townships: Area[]; villages: Area[]; grids: Area[] };

/** An empty database as `COUNTY=none npm start` makes it (index.ts): opened or built, then the first accounts. */
async function startEmpty(name: string, { adminPassword = TEST_PASSWORD as string | null, log = (_m: string) => {} } = {}): Promise<Database> {
  const d = await openOrBuildDatabase(join(dir, name), { county: 'none' }, () => {});
  await createFirstAccounts(d, { demo: false, adminPassword: adminPassword ?? undefined, log });
  return d;
}

beforeAll(async () => {
  const test = await openTestCounty();
  const [c] = await test.query<{ geojson: string; seat_lon: number; seat_lat: number }>('SELECT geojson, seat_lon, seat_lat FROM county');
  source = {
    outline: JSON.parse(c.geojson), seat: [c.seat_lon, c.seat_lat],
    townships: await test.query('SELECT code, name, geojson FROM townships ORDER BY code'),
    villages: await test.query('SELECT code, name, geojson FROM villages ORDER BY code'),
    grids: await test.query('SELECT code, name, geojson FROM grids ORDER BY code'),
  };
  test.close();
  dir = mkdtempSync(join(tmpdir(), 'pingan-jurisdiction-'));
  db = await startEmpty('empty.duckdb');
  app = createApp(db);
  admin = await signIn(app, 'admin');
});
afterAll(() => { db?.close(); rmSync(dir, { recursive: true, force: true }); });

const project = (g: Polygon | MultiPolygon): Polygon | MultiPolygon => {
  const f = (p: number[]) => fromWgs84(4550, p[0], p[1]);
  return g.type === 'Polygon' ? { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(f)) } : { type: 'MultiPolygon', coordinates: g.coordinates.map((q) => q.map((r) => r.map(f))) };
};
const recode = (code: string) => `220899${code.slice(6)}`;
const send = async (url: string, body: Uint8Array | string) => {
  const form = new FormData();
  form.append('file', new Blob([body as BlobPart]), 'file');
  const r = await admin(url, { method: 'POST', body: form });
  return { status: r.status, body: (await r.json()) as any };
};

describe('POST /api/import/jurisdiction on an empty database', () => {
  it('starts with admin alone, scoped to nothing; a random admin password is printed once and signs in', async () => {
    expect((await db.query<{ n: number }>('SELECT count(*)::INT n FROM county'))[0].n).toBe(0);
    expect(await db.query('SELECT username, role, scope_code FROM users')).toEqual([{ username: 'admin', role: 'admin', scope_code: '' }]);
    const me = (await (await admin('/api/auth/me')).json()) as any;
    expect(me.user).toMatchObject({ username: 'admin', role: 'admin' });
    // Before the jurisdiction: the dashboard's first call says what to do, not 500.
    const meta = await admin('/api/meta');
    expect(meta.status).toBe(409);
    expect(((await meta.json()) as any).error).toMatch(/no jurisdiction/);
    const lines: string[] = [];
    const other = await startEmpty('random-password.duckdb', { adminPassword: null, log: (m) => lines.push(m) });
    try {
      const printed = lines.join('\n').match(/password of "admin" is (\S+) /)?.[1];
      expect(printed, lines.join('\n')).toBeTruthy();
      expect(lines.join('\n')).toMatch(/no jurisdiction yet/);
      await expect(signIn(createApp(other), 'admin', printed!)).resolves.toBeTruthy();
      await expect(signIn(createApp(other), 'admin', TEST_PASSWORD)).rejects.toThrow(/401/);
    } finally {
      other.close();
    }
  });

  it('takes a Gauss-Krüger Shapefile outline with code, name and seat; then townships and villages import', async () => {
    const zip = await zipShapefile({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { 名称: '通榆测试开发区' }, geometry: project(source.outline) }] }, { prj: prjs['4550'], encoding: 'gbk' });
    const q = `?code=220899&seatLon=${source.seat[0]}&seatLat=${source.seat[1]}`;
    const dry = await send(`/api/import/jurisdiction${q}&dryRun=true`, zip);
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body.source.crs).toMatchObject({ id: 'epsg:4550', source: 'prj' });
    // The shipped outline (simplified) has a kink: kept, with a warning.
    expect(dry.body.warnings[0].zh).toMatch(/多边形自相交/);
    expect(dry.body.jurisdiction).toMatchObject({ code: '220899', name: '通榆测试开发区', province: '吉林省', prefecture: '白城市' });
    // The preview for the first-run map: the outline (simplified, same place) and the national units around it,
    // the county it was drawn from among them.
    expect(dry.body.preview.outline.type).toMatch(/Polygon/);
    expect(Math.abs(areaM2(dry.body.preview.outline) - areaM2(source.outline)) / areaM2(source.outline)).toBeLessThan(0.01);
    expect(dry.body.preview.around.map((a: { name: string }) => a.name)).toContain('通榆县');
    // The area after the projection round trip equals the original outline's to 0.01 %.
    expect(Math.abs(dry.body.jurisdiction.areaKm2 - areaM2(source.outline) / 1e6) / (areaM2(source.outline) / 1e6)).toBeLessThan(1e-4);
    const done = await send(`/api/import/jurisdiction${q}`, zip);
    expect(done.status, JSON.stringify(done.body)).toBe(201);
    expect(done.body.committed).toBe(true);
    const again = await send(`/api/import/jurisdiction${q}`, zip);
    expect(again.status).toBe(409);
    expect(again.body.errorZh).toMatch(/数据库已有辖区（通榆测试开发区 220899）/);

    const meta = (await (await admin('/api/meta')).json()) as any;
    expect(meta.county).toMatchObject({ code: '220899', name: '通榆测试开发区' });
    expect(meta.categories.length).toBe(11);
    // admin now has the jurisdiction as scope (accounts are made inside it from here on).
    const me = (await (await admin('/api/auth/me')).json()) as any;
    expect(me.user.scopeCode).toBe('220899');
    expect(me.scopeName).toBe('通榆测试开发区');

    const fc = (rows: Area[]) => JSON.stringify({ type: 'FeatureCollection', features: rows.map((r) => ({ type: 'Feature', properties: { code: recode(r.code), name: r.name }, geometry: JSON.parse(r.geojson) })) });
    const towns = await send('/api/import/areas?level=township', fc(source.townships));
    expect(towns.status, JSON.stringify(towns.body.rejected?.slice(0, 2) ?? towns.body.error)).toBe(200);
    expect(towns.body.imported).toBe(source.townships.length);
    const villages = await send('/api/import/areas?level=village', fc(source.villages));
    expect(villages.status, JSON.stringify(villages.body.rejected?.slice(0, 2) ?? villages.body.error)).toBe(200);
    expect(villages.body.imported).toBe(source.villages.length);
    const grids = await send('/api/import/areas?level=grid', fc(source.grids));
    expect(grids.status, JSON.stringify(grids.body.rejected?.slice(0, 2) ?? grids.body.error)).toBe(200);
    expect(grids.body.imported).toBe(source.grids.length);
    const regions = (await (await admin('/api/regions')).json()) as any;
    expect(JSON.stringify(regions)).toContain(recode(source.townships[0].code));
    const health = (await (await admin('/api/health')).json()) as any;
    expect(health.counts).toMatchObject({ townships: source.townships.length, villages: source.villages.length, grids: source.grids.length, incidents: 0 });
    // The imported polygons are the county's own: nothing is marked provisional.
    const after = (await (await admin('/api/meta')).json()) as any;
    expect(after.provisionalAreas ?? []).toEqual([]);
    // An account inside the new jurisdiction: a township leader of its first township.
    const made = await admin('/api/admin/users', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'zone-town', displayName: '乡镇领导', role: 'township_leader', scopeCode: recode(source.townships[0].code), password: TEST_PASSWORD }) });
    expect(made.status, await made.clone().text()).toBe(201);
    const town = await signIn(app, 'zone-town');
    expect((await town('/api/stats/ranking?level=village')).status).toBe(200);
  }, 120_000);

  it('refuses an outline outside China and a bad code with reasons', async () => {
    const other = await startEmpty('other.duckdb');
    const a = await signIn(createApp(other), 'admin');
    const post = async (q: string, body: string) => { const r = await a(`/api/import/jurisdiction${q}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }); return { status: r.status, body: (await r.json()) as any }; };
    const square = (x: number, y: number) => JSON.stringify({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 0.1, y], [x + 0.1, y + 0.1], [x, y + 0.1], [x, y]]] } });
    expect((await post('?code=220899&name=x', square(10, 50))).body.error).toMatch(/not in China/);
    expect((await post('?code=2208&name=x', square(122, 44))).body.error).toMatch(/code must be a 6-digit division code/);
    const ok = await post('?code=220899&name=测试区', square(122, 44));
    expect(ok.status).toBe(201);
    other.close();
  });
});

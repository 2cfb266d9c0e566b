// Jurisdiction scope over the app's own route list (app.routes): a township leader asking any GET route for
// another township's code gets 403 with a reason, or an answer in which every division code is inside their
// own township; asking with no code gives their township, never the county. The scope is decided in one place
// (routes/filters.ts scopeFor, applied by http/validate.ts validQuery to every query with a `code`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { accessRuleOf } from '../../server/auth/access.js';
import type { Database } from '../../server/db/database.js';
import { can, type Permission } from '../../shared/domain/permissions.js';
import { scopeFor } from '../../server/routes/filters.js';
import { signIn, type Requester } from '../support/session.js';
import { openTestCounty } from '../support/test-county.js';

let db: Database;
let app: ReturnType<typeof createApp>;
let leader: Requester;
let county: Requester;
let own: string;
let other: string;
let countyCode: string;
beforeAll(async () => {
  db = await openTestCounty();
  app = createApp(db);
  leader = await signIn(app, 'township_leader');
  county = await signIn(app, 'county_leader');
  const me = await (await leader('/api/auth/me')).json();
  own = me.user?.scopeCode ?? me.scopeCode;
  const [t] = await db.query<{ code: string }>('SELECT code FROM townships WHERE code <> ? ORDER BY code LIMIT 1', [own]);
  other = t.code;
  countyCode = own.slice(0, 6);
});
afterAll(() => db.close());

/** GET routes that answer the map's geography or settings, not data: the township list, outlines and basemap
 * are the same for everyone (a township leader sees the county around their township). */
const GEOGRAPHY = new Set(['/api/basemap/style.json', '/api/basemap/data/:layer', '/api/meta', '/api/auth/me', '/api/health', '/api/coverage/specs', '/api/geocode', '/api/reverse-geocode']);
/** Parameters a route needs to answer at all (the rest take their defaults). */
const NEEDS: Record<string, string> = {
  '/api/hotspots/change': 'from=2025-01-01&to=2025-03-31', '/api/areas/counts': 'level=village', '/api/areas/geometry': 'level=township',
  '/api/incidents/frames': 'step=month&level=village&from=2025-01-01&to=2025-03-31', '/api/hotspots/emerging': 'from=2025-01-01&to=2025-06-30',
  '/api/patrol/risk': 'start=20&end=23&top=5&limit=200', '/api/geocode': 'q=开通镇', '/api/search': 'q=村&limit=50', '/api/reverse-geocode': 'lon=123.2&lat=44.9',
};

function getRoutes() {
  const seen = new Map<string, unknown>();
  for (const r of app.routes) if (r.method === 'GET' && r.path.startsWith('/api/') && !seen.has(r.path)) seen.set(r.path, r.handler);
  return [...seen].map(([path, handler]) => ({ path, rule: accessRuleOf(handler) }));
}

const url = (path: string, extra: string) => {
  const base = path.replace(':layer', 'county.geojson').replace(':fontstack', 'Noto').replace(':range', '0-255.pbf').replace(/:[a-zA-Z]+(\{[^}]+\})?/g, '999999');
  const q = [NEEDS[path], extra].filter(Boolean).join('&');
  return q ? `${base}?${q}` : base;
};

/** Every division code (9 to 15 digits under the county's code) in an answer, JSON or CSV. */
function divisionCodes(text: string): string[] {
  return [...text.matchAll(new RegExp(`(?<![0-9])${countyCode}\\d{3,9}(?![0-9])`, 'g'))].map((m) => m[0]).filter((c) => [9, 12, 15].includes(c.length));
}

describe('jurisdiction scope (one helper in the filter layer)', () => {
  it('combines a code with the scope: inside narrows, above or absent is the scope, beside is refused', () => {
    expect(scopeFor('220822101', '220822101002')).toEqual({ ok: true, code: '220822101002' });
    expect(scopeFor('220822101', undefined)).toEqual({ ok: true, code: '220822101' });
    expect(scopeFor('220822101', '220822')).toEqual({ ok: true, code: '220822101' });
    expect(scopeFor('220822101', '220822102').ok).toBe(false);
    expect(scopeFor('220822101', '2208221020').ok).toBe(false);
    expect(scopeFor('220822', '220822102')).toEqual({ ok: true, code: '220822102' });
    expect(scopeFor('220822', undefined)).toEqual({ ok: true, code: undefined });
  });

  it('a township leader gets 403 or only their own township on every GET route of the app', async () => {
    const routes = getRoutes();
    expect(routes.length).toBeGreaterThan(25);
    const leaks: string[] = [];
    const refused: string[] = [];
    for (const r of routes) {
      if (r.path === '/api/events' || GEOGRAPHY.has(r.path) || r.path.includes(':')) continue;
      if (r.rule !== 'public' && r.rule !== 'signed-in' && !can('township_leader', r.rule as Permission)) continue;
      const asked = await leader(url(r.path, `code=${other}`));
      const text = await asked.text();
      if (asked.status === 403) {
        expect(JSON.parse(text), r.path).toMatchObject({ reason: 'jurisdiction', errorZh: expect.any(String) });
        refused.push(r.path);
      } else {
        expect(asked.status, `${r.path}: ${text.slice(0, 200)}`).toBe(200);
        const outside = divisionCodes(text).filter((c) => !c.startsWith(own));
        if (outside.length) leaks.push(`${r.path}?code=${other}: ${outside.slice(0, 3).join(', ')}`);
      }
      const plain = await leader(url(r.path, ''));
      const body = await plain.text();
      expect(plain.status, `${r.path}: ${body.slice(0, 200)}`).toBe(200);
      const outside = divisionCodes(body).filter((c) => !c.startsWith(own));
      if (outside.length) leaks.push(`${r.path}: ${outside.slice(0, 3).join(', ')}`);
    }
    expect(leaks).toEqual([]);
    // the incident, area, stats, hotspot, export, camera, coverage, patrol and case queries all take a code
    for (const p of ['/api/incidents/summary', '/api/incidents/heat', '/api/areas/counts', '/api/stats/ranking', '/api/incidents/export', '/api/cameras', '/api/cases', '/api/patrol/risk'])
      expect(refused, p).toContain(p);
  }, 240_000);

  it('with no code the township leader gets exactly what the county leader gets for that township', async () => {
    for (const p of ['/api/incidents/summary?from=2025-01-01&to=2025-12-31', '/api/stats/matrix?from=2025-01-01&to=2025-12-31']) {
      const mine = await (await leader(p)).json();
      const theirs = await (await county(`${p}&code=${own}`)).json();
      const whole = await (await county(p)).json();
      expect(mine, p).toEqual(theirs);
      expect(mine, p).not.toEqual(whole);
    }
  });
});

/** POST routes whose JSON body may name a jurisdiction (`code`), with a body that asks for another township;
 * every other POST route the township leader may call is listed in WRITES_WITHOUT_CODE. A POST route added
 * to the app in neither list fails the test below until someone says how its scope is decided. */
const BODY_WITH_CODE: Record<string, (other: string) => unknown> = {
  '/api/coverage/whatif': (code) => ({ code, edits: [] }),
  '/api/coverage/plan': (code) => ({ code, k: 1 }),
  '/api/patrol/route': (code) => ({ code, stationId: 1, units: 1, budgetMin: 60 }),
  '/api/patrol/route.geojson': (code) => ({ code, stationId: 1, units: 1, budgetMin: 60 }),
  '/api/patrol/route.gpx': (code) => ({ code, stationId: 1, units: 1, budgetMin: 60 }),
};
/** POST routes that name no jurisdiction in their body (their scope comes from the session or a checked id). */
const WRITES_WITHOUT_CODE = new Set(['/api/auth/login', '/api/auth/logout', '/api/auth/password', '/api/coverage/plan/export', '/api/coverage/scenarios', '/api/cases/:id/transitions', '/api/cases/:id/photos']);

describe('jurisdiction named in a body, a path or an id', () => {
  it('every POST route the township leader may call is classified: its body code is scoped, or it takes none', () => {
    const posts = [...new Set(app.routes.filter((r) => r.method === 'POST' && r.path.startsWith('/api/')).filter((r) => {
      const rule = accessRuleOf(r.handler);
      return rule && (rule === 'public' || rule === 'signed-in' || can('township_leader', rule as Permission));
    }).map((r) => r.path))];
    expect(posts.length).toBeGreaterThan(5);
    expect(posts.filter((p) => !(p in BODY_WITH_CODE) && !WRITES_WITHOUT_CODE.has(p))).toEqual([]);
  });

  it('a body naming another township gets 403 with the reason; one naming none runs in the own township', async () => {
    for (const [path, body] of Object.entries(BODY_WITH_CODE)) {
      const res = await leader(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body(other)) });
      expect(res.status, path).toBe(403);
      expect(await res.json(), path).toMatchObject({ reason: 'jurisdiction', errorZh: expect.stringContaining('辖区') });
    }
    const plan = await (await leader('/api/coverage/plan', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ k: 3 }) })).json();
    expect(plan.plan.cameras.length).toBeGreaterThan(0);
    const whatif = await leader('/api/coverage/whatif', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ level: 'village', edits: [] }) });
    expect(whatif.status).toBe(200);
    const codes = divisionCodes(await whatif.text());
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.filter((c) => !c.startsWith(own))).toEqual([]);
  });

  it('polygons, the tree and the police stations are the township’s own (and its containing units) only', async () => {
    for (const level of ['township', 'village', 'grid']) {
      const fc = await (await leader(`/api/areas/geometry?level=${level}`)).json();
      const all = await (await county(`/api/areas/geometry?level=${level}`)).json();
      const codes = fc.features.map((f: { id: string }) => f.id);
      expect(codes.length, level).toBeGreaterThan(0);
      expect(codes.filter((c: string) => !c.startsWith(own) && !own.startsWith(c)), level).toEqual([]);
      expect(codes, level).toEqual(all.features.map((f: { id: string }) => f.id).filter((c: string) => c.startsWith(own)));
    }
    const tree = await (await leader('/api/regions')).json();
    expect(tree.townships.map((t: { code: string }) => t.code)).toEqual([own]);
    const stations = (await (await leader('/api/patrol/stations')).json()).stations as { id: number; townshipCode: string }[];
    const allStations = (await (await county('/api/patrol/stations')).json()).stations as { id: number; townshipCode: string }[];
    expect(stations.length).toBeGreaterThan(0);
    expect(stations.every((s) => s.townshipCode === own)).toBe(true);
    const foreign = allStations.find((s) => s.townshipCode !== own)!;
    for (const [path, init] of [
      ['/api/patrol/route', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ stationId: foreign.id, units: 1, budgetMin: 60 }) }],
      [`/api/patrol/isochrones?stationId=${foreign.id}`, {}],
    ] as const) {
      const res = await leader(path, init);
      expect(res.status, path).toBe(403);
      expect((await res.json()).reason, path).toBe('jurisdiction');
    }
    const mine = await leader('/api/patrol/route', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ stationId: stations[0].id, units: 1, budgetMin: 60 }) });
    expect(mine.status).toBe(200);
  });

  it('a case of another township is refused by id (read and transition) with the reason', async () => {
    const [theirs] = await db.query<{ id: number }>('SELECT id FROM incidents WHERE township_code = ? ORDER BY id LIMIT 1', [other]);
    const [ours] = await db.query<{ id: number }>('SELECT id FROM incidents WHERE township_code = ? ORDER BY id LIMIT 1', [own]);
    for (const [path, init] of [
      [`/api/cases/${theirs.id}`, {}],
      [`/api/cases/${theirs.id}/transitions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'supervise' }) }],
      [`/api/cases/${theirs.id}/photos/no-such`, {}],
    ] as const) {
      const res = await leader(path, init);
      expect(res.status, path).toBe(403);
      expect(await res.json(), path).toMatchObject({ reason: 'jurisdiction', errorZh: expect.stringContaining('辖区') });
    }
    expect((await leader(`/api/cases/${ours.id}`)).status).toBe(200);
  });
});

describe('sensitive rows', () => {
  it('the planner’s case list and map points have no petition rows; the county leader’s have them', async () => {
    const planner = await signIn(app, 'planner');
    const q = '/api/cases?categories=petition&pageSize=5';
    const leaderList = await (await county(q)).json();
    expect(leaderList.total).toBeGreaterThan(0);
    const plannerList = await (await planner(q)).json();
    expect(plannerList.total).toBe(0);
    const all = await (await planner('/api/cases?pageSize=1')).json();
    const allLeader = await (await county('/api/cases?pageSize=1')).json();
    expect(all.total).toBe(allLeader.total - leaderList.total);
    expect((await (await county('/api/cases/points?categories=petition')).json()).ids.length).toBeGreaterThan(0);
    const points = await planner('/api/cases/points?categories=petition');
    expect(points.status).toBe(200);
    expect((await points.json()).ids).toEqual([]);
  });
});

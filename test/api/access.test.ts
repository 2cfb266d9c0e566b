// Access by role, over the app's own route list (app.routes from Hono, not a hand-kept list): every /api route
// declares an access rule; anonymous callers get 401 everywhere but the public routes (login, health); each role
// against each route gets 403 exactly when the permission table (domain/permissions.ts) says so. A route
// added without a rule fails the first test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { createApp } from '../../server/app.js';
import { access, accessRuleOf, defaultDeny, type AccessRule } from '../../server/auth/access.js';
import type { Database } from '../../server/db/database.js';
import { can } from '../../shared/domain/permissions.js';
import { ROLES, type Role } from '../../shared/domain/roles.js';
import { anonymous, signIn, type Requester } from '../support/session.js';
import { openTestCounty } from '../support/test-county.js';

let db: Database;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  db = await openTestCounty();
  app = createApp(db);
});
afterAll(() => db.close());

interface ApiRoute { method: string; path: string; rule: AccessRule | undefined }

/** Each declared /api route once (method + path), with the rule of its first handler. */
function apiRoutes(a: { routes: { method: string; path: string; handler: unknown }[] }): ApiRoute[] {
  const seen = new Map<string, ApiRoute>();
  for (const r of a.routes) {
    if (!r.path.startsWith('/api/') || r.method === 'ALL') continue;
    const key = `${r.method} ${r.path}`;
    if (!seen.has(key)) seen.set(key, { method: r.method, path: r.path, rule: accessRuleOf(r.handler) });
  }
  return [...seen.values()];
}

/** A concrete URL for a route pattern; for routes that compute a lot, a parameter their validator refuses, so an
 * allowed caller gets a quick 400 after the access check (only access is under test here). */
const SAMPLE: Record<string, string> = {
  '/api/hotspots/gistar': '?unit=bad', '/api/hotspots/emerging': '?unit=bad', '/api/hotspots/change': '?level=bad',
  '/api/patrol/zones': '?width=1', '/api/patrol/corridors': '?width=1', '/api/patrol/risk': '?start=99', '/api/patrol/isochrones': '?minutes=x',
  '/api/coverage/ledger': '?level=bad', '/api/coverage/ledger.csv': '?level=bad', '/api/incidents/frames': '?step=bad', '/api/incidents/heat': '?zoom=99',
  '/api/incidents/export': '?format=bad', '/api/areas/counts': '?level=bad', '/api/stats/ranking': '?level=bad', '/api/stats/matrix': '?from=bad',
  '/api/areas/geometry': '?level=bad', '/api/cameras': '?kinds=bad', '/api/import/areas': '?level=bad', '/api/admin/audit': '?limit=0', '/api/admin/audit.csv': '?limit=0',
};
const urlOf = (r: ApiRoute) =>
  r.path
    .replace(/:target\{[^}]+\}/, 'cameras')
    .replace(':layer', 'county.geojson')
    .replace(':fontstack', 'Noto').replace(':range', '0-255.pbf')
    .replace(':job', 'no-such-job').replace(':id', '999999') + (SAMPLE[r.path] ?? '');

async function call(request: Requester, r: ApiRoute): Promise<number> {
  const init: RequestInit = { method: r.method };
  if (r.method !== 'GET') Object.assign(init, { headers: { 'content-type': 'application/json' }, body: '{}' });
  const res = await request(urlOf(r), init);
  await res.body?.cancel(); // the event stream never ends by itself
  return res.status;
}

describe('every route declares its access', () => {
  it('has a rule on every /api route of the app', () => {
    const routes = apiRoutes(app);
    expect(routes.length).toBeGreaterThan(50);
    expect(routes.filter((r) => !r.rule).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    // the only catch-all is the 404 fallback, which says so
    const catchAll = app.routes.filter((r) => r.path.startsWith('/api') && r.method === 'ALL' && !['/api/*'].includes(r.path));
    expect(catchAll).toEqual([]);
  });
  it('refuses, before its handler runs, a route added without a rule (default deny)', async () => {
    let ran = false;
    const probe = new Hono();
    probe.use('/api/*', defaultDeny);
    probe.get('/api/with-rule', access('public'), (c) => c.text('ok'));
    probe.get('/api/without-rule', (c) => { ran = true; return c.text('leaked'); });
    expect((await probe.request('/api/with-rule')).status).toBe(200);
    expect((await probe.request('/api/without-rule')).status).toBe(403);
    expect(ran).toBe(false);
    expect(apiRoutes(probe).filter((r) => !r.rule).map((r) => r.path)).toEqual(['/api/without-rule']);
  });
});

describe('a read-only database', () => {
  it('answers a write with 503 and the reason, not 500 (a scenario deleted)', async () => {
    const planner = await signIn(app, 'planner');
    const res = await planner('/api/coverage/scenarios/no-such', { method: 'DELETE' });
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ reason: 'read-only', errorZh: expect.stringContaining('只读') });
  });
});

describe('anonymous callers', () => {
  it('get 401 on every route but login and health', async () => {
    const anon = anonymous(app);
    const open: string[] = [];
    for (const r of apiRoutes(app)) {
      const status = await call(anon, r);
      if (r.rule === 'public') open.push(`${r.method} ${r.path}`);
      else expect([r.method, r.path, status]).toEqual([r.method, r.path, 401]);
    }
    expect(open.sort()).toEqual(['GET /api/health', 'POST /api/auth/login']);
  });
});

describe('each role against each route', () => {
  const allowed = (role: Role, rule: AccessRule) => rule === 'public' || rule === 'signed-in' || can(role, rule);
  it.each(ROLES.map((r) => [r]))('%s gets 403 exactly where the table says', async (role) => {
    const request = await signIn(app, role);
    // logout last: it ends the session the other calls use
    const routes = apiRoutes(app).sort((a, b) => Number(a.path === '/api/auth/logout') - Number(b.path === '/api/auth/logout'));
    const wrong: string[] = [];
    for (const r of routes) {
      const status = await call(request, r);
      const ok = allowed(role, r.rule!);
      // a write on this read-only database answers 503 with a reason, never 500 (nor anything else does)
      if (status >= 500 && status !== 503) wrong.push(`${r.method} ${r.path}: ${status}, a server error`);
      if (ok ? status === 401 || status === 403 : status !== 403) wrong.push(`${r.method} ${r.path}: ${status}, expected ${ok ? 'allowed' : '403'}`);
    }
    expect(wrong).toEqual([]);
  });
  it('matches the issue’s table on the routes that define each role', () => {
    const rule = (method: string, path: string) => apiRoutes(app).find((r) => r.method === method && r.path === path)!.rule!;
    const may = (role: Role, method: string, path: string) => allowed(role, rule(method, path));
    expect(ROLES.filter((r) => may(r, 'POST', '/api/import/areas'))).toEqual(['admin']);
    expect(ROLES.filter((r) => may(r, 'POST', '/api/admin/users'))).toEqual(['admin']);
    expect(ROLES.filter((r) => may(r, 'GET', '/api/incidents/export'))).toEqual(['county_leader', 'township_leader', 'admin']);
    expect(ROLES.filter((r) => may(r, 'POST', '/api/coverage/plan'))).toEqual(['county_leader', 'township_leader', 'planner', 'admin']);
    expect(ROLES.filter((r) => may(r, 'POST', '/api/patrol/route.gpx'))).toEqual(['county_leader', 'township_leader', 'dispatcher', 'admin']);
    expect(ROLES.filter((r) => may(r, 'GET', '/api/hotspots/gistar'))).toEqual(['county_leader', 'township_leader', 'admin']);
    expect(ROLES.filter((r) => may(r, 'POST', '/api/reports'))).toEqual(['dispatcher', 'grid_member', 'admin']);
    // the grid member: reports, and the incident aggregates of their own grid; nothing else of the three views
    const gridMember = apiRoutes(app).filter((r) => may('grid_member', r.method, r.path) && !['public', 'signed-in'].includes(r.rule!)).map((r) => `${r.method} ${r.path}`);
    expect(gridMember.sort()).toEqual(['GET /api/areas/counts', 'GET /api/events', 'GET /api/incidents/frames', 'GET /api/incidents/heat', 'GET /api/incidents/summary', 'POST /api/reports']);
  });
});

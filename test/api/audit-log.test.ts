// The audit log on a writable county: imports (kind, rows), polygon replacements, exports (which, how many rows),
// reads of sensitive rows (petition text, face-recognition cameras, a reporter's name — also when the answer
// comes from the answer cache), account changes and password changes each leave a row with user, time, address
// and what; the admin reads them (JSON and CSV); nothing can change or delete a row.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import type { Database } from '../../server/db/database.js';
import { signIn, TEST_PASSWORD, type Requester } from '../support/session.js';
import { openWritableCountyCopy } from '../support/writable-county.js';

interface Row { id: number; at: string; username: string | null; role: string | null; address: string | null; action: string; ok: boolean; detail: string | null }

let db: Database;
let app: ReturnType<typeof createApp>;
let admin: Requester;
let dispose: () => void;
let grid: { code: string; centre_lon: number; centre_lat: number };
beforeAll(async () => {
  const w = await openWritableCountyCopy();
  db = w.db;
  dispose = w.dispose;
  app = createApp(db);
  admin = await signIn(app, 'admin');
  [grid] = await db.query<typeof grid>("SELECT code, centre_lon, centre_lat FROM grids WHERE kind = 'residential' ORDER BY code LIMIT 1");
  initial = await since(0);
});
let initial: Row[];
afterAll(() => dispose?.());

const json = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.1.2.3' }, body: JSON.stringify(body) });
/** Audit rows written since `after` (an id), oldest first. */
async function since(after: number): Promise<Row[]> {
  const { rows } = await (await admin('/api/admin/audit?limit=1000')).json();
  return (rows as Row[]).filter((r) => r.id > after).reverse();
}
const lastId = async () => ((await (await admin('/api/admin/audit?limit=1')).json()).rows[0]?.id ?? 0) as number;

/** Runs `act`, then expects a new row of `action` by `username` whose detail matches. */
async function expectLogged(act: () => Promise<unknown>, action: string, username: string, detail: RegExp, ok = true): Promise<Row> {
  const before = await lastId();
  await act();
  const rows = (await since(before)).filter((r) => r.action === action);
  const row = rows.find((r) => detail.test(r.detail ?? ''));
  expect(row, `${action} ${detail} in ${JSON.stringify(rows)}`).toBeDefined();
  expect(row).toMatchObject({ username, ok, at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/), address: expect.any(String) });
  return row!;
}

describe('audit events', () => {
  it('logs an incident import (rows in, rows refused) and not a dry run', async () => {
    const csv = `编号,类别,时间,经度,纬度,地址,描述\nAUD-1,矛盾纠纷,2025/07/01 09:30,${grid.centre_lon},${grid.centre_lat},地址,a\nAUD-2,矛盾纠纷,2025/07/01 10:30,${grid.centre_lon},${grid.centre_lat},地址,b\nAUD-3,飞碟,2025/07/01 10:30,${grid.centre_lon},${grid.centre_lat},地址,c\n`;
    const post = (q: string) => admin(`/api/import/incidents${q}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });
    const before = await lastId();
    await post('?dryRun=true');
    expect((await since(before)).filter((r) => r.action === 'import')).toEqual([]);
    await expectLogged(() => post('?partial=true'), 'import', 'admin', /^incidents: 2 imported, 1 refused$/);
  });

  it('logs a polygon replacement (areas.replace with the level and count), and a refused one as failed', async () => {
    const fc = await (await admin('/api/areas/geometry?level=township')).json();
    const n = fc.features.length;
    const post = (body: unknown) => admin('/api/import/areas?level=township', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await expectLogged(async () => expect((await post(fc)).status).toBeLessThan(300), 'areas.replace', 'admin', new RegExp(`^township: ${n} imported, 0 refused$`));
    await expectLogged(() => post({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: 'x' }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [0, 0]]] } }] }), 'areas.replace', 'admin', /^township: not imported/, false);
  }, 120_000);

  it('logs exports with what and how many rows', async () => {
    const leader = await signIn(app, 'county_leader');
    await expectLogged(() => leader('/api/incidents/export?format=csv&from=2025-01-01&to=2025-01-31'), 'export', 'county-leader', /^incidents\.csv \d+ rows.*2025-01-01–2025-01-31, \d+ petition rows with text$/);
    await expectLogged(() => leader('/api/coverage/ledger.csv?level=village'), 'export', 'county-leader', /^coverage ledger\.csv \d+ village rows$/);
    await expectLogged(() => leader('/api/coverage/plan/export', json({ format: 'csv', cameras: [{ id: 'P1', kind: 'public', lon: 123.1, lat: 44.8, bearing: 0, fov: 60, rangeM: 50 }] })), 'export', 'county-leader', /^camera plan\.csv 1 cameras$/);
    await expectLogged(() => leader('/api/patrol/route.gpx', json({ stationId: 1, units: 1, budgetMin: 60 })), 'export', 'county-leader', /^patrol route\.gpx from station .+: 1 routes, \d+ stops$/);
    await expectLogged(() => admin('/api/admin/audit.csv'), 'export', 'admin', /^audit\.csv \d+ rows$/);
  }, 120_000);

  it('logs reads of sensitive rows — also when the answer is served again from memory — and keeps them from roles without the permission', async () => {
    const planner = await signIn(app, 'planner');
    const [{ n: face }] = await db.query<{ n: number }>("SELECT count(*)::INTEGER n FROM cameras WHERE kind = 'face'");
    expect(face).toBeGreaterThan(0);
    const first = await expectLogged(() => planner('/api/cameras'), 'sensitive.read', 'planner', new RegExp(`^cameras: ${face} face-recognition`));
    const again = await expectLogged(() => planner('/api/cameras'), 'sensitive.read', 'planner', /face-recognition.*\(kept answer\)$/);
    expect(again.id).toBeGreaterThan(first.id);
    // the dispatcher's role has no cameras.face: no face camera positions, nothing to log
    const dispatcher = await signIn(app, 'dispatcher');
    const before = await lastId();
    const cams = (await (await dispatcher('/api/cameras')).json()).cameras as { kind: string }[];
    expect(cams.length).toBeGreaterThan(0);
    expect(cams.filter((c) => c.kind === 'face')).toEqual([]);
    expect((await since(before)).filter((r) => r.action === 'sensitive.read')).toEqual([]);
    // a petition case: read by the leader (logged), refused to the planner
    const [pet] = await db.query<{ id: number }>("SELECT id FROM incidents WHERE category = 'petition' ORDER BY id LIMIT 1");
    const leader = await signIn(app, 'county_leader');
    await expectLogged(() => leader(`/api/cases/${pet.id}`), 'sensitive.read', 'county-leader', new RegExp(`^case ${pet.id}: petition text`));
    const refused = await planner(`/api/cases/${pet.id}`);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ reason: 'sensitive' });
    await expectLogged(() => leader('/api/cases?categories=petition&pageSize=5'), 'sensitive.read', 'county-leader', /^case list: 5 petition rows of 5$/);
    // a live report's reporter is shown to roles with reporter.contact only
    const member = await signIn(app, 'grid_member');
    const [mine] = await db.query<{ centre_lon: number; centre_lat: number }>('SELECT centre_lon, centre_lat FROM grids WHERE code = (SELECT scope_code FROM users WHERE username = ?)', ['grid-member']);
    const posted = await (await member('/api/reports', json({ category: 'dispute', title: '报告人测试', lon: mine.centre_lon, lat: mine.centre_lat }))).json();
    const id = posted.id ?? posted.incident?.id;
    await expectLogged(() => leader(`/api/cases/${id}`), 'sensitive.read', 'county-leader', new RegExp(`^case ${id}: reporter grid-member$`));
    expect((await (await planner(`/api/cases/${id}`)).json()).reporter ?? null).toBe(null);
  }, 120_000);

  it('logs account changes and password changes', async () => {
    const created = await expectLogged(() => admin('/api/admin/users', json({ username: 'audit-probe', displayName: '审计测试', role: 'planner', scopeCode: grid.code.slice(0, 6), password: 'probe-password-1' })), 'user.create', 'admin', /^audit-probe planner \d{6}$/);
    expect(created.role).toBe('admin');
    const { users } = await (await admin('/api/admin/users')).json();
    const probe = users.find((u: { username: string }) => u.username === 'audit-probe');
    await expectLogged(() => admin(`/api/admin/users/${probe.id}/reset`, json({ password: 'probe-password-2' })), 'user.reset', 'admin', /^audit-probe$/);
    const self = await signIn(app, 'audit-probe', 'probe-password-2');
    await expectLogged(() => self('/api/auth/password', json({ current: 'probe-password-2', next: 'probe-password-3' })), 'password', 'audit-probe', /.*/);
    await expectLogged(() => admin(`/api/admin/users/${probe.id}/disable`, json({})), 'user.disable', 'admin', /^audit-probe$/);
    expect(TEST_PASSWORD).not.toBe('probe-password-3');
  });
});

describe('append-only', () => {
  it('no route changes or deletes a row: rows read at the start are the same after every other test', async () => {
    expect(initial.map((r) => r.action)).toContain('login');
    const all = await since(0);
    expect(all.length).toBeGreaterThan(initial.length + 20);
    expect(all.slice(0, initial.length)).toEqual(initial);
    // and no code in the server could: the table is only ever inserted into
    const files: string[] = [];
    const walk = (d: string) => { for (const f of readdirSync(d)) { const p = join(d, f); if (statSync(p).isDirectory()) walk(p); else if (/\.(ts|sql|mjs)$/.test(f)) files.push(p); } };
    walk('server');
    const writers = files.filter((f) => /(UPDATE|DELETE\s+FROM|TRUNCATE|DROP\s+TABLE)\s+audit_log/i.test(readFileSync(f, 'utf8')));
    expect(writers).toEqual([]);
    const routes = app.routes.filter((r) => r.path.startsWith('/api/admin/audit') && r.method !== 'GET' && r.method !== 'ALL');
    expect(routes).toEqual([]);
  });
});

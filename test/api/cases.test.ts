// The case workflow over HTTP on a private writable copy of the test county: a grid member reports, the
// township accepts and dispatches, the member handles, the township checks and closes — the history records
// each step oldest first and the closure rate moves; refusals are 403 (out of scope, not your role) or 409
// (not now) with reasons; an overdue case escalates to the county by itself; the list filters, pages and sorts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointInGeometry } from '../../shared/geo/point-in-polygon.js';
import type { Database } from '../../server/db/database.js';
import { startCaseSchedule } from '../../server/routes/cases/case-schedule.js';
import { appWithTestUsers, as, testUser } from '../support/case-users.js';
import { signIn } from '../support/session.js';
import { openWritableCountyCopy } from '../support/writable-county.js';

let db: Database;
let dispose: () => void;
let app: ReturnType<typeof appWithTestUsers>;
let grid: { code: string; township_code: string; centre_lon: number; centre_lat: number };
let otherTownship: string;
beforeAll(async () => {
  ({ db, dispose } = await openWritableCountyCopy());
  app = appWithTestUsers(db);
  grid = (await db.query<typeof grid & { geojson: string }>("SELECT code, township_code, centre_lon, centre_lat, geojson FROM grids WHERE kind = 'residential' ORDER BY code LIMIT 30"))
    .find((g) => pointInGeometry(g.centre_lon, g.centre_lat, JSON.parse((g as any).geojson)))!;
  [{ code: otherTownship }] = await db.query<{ code: string }>('SELECT code FROM townships WHERE code <> ? ORDER BY code LIMIT 1', [grid.township_code]);
});
afterAll(() => dispose());

const DAY = 86_400_000;
const shanghai = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

describe('the case workflow end to end', () => {
  it('report → accept → dispatch → handle → check → close, history oldest first, closure rate moves', async () => {
    const member = as(app, testUser('grid_member', grid.code));
    const township = as(app, testUser('township_leader', grid.township_code));
    const before = (await township.get(`/api/incidents/summary?code=${grid.township_code}`)).body;

    const rep = await member.post('/api/reports', { category: '矛盾纠纷', title: '宅基地边界纠纷', lon: grid.centre_lon, lat: grid.centre_lat });
    expect(rep.status, JSON.stringify(rep.body)).toBe(201);
    const id = rep.body.id as number;
    expect(id).toBeGreaterThan(0);

    let c = await member.get(`/api/cases/${id}`);
    expect(c.body).toMatchObject({ id, status: 'reported', statusZh: '已登记', level: 'village', reporter: member.user.username, overdue: false });
    expect(c.body.history.map((h: any) => h.action)).toEqual(['report']);
    expect(c.body.actions).toEqual(['escalate']); // a grid member cannot accept
    expect((await township.get('/api/cases?queue=mine&pageSize=200&sort=id')).body.items.map((i: any) => i.id)).toContain(id);

    const refused = await member.move(id, 'accept');
    expect(refused.status).toBe(403);
    expect(refused.body.errorZh).toBeTruthy();

    expect((await township.move(id, 'accept', { note: '已受理' })).body.status).toBe('accepted');
    expect((await township.move(id, 'dispatch')).status).toBe(400); // no assignee
    c = await township.move(id, 'dispatch', { assignee: member.user.username, note: '请网格员上门调解' });
    expect(c.body).toMatchObject({ status: 'dispatched', assignee: member.user.username });
    expect((await member.get('/api/cases?queue=mine')).body.items.map((i: any) => i.id)).toEqual([id]);
    expect((await township.move(id, 'check')).status).toBe(409); // not handled yet

    c = await member.move(id, 'handle', { note: '双方已达成协议' });
    expect(c.body.status).toBe('handled');
    expect((await township.move(id, 'check')).body.status).toBe('checked');
    c = await township.move(id, 'close', { note: '办结' });
    expect(c.body).toMatchObject({ status: 'closed', statusZh: '已办结', resolved: true });
    expect(c.body.closedAt).toBeTruthy();
    const h = c.body.history;
    expect(h.map((x: any) => x.action)).toEqual(['report', 'accept', 'dispatch', 'handle', 'check', 'close']);
    expect(h.map((x: any) => x.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(h.map((x: any) => x.toStatus)).toEqual(['reported', 'accepted', 'dispatched', 'handled', 'checked', 'closed']);
    expect(h[3]).toMatchObject({ note: '双方已达成协议', actor: { name: member.user.username, role: 'grid_member' } });
    for (let i = 1; i < h.length; i++) expect(Date.parse(h[i].at)).toBeGreaterThanOrEqual(Date.parse(h[i - 1].at));
    expect((await township.move(id, 'accept')).status).toBe(409); // closed

    const after = (await township.get(`/api/incidents/summary?code=${grid.township_code}`)).body;
    expect(after.total).toBe(before.total + 1);
    expect(after.closed).toBe(before.closed + 1);
    expect(after.closureRate).not.toBe(before.closureRate);
  });

  it('a phone resending a report whose answer was lost gets the same case, not a second one', async () => {
    const member = as(app, testUser('grid_member', grid.code));
    const body = { category: 'hazard', title: '桥栏松动', lon: grid.centre_lon, lat: grid.centre_lat, clientId: 'phone-test-0001' };
    const first = await member.post('/api/reports', body);
    const again = await member.post('/api/reports', body);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.body.id, resent: true });
    const [{ n }] = await db.query<{ n: number }>("SELECT count(*)::INTEGER n FROM incidents WHERE external_id = 'phone:phone-test-0001'");
    expect(n).toBe(1);
  });

  it('decides concurrent requests in order, each on the state the one before left (one group, one transaction)', async () => {
    const member = as(app, testUser('grid_member', grid.code));
    const township = as(app, testUser('township_leader', grid.township_code));
    const { body: { id } } = await member.post('/api/reports', { category: 'hazard', title: '同时操作', lon: grid.centre_lon, lat: grid.centre_lat });
    // Both signed in before the race: a first call signs in (scrypt, ~0.1 s), which would send it in last.
    expect((await township.get(`/api/cases/${id}`)).status).toBe(200);
    const [a, b, c, d] = await Promise.all([township.move(id, 'accept'), township.move(id, 'accept'), township.move(id, 'dispatch', { assignee: member.user.username }), member.move(id, 'handle')]);
    // The four arrive in an order the HTTP layer decides (sessions are checked asynchronously), so the test holds
    // what must be true in any order: exactly one accept wins, the other is refused as 409 (already accepted);
    // whatever succeeded is in the history once, numbered 1, 2, 3, … in the order decided; what was refused is not.
    const h = (await township.get(`/api/cases/${id}`)).body.history;
    expect(h.map((x: any) => x.seq)).toEqual(h.map((_: any, i: number) => i + 1));
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const actions = h.map((x: any) => x.action);
    expect(actions.slice(0, 2)).toEqual(['report', 'accept']);
    expect(actions.includes('dispatch')).toBe(c.status === 200);
    expect(actions.includes('handle')).toBe(d.status === 200);
    if (d.status === 200) expect(actions).toEqual(['report', 'accept', 'dispatch', 'handle']); // handling needs the dispatch before it
    for (const r of [c, d]) expect([200, 403, 409]).toContain(r.status);
    // each step was decided on the state the one before left: the statuses chain
    for (let i = 1; i < h.length; i++) expect(h[i].fromStatus).toBe(h[i - 1].toStatus);
  });

  it('refuses users outside the case’s jurisdiction (403) and requests without a session (401)', async () => {
    const member = as(app, testUser('grid_member', grid.code));
    const { body: { id } } = await member.post('/api/reports', { category: 'hazard', title: '井盖缺失', lon: grid.centre_lon, lat: grid.centre_lat });
    const stranger = as(app, testUser('township_leader', otherTownship));
    expect((await stranger.get(`/api/cases/${id}`)).status).toBe(403);
    const r = await stranger.move(id, 'accept');
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ reason: 'jurisdiction', errorZh: expect.stringContaining('不在您的辖区') });
    expect((await stranger.get(`/api/cases?code=${grid.township_code}`)).status).toBe(403);
    expect((await stranger.get('/api/cases?pageSize=200')).body.items.every((i: any) => i.gridCode.startsWith(otherTownship))).toBe(true);
    // a grid member cannot report outside their grid
    const [far] = await db.query<{ centre_lon: number; centre_lat: number }>('SELECT centre_lon, centre_lat FROM townships t JOIN grids g ON g.township_code = t.code WHERE t.code = ? LIMIT 1', [otherTownship]);
    expect((await member.post('/api/reports', { category: 'hazard', title: '井盖缺失', lon: far.centre_lon, lat: far.centre_lat })).status).toBe(403);
    expect((await app.request(`/api/cases/${id}`)).status).toBe(401);
    expect((await app.request('/api/cases')).status).toBe(401);
  });

  it('answers bad input with 400 and a reason, unknown cases with 404', async () => {
    const county = as(app, testUser('county_leader', '220822'));
    const { next } = (await county.get('/api/cases?pageSize=5&sort=dueAt&order=asc')).body;
    expect(next).toEqual(expect.any(String));
    // a cursor is only one this list gave, for the sort and order it was given in
    for (const q of ['status=open', 'overdue=maybe', 'queue=all', 'page=0', 'pageSize=1000', 'sort=title', 'from=2026-13-01', 'cursor=abc', `cursor=${'x'.repeat(500)}`,
      `cursor=${Buffer.from(JSON.stringify(['dueAt', 'asc', "1'; DROP TABLE incidents; --", 1])).toString('base64url')}`, `cursor=${next}`, `cursor=${next}&sort=dueAt&order=desc`]) {
      const r = await county.get(`/api/cases?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error).toBeTruthy();
    }
    expect((await county.move(1, 'fly')).status).toBe(400);
    expect((await county.post('/api/cases/1/transitions', undefined)).status).toBe(400);
    expect((await county.get('/api/cases/999999999')).status).toBe(404);
    expect((await county.get('/api/cases/abc')).status).toBe(400);
    expect((await county.move(999999999, 'accept')).status).toBe(404);
  });

  it('an overdue case escalates village → township → county by itself (fake clock), once', async () => {
    const member = as(app, testUser('grid_member', grid.code));
    const county = as(app, testUser('county_leader', '220822'));
    const t0 = Date.now() - 60_000;
    const { body: { id } } = await member.post('/api/reports', { category: 'livelihood', title: '路灯不亮', reportedAt: shanghai(t0), lon: grid.centre_lon, lat: grid.centre_lat });
    let now = t0 + 6 * DAY; // livelihood: 7 days a tier
    const schedule = startCaseSchedule(db, () => now);
    try {
      await schedule.runNow();
      expect((await county.get(`/api/cases/${id}`)).body.level).toBe('village');
      now = t0 + 7 * DAY + 120_000;
      await schedule.runNow();
      let c = (await county.get(`/api/cases/${id}`)).body;
      expect(c).toMatchObject({ level: 'township', status: 'reported' });
      expect(Date.parse(c.dueAt)).toBeLessThan(now); // overdue as of the fake clock
      expect(Date.parse(c.levelDueAt)).toBeGreaterThan(now); // the township has its own 7 days
      await schedule.runNow(); // same time again: nothing more
      expect((await county.get(`/api/cases/${id}`)).body.history.filter((h: any) => h.action === 'escalate')).toHaveLength(1);
      now = t0 + 14 * DAY + 120_000;
      await schedule.runNow();
      c = (await county.get(`/api/cases/${id}`)).body;
      expect(c).toMatchObject({ level: 'county', status: 'reported' });
      const esc = c.history.filter((h: any) => h.action === 'escalate');
      expect(esc.map((h: any) => [h.fromLevel, h.toLevel, h.actor.role])).toEqual([['village', 'township', 'system'], ['township', 'county', 'system']]);
      expect(Date.parse(esc[0].at)).toBe(Date.parse(c.reportedAt) + 7 * DAY); // recorded at the tier deadline
      expect(Date.parse(esc[1].at)).toBe(Date.parse(c.reportedAt) + 14 * DAY);
      // now the county's: in its queue, and the township can no longer act on it
      expect((await county.get('/api/cases?queue=mine&pageSize=200&sort=id&order=desc')).body.items.map((i: any) => i.id)).toContain(id);
      const township = as(app, testUser('township_leader', grid.township_code));
      expect((await township.move(id, 'accept')).status).toBe(403);
      expect((await county.move(id, 'accept')).body.status).toBe('accepted');
    } finally {
      schedule.stop();
    }
  });

  it('lists with filters, sort and pages done in SQL', async () => {
    const county = as(app, testUser('county_leader', '220822'));
    const all = (await county.get('/api/cases?pageSize=1')).body;
    const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::INTEGER n FROM incidents');
    expect(all.total).toBe(n);
    const p1 = (await county.get('/api/cases?status=dispatched&sort=reportedAt&order=asc&pageSize=20&page=1')).body;
    const p2 = (await county.get('/api/cases?status=dispatched&sort=reportedAt&order=asc&pageSize=20&page=2')).body;
    const [{ d }] = await db.query<{ d: number }>("SELECT count(*)::INTEGER d FROM incidents WHERE status = 'dispatched'");
    expect(p1.total).toBe(d);
    const both = [...p1.items, ...p2.items];
    expect(new Set(both.map((i: any) => i.id)).size).toBe(both.length);
    for (let i = 1; i < both.length; i++) expect(both[i].reportedAt >= both[i - 1].reportedAt).toBe(true);
    expect(both.every((i: any) => i.status === 'dispatched' && i.townshipName && i.statusZh === '已派遣')).toBe(true);
    // the same two pages by cursor: page 2 is the rows after page 1's `next`
    const k2 = (await county.get(`/api/cases?status=dispatched&sort=reportedAt&order=asc&pageSize=20&page=2&cursor=${p1.next}`)).body;
    expect(k2.items.map((i: any) => i.id)).toEqual(p2.items.map((i: any) => i.id));
    expect(k2.page).toBe(2);
    const over = (await county.get('/api/cases?overdue=1&categories=petition&pageSize=50')).body;
    expect(over.items.length).toBeGreaterThan(0);
    expect(over.items.every((i: any) => i.overdue && i.category === 'petition' && i.status !== 'closed')).toBe(true);
    const [{ o }] = await db.query<{ o: number }>("SELECT count(*)::INTEGER o FROM incidents WHERE category = 'petition' AND status <> 'closed' AND due_at < now()::TIMESTAMP");
    expect(over.total).toBe(o);
  });

  it('stores a photo within the limits and refuses what is not an image or too large', async () => {
    const member = as(app, testUser('grid_member', grid.code));
    const { body: { id } } = await member.post('/api/reports', { category: 'hazard', title: '电线裸露', lon: grid.centre_lon, lat: grid.centre_lat });
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 1, 2, 3]);
    const up = await member.post(`/api/cases/${id}/photos`, png, { 'content-type': 'image/png' });
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const got = await member.get(`/api/cases/${id}/photos/${up.body.id}`);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(new Uint8Array(got.body)).toEqual(png);
    expect((await member.get(`/api/cases/${id}`)).body.photos).toHaveLength(1);
    const html = new TextEncoder().encode('<script>alert(1)</script>');
    expect((await member.post(`/api/cases/${id}/photos`, html, { 'content-type': 'image/png' })).status).toBe(400);
    const big = new Uint8Array(5 * 1024 * 1024 + 10); big.set([0xff, 0xd8, 0xff]);
    expect((await member.post(`/api/cases/${id}/photos`, big, { 'content-type': 'image/jpeg' })).status).toBe(413);
    const stranger = as(app, testUser('township_leader', otherTownship));
    expect((await stranger.get(`/api/cases/${id}/photos/${up.body.id}`)).status).toBe(403);
  });
});

describe('history and state agree for every case', () => {
  it('imported rows get their history: times become transitions, a bare status an "import" transition', async () => {
    const csv = ['编号,类别,时间,经度,纬度,描述,状态,办结时间',
      `CASE-T1,矛盾纠纷,2026-10-01 09:00,${grid.centre_lon},${grid.centre_lat},土地纠纷,受理,`,
      `CASE-T2,盗窃,2026-10-02 10:00,${grid.centre_lon},${grid.centre_lat},电动车被盗,办结,2026-10-05 16:00`].join('\n');
    const res = await (await signIn(app, 'admin'))('/api/import/incidents', { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } });
    expect(res.status, await res.clone().text()).toBe(200);
    const county = as(app, testUser('county_leader', '220822'));
    const ids = await db.query<{ id: number; external_id: string }>("SELECT id, external_id FROM incidents WHERE external_id IN ('CASE-T1', 'CASE-T2') ORDER BY external_id");
    const [t1, t2] = await Promise.all(ids.map(async (r) => (await county.get(`/api/cases/${r.id}`)).body));
    expect(t1.history.map((h: any) => [h.action, h.toStatus])).toEqual([['report', 'reported'], ['import', 'accepted']]);
    expect(t1.status).toBe('accepted');
    expect(t2.history.map((h: any) => [h.action, h.toStatus])).toEqual([['report', 'reported'], ['close', 'closed']]);
    expect(t2.history[1].at).toBe('2026-10-05T08:00:00.000Z');
  });

  it('each case’s status, tier and last seq are those of its last transition, seqs are unique per case, and closures are history close rows', async () => {
    const [bad] = await db.query<{ n: number }>(
      `WITH last AS (SELECT case_id, arg_max(to_status, seq) s, arg_max(to_level, seq) l, max(seq) q, count(*) k, count(DISTINCT seq) d FROM case_transitions GROUP BY case_id)
       SELECT count(*)::INTEGER n FROM incidents i LEFT JOIN last ON last.case_id = i.id WHERE last.s IS DISTINCT FROM i.status OR last.l IS DISTINCT FROM coalesce(i.level, 'village')
         OR last.q IS DISTINCT FROM i.history_seq OR last.k <> last.d`);
    // status, tier and the kept last seq (history_seq) are the history's; no two rows of a case share a seq
    expect(bad.n).toBe(0);
    const [k] = await db.query<{ closed: number; hist: number }>(
      `SELECT (SELECT count(*) FROM incidents WHERE status = 'closed')::INTEGER closed, (SELECT count(DISTINCT case_id) FROM case_transitions WHERE action = 'close')::INTEGER hist`);
    expect(k.hist).toBe(k.closed);
  });
});

// Dispatch to a person picked from a list (issue 15): GET /api/cases/:id/assignees lists the grid members and
// township staff of the case's township the dispatcher can see — the case's own grid first, then its village,
// then the rest of the township — and the transition route refuses any other assignee (403 outside the
// dispatcher's jurisdiction, 409 outside the case's township, not a handler, disabled or no such account), with
// reasons in Chinese. The list and the refusals are one rule: checked over every account of the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.js';
import { createUser, setDisabled, userByName } from '../../server/auth/user-store.js';
import { assigneeVerdict, type AssigneeAccount } from '../../server/cases/assignees.js';
import { appWithTestUsers, as, testUser } from '../support/case-users.js';
import { TEST_PASSWORD } from '../support/session.js';
import { openWritableCountyCopy } from '../support/writable-county.js';
import type { Role } from '../../shared/domain/roles.js';

let db: Database;
let dispose: () => void;
let app: ReturnType<typeof appWithTestUsers>;
type Grid = { code: string; village_code: string; township_code: string; centre_lon: number; centre_lat: number };
let grid: Grid, sameVillage: Grid, sameTownship: Grid, otherTownship: Grid;
let county: string;

const account = async (username: string, displayName: string, role: Role, scopeCode: string) =>
  (await userByName(db, username)) ?? createUser(db, { username, displayName, role, scopeCode, password: TEST_PASSWORD });

beforeAll(async () => {
  ({ db, dispose } = await openWritableCountyCopy());
  app = appWithTestUsers(db);
  const grids = await db.query<Grid>('SELECT code, village_code, township_code, centre_lon, centre_lat FROM grids ORDER BY code');
  // a village with two grids, in a township with another village, and a grid of another township
  const byVillage = new Map<string, Grid[]>();
  for (const g of grids) byVillage.set(g.village_code, [...(byVillage.get(g.village_code) ?? []), g]);
  const village = [...byVillage.values()].find((gs) => gs.length >= 2 && grids.some((g) => g.township_code === gs[0].township_code && g.village_code !== gs[0].village_code))!;
  [grid, sameVillage] = village;
  sameTownship = grids.find((g) => g.township_code === grid.township_code && g.village_code !== grid.village_code)!;
  otherTownship = grids.find((g) => g.township_code !== grid.township_code)!;
  county = grid.township_code.slice(0, 6);
  await account('as-member-grid', '张网格', 'grid_member', grid.code);
  await account('as-member-village', '李同村', 'grid_member', sameVillage.code);
  await account('as-member-township', '王同镇', 'grid_member', sameTownship.code);
  await account('as-member-other', '赵外镇', 'grid_member', otherTownship.code);
  await account('as-leader', '陈镇长', 'township_leader', grid.township_code);
  await account('as-leader-other', '周镇长', 'township_leader', otherTownship.township_code);
  await account('as-planner', '钱规划', 'planner', grid.township_code);
  await account('as-dispatcher', '孙指挥', 'dispatcher', county);
  const gone = await account('as-member-disabled', '吴停用', 'grid_member', grid.code);
  await setDisabled(db, gone.id, true);
});
afterAll(() => dispose());

const named = (username: string, role: Role, scope: string) => as(app, testUser(role, scope, username));

describe('dispatch to a person picked from a list', () => {
  let id: number;
  it('lists the township’s grid members and leaders, the case’s grid first, then its village, then the township', async () => {
    const member = named('as-member-grid', 'grid_member', grid.code);
    const rep = await member.post('/api/reports', { category: 'dispute', title: '邻里纠纷', lon: grid.centre_lon, lat: grid.centre_lat });
    expect(rep.status, JSON.stringify(rep.body)).toBe(201);
    id = rep.body.id;
    const c = (await member.get(`/api/cases/${id}`)).body;
    expect(c.gridCode).toBe(grid.code);
    const leader = named('as-leader', 'township_leader', grid.township_code);
    expect((await leader.move(id, 'accept')).status).toBe(200);

    const r = await leader.get(`/api/cases/${id}/assignees`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const names = r.body.items.map((p: any) => p.username);
    expect(names.slice(0, 2)).toEqual(['as-member-grid', 'as-member-village']);
    expect(r.body.items.slice(0, 2).map((p: any) => p.fit)).toEqual(['grid', 'village']);
    expect(names).toContain('as-member-township');
    expect(names).toContain('as-leader');
    for (const out of ['as-member-other', 'as-leader-other', 'as-planner', 'as-dispatcher', 'as-member-disabled']) expect(names).not.toContain(out);
    // every village-fit entry comes before every township-fit one, grid members before leaders within a fit
    const fits = r.body.items.map((p: any) => p.fit);
    expect([...fits].sort((a: string, b: string) => ['grid', 'village', 'township'].indexOf(a) - ['grid', 'village', 'township'].indexOf(b))).toEqual(fits);
    expect(r.body.items[0]).toMatchObject({ displayName: '张网格', role: 'grid_member', roleZh: '网格员', unitCode: grid.code });

    // searchable in Chinese, by unit name too
    const q = await leader.get(`/api/cases/${id}/assignees?q=${encodeURIComponent('同镇')}`);
    expect(q.body.items.map((p: any) => p.username)).toEqual(['as-member-township']);
    const unit = r.body.items[0].unitName as string;
    expect(unit).toBeTruthy();
    expect((await leader.get(`/api/cases/${id}/assignees?q=${encodeURIComponent(unit)}`)).body.items.map((p: any) => p.username)).toContain('as-member-grid');

    // a county dispatcher sees the same people of the case's township
    const dispatcher = named('as-dispatcher', 'dispatcher', county);
    expect((await dispatcher.get(`/api/cases/${id}/assignees`)).body.items.map((p: any) => p.username)).toEqual(names);
  });

  it('refuses the list to a role that may not dispatch, and to a leader of another township', async () => {
    expect((await named('as-member-grid', 'grid_member', grid.code).get(`/api/cases/${id}/assignees`)).status).toBe(403);
    const other = await named('as-leader-other', 'township_leader', otherTownship.township_code).get(`/api/cases/${id}/assignees`);
    expect(other.status).toBe(403);
    expect(other.body.reason).toBe('jurisdiction');
    expect((await named('as-leader', 'township_leader', grid.township_code).get('/api/cases/999999999/assignees')).status).toBe(404);
  });

  it('refuses an assignee outside the list, with a reason, and the case stays accepted', async () => {
    const leader = named('as-leader', 'township_leader', grid.township_code);
    const dispatcher = named('as-dispatcher', 'dispatcher', county);
    const outside = await leader.move(id, 'dispatch', { assignee: 'as-member-other' });
    expect(outside.status).toBe(403);
    expect(outside.body).toMatchObject({ reason: 'jurisdiction' });
    expect(outside.body.errorZh).toContain('赵外镇');
    const otherTown = await dispatcher.move(id, 'dispatch', { assignee: 'as-member-other' });
    expect(otherTown.status).toBe(409);
    expect(otherTown.body.errorZh).toContain('不属于该事件所在乡镇');
    for (const [who, zh] of [['as-planner', '不承办事件'], ['as-member-disabled', '没有名为'], ['nobody-here', '没有名为']]) {
      const r = await leader.move(id, 'dispatch', { assignee: who });
      expect(r.status, who).toBe(409);
      expect(r.body.errorZh, who).toContain(zh);
    }
    expect((await leader.get(`/api/cases/${id}`)).body.status).toBe('accepted');
  });

  it('dispatches to the one picked, and the card and history name the person', async () => {
    const leader = named('as-leader', 'township_leader', grid.township_code);
    const r = await leader.move(id, 'dispatch', { assignee: 'as-member-village', note: '请协助' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ status: 'dispatched', assignee: 'as-member-village', assigneeName: '李同村' });
    expect(r.body.history.at(-1)).toMatchObject({ action: 'dispatch', assignee: 'as-member-village', assigneeName: '李同村' });
    // the member of the neighbouring grid now sees this one case and handles it; a member it was not sent to does not see it
    const helper = named('as-member-village', 'grid_member', sameVillage.code);
    expect((await helper.get('/api/cases?queue=mine')).body.items.map((i: any) => i.id)).toContain(id);
    expect((await helper.get(`/api/cases/${id}`)).status).toBe(200);
    expect((await named('as-member-township', 'grid_member', sameTownship.code).get(`/api/cases/${id}`)).status).toBe(403);
    expect((await helper.move(id, 'handle', { note: '已协助处理' })).body.status).toBe('handled');
  });

  it('the list is exactly the accounts the dispatch rule accepts, for every account, case unit and dispatcher', async () => {
    const accounts = await db.query<AssigneeAccount>('SELECT username, display_name AS "displayName", role, scope_code AS "scopeCode", disabled FROM users');
    const units = [grid, sameVillage, sameTownship, otherTownship].map((g) => ({ gridCode: g.code, villageCode: g.village_code, townshipCode: g.township_code }));
    const ids: Record<string, number> = {};
    const dispatcher = named('as-dispatcher', 'dispatcher', county);
    for (const g of [sameTownship, otherTownship]) {
      const reporter = named(g === sameTownship ? 'as-member-township' : 'as-member-other', 'grid_member', g.code);
      const rep = await reporter.post('/api/reports', { category: 'dispute', title: '核对名单', lon: g.centre_lon, lat: g.centre_lat });
      expect(rep.status, JSON.stringify(rep.body)).toBe(201);
      ids[g.code] = rep.body.id;
    }
    for (const [g, caseId] of [[grid, id], [sameTownship, ids[sameTownship.code]], [otherTownship, ids[otherTownship.code]]] as const) {
      const c = (await dispatcher.get(`/api/cases/${caseId}`)).body;
      const u = { gridCode: c.gridCode, villageCode: c.villageCode, townshipCode: c.townshipCode };
      for (const [who, scope] of [['as-dispatcher', county], ['as-leader', grid.township_code]] as const) {
        const listed = await named(who, who === 'as-dispatcher' ? 'dispatcher' : 'township_leader', scope).get(`/api/cases/${caseId}/assignees`);
        if (listed.status !== 200) { expect(u.townshipCode.startsWith(scope), `${who} on ${g.code}`).toBe(false); continue; }
        const expected = accounts.filter((a) => assigneeVerdict({ scopeCode: scope }, u, a.username, { ...a, disabled: Boolean(a.disabled) }).ok).map((a) => a.username).sort();
        expect(listed.body.items.map((p: any) => p.username).sort(), `${who} on case ${caseId}`).toEqual(expected);
      }
    }
    expect(units.length).toBe(4);
  });
});

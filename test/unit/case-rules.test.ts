// The workflow rules, checked against a table written out by hand (not derived from the module): for every role,
// every status and every tier, which actions succeed and which are refused with 403 (may not) or 409 (not now).
import { describe, expect, it } from 'vitest';
import { allowedActions, decide, inQueue, type CaseState } from '../../server/cases/case-rules.js';
import { CASE_ACTIONS, CASE_LEVELS, CASE_STATUSES, type CaseAction, type CaseLevel, type CaseStatus } from '../../shared/domain/case-workflow.js';
import { ROLES, type Role, type SessionUser } from '../../shared/domain/roles.js';

const GRID = '220822100001001';
const scopeOf: Record<Role, string> = { county_leader: '220822', township_leader: '220822100', planner: '220822', dispatcher: '220822', grid_member: GRID, admin: '220822' };
const user = (role: Role, username = `${role}-1`): SessionUser => ({ id: 1, username, displayName: username, role, scopeCode: scopeOf[role] });
const kase = (status: CaseStatus, level: CaseLevel, assignee: string | null = null): CaseState =>
  ({ id: 7, category: 'dispute', status, level, gridCode: GRID, assignee, reporter: 'grid_member-1', supervised: false });

// Hand-written: the statuses each action starts from, and the roles that may take it at each tier.
const FROM: Record<CaseAction, CaseStatus[]> = {
  accept: ['reported'], dispatch: ['accepted'], handle: ['dispatched'], check: ['handled'], close: ['checked'],
  return: ['dispatched', 'handled'], escalate: ['reported', 'accepted', 'dispatched', 'handled', 'checked'], supervise: ['reported', 'accepted', 'dispatched', 'handled', 'checked'],
};
const MANAGERS_AT: Record<CaseLevel, Role[]> = {
  village: ['township_leader', 'county_leader', 'dispatcher', 'admin'],
  township: ['township_leader', 'county_leader', 'dispatcher', 'admin'],
  county: ['county_leader', 'dispatcher', 'admin'],
};
function expected(role: Role, action: CaseAction, status: CaseStatus, level: CaseLevel, isAssignee: boolean): 200 | 403 | 409 {
  if (status === 'closed') return 409;
  const manager = MANAGERS_AT[level].includes(role);
  let may: boolean;
  switch (action) {
    case 'handle': may = manager || isAssignee; break;
    case 'return': may = status === 'handled' ? manager : manager || isAssignee; break;
    case 'escalate': may = manager || (role === 'grid_member' && level === 'village'); break;
    case 'supervise': may = role === 'county_leader' || (level === 'village' && MANAGERS_AT.township.includes(role)) || (level === 'township' && ['dispatcher', 'admin'].includes(role)); break;
    default: may = manager;
  }
  if (action === 'return' && !FROM.return.includes(status)) return 409;
  if (!may) return 403;
  if (action === 'escalate' && level === 'county') return 409;
  return FROM[action].includes(status) ? 200 : 409;
}

describe('case rules: every action × role × status × tier', () => {
  for (const role of ROLES) {
    it(`${role}`, () => {
      let checked = 0;
      for (const action of CASE_ACTIONS) for (const status of CASE_STATUSES) for (const level of CASE_LEVELS) for (const isAssignee of [false, true]) {
        const u = user(role);
        const d = decide(u, kase(status, level, isAssignee ? u.username : 'someone-else'), action, { assignee: 'grid_member-1' });
        const got = d.ok ? 200 : d.httpStatus;
        expect(got, `${role} ${action} on ${status} at ${level}${isAssignee ? ' (assignee)' : ''}: ${d.ok ? '' : d.reason}`).toBe(expected(role, action, status, level, isAssignee));
        checked++;
      }
      expect(checked).toBe(8 * 6 * 3 * 2);
    });
  }

  it('moves a case along the main path and back, to the states the workflow names', () => {
    const t = user('township_leader'), m = user('grid_member');
    const step = (c: CaseState, u: SessionUser, a: CaseAction, assignee?: string) => {
      const d = decide(u, c, a, { assignee });
      if (!d.ok) throw new Error(d.reason);
      return { ...c, ...d.change };
    };
    let c = kase('reported', 'village');
    c = step(c, t, 'accept'); expect(c.status).toBe('accepted');
    c = step(c, t, 'dispatch', m.username); expect(c).toMatchObject({ status: 'dispatched', assignee: m.username });
    c = step(c, m, 'handle'); expect(c.status).toBe('handled');
    c = step(c, t, 'return'); expect(c).toMatchObject({ status: 'dispatched', assignee: m.username });
    c = step(c, m, 'handle');
    c = step(c, t, 'check'); expect(c.status).toBe('checked');
    c = step(c, t, 'close'); expect(c.status).toBe('closed');
    // the assignee gives a case back: accepted again, nobody assigned
    expect(step(kase('dispatched', 'village', m.username), m, 'return')).toMatchObject({ status: 'accepted', assignee: null });
    // escalation: one tier up, back to reported, assignee cleared; the township then cannot act on it
    const up = step(kase('dispatched', 'township', m.username), t, 'escalate');
    expect(up).toMatchObject({ status: 'reported', level: 'county', assignee: null });
    expect(decide(t, up, 'accept')).toMatchObject({ ok: false, httpStatus: 403 });
    expect(step(up, user('county_leader'), 'supervise').supervised).toBe(true);
  });

  it('refuses outside the jurisdiction (403) before anything else, and dispatch without an assignee (400)', () => {
    const other = { ...user('township_leader'), scopeCode: '220822101' };
    for (const a of CASE_ACTIONS) expect(decide(other, kase('reported', 'village'), a)).toMatchObject({ ok: false, httpStatus: 403 });
    expect(decide(user('township_leader'), kase('accepted', 'village'), 'dispatch', {})).toMatchObject({ ok: false, httpStatus: 400 });
    const reason = decide(other, kase('reported', 'village'), 'accept');
    expect(!reason.ok && reason.reasonZh).toBe('该事件不在您的辖区内');
  });

  it("queues ('待我处理') hold exactly the cases with a step waiting on the user", () => {
    for (const role of ROLES) for (const status of CASE_STATUSES) for (const level of CASE_LEVELS) for (const assigned of [false, true]) {
      const u = user(role);
      const c = kase(status, level, assigned ? u.username : null);
      const own = allowedActions(u, c).filter((a) => a !== 'escalate' && a !== 'supervise' && a !== 'return');
      const top: CaseLevel | null = role === 'township_leader' ? 'township' : ['county_leader', 'dispatcher', 'admin'].includes(role) ? 'county' : null;
      // managers' queue: their own tier (the township also for the villages, which have no manager role)
      const ownTier = top === 'township' ? level !== 'county' : top === 'county' ? level === 'county' : true;
      // a dispatched case waits on its assignee, even though a manager may record the handling for a unit
      const waiting = role === 'grid_member' ? own.includes('handle') : own.filter((a) => a !== 'handle').length > 0 && ownTier;
      expect(inQueue(u, c), `${role} ${status} ${level} ${assigned}`).toBe(waiting);
    }
  });
});

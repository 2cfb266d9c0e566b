// Who may move a case, and where to: the one module of workflow rules (pure; no SQL, no HTTP). Every route and
// the escalation job ask `decide`; the client is told `allowedActions` so it offers only what will succeed.
//
//   accept    reported   → accepted     a manager of the case's tier or above
//   dispatch  accepted   → dispatched   a manager; `assignee` (a user name or a unit) required
//   handle    dispatched → handled      the assignee, or a manager recording it for a unit
//   check     handled    → checked      a manager (审核)
//   close     checked    → closed       a manager (办结; `resolved` says whether the matter was 化解)
//   return    dispatched → accepted     the assignee gives it back, or a manager recalls it
//             handled    → dispatched   a manager refuses the handling (审核不通过)
//   escalate  any open   → reported, one tier up, assignee cleared: a manager of the tier, the grid member of the
//                                      case's grid at village tier, or the overdue job
//   supervise any open   → unchanged, flagged 督办: the county leader, or a manager of a tier above the case's
//
// Managers: township leaders manage village- and township-tier cases of their township; county leaders, the
// command centre (dispatcher) and the administrator manage every tier. Planners only read. Every rule first
// requires the case inside the user's jurisdiction (scopeCode a prefix of its grid code) or dispatched to them. Refusals: 403 when
// the user may not (scope, role, tier), 409 when the case is not in a state that allows the action.
import { CASE_LEVELS, CASE_STATUSES, type CaseAction, type CaseLevel, type CaseStatus } from '../../shared/domain/case-workflow.js';
import type { Role, SessionUser } from '../../shared/domain/roles.js';
import { levelAbove } from './deadlines.js';
import { oneOfSql } from './vocabulary-sql.js';

export interface CaseState {
  id: number;
  category: string;
  status: CaseStatus;
  level: CaseLevel;
  gridCode: string;
  assignee: string | null;
  reporter: string | null;
  supervised: boolean;
}

export interface TransitionInput {
  note?: string;
  assignee?: string;
}

/** What a transition changes. */
export interface CaseChange {
  status: CaseStatus;
  level: CaseLevel;
  assignee: string | null;
  supervised: boolean;
}

export type Decision =
  | { ok: true; change: CaseChange }
  | { ok: false; httpStatus: 400 | 403 | 409; reason: string; reasonZh: string; why?: 'jurisdiction' };

/** The highest tier a role manages; roles without one (grid members, planners) manage no case. */
const MANAGES: Partial<Record<Role, CaseLevel>> = {
  township_leader: 'township',
  county_leader: 'county',
  dispatcher: 'county',
  admin: 'county',
};

const rank = (l: CaseLevel) => CASE_LEVELS.indexOf(l);
const refuse = (httpStatus: 400 | 403 | 409, reason: string, reasonZh: string, why?: 'jurisdiction'): Decision => ({ ok: false, httpStatus, reason, reasonZh, ...(why && { why }) });

/** Inside the user's jurisdiction, or dispatched to them: a manager may send a case to a grid member of a
 * neighbouring grid of its township (cases/assignees.ts), who then sees and handles that one case. */
export function inScope(user: SessionUser, c: Pick<CaseState, 'gridCode'> & Partial<Pick<CaseState, 'assignee'>>): boolean {
  return c.gridCode.startsWith(user.scopeCode) || (c.assignee != null && c.assignee === user.username);
}

/** Whether the user manages cases at this tier (in scope is checked separately). */
export function managesLevel(user: SessionUser, level: CaseLevel): boolean {
  const top = MANAGES[user.role];
  return top !== undefined && rank(top) >= rank(level);
}

/** The verdict on one action by one user on one case, and what it changes. */
export function decide(user: SessionUser, c: CaseState, action: CaseAction, input: TransitionInput = {}): Decision {
  if (!inScope(user, c)) return refuse(403, 'the case is outside your jurisdiction', '该事件不在您的辖区内', 'jurisdiction');
  if (c.status === 'closed') return refuse(409, 'the case is closed', '该事件已办结');
  const manages = managesLevel(user, c.level);
  const isAssignee = c.assignee !== null && c.assignee === user.username;
  const keep: CaseChange = { status: c.status, level: c.level, assignee: c.assignee, supervised: c.supervised };
  const notManager = () =>
    MANAGES[user.role] === undefined
      ? refuse(403, `a ${user.role} may not ${action} a case`, '您的角色无权进行此操作')
      : refuse(403, `the case is at ${c.level} tier, above yours`, '该事件已上报至上级，您无权操作');
  const wrongStatus = (needs: string, zh: string) => refuse(409, `only a case that is ${needs} can be ${action}ed (it is ${c.status})`, `当前状态不能${zh}`);

  switch (action) {
    case 'accept':
      if (!manages) return notManager();
      if (c.status !== 'reported') return wrongStatus('reported', '受理');
      return { ok: true, change: { ...keep, status: 'accepted' } };
    case 'dispatch': {
      if (!manages) return notManager();
      if (c.status !== 'accepted') return wrongStatus('accepted', '派遣');
      const assignee = input.assignee?.trim();
      if (!assignee) return refuse(400, 'dispatch needs an assignee (a user name or a unit)', '派遣须指定处置人或单位');
      return { ok: true, change: { ...keep, status: 'dispatched', assignee } };
    }
    case 'handle':
      if (!manages && !isAssignee) return refuse(403, 'only the assignee or a manager can mark the case handled', '只有被派遣人或管理人员可以处置');
      if (c.status !== 'dispatched') return wrongStatus('dispatched', '处置');
      return { ok: true, change: { ...keep, status: 'handled' } };
    case 'check':
      if (!manages) return notManager();
      if (c.status !== 'handled') return wrongStatus('handled', '审核');
      return { ok: true, change: { ...keep, status: 'checked' } };
    case 'close':
      if (!manages) return notManager();
      if (c.status !== 'checked') return wrongStatus('checked', '办结');
      return { ok: true, change: { ...keep, status: 'closed' } };
    case 'return':
      if (c.status === 'dispatched') {
        if (!manages && !isAssignee) return refuse(403, 'only the assignee or a manager can return a dispatched case', '只有被派遣人或管理人员可以退回');
        return { ok: true, change: { ...keep, status: 'accepted', assignee: null } };
      }
      if (c.status === 'handled') {
        if (!manages) return notManager();
        return { ok: true, change: { ...keep, status: 'dispatched' } };
      }
      return wrongStatus('dispatched or handled', '退回');
    case 'escalate': {
      const above = levelAbove(c.level);
      const gridMemberHere = user.role === 'grid_member' && c.level === 'village';
      if (!manages && !gridMemberHere) return notManager();
      if (!above) return refuse(409, 'the case is already at the county', '该事件已在县级');
      return { ok: true, change: { ...keep, status: 'reported', level: above, assignee: null } };
    }
    case 'supervise': {
      const top = MANAGES[user.role];
      const above = user.role === 'county_leader' || (top !== undefined && rank(top) > rank(c.level));
      if (!above) return refuse(403, 'supervision (督办) is by the county leader or a tier above the case', '督办须由县领导或上级进行');
      return { ok: true, change: { ...keep, supervised: true } };
    }
  }
}

/** The escalation the overdue job makes (it acts for no user): one tier up, back to reported. */
export function autoEscalation(c: CaseState): CaseChange | null {
  const above = levelAbove(c.level);
  if (!above || c.status === 'closed') return null;
  return { status: 'reported', level: above, assignee: null, supervised: c.supervised };
}

const ACTIONS_IN_ORDER: CaseAction[] = ['accept', 'dispatch', 'handle', 'check', 'close', 'return', 'escalate', 'supervise'];

/** The actions this user may take on this case now (dispatch counted as allowed when an assignee is given). */
export function allowedActions(user: SessionUser, c: CaseState): CaseAction[] {
  return ACTIONS_IN_ORDER.filter((a) => decide(user, c, a, { assignee: 'x' }).ok);
}

/** The statuses that wait on a manager (accept, dispatch, check, close). */
const WAITING_ON_MANAGER: CaseStatus[] = ['reported', 'accepted', 'handled', 'checked'];

/** The user's queue ("待我处理") as SQL over incidents: what waits on them. Township leaders: their township's
 * village- and township-tier cases waiting on a manager; county tier: county-tier cases waiting on a manager;
 * grid members: what is dispatched to them; planners: nothing. Scope is added by the caller. */
export function queueWhere(user: SessionUser): { sql: string; params: string[] } {
  const top = MANAGES[user.role];
  const waiting = oneOfSql('status', WAITING_ON_MANAGER, CASE_STATUSES);
  if (user.role === 'grid_member') return { sql: `status = 'dispatched' AND assignee = ?`, params: [user.username] };
  if (top === 'township') return { sql: `${waiting} AND ${oneOfSql('level', ['village', 'township'], CASE_LEVELS, 'village')}`, params: [] };
  if (top === 'county') return { sql: `${waiting} AND ${oneOfSql('level', ['county'], CASE_LEVELS, 'village')}`, params: [] };
  return { sql: 'false', params: [] };
}

/** The same queue as a predicate, for tests and the live notifications. */
export function inQueue(user: SessionUser, c: CaseState): boolean {
  if (!inScope(user, c)) return false;
  const top = MANAGES[user.role];
  if (user.role === 'grid_member') return c.status === 'dispatched' && c.assignee === user.username;
  if (top === 'township') return WAITING_ON_MANAGER.includes(c.status) && (c.level === 'village' || c.level === 'township');
  if (top === 'county') return WAITING_ON_MANAGER.includes(c.status) && c.level === 'county';
  return false;
}

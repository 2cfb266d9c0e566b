// Whom a case may be dispatched to (派遣): the people of the case's township who handle cases — its grid members
// and township leaders — that the dispatcher can see (filters.ts unitVisible). The case desk's picker lists them
// (GET /api/cases/:id/assignees), the grid members of the case's own grid first, then those of its village, then
// the rest of its township; the transition route refuses any other name with the same predicate, so the list and
// the refusal cannot disagree (test/api/case-assignees.test.ts compares them over every account and case).
import type { Database } from '../db/database.js';
import { ROLE_NAMES, type Role, type SessionUser } from '../../shared/domain/roles.js';
import { unitVisible } from '../routes/filters.js';
import { areaNames } from './area-names.js';
import { allUsers, userByName, type StoredUser } from '../auth/user-store.js';

/** The roles a case is handled by; county-level accounts take a case by 上报, not by being dispatched it. */
export const HANDLER_ROLES: readonly Role[] = ['grid_member', 'township_leader'];

export type AssigneeAccount = { username: string; displayName: string; role: string; scopeCode: string; disabled: boolean };
/** How close the person's unit is to the case: its own grid, its village, or elsewhere in its township. */
export type AssigneeFit = 'grid' | 'village' | 'township';
const FIT_ORDER: Record<AssigneeFit, number> = { grid: 0, village: 1, township: 2 };

export interface CaseUnits { gridCode: string; villageCode: string; townshipCode: string }

export type AssigneeVerdict =
  | { ok: true; fit: AssigneeFit }
  | { ok: false; httpStatus: 403 | 409; reason: string; reasonZh: string; why?: 'jurisdiction' };

/** The one rule: may `dispatcher` send this case to `account` (null: no such account)? */
export function assigneeVerdict(dispatcher: Pick<SessionUser, 'scopeCode'>, c: CaseUnits, name: string, account: AssigneeAccount | null): AssigneeVerdict {
  if (!account || account.disabled)
    return { ok: false, httpStatus: 409, reason: `no active account named ${name} can take cases; pick a person from the list`, reasonZh: `没有名为“${name}”的可派遣人员，请从名单中选择` };
  if (!unitVisible(dispatcher, account.scopeCode))
    return { ok: false, httpStatus: 403, reason: `${name} works outside your jurisdiction (${dispatcher.scopeCode})`, reasonZh: `${account.displayName}不在您的辖区内，不能派遣`, why: 'jurisdiction' };
  if (!(HANDLER_ROLES as readonly string[]).includes(account.role))
    return { ok: false, httpStatus: 409, reason: `${name} is a ${account.role}; cases are dispatched to grid members or township leaders`, reasonZh: `${account.displayName}（${ROLE_NAMES[account.role as Role]?.zh ?? account.role}）不承办事件，请派遣给网格员或乡镇人员` };
  if (!account.scopeCode.startsWith(c.townshipCode))
    return { ok: false, httpStatus: 409, reason: `${name} works outside the case's township (${c.townshipCode})`, reasonZh: `${account.displayName}不属于该事件所在乡镇，不能派遣` };
  const fit: AssigneeFit = account.scopeCode.startsWith(c.gridCode) ? 'grid' : account.scopeCode.startsWith(c.villageCode) ? 'village' : 'township';
  return { ok: true, fit };
}

const assigneeAccount = (u: StoredUser): AssigneeAccount => ({ username: u.username, displayName: u.displayName, role: u.role, scopeCode: u.scopeCode, disabled: Boolean(u.disabled) });

/** The account of this user name, or null (from the accounts kept in memory, auth/user-store.ts). */
export async function readAccount(db: Database, username: string): Promise<AssigneeAccount | null> {
  const u = await userByName(db, username);
  return u ? assigneeAccount(u) : null;
}

export interface AssigneeCandidate { username: string; displayName: string; role: Role; roleZh: string; roleEn: string; unitCode: string; unitName: string | null; fit: AssigneeFit }

/** The people this case may be dispatched to, closest first (grid, village, township; grid members before
 * leaders; then by name in Chinese order), matching `q` (name, user name or unit) when given. */
export async function assigneeCandidates(db: Database, dispatcher: SessionUser, c: CaseUnits, q?: string): Promise<AssigneeCandidate[]> {
  // The same accounts kept in memory as readAccount reads, so the list and the transition's check see one truth.
  const [users, names] = await Promise.all([allUsers(db), areaNames(db)]);
  const rows = [...users.values()].filter((u) => !u.disabled && u.scopeCode.startsWith(c.townshipCode)).map(assigneeAccount);
  const unitName = (code: string) => names.grid.get(code) ?? names.village.get(code) ?? names.township.get(code) ?? null;
  const needle = q?.trim().toLowerCase();
  const out: AssigneeCandidate[] = [];
  for (const a of rows) {
    const v = assigneeVerdict(dispatcher, c, a.username, a);
    if (!v.ok) continue;
    const role = a.role as Role;
    const cand: AssigneeCandidate = { username: a.username, displayName: a.displayName, role, roleZh: ROLE_NAMES[role].zh, roleEn: ROLE_NAMES[role].en, unitCode: a.scopeCode, unitName: unitName(a.scopeCode), fit: v.fit };
    if (needle && ![cand.displayName, cand.username, cand.unitName ?? ''].some((s) => s.toLowerCase().includes(needle))) continue;
    out.push(cand);
  }
  const roleOrder = (r: string) => HANDLER_ROLES.indexOf(r as Role);
  return out.sort((a, b) => FIT_ORDER[a.fit] - FIT_ORDER[b.fit] || roleOrder(a.role) - roleOrder(b.role) || a.displayName.localeCompare(b.displayName, 'zh-CN') || a.username.localeCompare(b.username));
}

/** Display names of these accounts (a name that is no account — a unit written by an older version — is absent),
 * from the accounts kept in memory (auth/user-store.ts: every change of an account drops them): a transition's
 * answer names its people without a query. */
export async function displayNames(db: Database, usernames: (string | null)[]): Promise<Map<string, string>> {
  const wanted = new Set(usernames.filter((u): u is string => Boolean(u)));
  if (!wanted.size) return new Map();
  const out = new Map<string, string>();
  for (const u of (await allUsers(db)).values()) if (wanted.has(u.username)) out.set(u.username, u.displayName);
  return out;
}

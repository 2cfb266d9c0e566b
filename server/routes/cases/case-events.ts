// Case events on the live stream, and who receives them: a user sees events of cases in their jurisdiction;
// managers (township, county, command centre, administrator) see every such case event, grid members those of
// cases they reported or that are dispatched to them, planners none. Imports reach everyone.
import type { CaseRecord } from '../../cases/case-store.js';
import type { HistoryAction } from '../../../shared/domain/case-workflow.js';
import type { SessionUser } from '../../../shared/domain/roles.js';
import type { DataEvent } from '../reports/event-bus.js';

export function caseEventOf(c: CaseRecord, kind: 'new' | 'moved' | 'escalated' | 'overdue', action?: HistoryAction): DataEvent {
  return {
    type: 'case', kind, action,
    case: { id: c.id, category: c.category, title: c.title, address: c.address, lon: c.lon, lat: c.lat, gridCode: c.gridCode, status: c.status, level: c.level, assignee: c.assignee, reporter: c.reporter, reportedAt: c.reportedAt },
  };
}

const MANAGERS = new Set(['township_leader', 'county_leader', 'dispatcher', 'admin']);

/** Whether this event goes to this user's stream (no user: a dashboard without sign-in gets everything). */
export function wantsEvent(user: SessionUser | null, e: DataEvent): boolean {
  if (!user || e.type === 'import') return true;
  const gridCode = e.type === 'report' ? e.incident.gridCode : e.case.gridCode;
  // a case dispatched to a grid member of a neighbouring grid reaches them too (case-rules.ts inScope)
  if (e.type === 'case' && user.role === 'grid_member' && e.case.assignee === user.username) return true;
  if (!gridCode.startsWith(user.scopeCode)) return false;
  if (MANAGERS.has(user.role)) return true;
  if (user.role === 'grid_member') return e.type === 'case' && (e.case.reporter === user.username || e.case.assignee === user.username);
  return false;
}

// Deadlines of the case workflow (办理时限). The days allowed per category are read here and only here, so the
// vocabulary can move to a table without the workflow noticing. A case is overdue once its deadline (report
// time + the category's days) has passed while it is open; a tier that has not closed a case by its tier deadline
// hands it to the tier above (escalation-job.ts), which gets the same number of days again.
import { knownCategories } from '../http/category-scope.js';
import { CASE_LEVELS, type CaseLevel } from '../../shared/domain/case-workflow.js';

const DAY_MS = 86_400_000;
/** Used for a category the vocabulary does not know (a row imported under a later vocabulary). */
export const DEFAULT_DEADLINE_DAYS = 15;

/** Days a tier has for a case of this category (the same at every tier). */
export function deadlineDays(category: string): number {
  // The jurisdiction's categories table (the request's vocabulary; the built-in eleven outside a request).
  return knownCategories().byCode.get(category)?.slaDays ?? DEFAULT_DEADLINE_DAYS;
}

/** When a case reported at `reportedAt` (ms) is overdue. */
export function dueAt(category: string, reportedAt: number): number {
  return reportedAt + deadlineDays(category) * DAY_MS;
}

/** When a tier that took the case at `since` (ms) must have closed it or hand it on. */
export function levelDueAt(category: string, since: number): number {
  return since + deadlineDays(category) * DAY_MS;
}

export function isOverdue(c: { status: string; dueAt: number }, now: number): boolean {
  return c.status !== 'closed' && now > c.dueAt;
}

/** `now` (ms) as a SQL TIMESTAMP literal (a whole number, so it is safe to write into the statement). */
export function instantSql(now: number): string {
  if (!Number.isFinite(now)) throw new Error(`not an instant: ${now}`);
  return `epoch_ms(${Math.trunc(now)}::BIGINT)`;
}

/** isOverdue as SQL over incidents, at `now` (ms; the jurisdiction clock's now, shared/time/clock.ts): the one
 * definition the case list, the map's points, the KPIs and the supervision view use. `table`: the incidents
 * table's alias in a join. */
export function overdueSql(now: number, table?: string): string {
  const t = table ? `${table}.` : '';
  return `(${t}status <> 'closed' AND ${t}due_at < ${instantSql(now)})`;
}

/** The tier above, or null at the county. */
export function levelAbove(level: CaseLevel): CaseLevel | null {
  return CASE_LEVELS[CASE_LEVELS.indexOf(level) + 1] ?? null;
}

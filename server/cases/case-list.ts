// The case list: filters (the incident filter, status, overdue, queue, level) → bound SQL, one page sorted in
// SQL with the total, place names joined for the page only. The user's jurisdiction is always part of the filter.
import type { Database, Params } from '../db/database.js';
import { CASE_LEVELS, CASE_STATUSES, CASE_STATUS_NAMES, CASE_LEVEL_NAMES, type CaseLevel, type CaseStatus } from '../../shared/domain/case-workflow.js';
import { CATEGORY_INFO, type IncidentCategory } from '../../shared/domain/categories.js';
import { can } from '../../shared/domain/permissions.js';
import type { SessionUser } from '../../shared/domain/roles.js';
import { incidentWhere, type IncidentFilter } from '../routes/filters.js';
import { queueWhere } from './case-rules.js';
import { oneOfSql } from './vocabulary-sql.js';
import { overdueSql } from './deadlines.js';
import { clockNow } from '../../shared/time/clock.js';

export const CASE_SORTS = { reportedAt: 'reported_at', dueAt: 'due_at', status: 'status', category: 'category', level: 'level', id: 'id' } as const;
export type CaseSort = keyof typeof CASE_SORTS;

export interface CaseListQuery extends IncidentFilter {
  status?: CaseStatus[];
  overdue?: boolean;
  level?: CaseLevel[];
  /** mine: waiting on me (待我处理); reported: what I reported. */
  queue?: 'mine' | 'reported';
  sort: CaseSort;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export interface CaseListItem {
  id: number; category: string; categoryZh: string; title: string | null; address: string | null; lon: number; lat: number;
  gridCode: string; villageName: string | null; townshipName: string | null;
  status: CaseStatus; statusZh: string; level: CaseLevel; levelZh: string; overdue: boolean; supervised: boolean; assignee: string | null;
  reportedAt: string; dueAt: string; closedAt: string | null;
}

/** The list's WHERE (without the leading keyword), for the route and the map's point layer. */
export function caseWhere(user: SessionUser, q: Omit<CaseListQuery, 'sort' | 'order' | 'page' | 'pageSize'>, now: number): { sql: string; params: Params } {
  const base = incidentWhere(q);
  const parts: string[] = base.sql ? [base.sql.replace(/^WHERE /, '')] : [];
  const params: Params = [...base.params];
  parts.push('starts_with(grid_code, ?)'), params.push(user.scopeCode);
  // Petition (信访) rows carry personal text: listed only to roles with petitions.text (the planner has not).
  if (!can(user.role, 'petitions.text')) parts.push("category NOT IN (SELECT code FROM categories WHERE parent_group = 'petition')");
  // Status and level are fixed vocabularies: written as (in)equalities, which DuckDB scans fastest (vocabulary-sql.ts).
  if (q.status?.length) parts.push(oneOfSql('status', q.status, CASE_STATUSES));
  if (q.level?.length) parts.push(oneOfSql('level', q.level, CASE_LEVELS, 'village'));
  if (q.overdue !== undefined) parts.push(q.overdue ? overdueSql(now) : `NOT ${overdueSql(now)}`);
  if (q.queue === 'mine') { const w = queueWhere(user); parts.push(`(${w.sql})`), params.push(...w.params); }
  if (q.queue === 'reported') parts.push('reporter = ?'), params.push(user.username);
  return { sql: parts.join(' AND '), params };
}

export async function listCases(db: Database, user: SessionUser, q: CaseListQuery, now = clockNow()): Promise<{ total: number; page: number; pageSize: number; items: CaseListItem[] }> {
  const w = caseWhere(user, q, now);
  const order = `${CASE_SORTS[q.sort]} ${q.order.toUpperCase()}${q.sort === 'id' ? '' : `, id ${q.order.toUpperCase()}`}`;
  const [[{ n }], rows] = await Promise.all([
    db.query<{ n: number }>(`SELECT count(*)::INTEGER n FROM incidents WHERE ${w.sql}`, w.params),
    db.query<{ id: number; category: string; title: string | null; address: string | null; lon: number; lat: number; grid_code: string; vname: string | null; tname: string | null;
      status: CaseStatus; level: CaseLevel; overdue: boolean; supervised: boolean; assignee: string | null; r: number; d: number; c: number | null }>(
      `SELECT p.*, v.name vname, t.name tname FROM (
         SELECT id, category, title, address, lon, lat, grid_code, village_code, township_code, status, coalesce(level, 'village') AS level, coalesce(supervised, false) AS supervised, assignee,
           ${overdueSql(now)} overdue, epoch_ms(reported_at) r, epoch_ms(due_at) d, epoch_ms(closed_at) c, ${CASE_SORTS[q.sort]} AS sort_key
         FROM incidents WHERE ${w.sql} ORDER BY ${order} LIMIT ? OFFSET ?) p
       LEFT JOIN villages v ON v.code = p.village_code LEFT JOIN townships t ON t.code = p.township_code
       ORDER BY ${order.replace(CASE_SORTS[q.sort], 'sort_key')}`,
      [...w.params, q.pageSize, (q.page - 1) * q.pageSize]),
  ]);
  const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());
  return {
    total: n, page: q.page, pageSize: q.pageSize,
    items: rows.map((r) => ({
      id: Number(r.id), category: r.category, categoryZh: CATEGORY_INFO[r.category as IncidentCategory]?.zh ?? r.category, title: r.title, address: r.address, lon: r.lon, lat: r.lat,
      gridCode: r.grid_code, villageName: r.vname, townshipName: r.tname, status: r.status, statusZh: CASE_STATUS_NAMES[r.status]?.zh ?? r.status, level: r.level, levelZh: CASE_LEVEL_NAMES[r.level]?.zh ?? r.level,
      overdue: Boolean(r.overdue), supervised: Boolean(r.supervised), assignee: r.assignee, reportedAt: iso(r.r)!, dueAt: iso(r.d)!, closedAt: iso(r.c),
    })),
  };
}

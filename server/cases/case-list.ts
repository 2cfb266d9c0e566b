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
import { knownCategories } from '../http/category-scope.js';
import { dataVersion } from '../db/data-version.js';
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
  /** Keyset paging: the rows after this one (the `next` of the page before); `page` then only names the page. */
  cursor?: CaseCursor;
}

/** Where a page ended: the sort and order it was read in, the last row's sort key (epoch µs for the times, the
 * value for status, level and category; null for a case with no tier recorded) and its id. */
export interface CaseCursor { sort: CaseSort; order: 'asc' | 'desc'; key: number | string | null; id: number }

/** The cursor as the API gives it: opaque, URL-safe (base64url of a small JSON array). */
export const encodeCursor = (c: CaseCursor): string => Buffer.from(JSON.stringify([c.sort, c.order, c.key, c.id])).toString('base64url');

/** The cursor a client sent back, or null when it is not one this server made. */
export function decodeCursor(text: string): CaseCursor | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(v) || v.length !== 4) return null;
    const [sort, order, key, id] = v;
    if (!(typeof sort === 'string' && Object.hasOwn(CASE_SORTS, sort)) || (order !== 'asc' && order !== 'desc') || !Number.isSafeInteger(id)) return null;
    const timed = sort === 'reportedAt' || sort === 'dueAt';
    const keyOk = sort === 'id' ? key === id : timed ? Number.isSafeInteger(key) : key === null ? sort === 'level' : typeof key === 'string' && key.length <= 200;
    return keyOk ? { sort: sort as CaseSort, order, key, id } : null;
  } catch {
    return null;
  }
}

export interface CaseListItem {
  id: number; category: string; categoryZh: string; title: string | null; address: string | null; lon: number; lat: number;
  gridCode: string; villageName: string | null; townshipName: string | null;
  status: CaseStatus; statusZh: string; level: CaseLevel; levelZh: string; overdue: boolean; supervised: boolean; assignee: string | null;
  reportedAt: string; dueAt: string; closedAt: string | null;
}

/** The list's WHERE (without the leading keyword), for the route and the map's point layer. */
export function caseWhere(user: SessionUser, q: Omit<CaseListQuery, 'sort' | 'order' | 'page' | 'pageSize'>, now: number): { sql: string; params: Params } {
  // A grid member's `code` is their own grid (the router scopes it): it is their scope clause below, which also
  // lets in what was dispatched to them from a neighbouring grid.
  const ownArea = user.role === 'grid_member' && (!q.code || q.code === user.scopeCode);
  const base = incidentWhere(ownArea ? { ...q, code: undefined } : q);
  const parts: string[] = base.sql ? [base.sql.replace(/^WHERE /, '')] : [];
  const params: Params = [...base.params];
  // a grid member also sees what was dispatched to them from a neighbouring grid (case-rules.ts inScope)
  if (ownArea) parts.push('(starts_with(grid_code, ?) OR assignee = ?)'), params.push(user.scopeCode, user.username);
  else parts.push('starts_with(grid_code, ?)'), params.push(user.scopeCode);
  // Petition (信访) rows carry personal text: listed only to roles with petitions.text (the planner has not).
  // The codes are the request's vocabulary (http/category-scope.ts), bound as values: a sub-query here made DuckDB
  // hash-join every matching row against the categories table (30 ms of CPU for a grid member's page at 1M).
  if (!can(user.role, 'petitions.text')) {
    const petitions = knownCategories().list.filter((c) => c.group === 'petition').map((c) => c.code);
    if (petitions.length) parts.push(`category NOT IN (${petitions.map(() => '?').join(', ')})`), params.push(...petitions);
  }
  // Status and level are fixed vocabularies: written as (in)equalities, which DuckDB scans fastest (vocabulary-sql.ts).
  if (q.status?.length) parts.push(oneOfSql('status', q.status, CASE_STATUSES));
  if (q.level?.length) parts.push(oneOfSql('level', q.level, CASE_LEVELS, 'village'));
  if (q.overdue !== undefined) parts.push(q.overdue ? overdueSql(now) : `NOT ${overdueSql(now)}`);
  if (q.queue === 'mine') { const w = queueWhere(user); parts.push(`(${w.sql})`), params.push(...w.params); }
  if (q.queue === 'reported') parts.push('reporter = ?'), params.push(user.username);
  return { sql: parts.join(' AND '), params };
}

/** Totals of recent filters, by the data they count (what a user paging through one filter asks again and again).
 * A filter on overdue names the moment it is judged at, so it is a new key at every request (never stale). */
const totals = new WeakMap<Database, Map<string, { version: string; n: number }>>();
const TOTALS_KEPT = 500;

async function countOf(db: Database, w: { sql: string; params: Params }): Promise<number> {
  const version = dataVersion(db, 'areas', 'incidents', 'cases', 'categories');
  const key = `${w.sql}\u0000${JSON.stringify(w.params)}`;
  let kept = totals.get(db);
  if (!kept) totals.set(db, (kept = new Map()));
  const hit = kept.get(key);
  if (hit && hit.version === version) return hit.n;
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::INTEGER n FROM incidents WHERE ${w.sql}`, w.params);
  kept.delete(key);
  kept.set(key, { version, n });
  if (kept.size > TOTALS_KEPT) kept.delete(kept.keys().next().value!);
  return n;
}

/** Sorts by a column of few values (status, level, category): ORDER BY it, id makes DuckDB's top-N compare every
 * matching row on both keys (36 ms of CPU for "by level" at 1M). Instead the rows are counted per value (which
 * gives the total too), the page's offset is located among the values in sort order, and the page is read from
 * the one or two values it falls in, ordered by id alone (a top-N DuckDB prunes by the id's zone maps). */
const GROUPED_SORTS: Partial<Record<CaseSort, true>> = { status: true, level: true, category: true };

async function pageByGroups(db: Database, w: { sql: string; params: Params }, column: string, dir: 'ASC' | 'DESC', offset: number, size: number, after?: CaseCursor): Promise<{ total: number; rows: { id: number; k: string | null }[] }> {
  const groups = await db.query<{ v: string | null; n: number }>(`SELECT ${column} v, count(*)::INTEGER n FROM incidents WHERE ${w.sql} GROUP BY 1`, w.params);
  // DuckDB's order: values byte-wise, NULL last in either direction
  const bytes = (v: string) => Buffer.from(v, 'utf8');
  const cmp = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : (dir === 'ASC' ? 1 : -1) * Buffer.compare(bytes(a), bytes(b)));
  groups.sort((a, b) => cmp(a.v, b.v));
  const total = groups.reduce((t, g) => t + g.n, 0);
  const rows: { id: number; k: string | null }[] = [];
  let skip = after ? 0 : offset;
  for (const g of groups) {
    if (rows.length >= size) break;
    // after a cursor: the groups before its value are done, and in its own group the ids after its id
    const from = after ? cmp(g.v, after.key as string | null) : 1;
    if (from < 0) continue;
    if (skip >= g.n) { skip -= g.n; continue; }
    const idAfter = after && from === 0 ? ` AND id ${dir === 'ASC' ? '>' : '<'} ?` : '';
    const got = await db.query<{ id: number }>(`SELECT id FROM incidents WHERE ${w.sql} AND ${g.v === null ? `${column} IS NULL` : `${column} = ?`}${idAfter} ORDER BY id ${dir} LIMIT ? OFFSET ?`,
      [...w.params, ...(g.v === null ? [] : [g.v]), ...(idAfter ? [after!.id] : []), size - rows.length, skip]);
    rows.push(...got.map((r) => ({ id: Number(r.id), k: g.v })));
    skip = 0;
  }
  return { total, rows };
}

/** Deep pages by offset of the time and id sorts. ORDER BY … LIMIT 51 OFFSET 100,000 keeps a top-N of 100,050 rows
 * on two keys over every matching row (75 ms of CPU for the county's page 2,000 at 1M). Instead the matching rows
 * are counted per bucket of the sort key (a day of the time, 4,096 ids: one pass, a few thousand groups, which
 * gives the total too; kept by data version like the totals), the buckets the page falls in are found by walking those counts in sort order, and the
 * page is the plain ORDER BY … OFFSET of the rows in those buckets' key range alone (the incidents are stored
 * in reported_at order, so the range reads one or two row groups). Same rows, same order: inside the range the
 * rows are exactly those of the buckets walked, and the rows before it are the ones counted as skipped. Used
 * from this offset on (a shallow page's top-N is cheaper than a pass of counting). */
export const BUCKETED_FROM = 5_000;
const DAY_US = 86_400_000_000;
const BUCKETS: Partial<Record<CaseSort, { counts: (where: string) => string; width: number; bound: (v: number) => string }>> = {
  // the day as a DATE (grouping on it cost 15 ms of CPU at 1M against 32 for date_trunc's timestamp), its start in epoch µs
  reportedAt: { counts: (w) => `SELECT epoch_us(d::TIMESTAMP) b, n FROM (SELECT reported_at::DATE d, count(*)::INTEGER n FROM incidents WHERE ${w} GROUP BY 1)`, width: DAY_US, bound: (v) => `make_timestamp(${v}::BIGINT)` },
  dueAt: { counts: (w) => `SELECT epoch_us(d::TIMESTAMP) b, n FROM (SELECT due_at::DATE d, count(*)::INTEGER n FROM incidents WHERE ${w} GROUP BY 1)`, width: DAY_US, bound: (v) => `make_timestamp(${v}::BIGINT)` },
  id: { counts: (w) => `SELECT (id // 4096) * 4096 b, count(*)::INTEGER n FROM incidents WHERE ${w} GROUP BY id // 4096`, width: 4096, bound: (v) => `${v}::BIGINT` },
};

/** Bucket counts of recent filters by the data they count, as the totals are (a desk paging deep asks again and again). */
const bucketCounts = new WeakMap<Database, Map<string, { version: string; buckets: { b: number; n: number }[] }>>();
const BUCKET_COUNTS_KEPT = 50;

async function countsByBucket(db: Database, sql: string, params: Params): Promise<{ b: number; n: number }[]> {
  const version = dataVersion(db, 'areas', 'incidents', 'cases', 'categories');
  const key = `${sql}\u0000${JSON.stringify(params)}`;
  let kept = bucketCounts.get(db);
  if (!kept) bucketCounts.set(db, (kept = new Map()));
  const hit = kept.get(key);
  if (hit && hit.version === version) return hit.buckets;
  const buckets = (await db.query<{ b: number; n: number }>(sql, params)).map((r) => ({ b: Number(r.b), n: r.n }));
  kept.delete(key);
  kept.set(key, { version, buckets });
  if (kept.size > BUCKET_COUNTS_KEPT) kept.delete(kept.keys().next().value!);
  return buckets;
}

async function pageByBuckets(db: Database, w: { sql: string; params: Params }, sort: CaseSort, dir: 'ASC' | 'DESC', offset: number, size: number): Promise<{ total: number; rows: { id: number; k: number }[] }> {
  const b = BUCKETS[sort]!;
  const col = CASE_SORTS[sort];
  const buckets = [...(await countsByBucket(db, b.counts(w.sql), w.params))].sort((x, y) => (dir === 'ASC' ? x.b - y.b : y.b - x.b));
  const total = buckets.reduce((t, x) => t + x.n, 0);
  let first = 0, skip = offset;
  while (first < buckets.length && skip >= buckets[first].n) skip -= buckets[first++].n;
  if (first === buckets.length) return { total, rows: [] };
  let last = first;
  for (let have = buckets[first].n; have < skip + size && last + 1 < buckets.length; ) have += buckets[++last].n;
  const lo = Math.min(buckets[first].b, buckets[last].b), hi = Math.max(buckets[first].b, buckets[last].b) + b.width;
  const rows = await db.query<{ id: number; k: number }>(
    `SELECT id, ${sort === 'id' ? 'id' : `epoch_us(${col})`} k FROM incidents WHERE ${w.sql} AND ${col} >= ${b.bound(lo)} AND ${col} < ${b.bound(hi)}
     ORDER BY ${col} ${dir}${sort === 'id' ? '' : `, id ${dir}`} LIMIT ? OFFSET ?`, [...w.params, size, skip]);
  return { total, rows: rows.map((r) => ({ id: Number(r.id), k: Number(r.k) })) };
}

/** The rows after the cursor in the sort's order (the sort key, then id, both in the order's direction), as SQL:
 * the first comparison alone (key ≤ or ≥ the cursor's) is one DuckDB prunes row groups by (zone maps). */
function afterCursorSql(c: CaseCursor): { sql: string; params: Params } {
  const cmp = c.order === 'desc' ? '<' : '>';
  if (c.sort === 'id') return { sql: `id ${cmp} ?`, params: [c.id] };
  const col = CASE_SORTS[c.sort];
  const key = 'make_timestamp(?::BIGINT)'; // epoch µs: the stored times' own precision
  return { sql: `${col} ${cmp}= ${key} AND (${col} ${cmp} ${key} OR id ${cmp} ?)`, params: [c.key, c.key, c.id] };
}

type PageRow = { id: number; category: string; title: string | null; address: string | null; lon: number; lat: number; grid_code: string; vname: string | null; tname: string | null;
  status: CaseStatus; level: CaseLevel; overdue: boolean; supervised: boolean; assignee: string | null; r: number; d: number; c: number | null };

/**
 * One page of the list, ids first: the page's ids are found by a top-N over the narrow columns the filter and the
 * sort read (DuckDB's top-N otherwise carries every selected column of every matching row through the sort:
 * 46 ms of CPU for a grid member's newest 50 at 1M cases, 13 ms ids first), then the page's rows are read by id
 * (the index on incidents.id) with their place names, and put in the ids' order.
 */
export async function listCases(db: Database, user: SessionUser, q: CaseListQuery, now = clockNow(), options: { bucketedFrom?: number } = {}): Promise<{ total: number; page: number; pageSize: number; next: string | null; items: CaseListItem[] }> {
  if (q.cursor && (q.cursor.sort !== q.sort || q.cursor.order !== q.order)) throw new Error('the cursor was made for another sort or order');
  const w = caseWhere(user, q, now);
  const dir = q.order.toUpperCase();
  const order = `${CASE_SORTS[q.sort]} ${dir}${q.sort === 'id' ? '' : `, id ${dir}`}`;
  const offset = q.cursor ? 0 : (q.page - 1) * q.pageSize;
  const timed = q.sort === 'reportedAt' || q.sort === 'dueAt';
  // one row more than the page: whether there is a next page (a top-N of 51 costs what one of 50 does)
  const after = q.cursor && afterCursorSql(q.cursor);
  const { total: n, rows: found } = q.sort in GROUPED_SORTS
    ? await pageByGroups(db, w, CASE_SORTS[q.sort], dir as 'ASC' | 'DESC', offset, q.pageSize + 1, q.cursor)
    : !q.cursor && q.sort in BUCKETS && offset >= (options.bucketedFrom ?? BUCKETED_FROM)
    ? await pageByBuckets(db, w, q.sort, dir as 'ASC' | 'DESC', offset, q.pageSize + 1)
    : await Promise.all([
        countOf(db, w),
        db.query<{ id: number; k: number | string | null }>(
          `SELECT id, ${timed ? `epoch_us(${CASE_SORTS[q.sort]})` : 'id'} k FROM incidents WHERE ${w.sql}${after ? ` AND ${after.sql}` : ''} ORDER BY ${order} LIMIT ? OFFSET ?`,
          [...w.params, ...(after ? after.params : []), q.pageSize + 1, offset]),
      ]).then(([total, rows]) => ({ total, rows: rows.map((r) => ({ id: Number(r.id), k: typeof r.k === 'bigint' ? Number(r.k) : r.k })) }));
  const more = found.length > q.pageSize;
  const page = found.slice(0, q.pageSize);
  const last = page.at(-1);
  const next = more && last ? encodeCursor({ sort: q.sort, order: q.order, key: last.k, id: last.id }) : null;
  const ids = page.map((r) => r.id);
  const rows = ids.length ? await db.query<PageRow>(
    `SELECT i.id, i.category, i.title, i.address, i.lon, i.lat, i.grid_code, v.name vname, t.name tname, i.status, coalesce(i.level, 'village') AS level,
       coalesce(i.supervised, false) AS supervised, i.assignee, ${overdueSql(now, 'i')} overdue,
       epoch_ms(i.reported_at) r, epoch_ms(i.due_at) d, epoch_ms(i.closed_at) c
     FROM incidents i LEFT JOIN villages v ON v.code = i.village_code LEFT JOIN townships t ON t.code = i.township_code
     WHERE i.id IN (${ids.join(', ')})`) : [];
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());
  return {
    total: n, page: q.page, pageSize: q.pageSize, next,
    items: ids.map((id) => byId.get(id)).filter((r): r is PageRow => r !== undefined).map((r) => ({
      id: Number(r.id), category: r.category, categoryZh: CATEGORY_INFO[r.category as IncidentCategory]?.zh ?? r.category, title: r.title, address: r.address, lon: r.lon, lat: r.lat,
      gridCode: r.grid_code, villageName: r.vname, townshipName: r.tname, status: r.status, statusZh: CASE_STATUS_NAMES[r.status]?.zh ?? r.status, level: r.level, levelZh: CASE_LEVEL_NAMES[r.level]?.zh ?? r.level,
      overdue: Boolean(r.overdue), supervised: Boolean(r.supervised), assignee: r.assignee, reportedAt: iso(r.r)!, dueAt: iso(r.d)!, closedAt: iso(r.c),
    })),
  };
}

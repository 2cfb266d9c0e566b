// The incident filter shared by every incident endpoint: time window (Asia/Shanghai calendar days),
// categories, jurisdiction code prefix and bounding box; parsed by zod, turned into bound SQL.
import { listValue } from '@duckdb/node-api';
import { z } from 'zod';
import type { Params } from '../db/database.js';
import { localMidnight } from '../../shared/time/clock.js';
import { coversJurisdiction } from '../jurisdiction/jurisdiction.js';
import { knownCategories } from '../http/category-scope.js';

const DAY_MS = 86400000;

export const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'not a real calendar date');

const csv = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

/** Category codes of the jurisdiction's vocabulary (the categories table, http/category-scope.ts). */
export const categoryCodes = z.array(z.string()).min(1, 'give at least one category').superRefine((list, ctx) => {
  const known = knownCategories().codes;
  const bad = list.filter((c) => !known.has(c));
  // Echo at most three, each cut short: a hostile 24 KB name must not come back twice in the error (the fuzz sent one).
  const shown = bad.slice(0, 3).map((c) => (c.length > 40 ? `${c.slice(0, 40)}…` : c));
  if (bad.length) ctx.addIssue({ code: 'custom', message: `unknown category ${shown.join(', ')}; use one of ${[...known].join(', ')}` });
});

export const categoryList = z.string().transform(csv).pipe(categoryCodes);

// 4 digits: a prefecture-level jurisdiction's own code (商丘市 4114), which the dashboard sends as its whole area;
// another prefecture's code is refused by the scope (beside the jurisdiction), not here.
export const jurisdictionCode = z.string().regex(/^\d{4}$|^\d{6,15}$/, 'expected a division code of 4 (prefecture) or 6 to 15 digits (county 220822, township 9, village 12, grid 15)');

export const bboxParam = z
  .string()
  .transform((s, ctx) => {
    const parts = s.split(',').map(Number);
    if (parts.length !== 4 || parts.some((x) => !Number.isFinite(x))) {
      ctx.addIssue({ code: 'custom', message: 'expected bbox as minLon,minLat,maxLon,maxLat' });
      return z.NEVER;
    }
    const [a, b, c, d] = parts;
    if (a < -180 || c > 180 || b < -90 || d > 90 || a >= c || b >= d) {
      ctx.addIssue({ code: 'custom', message: 'bbox must be minLon,minLat,maxLon,maxLat within ±180/±90 with min < max' });
      return z.NEVER;
    }
    return [a, b, c, d] as [number, number, number, number];
  });

export const incidentFilterShape = {
  from: localDate.optional(),
  to: localDate.optional(),
  categories: categoryList.optional(),
  code: jurisdictionCode.optional(),
  bbox: bboxParam.optional(),
};
/** Adds the rule every windowed query shares: `from` is not after `to`. The object schema stays an object schema
 * (its fields are the query parameters of the route's declaration, http/openapi.ts). */
export const orderedWindow = <S extends z.ZodObject>(schema: S): S =>
  schema.refine((f) => {
    const w = f as { from?: string; to?: string };
    return !w.from || !w.to || w.from <= w.to;
  }, { message: '`from` must not be after `to`', path: ['from'] }) as S;
export const IncidentFilterSchema = orderedWindow(z.object(incidentFilterShape));
export type IncidentFilter = z.infer<typeof IncidentFilterSchema>;

/** UTC timestamp string (for a TIMESTAMP column) of local midnight starting a YYYY-MM-DD day. */
export function shanghaiDayStartUtc(date: string, plusDays = 0): string {
  const t = localMidnight(date) + plusDays * DAY_MS;
  return new Date(t).toISOString().replace('T', ' ').replace('Z', '');
}

/** The same window one year earlier (for year-on-year change). */
export function previousYear(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const dd = m === 2 && d === 29 ? 28 : d;
  return `${y - 1}-${String(m).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
}

export interface SqlWhere { sql: string; params: Params }

export function incidentWhere(f: Omit<IncidentFilter, never>, options: { categories?: string[] | null } = {}): SqlWhere {
  const parts: string[] = [];
  const params: Params = [];
  if (f.from) parts.push('reported_at >= ?::TIMESTAMP'), params.push(shanghaiDayStartUtc(f.from));
  if (f.to) parts.push('reported_at < ?::TIMESTAMP'), params.push(shanghaiDayStartUtc(f.to, 1));
  const cats = options.categories === undefined ? f.categories : options.categories;
  // One bound list, not `IN (?, ?, ?)`: DuckDB evaluates an IN list of strings as a chain of comparisons per
  // row, list_contains once; on a year of 10M incidents with three categories that is 110 ms against 57 ms.
  if (cats && cats.length) parts.push('list_contains(?::VARCHAR[], category)'), params.push(listValue(cats));
  if (f.code) parts.push('starts_with(grid_code, ?)'), params.push(f.code);
  if (f.bbox) parts.push('lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?'), params.push(f.bbox[0], f.bbox[2], f.bbox[1], f.bbox[3]);
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/** The answer of `scopeFor`: the code the query runs with, or a refusal (403) with its reason. */
export type ScopedCode = { ok: true; code: string | undefined } | { ok: false; error: string; errorZh: string };

/** Jurisdiction scope, the one place it is decided: a request's `code` filter combined with the user's
 * scopeCode (a division-code prefix). A code inside the scope narrows it; no code, or a code above the scope
 * (the county, for a township leader), is the scope itself; a code beside it (another township) is refused.
 * A jurisdiction-wide user (the county's 6-digit scope, a prefecture's 4) adds nothing, so their queries stay
 * as they were; a county's scope inside a prefecture-level jurisdiction narrows like a township's. */
export function scopeFor(scopeCode: string | undefined, code: string | undefined): ScopedCode {
  if (!scopeCode || coversJurisdiction(scopeCode)) return { ok: true, code };
  if (code && code.startsWith(scopeCode)) return { ok: true, code };
  if (!code || scopeCode.startsWith(code)) return { ok: true, code: scopeCode };
  return {
    ok: false,
    error: `code ${code} is outside your jurisdiction (${scopeCode}); ask for your own area or one inside it.`,
    errorZh: `所选区域（${code}）不在您的辖区（${scopeCode}）内。`,
  };
}

/** A parsed filter with its `code` scoped to the signed-in user (see scopeFor). Every query that takes a
 * `code` goes through this: `validQuery` calls it for each schema with a `code` field, so a route cannot
 * forget it; routes that read a code elsewhere (a body) call it themselves. */
export function scopedFilter<T extends { code?: string }>(user: { scopeCode: string } | undefined | null, filter: T): { ok: true; filter: T } | Extract<ScopedCode, { ok: false }> {
  const s = scopeFor(user?.scopeCode, filter.code);
  if (!s.ok) return s;
  if (s.code === filter.code) return { ok: true, filter };
  return { ok: true, filter: { ...filter, code: s.code } };
}

/** A request that names a place outside the caller's jurisdiction: app.ts answers it as 403
 * `{ error, errorZh, reason: 'jurisdiction' }` wherever it is thrown (a body, a path, a station id). */
export class OutOfScope extends Error {
  constructor(message: string, readonly errorZh: string) {
    super(message);
  }
}

/** The code a request names in its body (or anywhere but a query), scoped like a query's (scopeFor):
 * the code to run with, or OutOfScope thrown. */
export function scopedCode(user: { scopeCode: string } | undefined | null, code: string | undefined): string | undefined {
  const s = scopeFor(user?.scopeCode, code);
  if (!s.ok) throw new OutOfScope(s.error, s.errorZh);
  return s.code;
}

/** A JSON body's `code` scoped to the caller (see scopedCode): the body as it runs. */
export function scopedBody<T extends { code?: string }>(user: { scopeCode: string } | undefined | null, body: T): T {
  const code = scopedCode(user, body.code);
  return code === body.code ? body : { ...body, code };
}

/** Whether a division unit (township, village or grid code) is the caller's to see: inside their scope, or one
 * of the units that contain it (a township leader sees their township's outline, not their neighbours'). */
export function unitVisible(user: { scopeCode: string } | undefined | null, unitCode: string | null | undefined): boolean {
  const scope = user?.scopeCode;
  if (!scope || coversJurisdiction(scope)) return true;
  if (!unitCode) return false;
  return unitCode.startsWith(scope) || scope.startsWith(unitCode);
}

/** Refuses (OutOfScope) a named thing — a case, a police station — whose unit is not the caller's to see. */
export function requireVisible(user: { scopeCode: string } | undefined | null, unitCode: string | null | undefined, what: { en: string; zh: string }): void {
  if (unitVisible(user, unitCode)) return;
  throw new OutOfScope(`${what.en} is outside your jurisdiction (${user?.scopeCode}).`, `${what.zh}不在您的辖区（${user?.scopeCode}）内。`);
}

// Request validation: zod schemas on query parameters, failing with HTTP 400 and a reason a person can act
// on. Built on hono's validator so the typed client (hc<AppType>) knows every route's inputs.
import { validator } from 'hono/validator';
import type { z } from 'zod';
import { scopedFilter } from '../routes/filters.js';
import '../auth/context.js';

export class HttpError extends Error {
  constructor(readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503, message: string, readonly details?: unknown) {
    super(message);
  }
}

export function formatIssues(error: z.ZodError): { message: string; issues: { path: string; message: string }[] } {
  const issues = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  return { message: issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '), issues };
}

export const validQuery = <S extends z.ZodType>(schema: S) =>
  validator('query', (value, c) => {
    const r = schema.safeParse(value);
    if (!r.success) {
      const { message, issues } = formatIssues(r.error);
      return c.json({ error: `Invalid query parameters: ${message}`, issues }, 400);
    }
    // Jurisdiction: every query with a `code` is scoped to the signed-in user here, once for all routes.
    if (acceptsCode(schema) && r.data && typeof r.data === 'object') {
      const scoped = scopedFilter(c.get('user'), r.data as { code?: string });
      if (!scoped.ok) return c.json({ error: scoped.error, errorZh: scoped.errorZh, reason: 'jurisdiction' }, 403);
      return scoped.filter as z.output<S>;
    }
    return r.data as z.output<S>;
  });

/** Whether a query schema has a `code` field (through refine/transform/pipe/default wrappers). */
export function acceptsCode(schema: unknown, depth = 0): boolean {
  if (!schema || typeof schema !== 'object' || depth > 8) return false;
  const s = schema as { shape?: Record<string, unknown>; def?: { in?: unknown; innerType?: unknown; schema?: unknown } };
  if (s.shape && typeof s.shape === 'object') return 'code' in s.shape;
  const d = s.def;
  return !!d && (acceptsCode(d.in, depth + 1) || acceptsCode(d.innerType, depth + 1) || acceptsCode(d.schema, depth + 1));
}

export const validParam = <S extends z.ZodType>(schema: S) =>
  validator('param', (value, c) => {
    const r = schema.safeParse(value);
    if (!r.success) return c.json({ error: `Invalid path: ${formatIssues(r.error).message}` }, 400);
    return r.data as z.output<S>;
  });

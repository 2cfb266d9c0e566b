// Request validation: zod schemas on query parameters, failing with HTTP 400 and a reason a person can act
// on. Built on hono's validator so the typed client (hc<AppType>) knows every route's inputs.
import { validator } from 'hono/validator';
import type { z } from 'zod';

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
    return r.data as z.output<S>;
  });

export const validParam = <S extends z.ZodType>(schema: S) =>
  validator('param', (value, c) => {
    const r = schema.safeParse(value);
    if (!r.success) return c.json({ error: `Invalid path: ${formatIssues(r.error).message}` }, 400);
    return r.data as z.output<S>;
  });

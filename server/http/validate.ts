// Request validation: zod issues turned into a reason a person can act on, in English and Chinese (zod's own
// zh-CN wording for its built-in checks; a schema's own message as written), and HttpError, the refusal a
// helper throws deep in a route (answered by app.ts's onError with the one error schema, http/errors.ts).
// Routes declare their inputs with @hono/zod-openapi (http/openapi.ts), whose validation hook uses these.
import { validator } from 'hono/validator';
import { z } from 'zod';
import { scopedFilter } from '../routes/filters.js';
import { errorBody, type ErrorAnswer } from './errors.js';
import '../auth/context.js';

export class HttpError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503,
    message: string,
    readonly details?: unknown,
    /** The Chinese message; when absent, the status's Chinese word with the English message (errors.ts). */
    readonly messageZh?: string,
    /** The answer's machine-readable `reason` (role, jurisdiction, read-only…: errors.ts). */
    readonly reason?: string,
  ) {
    super(message);
  }
}

const EN = z.locales.en().localeError;
const ZH = z.locales.zhCN().localeError;
const text = (m: unknown) => (typeof m === 'string' ? m : m && typeof m === 'object' && 'message' in m ? String((m as { message: unknown }).message) : undefined);

export interface Issue { path: string; message: string; messageZh: string }

/** An issue's Chinese: zod's zh-CN wording when the message is zod's own default, the schema's message otherwise. */
function issueZh(issue: z.core.$ZodIssue): string {
  const raw = issue as unknown as z.core.$ZodRawIssue;
  return text(EN(raw)) === issue.message ? (text(ZH(raw)) ?? issue.message) : issue.message;
}

export function formatIssues(error: z.ZodError): { message: string; messageZh: string; issues: Issue[] } {
  const issues = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message, messageZh: issueZh(i) }));
  return {
    message: issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '),
    messageZh: issues.map((i) => (i.path ? `${i.path}：${i.messageZh}` : i.messageZh)).join('；'),
    issues,
  };
}

const WHAT: Record<string, { en: string; zh: string }> = {
  query: { en: 'Invalid query parameters', zh: '查询参数无效' },
  param: { en: 'Invalid path', zh: '路径参数无效' },
  json: { en: 'Invalid request body', zh: '请求体无效' },
  form: { en: 'Invalid form', zh: '表单无效' },
  header: { en: 'Invalid headers', zh: '请求头无效' },
  cookie: { en: 'Invalid cookies', zh: 'Cookie 无效' },
};

/** The 400 answer for a request part (query, param, json, …) that failed its schema. */
export function invalidRequest(target: string, error: z.ZodError, what = WHAT[target] ?? WHAT.query): ErrorAnswer {
  const f = formatIssues(error);
  return errorBody(400, `${what.en}: ${f.message}`, { errorZh: `${what.zh}：${f.messageZh}`, details: { issues: f.issues } });
}

export const validQuery = <S extends z.ZodType>(schema: S) =>
  validator('query', (value, c) => {
    const r = schema.safeParse(value);
    if (!r.success) return c.json(invalidRequest('query', r.error), 400);
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
    if (!r.success) return c.json(invalidRequest('param', r.error), 400);
    return r.data as z.output<S>;
  });

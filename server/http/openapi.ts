// Each route is declared once, with @hono/zod-openapi: `declareRoute({...})` is `createRoute` plus the two things
// every route of this API has — its access rule (server/auth/access.ts: the `access(rule)` middleware runs first,
// and the rule is in the document as `x-access`) and a summary in Chinese and English — and the errors every
// route can answer (401/403 for a signed-in rule, 400 for a request with inputs, the write errors, 500), all
// with the one error schema (http/errors.ts). `createRouter()` is the OpenAPIHono a feature mounts its routes on:
// its validation hook answers a refused input with 400 and reasons in both languages, and every route whose
// query has a `code` gets the jurisdiction scope (routes/filters.ts scopedFilter) before its handler, so no
// route can forget it. The document (`GET /api/openapi.json`) is generated from these declarations by app.ts.
import { createRoute, OpenAPIHono, z, type RouteConfig } from '@hono/zod-openapi';
import type { Context, Handler, MiddlewareHandler, TypedResponse } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { JSONParsed } from 'hono/utils/types';
import { access, type AccessRule } from '../auth/access.js';
import { scopedFilter } from '../routes/filters.js';
import { ErrorAnswer, errorBody } from './errors.js';
import { acceptsCode, invalidRequest } from './validate.js';
import '../auth/context.js';

export { z };

/** A summary in both languages: the document shows `zh · en`, and keeps each as x-summary-zh / x-summary-en. */
export interface Summary { zh: string; en: string }

/** A JSON answer of a route: its schema and what it is. */
export const json = <S extends z.ZodType>(schema: S, description: string) => ({ description, content: { 'application/json': { schema } } }) as const;
/** A required JSON request body (validated by the router's hook, reasons in both languages). */
export const jsonBody = <S extends z.ZodType>(schema: S) => ({ required: true, content: { 'application/json': { schema } } }) as const;

/** An answer that is not JSON (CSV, GPX, an event stream, a PNG…), described by its media type. */
export const file = <M extends string>(mediaType: M, description: string) => ({ description, content: { [mediaType]: { schema: z.string() } } as { [K in M]: { schema: z.ZodString } } }) as const;

/** A multipart/form-data body with one binary field (`file`), described in the document but not validated by
 * the router: a plain OpenAPI schema, not zod, so @hono/zod-openapi neither parses the form nor gates the media
 * type — the handler reads the bytes itself, within its streaming body limit (http/body-limits.ts). */
export const fileUpload = (description: string, field = 'file') => ({
  'multipart/form-data': { schema: { type: 'object' as const, required: [field], properties: { [field]: { type: 'string' as const, format: 'binary', description } } } },
});

/** An error answer whose status is one of several (a rule's verdict): typed per status, as the declaration lists them. */
export const refusal = <S extends ContentfulStatusCode, B extends ErrorAnswer>(c: Context, status: S, body: B) => c.json(body, status) as unknown as S extends ContentfulStatusCode ? Response & TypedResponse<JSONParsed<B>, S, 'json'> : never;

const error = (description: string) => json(ErrorAnswer, description);

const SIGNED_IN_ERRORS = {
  401: error('Not signed in (未登录): sign in first with POST /api/auth/login.'),
  403: error('Refused (无权访问): the role lacks the permission (reason role), or the area asked for is outside the user’s jurisdiction (reason jurisdiction), or a write came from another site (reason origin).'),
} as const;
const INPUT_ERRORS = { 400: error('Invalid request (请求无效): the reasons, per field, in English and Chinese (details.issues).') } as const;
const WRITE_ERRORS = {
  413: error('Request body too large (请求体过大).'),
  415: error('Content type not accepted for this write (不支持的内容类型).'),
  429: error('Too many writes in a short time (请求过于频繁); try again later.'),
  503: error('The database is open read-only here (数据库只读, reason read-only).'),
} as const;
const SERVER_ERROR = { 500: error('Internal error (服务器内部错误); the server log has the details.') } as const;

/** `guards`: middleware that runs after the access rule and before validation (limitWrites for a write). */
type Declaration = Omit<RouteConfig, 'summary' | 'middleware'> & { access: AccessRule; summary: Summary; guards?: MiddlewareHandler[] };
type Has<D, K> = D extends { request: infer Q } ? (K extends keyof Q ? true : false) : false;
type Errors<D extends Declaration> = typeof SERVER_ERROR &
  (D['access'] extends 'public' ? {} : typeof SIGNED_IN_ERRORS) &
  (Has<D, 'query'> | Has<D, 'params'> | Has<D, 'body'> extends false ? {} : typeof INPUT_ERRORS) &
  (D['method'] extends 'get' ? {} : typeof WRITE_ERRORS);

/** A route's declaration: createRoute with its access rule, its bilingual summary and the errors it shares. */
export function declareRoute<const D extends Declaration>(d: D) {
  const { access: rule, summary, responses, guards = [], ...rest } = d;
  const request = d.request ?? {};
  const errors = {
    ...SERVER_ERROR,
    ...(rule === 'public' ? {} : SIGNED_IN_ERRORS),
    ...(request.query || request.params || request.body ? INPUT_ERRORS : {}),
    ...(d.method === 'get' ? {} : WRITE_ERRORS),
  };
  return createRoute({
    ...(rest as Omit<D, 'access' | 'summary' | 'responses' | 'guards'>),
    summary: `${summary.zh} · ${summary.en}`,
    'x-summary-zh': summary.zh,
    'x-summary-en': summary.en,
    'x-access': rule,
    security: rule === 'public' ? [] : [{ session: [] }],
    middleware: [access(rule), ...guards] as [MiddlewareHandler],
    // a route's own answer for a shared status (an import's 400 with its report) replaces the shared one
    responses: { ...errors, ...responses } as Omit<Errors<D>, keyof D['responses']> & D['responses'],
  });
}

/** The validation hook of every router: a refused input is a 400 with its reasons (http/validate.ts). */
const answerInvalidInput = (result: { success: boolean; target: string; error?: unknown }, c: Context) => {
  if (!result.success) return c.json(invalidRequest(result.target, result.error as z.ZodError), 400);
};

/** Before the handler of a route whose query takes a `code`: the code scoped to the signed-in user, or 403. */
const scopeFirst = (handler: Handler): Handler => (c, next) => {
  const scoped = scopedFilter(c.get('user'), c.req.valid('query' as never) as { code?: string });
  if (!scoped.ok) return c.json(errorBody(403, scoped.error, { errorZh: scoped.errorZh, reason: 'jurisdiction' }), 403);
  c.req.addValidatedData('query', scoped.filter);
  return handler(c, next);
};

/** The OpenAPIHono a feature declares its routes on (see the header). */
export function createRouter() {
  const router = new OpenAPIHono({ defaultHook: answerInvalidInput });
  const declare = router.openapi;
  router.openapi = ((route: RouteConfig, handler: Handler, hook?: never) =>
    declare(route, acceptsCode(route.request?.query) ? scopeFirst(handler) : handler, hook)) as unknown as typeof router.openapi;
  return router;
}

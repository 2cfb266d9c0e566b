// createApp(): mounts every feature router under /api (and, when given, the built client). AppType is the
// typed contract for hc<AppType>; GET /api/openapi.json is the same contract as an OpenAPI 3.1 document, made
// from the routes' declarations (http/openapi.ts).
import { OpenAPIHono } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { compress } from 'hono/compress';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { access, defaultDeny } from './auth/access.js';
import { adminRoutes } from './auth/admin.routes.js';
import { authRoutes } from './auth/auth.routes.js';
import { sameOriginWrites, sessionUser } from './auth/request-guards.js';
import type { Database } from './db/database.js';
import { announceReadOnlyAudit } from './auth/audit.js';
import { answerCache } from './http/answer-cache.js';
import { mountClient } from './http/static-client.js';
import { HttpError } from './http/validate.js';
import { OutOfScope } from './routes/filters.js';
import { errorBody } from './http/errors.js';
import { openApiDocument, openApiRoute } from './http/openapi-document.js';
import { securityHeaders } from './http/security-headers.js';
import { bodyLimits } from './http/body-limits.js';
import { jsonDepthGuard } from './http/json-depth.js';
import { categoryScope } from './http/category-scope.js';
import { basemapRoutes } from './routes/basemap/basemap.routes.js';
import { cameraRoutes } from './routes/cameras/cameras.routes.js';
import { coverageRoutes } from './routes/coverage/coverage.routes.js';
import { healthRoutes } from './routes/health/health.routes.js';
import { hotspotRoutes } from './routes/hotspots/hotspots.routes.js';
import { statsRoutes } from './routes/stats/stats.routes.js';
import { importRoutes } from './routes/import/import.routes.js';
import { geocodeRoutes } from './routes/geocode/geocode.routes.js';
import { incidentRoutes } from './routes/incidents/incidents.routes.js';
import { metaRoutes } from './routes/meta/meta.routes.js';
import { categoryRoutes } from './routes/categories/categories.routes.js';
import { patrolRoutes } from './routes/patrol/patrol.routes.js';
import { regionRoutes } from './routes/regions/regions.routes.js';
import { reportRoutes } from './routes/reports/reports.routes.js';
import { caseRoutes } from './routes/cases/cases.routes.js';
import { searchRoutes } from './routes/search/search.routes.js';

/** JSON answers smaller than this are not compressed (see createApp). */
const UNCOMPRESSED_JSON_BYTES = 32 * 1024;

export interface AppConfig {
  /** Online MapLibre style URL; the offline county basemap when absent. */
  basemapStyleUrl?: string;
  /** Folder of the built client (vite build); not served when absent. */
  clientDir?: string;
  /** Memory for answers kept by data version (http/answer-cache.ts), in MB; 0 turns the cache off. Default 64. */
  answerCacheMb?: number;
  /** The dashboard's public origin when a proxy in front changes the Host (writes must come from it). */
  publicOrigin?: string;
  /** Session lifetime in hours (default 8). */
  sessionHours?: number;
}

/** Every feature router, mounted under one router so the typed client sees all routes. The router is an
 * OpenAPIHono (its route() gathers each feature's declarations for the document) typed as a plain Hono: Hono's
 * route() types merge the features' schemas as a union, OpenAPIHono's as an intersection that TypeScript gives
 * up on ("excessively deep") once it is mounted under /api. */
function createApi(db: Database, config: AppConfig) {
  return (new OpenAPIHono() as unknown as Hono)
    .route('/auth', authRoutes(db, { sessionHours: config.sessionHours }))
    .route('/admin', adminRoutes(db))
    .route('/health', healthRoutes(db))
    .route('/meta', metaRoutes(db, { basemapStyleUrl: config.basemapStyleUrl ?? '/api/basemap/style.json' }))
    .route('/categories', categoryRoutes(db))
    .route('/', regionRoutes(db))
    .route('/incidents', incidentRoutes(db))
    .route('/cameras', cameraRoutes(db))
    .route('/coverage', coverageRoutes(db))
    .route('/basemap', basemapRoutes(db))
    .route('/patrol', patrolRoutes(db))
    .route('/hotspots', hotspotRoutes(db))
    .route('/stats', statsRoutes(db))
    .route('/search', searchRoutes(db))
    .route('/', importRoutes(db))
    .route('/', geocodeRoutes(db))
    .route('/', reportRoutes(db))
    .route('/', caseRoutes(db));
}

export function createApp(db: Database, config: AppConfig = {}) {
  // A read-only database keeps no audit log: said once here, not per request (auth/audit.ts).
  announceReadOnlyAudit(db);
  const app = new Hono();
  // Security headers on every answer, the API's and the client's files alike (http/security-headers.ts).
  app.use('*', securityHeaders());
  // Request bodies are limited while they stream, per route (http/body-limits.ts): 413 over the limit.
  app.use('/api/*', bodyLimits);
  // A JSON body nested deeper than any request needs → 400 before a route parses it (http/json-depth.ts).
  app.use('/api/*', jsonDepthGuard);
  // Small JSON answers go as they are: the dashboard is served over a command centre's LAN, where gzip costs more
  // time (about 2 ms for the 1058 grid counts) than it saves. The inner middleware gives JSON answers their
  // length, which is what compress() looks at; streams (server-sent events) are left alone.
  app.use('/api/*', compress({ threshold: UNCOMPRESSED_JSON_BYTES }));
  app.use('/api/*', async (c, next) => {
    await next();
    if (c.res.headers.has('content-length') || !c.res.headers.get('content-type')?.startsWith('application/json')) return;
    const body = await c.res.arrayBuffer();
    const headers = new Headers(c.res.headers);
    headers.set('content-length', String(body.byteLength));
    c.res = new Response(body, { status: c.res.status, headers });
  });
  // The access layer (server/auth): same-origin writes, the session's user, no route without an access rule.
  app.use('/api/*', sameOriginWrites({ publicOrigin: config.publicOrigin }), sessionUser(db), defaultDeny);
  // Repeats answered from memory (and 304 on a matching ETag), keyed by parameters, caller scope and data version.
  // After the access layer: the key holds the session user's role and scope, and only answers a route gave that
  // role (2xx, after its access rule) are kept, so a hit never reaches a caller the route would refuse.
  app.use('/api/*', answerCache(db, (config.answerCacheMb ?? 64) * 2 ** 20).middleware);
  // The jurisdiction's category vocabulary for validators (filters' `categories`), cached by data version.
  app.use('/api/*', categoryScope(db));
  const api = createApi(db, config);
  // The document is made once, on its first request, from every declaration mounted on the API.
  let document: ReturnType<typeof openApiDocument> | undefined;
  const declared = api as unknown as OpenAPIHono;
  declared.openapi(openApiRoute, (c) => c.json((document ??= openApiDocument(declared, '/api')) as never, 200));
  const routed = app.route('/api', api);
  DECLARED.set(routed, declared);
  app.all('/api/*', access('public'), (c) =>
    c.json(errorBody(404, `No such endpoint: ${c.req.method} ${c.req.path}; GET /api/openapi.json lists them.`, { errorZh: `没有这个接口：${c.req.method} ${c.req.path}。` }), 404),
  );
  // Outside /api (and, with the built client, any non-GET the page does not serve): the same error schema, not
  // Hono's plain-text "404 Not Found".
  app.notFound((c) => c.json(errorBody(404, `Nothing here: ${c.req.method} ${c.req.path}. The API is under /api (GET /api/openapi.json lists it).`, { errorZh: `没有这个地址：${c.req.method} ${c.req.path}。接口都在 /api 下。` }), 404));
  app.onError((err, c) => {
    if (err instanceof HttpError) return c.json(errorBody(err.status, err.message, { errorZh: err.messageZh, details: err.details, reason: err.reason }), err.status);
    if (err instanceof OutOfScope) return c.json(errorBody(403, err.message, { errorZh: err.errorZh, reason: 'jurisdiction' }), 403);
    // Hono's own refusals: malformed JSON in a body (400), a body type the route does not declare (415), …
    if (err instanceof HTTPException && err.status < 500) return c.json(errorBody(err.status, err.message || 'The request was refused.'), err.status);
    // The client went away and its analysis was cancelled (workers/pool.ts): nobody reads this answer.
    if (c.req.raw.signal.aborted) return new Response(null, { status: 499 });
    // A write reached a database opened read-only (a reporting copy, a test file): the server is not broken,
    // the write cannot be kept here. 503 with the reason, never 500.
    if (/attached in read-only mode|read-?only (mode|database)/i.test(String((err as Error)?.message ?? err)))
      return c.json(errorBody(503, 'This server opened its database read-only, so changes cannot be saved here; use the writable server.', { errorZh: '数据库以只读方式打开，无法保存修改。', reason: 'read-only' }), 503);
    // Another transaction held the same rows (DuckDB's optimistic concurrency: "Conflict on update"). Nothing of
    // this request was kept (its transaction rolled back; the case writer retries a group one request at a time),
    // so the client may simply ask again.
    if (/Conflict on (update|tuple deletion|append)|TransactionContext Error: Catalog write-write conflict/i.test(String((err as Error)?.message ?? err))) {
      c.header('Retry-After', '1');
      return c.json(errorBody(503, 'Another write changed the same data at the same moment; nothing of this request was saved. Try again.', { errorZh: '另一项写入同时修改了这些数据，本次未保存，请稍后重试。', reason: 'write-conflict' }), 503);
    }
    console.error(err);
    return c.json(errorBody(500, 'Internal error; the server log has the details.', { errorZh: '服务器内部错误，详情见服务器日志。' }), 500);
  });
  if (config.clientDir && existsSync(join(config.clientDir, 'index.html'))) mountClient(app, config.clientDir);
  return routed;
}

export type AppType = ReturnType<typeof createApp>;

const DECLARED = new WeakMap<object, OpenAPIHono>();
/** The API router of an app made by createApp, whose registry holds every route's declaration (paths under /api):
 * for the tests that walk the declarations (answer validation, fuzz). */
export const apiDeclarations = (app: AppType): OpenAPIHono => DECLARED.get(app)!;

// The API fuzz's requests, generated from the app itself: its route list (app.routes, every /api method and
// path Hono serves) and, for each route declared with @hono/zod-openapi, its request schemas as the app's own
// OpenAPI document gives them (GET /api/openapi.json): path and query parameters and the JSON body. A route not
// declared yet gets the API's parameter vocabulary (names the routes use, with plausible values from the test
// county). Every value is schema-valid most of the time, so requests reach the handlers, and hostile the rest
// (hostile.ts); some requests send a wrong method, a wrong or missing Origin, a forged cookie, or a body that
// no route wants.
import fc from 'fast-check';
import { CAMERA_KINDS } from '../../../shared/domain/cameras.js';
import { CASE_ACTIONS, CASE_STATUSES } from '../../../shared/domain/case-workflow.js';
import { INCIDENT_CATEGORIES } from '../../../shared/domain/categories.js';
import { ROLES, type Role } from '../../../shared/domain/roles.js';
import { SITE_KINDS } from '../../../shared/domain/sites.js';
import { arbitraryOf, type JsonSchema } from './json-schema-arbitrary.js';
import { hostileBody, hostileJson, hostileString, type RawBody } from './hostile.js';

export type Caller = Role | 'anonymous';

/** One route of the app, with what its declaration (when it has one) says of its inputs. */
export interface FuzzRoute {
  method: string;
  /** Hono's pattern, e.g. /api/admin/users/:id or /api/basemap/:layer{[a-z]+\.geojson} */
  path: string;
  /** Path parameters: name and, when the pattern constrains it, its regular expression. */
  params: { name: string; regex?: string }[];
  /** Declared query parameters (empty when the route has no declaration yet). */
  query: { name: string; required: boolean; schema: JsonSchema }[];
  /** Declared JSON body schema. */
  body?: JsonSchema;
  /** Whether the OpenAPI document declares this route. */
  declared: boolean;
}

export interface FuzzRequest {
  caller: Caller;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** How the body was made (for a reproducer of a large body). */
  bodyLabel?: string;
  /** The route the request was made for (method and pattern). */
  route: string;
}

/** Values of the test county the generator draws from: real codes and ids, so requests find rows. */
export interface CountyVocabulary {
  codes: string[];
  /** Ids of rows (cases, cameras, users, scenarios), as they appear in a path. */
  ids: string[];
  lonLat: { minLon: number; minLat: number; maxLon: number; maxLat: number };
}

interface OpenApiOperation {
  parameters?: { name: string; in: string; required?: boolean; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}
export interface OpenApiDocument {
  paths?: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** Hono's `:name` and `:name{regex}` and OpenAPI's `{name}` written one way, for matching the two lists. */
const normalise = (path: string) => path.replace(/:([A-Za-z0-9_]+)(\{(?:[^{}]|\{[^{}]*\})*\})?/g, '{$1}');

/** Path parameters of a Hono pattern (a regex constraint may itself hold braces, e.g. \d{1,3}). */
function paramsOf(path: string): FuzzRoute['params'] {
  return [...path.matchAll(/:([A-Za-z0-9_]+)(?:\{((?:[^{}]|\{[^{}]*\})*)\})?/g)].map((m) => ({ name: m[1], regex: m[2] }));
}

/** Every /api route the app serves (method and path once each), with its declaration from the document. */
export function fuzzRoutes(app: { routes: { method: string; path: string }[] }, document: OpenApiDocument | null): FuzzRoute[] {
  const operations = new Map<string, OpenApiOperation>();
  for (const [path, item] of Object.entries(document?.paths ?? {}))
    for (const [method, op] of Object.entries(item)) operations.set(`${method.toUpperCase()} ${normalise(path)}`, op);
  const seen = new Map<string, FuzzRoute>();
  for (const r of app.routes) {
    if (!r.path.startsWith('/api/') || r.method === 'ALL' || r.path.endsWith('*')) continue;
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) continue;
    const op = operations.get(`${r.method} ${normalise(r.path)}`);
    const json = op?.requestBody?.content?.['application/json']?.schema;
    seen.set(key, {
      method: r.method,
      path: r.path,
      params: paramsOf(r.path),
      query: (op?.parameters ?? []).filter((p) => p.in === 'query').map((p) => ({ name: p.name, required: !!p.required, schema: p.schema ?? {} })),
      body: json,
      declared: !!op,
    });
  }
  return [...seen.values()];
}

/** The API's parameter names with plausible values: for routes without a declaration, and for stray keys. */
function vocabulary(county: CountyVocabulary): Record<string, fc.Arbitrary<unknown>> {
  const { minLon, minLat, maxLon, maxLat } = county.lonLat;
  const lon = fc.double({ min: minLon, max: maxLon, noNaN: true });
  const lat = fc.double({ min: minLat, max: maxLat, noNaN: true });
  const date = fc.date({ min: new Date('2023-06-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const small = fc.integer({ min: -2, max: 200 });
  const bbox = fc.tuple(lon, lat, lon, lat).map(([a, b, c, d]) => [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)].map((x) => x.toFixed(4)).join(','));
  return {
    from: date, to: date, start: date, end: date,
    categories: fc.subarray([...INCIDENT_CATEGORIES], { minLength: 1 }).map((xs) => xs.join(',')),
    category: fc.constantFrom(...INCIDENT_CATEGORIES),
    code: fc.constantFrom(...county.codes), scopeCode: fc.constantFrom(...county.codes), near: fc.constantFrom(...county.codes),
    bbox,
    level: fc.constantFrom('county', 'township', 'village', 'grid'),
    unit: fc.constantFrom('grid', 'village', 'township', 'h3'),
    resolution: fc.integer({ min: 5, max: 10 }), res: fc.integer({ min: 5, max: 10 }),
    step: fc.constantFrom('day', 'week', 'month'), zoom: fc.integer({ min: 4, max: 18 }),
    format: fc.constantFrom('csv', 'geojson', 'json', 'gpx', 'xlsx'),
    kinds: fc.subarray([...CAMERA_KINDS], { minLength: 1 }).map((xs) => xs.join(',')), kind: fc.constantFrom(...CAMERA_KINDS, ...SITE_KINDS),
    status: fc.constantFrom(...CASE_STATUSES), action: fc.constantFrom(...CASE_ACTIONS),
    limit: small, page: small, pageSize: small, before: fc.integer({ min: -5, max: 5000 }), k: small, minutes: small, width: small, seed: small,
    q: fc.constantFrom('开通', '通榆', 'theft', ''), sort: fc.constantFrom('time', '-time', 'status'), order: fc.constantFrom('asc', 'desc'),
    lon, lat, seatLon: lon, seatLat: lat, bearing: fc.integer({ min: -10, max: 370 }), fov: fc.integer({ min: 0, max: 360 }), rangeM: fc.integer({ min: -1, max: 500 }),
    lang: fc.constantFrom('zh', 'en'), id: fc.constantFrom(...county.ids),
  };
}

const SAME_ORIGIN = 'http://localhost';
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'];

/** Percent-encoding that never throws: a lone surrogate goes as U+FFFD's bytes, like a browser sends it. */
const encode = (s: string) => [...new TextEncoder().encode(s)].map((b) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
const asText = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v) ?? '');

/** Query strings a hand-written client gets wrong: broken escapes, truncated UTF-8, repeated keys. */
const brokenQuery = fc.constantFrom('%', '%ZZ', 'a=%E4%B8', '=1', '&&', 'code', 'code=', 'from=2026-01-01&from=2026-02-01', 'x'.repeat(3000) + '=1', '__proto__=1', 'constructor[prototype]=1');

/**
 * The work knobs of the analyses, kept to the cheap part of their valid range in the fuzz's schema-valid values:
 * a coverage plan's work grows with k × 1000 / spacingM and a patrol plan's with its candidates and units, so at
 * the far end one request costs seconds to half a minute on a loaded machine (the plan's own time budget is
 * 60 s), and a few of those decided the run's length. The fuzz looks for 5xx and answers without a reason, which
 * the same validation, scope and planning code gives at the cheap end; the far end's figures and limits are the
 * routes' own tests (test/api/coverage.test.ts: the work limit; patrol.test.ts) and benchmarks. Hostile values
 * still go anywhere (past the limits too: they must be refused with a reason).
 */
const WORK_LIMITS: Record<string, Record<string, JsonSchema>> = {
  'POST /api/coverage/plan': { k: { maximum: 12 }, budgetYuan: { maximum: 200_000 }, spacingM: { minimum: 250 } },
  'POST /api/patrol/route': { candidates: { maximum: 16 }, units: { maximum: 3 } },
  'POST /api/patrol/route.geojson': { candidates: { maximum: 16 }, units: { maximum: 3 } },
  'POST /api/patrol/route.gpx': { candidates: { maximum: 16 }, units: { maximum: 3 } },
};

/** A body schema with the route's work limits applied to its properties (its $ref resolved first). */
function withinWorkLimits(routeKey: string, schema: JsonSchema, components: Record<string, JsonSchema>): JsonSchema {
  const limits = WORK_LIMITS[routeKey];
  if (!limits) return schema;
  const resolved = schema.$ref ? components[schema.$ref.split('/').pop()!] ?? schema : schema;
  const properties = { ...(resolved.properties ?? {}) };
  for (const [name, limit] of Object.entries(limits)) if (properties[name]) properties[name] = { ...properties[name], ...limit };
  return { ...resolved, properties };
}

export function requestArbitrary(routes: FuzzRoute[], county: CountyVocabulary, components: Record<string, JsonSchema> = {}): fc.Arbitrary<FuzzRequest> {
  const vocab = vocabulary(county);
  const vocabKeys = Object.keys(vocab);
  const caller = fc.oneof({ weight: 6, arbitrary: fc.constantFrom<Caller>(...ROLES) }, { weight: 1, arbitrary: fc.constant<Caller>('anonymous') });

  /** A request for `route`: schema-valid throughout, or (hostile) with hostile values, headers and bodies mixed in. */
  const variant = (route: FuzzRoute, hostile: boolean) => {
    const value = (valid: fc.Arbitrary<unknown>) => (hostile ? fc.oneof({ weight: 2, arbitrary: valid.map(asText) }, { weight: 1, arbitrary: hostileString }) : valid.map(asText));
    const pathValues = fc.tuple(
      ...route.params.map((p) => {
        const valid: fc.Arbitrary<unknown> = p.regex ? fc.stringMatching(new RegExp(`^(?:${p.regex})$`)) : vocab[p.name] ?? fc.oneof(fc.constantFrom(...county.ids), fc.integer(), fc.uuid());
        return value(valid);
      }),
    );
    const declared = route.query.map((q) => ({ name: q.name, required: q.required, value: value(arbitraryOf(q.schema, components)) }));
    const queryEntries = fc.tuple(
      fc.tuple(...declared.map((d) => (d.required ? d.value.map((v) => [d.name, v] as const) : fc.option(d.value.map((v) => [d.name, v] as const), { freq: 2 })))),
      // names of the API's vocabulary: the routes without a declaration take them, declared ones must refuse or ignore them
      fc.array(fc.constantFrom(...vocabKeys).chain((k) => value(vocab[k]).map((v) => [k, v] as const)), { maxLength: route.declared ? (hostile ? 2 : 0) : 5 }),
      hostile ? fc.option(brokenQuery, { freq: 6 }) : fc.constant(null),
    );
    const validBody = route.body ? arbitraryOf(withinWorkLimits(`${route.method} ${route.path}`, route.body, components), components) : fc.dictionary(fc.constantFrom(...vocabKeys), fc.constantFrom(...vocabKeys).chain((k) => vocab[k]), { maxKeys: 5 });
    const jsonBody = !hostile
      ? validBody
      : route.body
        ? fc.oneof(
            // a valid body with one field replaced by a hostile value
            { weight: 3, arbitrary: fc.tuple(validBody, fc.nat(), hostileJson).map(([b, i, bad]) => (b && typeof b === 'object' && !Array.isArray(b) && Object.keys(b).length ? { ...b, [Object.keys(b)[i % Object.keys(b).length]]: bad } : bad)) },
            { weight: 1, arbitrary: hostileJson },
          )
        : fc.dictionary(fc.constantFrom(...vocabKeys, 'username', 'password', 'note', 'title', 'name', 'cameras', 'points', 'stops', 'sites'), fc.oneof(value(fc.string()), hostileJson), { maxKeys: 6 });
    const jsonRaw = jsonBody.map((b): RawBody => ({ label: 'JSON', contentType: 'application/json', body: JSON.stringify(b) ?? 'null' }));
    const body: fc.Arbitrary<RawBody | undefined> =
      route.method === 'GET'
        ? hostile ? fc.option(hostileBody, { freq: 15, nil: undefined }) : fc.constant(undefined)
        : hostile ? fc.oneof({ weight: 3, arbitrary: jsonRaw }, { weight: 2, arbitrary: hostileBody }) : jsonRaw;
    const method = hostile ? fc.oneof({ weight: 15, arbitrary: fc.constant(route.method) }, { weight: 1, arbitrary: fc.constantFrom(...METHODS) }) : fc.constant(route.method);
    const origin = hostile ? fc.oneof({ weight: 10, arbitrary: fc.constant<string | null>(SAME_ORIGIN) }, { weight: 1, arbitrary: fc.constantFrom<string | null>(null, 'http://evil.example', 'null', 'http://localhost:1') }) : fc.constant(SAME_ORIGIN);
    const extraHeaders = !hostile ? fc.constant(undefined) : fc.option(
      fc.constantFrom<Record<string, string>>(
        { cookie: 'pingan_session=not.a.jwt' },
        { cookie: `pingan_session=${'a'.repeat(4000)}` },
        { 'if-none-match': '*' },
        { 'if-none-match': '"' + 'x'.repeat(300) + '"' },
        { 'accept-encoding': 'br, gzip, deflate, zstd' },
        { 'content-length': '99999999999' },
        { 'x-forwarded-for': "1.2.3.4, ' OR 1=1" },
        { range: 'bytes=0-1,5-2' },
      ),
      { freq: 8, nil: undefined },
    );
    return fc.record({ caller, method, pathValues, queryEntries, body, origin, extraHeaders }).map(({ caller, method, pathValues, queryEntries, body, origin, extraHeaders }): FuzzRequest => {
      let i = 0;
      const path = route.path.replace(/:([A-Za-z0-9_]+)(?:\{(?:[^{}]|\{[^{}]*\})*\})?/g, () => encode(pathValues[i++] ?? ''));
      const [declaredPairs, vocabPairs, broken] = queryEntries;
      const pairs = [...declaredPairs.filter((p): p is readonly [string, string] => !!p), ...vocabPairs];
      const query = [...pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`), ...(broken ? [broken] : [])].join('&');
      const headers: Record<string, string> = { ...(extraHeaders ?? {}) };
      if (origin) headers.origin = origin;
      if (body?.contentType && method !== 'GET' && method !== 'HEAD') headers['content-type'] = body.contentType;
      const withBody = body && method !== 'GET' && method !== 'HEAD';
      return {
        caller,
        method,
        url: path + (query ? `?${query}` : ''),
        headers,
        body: withBody ? body.body : undefined,
        bodyLabel: withBody ? body.label : undefined,
        route: `${route.method} ${route.path}`,
      };
    });
  };
  // Every route equally often, whatever its number of parameters; a third of its requests valid throughout.
  return fc.oneof(...routes.map((route) => fc.oneof({ weight: 1, arbitrary: variant(route, false) }, { weight: 2, arbitrary: variant(route, true) })));
}

/** What a person needs to send the failing request again. */
export function reproducer(r: FuzzRequest, replay: string, status: number, answer: string): string {
  const body = r.body === undefined ? '' : typeof r.body === 'string' ? r.body : `<${r.body.length} bytes: ${[...r.body.slice(0, 32)].map((b) => b.toString(16).padStart(2, '0')).join(' ')}>`;
  const shown = body.length > 600 ? `${body.slice(0, 300)}… <${body.length} characters in all, "${r.bodyLabel}">` : body;
  return [
    `${r.method} ${r.url}  → ${status}`,
    `  as ${r.caller}; route ${r.route}; headers ${JSON.stringify(r.headers)}`,
    ...(r.body !== undefined ? [`  body (${r.bodyLabel}): ${shown}`] : []),
    `  answer: ${answer.slice(0, 400)}`,
    `  reproduce: ${replay}`,
  ].join('\n');
}

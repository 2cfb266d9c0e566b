// The API's declarations (server/http/openapi.ts) against the app itself: GET /api/openapi.json validates as
// OpenAPI 3.1 (a maintained validator, every $ref resolved), describes every /api route of the app's own route
// list with its access rule and a Chinese and English summary, and every route, called signed in on a writable
// copy of the demo county with a valid request, answers a status it declares with a body its schema accepts. A
// route without a declared answer schema fails here.
import { Validator } from '@seriousme/openapi-schema-validator';
import type { RouteConfig } from '@hono/zod-openapi';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiDeclarations, createApp } from '../../server/app.js';
import { accessRuleOf } from '../../server/auth/access.js';
import { ErrorAnswer } from '../../server/http/errors.js';
import { storePhoto } from '../../server/cases/attachments.js';
import { progressFor } from '../../server/import/import-progress.js';
import { keepRejectedCsv } from '../../server/import/report-size.js';
import { openOrBuildDatabase } from '../../server/db/open-or-build.js';
import { createFirstAccounts } from '../../server/auth/first-accounts.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signIn, TEST_PASSWORD, type Requester } from '../support/session.js';
import { openWritableCountyCopy } from '../support/writable-county.js';
import type { Database } from '../../server/db/database.js';

let county: Awaited<ReturnType<typeof openWritableCountyCopy>>;
let db: Database;
let app: ReturnType<typeof createApp>;
let admin: Requester;
let doc: { paths: Record<string, Record<string, Operation>> };
interface Operation { summary?: string; 'x-access'?: string; 'x-summary-zh'?: string; 'x-summary-en'?: string; responses: Record<string, unknown> }

beforeAll(async () => {
  county = await openWritableCountyCopy();
  db = county.db;
  app = createApp(db);
  admin = await signIn(app, 'admin');
  const res = await admin('/api/openapi.json');
  expect(res.status).toBe(200);
  doc = await res.json();
});
afterAll(() => county.dispose());

/** Hono's form of an OpenAPI path: {id} → :id. */
const honoPath = (p: string) => p.replace(/\{([^}]+)\}/g, ':$1');

/** Each /api route of the app's own route list (method + path), with its access rule. */
function appRoutes() {
  const seen = new Map<string, { method: string; path: string; rule: string | undefined }>();
  for (const r of app.routes) {
    if (!r.path.startsWith('/api/') || r.method === 'ALL') continue;
    const key = `${r.method} ${r.path}`;
    if (!seen.has(key)) seen.set(key, { method: r.method, path: r.path, rule: accessRuleOf(r.handler) });
  }
  return [...seen.values()];
}

/** Every declaration of the app, keyed `METHOD /api/path` in Hono's form. */
function declarations(): Map<string, RouteConfig> {
  const out = new Map<string, RouteConfig>();
  for (const d of apiDeclarations(app).openAPIRegistry.definitions) {
    if (d.type !== 'route') continue;
    const path = honoPath(`/api${d.route.path === '/' ? '' : d.route.path}`);
    out.set(`${d.route.method.toUpperCase()} ${path}`, d.route as RouteConfig);
  }
  return out;
}

/** Folders not converted to declarations yet (each one's routes are listed by the test until it is). */
const NOT_YET: string[] = [];
const pending = (path: string) => NOT_YET.some((p) => path === p || path.startsWith(`${p}/`) || path.startsWith(`${p}.`));

describe('the OpenAPI document', () => {
  it('validates as OpenAPI 3.1, every $ref resolved', async () => {
    const validator = new Validator();
    const res = await validator.validate(structuredClone(doc) as never);
    expect(res.errors ?? []).toEqual([]);
    expect(res.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    expect(() => validator.resolveRefs()).not.toThrow();
  });

  it('describes every /api route of the app, with its access rule and a Chinese and English summary', () => {
    const described = new Map<string, Operation>();
    for (const [path, item] of Object.entries(doc.paths)) for (const [m, op] of Object.entries(item)) described.set(`${m.toUpperCase()} ${honoPath(path)}`, op);
    const missing: string[] = [];
    const wrong: string[] = [];
    for (const r of appRoutes()) {
      const key = `${r.method} ${r.path}`;
      const op = described.get(key);
      if (!op) {
        if (!pending(r.path)) missing.push(key);
        continue;
      }
      if (op['x-access'] !== r.rule) wrong.push(`${key}: x-access ${op['x-access']}, the route's rule ${r.rule}`);
      if (!/\p{Script=Han}/u.test(op['x-summary-zh'] ?? '')) wrong.push(`${key}: no Chinese summary`);
      if (!/^[\x20-\x7e’–—×]+$/.test(op['x-summary-en'] ?? '')) wrong.push(`${key}: no English summary`);
      if (!op.responses['200'] && !op.responses['201'] && !op.responses['202'] && !op.responses['204'] && !op.responses['304'] && !op.responses['404'])
        wrong.push(`${key}: no success answer declared`);
    }
    expect(missing).toEqual([]);
    expect(wrong).toEqual([]);
    // and nothing is described that the app does not route
    const routed = new Set(appRoutes().map((r) => `${r.method} ${r.path}`));
    expect([...described.keys()].filter((k) => !routed.has(k))).toEqual([]);
  });
});

/** A valid request for a route: query string, body, and the status it should answer (2xx unless said). */
interface Sample { url?: string; init?: RequestInit; expect?: number; who?: Requester }
type SampleOf = () => Sample | Promise<Sample>;

/** Requests for routes that need more than their path and defaults. Keyed `METHOD /api/path` (Hono's form). */
const SAMPLES: Record<string, SampleOf> = {
  'GET /api/basemap/data/:layer': () => ({ url: '/api/basemap/data/roads.geojson' }),
  'POST /api/patrol/route': () => postJson({ stationId: 1, units: 2, seed: 7 }),
  'POST /api/patrol/route.geojson': () => postJson({ stationId: 1, seed: 7 }),
  'POST /api/patrol/route.gpx': () => postJson({ stationId: 1, seed: 7 }),
  'GET /api/patrol/isochrones': () => ({ url: '/api/patrol/isochrones?minutes=5,15' }),
  'POST /api/coverage/whatif': () => postJson({ edits: [{ op: 'update', id: 'GG00002', status: 'offline' }] }),
  'POST /api/coverage/plan': () => postJson({ k: 2, spacingM: 400 }),
  'POST /api/coverage/plan/export': () => postJson({ format: 'geojson', cameras: [{ id: 'PLAN-001', kind: 'public', lon: 122.8, lat: 44.8, bearing: 90, fov: 70, rangeM: 60 }] }),
  'POST /api/coverage/scenarios': () => ({ ...postJson({ name: '方案一', edits: [{ op: 'remove', id: 'GG00001' }] }), expect: 201 }),
  'GET /api/coverage/scenarios/:id': async () => ({ url: `/api/coverage/scenarios/${await savedScenario()}` }),
  'DELETE /api/coverage/scenarios/:id': async () => ({ url: `/api/coverage/scenarios/${await savedScenario()}` }),
  'GET /api/search': () => ({ url: `/api/search?q=${encodeURIComponent('镇')}` }),
  'POST /api/auth/login': () => postJson({ username: 'dispatcher', password: TEST_PASSWORD }),
  // another user's password, so the admin session the other calls use stays
  'POST /api/auth/password': async () => ({ who: await signIn(app, 'planner'), ...postJson({ current: TEST_PASSWORD, next: 'another-password-2026' }) }),
  'GET /api/areas/geometry': () => ({ url: '/api/areas/geometry?level=village' }),
  'GET /api/areas/counts': () => ({ url: '/api/areas/counts?level=grid' }),
  'GET /api/hotspots/change': async () => {
    const { dataRange } = await (await admin('/api/meta')).json();
    return { url: `/api/hotspots/change?from=${dataRange.to.slice(0, 4)}-01-01&to=${dataRange.to}&level=village` };
  },
  'GET /api/incidents/export': () => ({ url: '/api/incidents/export?from=2026-10-01&to=2026-10-31&categories=theft' }),
  'POST /api/reports': async () => {
    const [g] = await db.query<{ lon: number; lat: number }>("SELECT centre_lon lon, centre_lat lat FROM grids WHERE kind = 'residential' ORDER BY code LIMIT 1");
    return { ...postJson({ category: 'theft', title: '电动车被盗', lon: g.lon, lat: g.lat }), expect: 201 };
  },
  'GET /api/cases/:id': async () => ({ url: `/api/cases/${await caseIn()}` }),
  'GET /api/cases/:id/assignees': async () => ({ url: `/api/cases/${await caseIn()}/assignees` }),
  'GET /api/cases/:id/photos/:photoId': async () => {
    const id = await caseIn();
    return { url: `/api/cases/${id}/photos/${await storePhoto(db, id, PNG, 'image/png', 'admin')}` };
  },
  'POST /api/cases/:id/transitions': async () => ({ url: `/api/cases/${await caseIn("status = 'reported'")}/transitions`, ...postJson({ action: 'accept', note: '受理' }) }),
  'POST /api/cases/:id/photos': async () => ({ url: `/api/cases/${await caseIn()}/photos`, init: { headers: { 'content-type': 'image/png' }, body: PNG }, expect: 201 }),
  'GET /api/geocode': async () => ({ url: `/api/geocode?q=${encodeURIComponent((await aGrid()).village)}` }),
  'GET /api/reverse-geocode': async () => ({ url: `/api/reverse-geocode?lon=${(await aGrid()).lon}&lat=${(await aGrid()).lat}` }),
  'GET /api/import/progress/:job': () => (progressFor('openapi-sample')('checking', 1, 2), { url: '/api/import/progress/openapi-sample' }),
  'GET /api/import/rejected/:id': () => ({ url: `/api/import/rejected/${keepRejectedCsv('\uFEFFline,原因,reason,raw\r\n2,未知类别,unknown category,"A2,飞碟"\r\n')}` }),
  // imports as dry runs, a good row beside a refused one (the report lists both); one as the dialog sends it (multipart)
  'POST /api/import/incidents': async () => {
    const g = await aGrid();
    return upload('/api/import/incidents?dryRun=true', `编号,类别,时间,经度,纬度,地址,描述\nA1,盗窃,2025/07/01 09:30,${g.lon},${g.lat},地址,描述\nA2,飞碟,2025/07/01 09:30,${g.lon},${g.lat},地址,描述\n`, 'import.csv');
  },
  'POST /api/import/cameras': async () => {
    const g = await aGrid();
    return { url: '/api/import/cameras?dryRun=true', init: { headers: { 'content-type': 'text/csv' }, body: `编号,名称,类型,经度,纬度,朝向\nC1,一号,公共监控,${g.lon},${g.lat},90\nC2,二号,飞碟,${g.lon},${g.lat},90\n` } };
  },
  'POST /api/import/sites': async () => {
    const g = await aGrid();
    return { url: '/api/import/sites?dryRun=true', init: { headers: { 'content-type': 'text/csv' }, body: `名称,类型,经度,纬度\n学校一,学校,${g.lon},${g.lat}\n学校二,飞碟,${g.lon},${g.lat}\n` } };
  },
  'POST /api/import/stations': async () => {
    const g = await aGrid();
    return { url: '/api/import/stations?dryRun=true', init: { headers: { 'content-type': 'text/csv' }, body: `名称,类型,经度,纬度,警力\n一号派出所,派出所,${g.lon},${g.lat},2\n二号派出所,岗哨,${g.lon},${g.lat},0\n` } };
  },
  'POST /api/import/areas': async () => {
    const g = await aGrid();
    return geoJson('/api/import/areas?level=grid&dryRun=true', { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: g.code, name: g.name, parent: g.villageCode }, geometry: JSON.parse(g.geojson) }] });
  },
  'POST /api/import/roads': async () => {
    const g = await aGrid();
    return geoJson('/api/import/roads?dryRun=true', { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: '新路', class: 'street' }, geometry: { type: 'LineString', coordinates: [[g.lon, g.lat], [g.lon + 0.01, g.lat]] } }] });
  },
  // a jurisdiction goes into an empty database (this county's outline, as a dry run there)
  'POST /api/import/jurisdiction': async () => {
    const [c] = await db.query<{ code: string; name: string; geojson: string }>('SELECT code, name, geojson FROM county');
    return { who: await emptyDatabaseAdmin(), ...(await upload(`/api/import/jurisdiction?dryRun=true&code=${c.code}&name=${encodeURIComponent(c.name)}`, JSON.stringify({ type: 'Feature', properties: {}, geometry: JSON.parse(c.geojson) }), 'outline.geojson')) };
  },
  'POST /api/admin/users': async () => ({ ...postJson({ username: 'openapi-probe', displayName: '接口测试', role: 'planner', scopeCode: (await db.query<{ code: string }>('SELECT code FROM county'))[0].code, password: 'probe-password-2026' }), expect: 201 }),
  // an account no other call here signs in with
  'POST /api/admin/users/:id/disable': async () => ({ url: `/api/admin/users/${await userId('township-leader')}/disable`, init: { method: 'POST' } }),
  'POST /api/admin/users/:id/enable': async () => ({ url: `/api/admin/users/${await userId('township-leader')}/enable`, init: { method: 'POST' } }),
  'POST /api/admin/users/:id/reset': async () => ({ url: `/api/admin/users/${await userId('township-leader')}/reset`, ...postJson({ password: 'reset-password-2026' }) }),
  'POST /api/categories': () => ({ ...postJson({ zh: '无人机扰序', en: 'Drone disturbance', group: 'public_order', color: '#336699' }), expect: 201 }),
};
/** A grid of the test county, with its village's name and its centre. */
const aGrid = async () => (await db.query<{ code: string; name: string; geojson: string; lon: number; lat: number; villageCode: string; village: string }>(
  `SELECT g.code, g.name, g.geojson, g.centre_lon lon, g.centre_lat lat, g.village_code "villageCode", v.name village FROM grids g JOIN villages v ON v.code = g.village_code ORDER BY g.code LIMIT 1`))[0];
/** A file as the import dialog sends it: a multipart form with the field `file`. */
const upload = (url: string, text: string, name: string): Sample => {
  const form = new FormData();
  form.append('file', new Blob([text]), name);
  return { url, init: { body: form } };
};
const geoJson = (url: string, body: unknown): Sample => ({ url, init: { headers: { 'content-type': 'application/geo+json' }, body: JSON.stringify(body) } });
/** The admin of an empty database, as `COUNTY=none npm start` makes it (for the jurisdiction import). */
let empty: { db: Database; dir: string } | undefined;
async function emptyDatabaseAdmin(): Promise<Requester> {
  const dir = mkdtempSync(join(tmpdir(), 'pingan-openapi-empty-'));
  const d = await openOrBuildDatabase(join(dir, 'empty.duckdb'), { county: 'none' }, () => {});
  await createFirstAccounts(d, { demo: false, adminPassword: TEST_PASSWORD, log: () => {} });
  empty = { db: d, dir };
  return signIn(createApp(d), 'admin');
}
afterAll(() => { empty?.db.close(); if (empty) rmSync(empty.dir, { recursive: true, force: true }); });
const userId = async (username: string) => (await db.query<{ id: number }>('SELECT id FROM users WHERE username = ?', [username]))[0].id;
/** A case of the test county (the newest one matching `where`). */
const caseIn = async (where = 'true') => (await db.query<{ id: number }>(`SELECT id FROM incidents WHERE ${where} ORDER BY id DESC LIMIT 1`))[0].id;
/** The smallest body the photo check takes for a PNG: its signature. */
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
/** A scenario saved for the routes that name one (each call saves its own, so the deletion has one to delete). */
async function savedScenario(): Promise<string> {
  const res = await admin('/api/coverage/scenarios', { method: 'POST', ...postJson({ name: '示例方案', edits: [{ op: 'remove', id: 'GG00003' }] }).init });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}
const postJson = (body: unknown): Sample => ({ init: { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } });

/** The routes in the order they are called: reads first, then writes, deletions, and logging out last. */
const order = (key: string) => (key.startsWith('POST /api/auth/logout') ? 3 : key.startsWith('DELETE ') ? 2 : key.startsWith('GET ') ? 0 : 1);

/** The first chunk of an answer that does not end (an event stream), and the stream closed. */
async function firstChunk(res: Response): Promise<string> {
  const reader = res.body!.getReader();
  const { value } = await reader.read();
  await reader.cancel();
  return new TextDecoder().decode(value);
}

async function check(key: string, route: RouteConfig): Promise<string | null> {
  const [method, path] = key.split(' ');
  const sample = await (SAMPLES[key]?.() ?? {});
  const url = sample.url ?? path;
  if (/:[a-z]/i.test(url)) return `${key}: no sample for its path parameters`;
  const res = await (sample.who ?? admin)(url, { method, ...sample.init });
  const status = res.status;
  const declared = (route.responses as Record<string, { content?: Record<string, { schema?: z.ZodType }> } | undefined>)[String(status)];
  const wanted = sample.expect ?? (status >= 200 && status < 300 ? status : 200);
  const type = (res.headers.get('content-type') ?? '').split(';')[0].trim();
  const text = type === 'text/event-stream' ? await firstChunk(res) : await res.text();
  if (status !== wanted) return `${key}: answered ${status}, expected ${wanted}: ${text.slice(0, 300)}`;
  if (!declared) return `${key}: answered ${status}, which it does not declare`;
  if (!declared.content) return text === '' ? null : `${key}: ${status} declares no body but has one`;
  const media = Object.keys(declared.content).find((m) => m === type || (m.endsWith('/*') && type.startsWith(m.slice(0, -1))));
  if (!media) return `${key}: ${status} came as ${type}, declared ${Object.keys(declared.content).join(', ')}`;
  const schema = declared.content[media].schema;
  if (!schema) return `${key}: ${status} ${media} has no schema`;
  if (!media.includes('json')) return schema.safeParse(text).success ? null : `${key}: the ${media} answer does not match its schema`;
  const body = JSON.parse(text);
  const r = schema.safeParse(body);
  if (!r.success) return `${key}: the ${status} answer does not match its schema: ${r.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
  if (status >= 400 && !ErrorAnswer.safeParse(body).success) return `${key}: the ${status} answer is not the error schema`;
  return null;
}

describe('every route answers what it declares', () => {
  it('calls each declared route of the app with a valid request and validates the real answer', async () => {
    const all = declarations();
    const undeclared = appRoutes().filter((r) => !all.has(`${r.method} ${r.path}`) && !pending(r.path)).map((r) => `${r.method} ${r.path}`);
    expect(undeclared, 'routes without a declared answer schema').toEqual([]);
    const failures: string[] = [];
    const keys = [...all.keys()].sort((a, b) => order(a) - order(b));
    for (const key of keys) {
      const failure = await check(key, all.get(key)!);
      if (failure) failures.push(failure);
    }
    expect(failures).toEqual([]);
    expect(keys.length).toBeGreaterThan(1);
  });

  it('fails a route whose answer its schema refuses, or whose status it does not declare', async () => {
    const wrongShape = { responses: { 200: { description: '', content: { 'application/json': { schema: z.strictObject({ ok: z.literal(false) }) } } } } } as unknown as RouteConfig;
    expect(await check('GET /api/health', wrongShape)).toMatch(/does not match its schema/);
    const noSuccess = { responses: { 400: { description: '' } } } as unknown as RouteConfig;
    expect(await check('GET /api/health', noSuccess)).toMatch(/which it does not declare/);
  });
});

// Ids a request names, as a class: every route of the API document that takes an id (a path parameter, a query
// or body field called id / …Id, or a list of objects with ids such as a what-if's edits) is either listed here
// with how to name one thing of the caller's own township and one of another township, or listed as naming no
// thing of a jurisdiction. A township leader naming the other township's thing — a camera, a case, a police
// station, a saved scenario — gets 403 (reason jurisdiction) or 404, never a 2xx, and the answer carries none of
// its data; naming their own gets a 2xx (so the refusal is the scope's, not a broken request). A route that
// takes ids and is in neither list fails the first test until someone says how its ids are scoped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, type Permission } from '../../shared/domain/permissions.js';
import { signIn, TEST_PASSWORD, type Requester } from '../support/session.js';
import { openSignedInCountyCopy } from '../support/writable-county.js';

type Call = { url: string; init?: RequestInit };
/** One township's things a request can name. */
interface Things { township: string; camera: string; faceCamera?: string; caseId: number; stationId: number; scenario: string }

const json = (body: unknown, method = 'POST'): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const station = (t: Things) => ({ stationId: t.stationId, units: 1, budgetMin: 60 });

/** Every id-taking route a township leader may call, keyed `METHOD /path` as in the document. */
const NAMED_IDS: Record<string, (t: Things) => Call> = {
  'POST /api/coverage/whatif': (t) => ({ url: '/api/coverage/whatif', init: json({ gaps: false, edits: [{ op: 'update', id: t.camera, bearing: 45 }] }) }),
  'POST /api/coverage/plan': (t) => ({ url: '/api/coverage/plan', init: json({ k: 1, spacingM: 500, edits: [{ op: 'remove', id: t.camera }] }) }),
  'POST /api/coverage/scenarios': (t) => ({ url: '/api/coverage/scenarios', init: json({ name: `移除 ${t.camera}`, edits: [{ op: 'remove', id: t.camera }] }) }),
  'GET /api/coverage/scenarios/{id}': (t) => ({ url: `/api/coverage/scenarios/${t.scenario}` }),
  'DELETE /api/coverage/scenarios/{id}': (t) => ({ url: `/api/coverage/scenarios/${t.scenario}`, init: { method: 'DELETE' } }),
  'POST /api/patrol/route': (t) => ({ url: '/api/patrol/route', init: json(station(t)) }),
  'POST /api/patrol/route.geojson': (t) => ({ url: '/api/patrol/route.geojson', init: json(station(t)) }),
  'POST /api/patrol/route.gpx': (t) => ({ url: '/api/patrol/route.gpx', init: json(station(t)) }),
  'GET /api/patrol/isochrones': (t) => ({ url: `/api/patrol/isochrones?stationId=${t.stationId}` }),
  'GET /api/cases/{id}': (t) => ({ url: `/api/cases/${t.caseId}` }),
  'POST /api/cases/{id}/transitions': (t) => ({ url: `/api/cases/${t.caseId}/transitions`, init: json({ action: 'supervise' }) }),
  'GET /api/cases/{id}/assignees': (t) => ({ url: `/api/cases/${t.caseId}/assignees` }),
  'POST /api/cases/{id}/photos': (t) => ({ url: `/api/cases/${t.caseId}/photos`, init: { method: 'POST', headers: { 'content-type': 'image/png' }, body: PNG } }),
};
/** Routes that name no thing of a jurisdiction by id, and why. */
const NOT_A_THING: Record<string, string> = {
  'GET /api/basemap/data/{layer}': 'a basemap layer name (the same geography for everyone)',
  'POST /api/coverage/plan/export': 'the cameras are the caller’s own list, written back as a file; nothing is looked up by id',
  'GET /api/events': 'lastEventId is a position in the caller’s own stream, whose events are filtered by scope (stream-events.ts)',
  // a photo id only reaches its bytes through its case, which is checked first (the other township's case: 403)
  'GET /api/cases/{id}/photos/{photoId}': 'checked through its case id (GET /api/cases/{id}); see the case test in jurisdiction-scope.test.ts',
};

// A 1×1 PNG for the photo upload.
const PNG = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'));

let copy: Awaited<ReturnType<typeof openSignedInCountyCopy>>;
let leader: Requester;
let county: Requester;
let own: Things;
let other: Things;
let document: { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };

type Schema = { $ref?: string; type?: string; properties?: Record<string, Schema>; items?: Schema; oneOf?: Schema[]; anyOf?: Schema[]; allOf?: Schema[] };
type Operation = { 'x-access': string; parameters?: { in: string; name: string }[]; requestBody?: { content?: Record<string, { schema?: Schema }> } };

async function thingsOf(db: typeof copy.db, township: string, scenario: string): Promise<Things> {
  const [cam] = await db.query<{ id: string }>("SELECT id FROM cameras WHERE township_code = ? AND kind <> 'face' ORDER BY id LIMIT 1", [township]);
  const [face] = await db.query<{ id: string }>("SELECT id FROM cameras WHERE township_code = ? AND kind = 'face' ORDER BY id LIMIT 1", [township]);
  // an open case at the village tier: the township leader may supervise (督办) their own (case-rules.ts)
  const [kase] = await db.query<{ id: number }>("SELECT id FROM incidents WHERE township_code = ? AND status <> 'closed' AND level = 'village' ORDER BY id LIMIT 1", [township]);
  const stations = (await (await county('/api/patrol/stations')).json()).stations as { id: number; townshipCode: string }[];
  const st = stations.find((s) => s.townshipCode === township);
  if (!cam || !kase || !st) throw new Error(`the test county has no camera, case or police station in ${township}`);
  return { township, camera: cam.id, faceCamera: face?.id, caseId: kase.id, stationId: st.id, scenario };
}

/** A scenario saved through the API by a planner-like user of `township` (a township leader there). */
async function scenarioOf(admin: Requester, township: string, username: string, camera: string): Promise<string> {
  const made = await admin('/api/admin/users', json({ username, displayName: username, role: 'township_leader', scopeCode: township, password: TEST_PASSWORD }));
  expect(made.status, await made.clone().text()).toBe(201);
  const user = await signIn(copy.app, username);
  const saved = await user('/api/coverage/scenarios', json({ name: `${township} 的方案`, edits: [{ op: 'remove', id: camera }] }));
  expect(saved.status, await saved.clone().text()).toBe(201);
  return (await saved.json()).id;
}

beforeAll(async () => {
  copy = await openSignedInCountyCopy('admin');
  leader = await signIn(copy.app, 'township_leader');
  county = await signIn(copy.app, 'county_leader');
  const me = await (await leader('/api/auth/me')).json();
  const ownCode: string = me.user?.scopeCode ?? me.scopeCode;
  const [t] = await copy.db.query<{ township_code: string }>(
    `SELECT c.township_code FROM cameras c WHERE c.township_code <> ? AND c.kind <> 'face' GROUP BY ALL ORDER BY count(*) DESC LIMIT 1`, [ownCode]);
  const draftOwn = await thingsOf(copy.db, ownCode, '');
  const draftOther = await thingsOf(copy.db, t.township_code, '');
  own = { ...draftOwn, scenario: await scenarioOf(copy.request, ownCode, 'own-township-user', draftOwn.camera) };
  other = { ...draftOther, scenario: await scenarioOf(copy.request, t.township_code, 'other-township-user', draftOther.camera) };
  document = await (await copy.request('/api/openapi.json')).json();
}, 300_000);
afterAll(() => copy?.dispose());

const ID_NAME = /^id$|Id$|^ids$|Ids$/;
/** Whether a schema (resolving $refs) has a field named like an id, at any depth. */
function namesIds(s: Schema | undefined, seen = new Set<Schema>()): boolean {
  if (!s || seen.has(s)) return false;
  seen.add(s);
  if (s.$ref) return namesIds(document.components?.schemas?.[s.$ref.replace('#/components/schemas/', '')], seen);
  if (s.properties && Object.entries(s.properties).some(([k, v]) => ID_NAME.test(k) || namesIds(v, seen))) return true;
  return [s.items, ...(s.oneOf ?? []), ...(s.anyOf ?? []), ...(s.allOf ?? [])].some((x) => namesIds(x, seen));
}

/** `METHOD /path` of every operation the township leader may call that takes an id. */
function idRoutes(): string[] {
  const out: string[] = [];
  for (const [path, ops] of Object.entries(document.paths))
    for (const [method, op] of Object.entries(ops)) {
      const rule = op['x-access'];
      if (rule !== 'public' && rule !== 'signed-in' && !can('township_leader', rule as Permission)) continue;
      const params = op.parameters ?? [];
      const takesId = params.some((p) => p.in === 'path' || ID_NAME.test(p.name)) || namesIds(op.requestBody?.content?.['application/json']?.schema);
      if (takesId) out.push(`${method.toUpperCase()} ${path}`);
    }
  return out;
}

/** Every division code of the other township, its camera, case and scenario ids, as they would appear in an answer. */
const traces = (t: Things) => [t.township, t.camera, t.scenario, `"id":${t.caseId},`];

describe('ids a request names are the caller’s own (every route that takes one)', () => {
  it('every id-taking route a township leader may call is classified', () => {
    const routes = idRoutes();
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.filter((r) => !(r in NAMED_IDS) && !(r in NOT_A_THING))).toEqual([]);
    // and the lists name no route that is gone
    expect(Object.keys({ ...NAMED_IDS, ...NOT_A_THING }).filter((r) => !routes.includes(r))).toEqual([]);
  });

  it('naming another township’s thing gets 403 or 404 without its data; naming one’s own gets a 2xx', async () => {
    const leaks: string[] = [];
    for (const [route, call] of Object.entries(NAMED_IDS)) {
      const theirs = call(other);
      const res = await leader(theirs.url, theirs.init);
      const text = await res.text();
      if (res.status < 300) leaks.push(`${route} → ${res.status} ${text.slice(0, 160)}`);
      else {
        expect([403, 404], `${route}: ${text.slice(0, 200)}`).toContain(res.status);
        const body = JSON.parse(text);
        expect(body.errorZh, route).toEqual(expect.any(String));
        if (res.status === 403) expect(body.reason, route).toBe('jurisdiction');
        const carried = traces(other).filter((x) => x !== other.camera && x !== other.scenario && text.includes(x));
        expect(carried, `${route}: ${text.slice(0, 200)}`).toEqual([]);
      }
    }
    expect(leaks).toEqual([]);
    // the same requests for the own township's things succeed (the delete last: it removes the own scenario)
    for (const [route, call] of Object.entries(NAMED_IDS)) {
      const mine = call(own);
      const res = await leader(mine.url, mine.init);
      expect(res.status, `${route}: ${(await res.text()).slice(0, 200)}`).toBeLessThan(300);
    }
  }, 300_000);

  it('the scenario list holds the caller’s township’s scenarios only; the county sees every one', async () => {
    const other2 = await (await county('/api/coverage/scenarios')).json();
    const ids = (l: { scenarios: { id: string }[] }) => l.scenarios.map((s) => s.id);
    expect(ids(other2)).toContain(other.scenario);
    const mine = ids(await (await leader('/api/coverage/scenarios')).json());
    expect(mine).not.toContain(other.scenario);
    for (const id of mine) {
      const s = await (await leader(`/api/coverage/scenarios/${id}`)).json();
      expect(JSON.stringify(s)).not.toContain(other.camera);
    }
    // the county leader may read (and would be able to delete) the other township's scenario
    expect((await county(`/api/coverage/scenarios/${other.scenario}`)).status).toBe(200);
  });

  it('a face-recognition camera is refused by name to a role without cameras.face, and answered to the planner', async () => {
    const face = own.faceCamera ?? other.faceCamera;
    if (!face) throw new Error('the test county has no face-recognition camera');
    const edit = json({ gaps: false, edits: [{ op: 'update', id: face, bearing: 10 }] });
    const refused = await county('/api/coverage/whatif', edit);
    expect(refused.status).toBe(403);
    const text = await refused.text();
    expect(JSON.parse(text)).toMatchObject({ reason: 'sensitive', errorZh: expect.stringContaining('人脸') });
    expect(text).not.toMatch(/"lon"|"lat"/);
    const planner = await signIn(copy.app, 'planner');
    const answered = await planner('/api/coverage/whatif', edit);
    expect(answered.status).toBe(200);
    expect((await answered.json()).changed).toEqual([expect.objectContaining({ id: face, bearing: 10, kind: 'face' })]);
  }, 120_000);
});

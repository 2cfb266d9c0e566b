// Property-based fuzz of the whole API (issue 11, item 4), generated from the app's own route list and the
// request schemas of its declarations (test/support/fuzz): FUZZ_RUNS requests (default 10,000) in-process, as
// every role and anonymously, on a writable copy of the test county, with schema-valid and hostile values.
// Every answer is judged: no 5xx (503 read-only aside), every 4xx a JSON body with its reason (`error`).
// Seeded (FUZZ_SEED, printed): a failure prints the request to send again and the command that replays it alone
// (FUZZ_ONLY=index). A second pass runs the real server (server/index.ts in its own process) for what only Node's
// HTTP layer sees (oversized URLs and headers, malformed request lines, broken chunked bodies), and checks that
// the server's RSS stays bounded under a stream of generated requests.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { ROLES } from '../../shared/domain/roles.js';
import { fuzzRoutes, requestArbitrary, type CountyVocabulary, type FuzzRoute, type OpenApiDocument } from '../support/fuzz/fuzz-requests.js';
import { runFuzz, Sessions, type Send } from '../support/fuzz/fuzz-run.js';
import { openWritableCountyCopy } from '../support/writable-county.js';
import type { Database } from '../../server/db/database.js';

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const ONLY = process.env.FUZZ_ONLY?.split(',').map(Number);

/** The test county's codes and row ids, for values that find rows. */
async function countyVocabulary(db: Database): Promise<CountyVocabulary> {
  const codes = await db.query<{ code: string }>(`(SELECT code FROM county) UNION ALL (SELECT code FROM townships ORDER BY code LIMIT 3)
    UNION ALL (SELECT code FROM villages ORDER BY code LIMIT 3) UNION ALL (SELECT code FROM grids ORDER BY code LIMIT 3)`);
  const ids = await db.query<{ id: string }>(`(SELECT CAST(id AS VARCHAR) id FROM incidents ORDER BY id DESC LIMIT 5) UNION ALL (SELECT id FROM cameras ORDER BY id LIMIT 3)
    UNION ALL (SELECT CAST(id AS VARCHAR) FROM users) UNION ALL (SELECT id FROM coverage_scenarios LIMIT 3)`);
  const [box] = await db.query<{ minLon: number; minLat: number; maxLon: number; maxLat: number }>(
    `SELECT min(lon) "minLon", min(lat) "minLat", max(lon) "maxLon", max(lat) "maxLat" FROM incidents`,
  );
  return { codes: codes.map((r) => r.code), ids: ids.map((r) => r.id), lonLat: box };
}

let copy: Awaited<ReturnType<typeof openWritableCountyCopy>>;
let app: ReturnType<typeof createApp>;
let routes: FuzzRoute[];
let document: OpenApiDocument | null;
let county: CountyVocabulary;
// The harness's own sign-ins come from an address of their own, so the run's failed logins (rate-limited per
// address) do not lock the harness out; the run's requests have none (in-process).
const KEEPER = { incoming: { socket: { remoteAddress: '192.0.2.10', remotePort: 1, remoteFamily: 'IPv4' } } };
const inProcess: Send = async (url, init, keeper) => app.request(url, init, keeper ? KEEPER : undefined);

beforeAll(async () => {
  copy = await openWritableCountyCopy();
  app = createApp(copy.db);
  county = await countyVocabulary(copy.db);
  const sessions = new Sessions(inProcess, copy.db);
  await sessions.signIn('admin');
  const res = await app.request('/api/openapi.json', { headers: { cookie: sessions.cookieOf('admin') } });
  document = res.status === 200 ? ((await res.json()) as OpenApiDocument) : null;
  routes = fuzzRoutes(app, document);
});
afterAll(() => copy?.dispose());

describe('the API under fuzz', () => {
  it('generates requests for every route of the app', () => {
    expect(routes.length).toBeGreaterThan(50);
    const sample = fc.sample(requestArbitrary(routes, county, document?.components?.schemas), { seed: SEED, numRuns: 4000 });
    const covered = new Set(sample.map((r) => r.route));
    expect(routes.filter((r) => !covered.has(`${r.method} ${r.path}`)).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it(`answers ${RUNS} generated requests (seed ${SEED}) without a 5xx, every 4xx with its reason`, async () => {
    const sessions = new Sessions(inProcess, copy.db);
    for (const role of ROLES) await sessions.signIn(role);
    const requests = fc.sample(requestArbitrary(routes, county, document?.components?.schemas), { seed: SEED, numRuns: RUNS });
    const started = performance.now();
    const rss: number[] = [];
    const outcome = await runFuzz({ requests, send: inProcess, sessions, seed: SEED, indices: ONLY, onEvery: (n) => n % 1000 === 0 && rss.push(process.memoryUsage().rss / 2 ** 20) });
    const seconds = (performance.now() - started) / 1000;
    const declared = routes.filter((r) => r.declared).length;
    console.log(
      `fuzz seed ${SEED}: ${outcome.requests} requests over ${routes.length} routes (${declared} declared) in ${seconds.toFixed(1)} s ` +
        `(${(outcome.requests / seconds).toFixed(0)} req/s), statuses ${JSON.stringify(outcome.statuses)}, sessions renewed ${outcome.sessionsRenewed}, ` +
        `RSS ${rss.map((x) => x.toFixed(0)).join(' → ')} MB`,
    );
    const slowRoutes = [...outcome.msPerRoute].sort((a, b) => b[1] - a[1]).slice(0, 8);
    console.log(`time by route: ${slowRoutes.map(([r, ms]) => `${r} ${(ms / 1000).toFixed(1)} s`).join('; ')}\nslowest: ${outcome.slowest.map((s) => s.line).join('\n  ')}`);
    if (outcome.withoutChinese.size) console.log(`4xx without errorZh (not failed): ${[...outcome.withoutChinese].sort().join(', ')}`);
    const shown = outcome.failures.slice(0, 15);
    expect(shown, `${outcome.failures.length} failing requests; the first:\n\n${shown.join('\n\n')}`).toEqual([]);
    if (!ONLY) expect(outcome.requests).toBe(RUNS);
  }, 600_000);
});

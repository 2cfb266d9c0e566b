// GET /api/search: places, addresses, cameras and case numbers for the dashboard's search box, limited to the
// user's jurisdiction. Checked against the tables themselves (every village whose name holds the text, brute
// force), and over many searches for the township leader (no hit of any kind outside their township).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import type { Database } from '../../server/db/database.js';
import { anonymous, signIn, type Requester } from '../support/session.js';
import { openTestCounty } from '../support/test-county.js';

interface Hit { kind: string; id: string; name: string; context: string; detail: string | null; lon: number; lat: number; bbox: number[] | null; geometry: unknown }

let db: Database;
let app: ReturnType<typeof createApp>;
let county: Requester;
let township: Requester;
let own: string;
const search = async (who: Requester, q: string, extra = '') => {
  const r = await who(`/api/search?q=${encodeURIComponent(q)}${extra}`);
  expect(r.status, await r.clone().text()).toBe(200);
  return ((await r.json()) as { hits: Hit[] }).hits;
};

beforeAll(async () => {
  db = await openTestCounty();
  app = createApp(db);
  county = await signIn(app, 'county_leader');
  township = await signIn(app, 'township_leader');
  own = ((await (await township('/api/auth/me')).json()) as { user: { scopeCode: string } }).user.scopeCode;
});
afterAll(() => db.close());

describe('search', () => {
  it('finds every village whose name holds the text (brute force over the table), with its township', async () => {
    const villages = await db.query<{ code: string; name: string; official_name: string | null; tname: string }>(
      'SELECT v.code, v.name, v.official_name, t.name tname FROM villages v JOIN townships t ON t.code = v.township_code');
    let exact = 0;
    for (const q of ['新', '村', '社区', '兴', villages[7].name, villages[100].name, villages[150].name.slice(0, 2)]) {
      const expected = villages.filter((v) => v.name.includes(q) || (v.official_name ?? '').includes(q)).map((v) => v.code).sort();
      const all = await search(county, q, '&limit=50');
      const hits = all.filter((h) => h.kind === 'village');
      if (all.length < 50) exact++, expect(hits.map((h) => h.id).sort(), q).toEqual(expected);
      else expect(hits.every((h) => expected.includes(h.id)), q).toBe(true);
      for (const h of hits) expect(h.context, h.name).toBe(villages.find((v) => v.code === h.id)!.tname);
    }
    expect(exact, 'searches whose every village hit is compared with the table').toBeGreaterThanOrEqual(3);
    // an exact name comes first among its kind
    const name = villages[7].name;
    expect((await search(county, name)).find((h) => h.kind === 'village')!.name).toBe(name);
  });

  it('finds a township, a grid, a camera by number and by name, a case by number, and an address, each with a point in the county', async () => {
    const [t] = await db.query<{ code: string; name: string }>('SELECT code, name FROM townships ORDER BY code LIMIT 1');
    const [g] = await db.query<{ code: string; name: string }>('SELECT code, name FROM grids ORDER BY code LIMIT 1 OFFSET 40');
    const [cam] = await db.query<{ id: string; name: string }>("SELECT id, name FROM cameras WHERE kind = 'public' ORDER BY id LIMIT 1 OFFSET 30");
    const [inc] = await db.query<{ id: number; title: string }>('SELECT id, title FROM incidents ORDER BY id DESC LIMIT 1');
    const [county0] = await db.query<{ min_lon: number; min_lat: number; max_lon: number; max_lat: number }>('SELECT * FROM county');
    const inside = (h: Hit) => h.lon >= county0.min_lon && h.lon <= county0.max_lon && h.lat >= county0.min_lat && h.lat <= county0.max_lat;
    const tw = (await search(county, t.name))[0];
    expect(tw).toMatchObject({ kind: 'township', id: t.code, name: t.name });
    expect(tw.bbox).toHaveLength(4);
    expect((tw.geometry as { type: string }).type).toMatch(/Polygon/);
    expect((await search(county, g.name)).find((h) => h.kind === 'grid')).toMatchObject({ id: g.code });
    expect((await search(county, cam.id))[0]).toMatchObject({ kind: 'camera', id: cam.id, detail: 'public' });
    expect((await search(county, cam.id.toLowerCase()))[0]).toMatchObject({ kind: 'camera', id: cam.id });
    expect((await search(county, cam.name)).some((h) => h.kind === 'camera' && h.name === cam.name)).toBe(true);
    const c = (await search(county, String(inc.id))).find((h) => h.kind === 'case');
    expect(c).toMatchObject({ id: String(inc.id), name: inc.title });
    const [road] = await db.query<{ name: string; tname: string }>("SELECT r.name, t.name tname FROM roads r JOIN townships t ON t.code = r.township_code WHERE r.class = 'street' ORDER BY r.id LIMIT 1");
    const address = (await search(county, `${road.tname}${road.name}8号`)).find((h) => h.kind === 'address');
    expect(address, `${road.tname}${road.name}8号`).toBeDefined();
    for (const h of [tw, c!, address!]) expect(inside(h), JSON.stringify(h).slice(0, 200)).toBe(true);
  });

  it('a township leader finds only their township’s places, cameras, cases and addresses', async () => {
    const other = await db.query<{ vname: string; tname: string; vcode: string }>(
      'SELECT v.name vname, t.name tname, v.code vcode FROM villages v JOIN townships t ON t.code = v.township_code WHERE v.township_code <> ? ORDER BY v.code LIMIT 40', [own]);
    const mine = await db.query<{ vname: string }>('SELECT name vname FROM villages WHERE township_code = ? ORDER BY code LIMIT 5', [own]);
    const [otherCam] = await db.query<{ id: string }>('SELECT id FROM cameras WHERE township_code <> ? ORDER BY id LIMIT 1', [own]);
    const [otherCase] = await db.query<{ id: number }>('SELECT id FROM incidents WHERE township_code <> ? ORDER BY id LIMIT 1', [own]);
    const [ownCase] = await db.query<{ id: number }>('SELECT id FROM incidents WHERE township_code = ? ORDER BY id LIMIT 1', [own]);
    const queries = [...other.map((o) => o.vname), ...other.slice(0, 10).map((o) => `${o.tname}${o.vname}`), ...mine.map((m) => m.vname), '村', '镇', '网格', '监控', otherCam.id, String(otherCase.id), String(ownCase.id), '2208'];
    let found = 0;
    for (const q of queries) {
      for (const h of await search(township, q, '&limit=50')) {
        found++;
        if (['township', 'village', 'grid'].includes(h.kind)) expect(h.id.startsWith(own), `${q}: ${h.kind} ${h.id}`).toBe(true);
        else {
          // cameras, cases and addresses: the unit their point lies in
          const [g] = await db.query<{ n: number }>(
            h.kind === 'camera' ? 'SELECT count(*)::INT n FROM cameras WHERE id = ? AND starts_with(township_code, ?)'
              : h.kind === 'case' ? 'SELECT count(*)::INT n FROM incidents WHERE id = ?::BIGINT AND starts_with(township_code, ?)'
                : 'SELECT count(*)::INT n FROM townships WHERE ? IS NOT NULL AND code = ?',
            h.kind === 'address' ? [h.id, own] : [h.id, own]);
          if (h.kind !== 'address') expect(g.n, `${q}: ${h.kind} ${h.id}`).toBe(1);
        }
      }
    }
    expect(found, 'the leader finds their own villages and cases').toBeGreaterThan(5);
    expect((await search(township, mine[0].vname)).some((h) => h.kind === 'village')).toBe(true);
    expect((await search(township, String(ownCase.id))).some((h) => h.kind === 'case')).toBe(true);
    expect(await search(township, otherCam.id)).toEqual([]);
    expect((await search(township, String(otherCase.id))).filter((h) => h.kind === 'case')).toEqual([]);
    expect((await search(county, String(otherCase.id))).filter((h) => h.kind === 'case')).toHaveLength(1);
    // the county leader finds what the township leader may not
    expect((await search(county, otherCam.id)).length).toBeGreaterThan(0);
  });

  it('reads LIKE wildcards literally, refuses bad input with a reason, and needs a session', async () => {
    expect(await search(county, '%')).toEqual([]);
    expect(await search(county, '_')).toEqual([]);
    for (const bad of ['', '   ', 'x'.repeat(51)]) {
      const r = await county(`/api/search?q=${encodeURIComponent(bad)}`);
      expect(r.status).toBe(400);
      expect(JSON.stringify(await r.json())).toMatch(/search|characters/);
    }
    expect((await county('/api/search?q=村&limit=0')).status).toBe(400);
    expect((await anonymous(app)('/api/search?q=村')).status).toBe(401);
  });
});

// Hotspot, trend and statistics endpoints on the test county: the planted hotspots of the demo generator
// (demo_hotspots) must come out of the statistics, and counts must agree with direct SQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import type { Database } from '../../server/db/database.js';
import { PolygonLocator } from '../../shared/geo/polygon-locator.js';
import { openTestCounty } from '../support/test-county.js';
import { signIn, type Requester } from '../support/session.js';

let db: Database;
let app: ReturnType<typeof createApp>;
let request: Requester;
let gridOf: (lon: number, lat: number) => string;
let hotspots: { id: number; kind: string; lon: number; lat: number }[];
beforeAll(async () => {
  db = await openTestCounty();
  app = createApp(db);
  request = await signIn(app, 'admin');
  const grids = await db.query<{ code: string; geojson: string }>('SELECT code, geojson FROM grids');
  const locator = new PolygonLocator(grids.map((g) => ({ geometry: JSON.parse(g.geojson), value: g.code })));
  gridOf = (lon, lat) => locator.locate(lon, lat)!;
  hotspots = await db.query('SELECT id, kind, lon, lat FROM demo_hotspots ORDER BY id');
});
afterAll(() => db.close());

const get = async (path: string) => {
  const res = await request(path);
  return { status: res.status, body: (await res.json()) as any };
};
const sql = async (q: string, p: (string | number)[] = []) => (await db.query<{ n: number }>(q, p))[0].n;
const LAST_90_DAYS = 'from=2026-08-23&to=2026-11-20';

describe('GET /api/hotspots/gistar', () => {
  it('finds the planted theft hotspots of the last 90 days: the county-seat market and the emerging one', async () => {
    const { status, body } = await get(`/api/hotspots/gistar?unit=grid&categories=theft&${LAST_90_DAYS}`);
    expect(status).toBe(200);
    expect(body.n).toBe(1058);
    const hot = new Set(body.cells.filter((c: any) => c.class >= 2).map((c: any) => c.id));
    for (const h of hotspots.filter((x) => x.kind === 'persistent' || x.kind === 'emerging').slice(0, 2))
      expect(hot.has(gridOf(h.lon, h.lat)), `planted hotspot ${h.id} (${h.kind})`).toBe(true);
    // Counts are the direct SQL counts, and the FDR thresholds are no looser than the nominal ones.
    const total = body.cells.reduce((s: number, c: any) => s + c.count, 0);
    expect(total).toBe(await sql(`SELECT count(*) n FROM incidents WHERE category = 'theft' AND reported_at >= '2026-08-22 16:00:00' AND reported_at < '2026-11-20 16:00:00'`));
    expect(body.fdr.p95).toBeLessThanOrEqual(0.05);
    expect(body.summary.hot99 + body.summary.hot95 + body.summary.hot90).toBe(hot.size + body.cells.filter((c: any) => c.class === 1).length);
  });
  it('runs on H3 cells with zeros included, and within a township', async () => {
    const { body } = await get(`/api/hotspots/gistar?unit=h3&resolution=8&categories=theft&${LAST_90_DAYS}`);
    expect(body.n).toBeGreaterThan(10000); // every cell of the county is tested, not only those with incidents
    expect(body.omitted + body.cells.length).toBe(body.n); // empty, non-significant cells are left out of the answer
    expect(body.omitted).toBeGreaterThan(body.n * 0.8);
    expect(body.summary.hot99).toBeGreaterThan(0);
    const t = await get(`/api/hotspots/gistar?unit=grid&code=220822101&${LAST_90_DAYS}`);
    expect(t.body.cells.every((c: any) => c.id.startsWith('220822101'))).toBe(true);
    expect(t.body.n).toBe(await sql(`SELECT count(*) n FROM grids WHERE township_code = '220822101'`));
  });
});

describe('GET /api/hotspots/emerging', () => {
  /** Grids whose centre lies within r metres of a planted hotspot's centre. */
  const gridsNear = async (h: { lon: number; lat: number }, r: number) =>
    (await db.query<{ code: string }>(
      `SELECT code FROM grids WHERE (centre_lon - ?) * (centre_lon - ?) * 6.2e9 + (centre_lat - ?) * (centre_lat - ?) * 1.2345e10 <= ? * ?`,
      [h.lon, h.lon, h.lat, h.lat, r, r],
    )).map((g) => g.code).concat(gridOf(h.lon, h.lat));
  it('classes the planted emerging hotspot as emerging and the fading one as fading (monthly, 34 whole months: November 2026 is cut by the data end)', async () => {
    const emerging = hotspots.find((h) => h.kind === 'emerging')!;
    const fading = hotspots.find((h) => h.kind === 'fading')!;
    const e = (await get('/api/hotspots/emerging?unit=grid&step=month&categories=theft,fraud')).body;
    expect(e.slices).toHaveLength(35 - 1);
    expect(e.slices.at(-1)).toEqual({ start: '2026-10-01', end: '2026-10-31' });
    const pe = new Map(e.cells.map((c: any) => [c.id, c.pattern]));
    const nearEmerging = (await gridsNear(emerging, 600)).map((g) => pe.get(g));
    expect(nearEmerging.some((p) => ['new_hot', 'consecutive_hot', 'intensifying_hot'].includes(p as string)), String(nearEmerging)).toBe(true);
    expect(nearEmerging.some((p) => ['persistent_hot', 'historical_hot', 'diminishing_hot'].includes(p as string))).toBe(false);
    // The fading hotspot sits in the county seat, which stays busy: all categories together show it weakening.
    const f = (await get('/api/hotspots/emerging?unit=grid&step=month')).body;
    const pf = new Map(f.cells.map((c: any) => [c.id, c.pattern]));
    const nearFading = (await gridsNear(fading, 600)).map((g) => pf.get(g));
    expect(nearFading.some((p) => ['historical_hot', 'diminishing_hot'].includes(p as string)), String(nearFading)).toBe(true);
    expect(nearFading.some((p) => ['new_hot', 'consecutive_hot', 'intensifying_hot'].includes(p as string))).toBe(false);
    expect(e.cells[0].zSeries).toHaveLength(34);
    expect(Object.values(e.summary).reduce((a: number, b: any) => a + b, 0)).toBe(1058);
  });
  it('refuses windows with too few or too many slices', async () => {
    expect((await get('/api/hotspots/emerging?step=month&from=2026-09-01&to=2026-11-20')).status).toBe(400);
    expect((await get('/api/hotspots/emerging?step=week&from=2020-01-01&to=2026-11-20')).body.error).toMatch(/too many/);
  });
});

describe('GET /api/hotspots/change', () => {
  it('compares with the same period last year and only flags significant change', async () => {
    const { body } = await get('/api/hotspots/change?level=township&from=2026-01-01&to=2026-11-20&categories=theft,fraud');
    expect(body.previous).toEqual({ from: '2025-01-01', to: '2025-11-20' });
    const zhanyu = body.units.find((u: any) => u.code === '220822101');
    expect(zhanyu.current).toBe(await sql(`SELECT count(*) n FROM incidents WHERE township_code = '220822101' AND category IN ('theft','fraud') AND reported_at >= '2025-12-31 16:00:00' AND reported_at < '2026-11-20 16:00:00'`));
    expect(zhanyu.class).toBe('up'); // the planted emerging hotspot
    expect(body.units.filter((u: any) => u.class !== 'none').every((u: any) => u.p <= 0.05)).toBe(true);
    expect(body.units.filter((u: any) => u.fdr).every((u: any) => u.class !== 'none' && u.p <= body.criticalP)).toBe(true);
    expect(body.summary.up + body.summary.down + body.summary.none).toBe(22);
    expect((await get('/api/hotspots/change?level=township')).status).toBe(400); // from/to required
    expect(body.baseline).toBe('full');
  });

  it('does not test against the zeros before the data starts (no baseline), nor against half a window', async () => {
    const range = (await db.query<{ first: string }>(`SELECT strftime(min(reported_at) + INTERVAL 8 HOUR, '%Y-%m-%d') AS first FROM incidents`))[0].first;
    expect(range).toBe('2024-01-01');
    const none = (await get('/api/hotspots/change?level=township&from=2024-03-01&to=2024-05-31')).body;
    expect(none.baseline).toBe('none');
    expect(none.dataRange.from).toBe('2024-01-01');
    expect(none.compared).toBeNull();
    expect(none.summary).toMatchObject({ up: 0, down: 0, none: 22, fdr: 0 });
    expect(none.units.every((u: any) => u.p === null && u.class === 'none' && u.changePct === null)).toBe(true);
    // Half of the comparison window before the data: only the months both windows have are compared.
    const half = (await get('/api/hotspots/change?level=township&from=2024-07-01&to=2025-06-30')).body;
    expect(half.baseline).toBe('partial');
    expect(half.compared).toEqual({ current: { from: '2025-01-01', to: '2025-06-30' }, previous: { from: '2024-01-01', to: '2024-06-30' } });
    const u = half.units[0];
    expect(u.previous).toBe(await sql(`SELECT count(*) n FROM incidents WHERE township_code = ? AND reported_at >= '2023-12-31 16:00:00' AND reported_at < '2024-06-30 16:00:00'`, [u.code]));
    expect(u.current).toBe(await sql(`SELECT count(*) n FROM incidents WHERE township_code = ? AND reported_at >= '2024-12-31 16:00:00' AND reported_at < '2025-06-30 16:00:00'`, [u.code]));
    // The demo county's rates change slowly: compared like with like, most townships are not "up".
    expect(half.summary.up).toBeLessThan(11);
  });
});

describe('GET /api/stats', () => {
  it('matrix: 7 × 24 in Shanghai time, summing to the selection', async () => {
    const { body } = await get('/api/stats/matrix?categories=theft&from=2025-01-01&to=2025-12-31');
    expect(body.matrix).toHaveLength(7);
    expect(body.matrix[0]).toHaveLength(24);
    expect(body.total).toBe(await sql(`SELECT count(*) n FROM incidents WHERE category = 'theft' AND reported_at >= '2024-12-31 16:00:00' AND reported_at < '2025-12-31 16:00:00'`));
    // Monday 02:00 local = Sunday 18:00 UTC.
    expect(body.matrix[0][2]).toBe(await sql(`SELECT count(*) n FROM incidents WHERE category = 'theft' AND reported_at >= '2024-12-31 16:00:00' AND reported_at < '2025-12-31 16:00:00' AND dayofweek(reported_at) = 0 AND hour(reported_at) = 18`));
  });
  it('ranking: per township counts, yoy and EB-stabilised closure rates', async () => {
    const { body } = await get('/api/stats/ranking?level=township&from=2026-01-01&to=2026-11-20');
    expect(body.rows).toHaveLength(22);
    for (const r of body.rows.slice(0, 5)) {
      expect(r.total).toBe(await sql(`SELECT count(*) n FROM incidents WHERE township_code = ? AND reported_at >= '2025-12-31 16:00:00' AND reported_at < '2026-11-20 16:00:00'`, [r.code]));
      expect(r.closed + r.open).toBe(r.total);
    }
    const farm = body.rows.find((r: any) => r.name === '新华牛场');
    expect(farm.lowConfidence).toBe(farm.total < 20);
    const villages = await get('/api/stats/ranking?level=village&code=220822101');
    expect(villages.body.rows.every((r: any) => r.parentCode === '220822101')).toBe(true);
  });
});

describe('GET /api/incidents/frames', () => {
  it('splits the window into frames whose counts add up, with one max over all frames', async () => {
    const { body } = await get('/api/incidents/frames?step=week&level=grid&from=2026-09-01&to=2026-11-20');
    expect(body.frames[0].start).toBe('2026-09-01');
    expect(body.frames.at(-1).end).toBe('2026-11-20');
    const total = body.frames.reduce((s: number, f: any) => s + f.total, 0);
    expect(total).toBe(await sql(`SELECT count(*) n FROM incidents WHERE reported_at >= '2026-08-31 16:00:00' AND reported_at < '2026-11-20 16:00:00'`));
    expect(body.max).toBe(Math.max(...body.frames.flatMap((f: any) => Object.values(f.counts) as number[])));
    expect((await get('/api/incidents/frames?step=day&from=2020-01-01&to=2026-11-20')).status).toBe(400);
  });

  it('a moving window sums its steps, and the heat top is the largest cell the heat route answers for any frame', async () => {
    const q = 'level=township&from=2026-05-10&to=2026-09-20&zoom=9';
    const weeks = (await get(`/api/incidents/frames?step=week&${q}`)).body;
    const rolling = (await get(`/api/incidents/frames?step=week&window=4&${q}`)).body;
    expect(rolling.window).toBe(4);
    expect(rolling.frames).toHaveLength(weeks.frames.length - 3);
    rolling.frames.forEach((f: any, i: number) => {
      expect(f.start).toBe(weeks.frames[i].start);
      expect(f.end).toBe(weeks.frames[i + 3].end);
      expect(f.total).toBe(weeks.frames.slice(i, i + 4).reduce((s: number, w: any) => s + w.total, 0));
      const some = Object.keys(f.counts)[0];
      expect(f.counts[some]).toBe(weeks.frames.slice(i, i + 4).reduce((s: number, w: any) => s + (w.counts[some] ?? 0), 0));
    });
    expect(rolling.frames[0].partial).toBe(true); // 10 May 2026 is a Sunday: the first week is one day
    // the oracle: the heat route itself, frame by frame
    const tops = await Promise.all(rolling.frames.map(async (f: any) => (await get(`/api/incidents/heat?zoom=9&from=${f.start}&to=${f.end}`)).body));
    expect(rolling.heat.max).toBe(Math.max(...tops.map((h: any) => h.max)));
    expect(rolling.heat.cellDeg).toBe(tops[0].cellDeg);
    expect(weeks.heat.max).toBeLessThan(rolling.heat.max);
    expect((await get('/api/incidents/frames?step=week&window=0')).status).toBe(400);
  });
});

describe('bad hotspot parameters → 400', () => {
  for (const path of ['/api/hotspots/gistar?unit=province', '/api/hotspots/gistar?unit=h3&resolution=12', '/api/hotspots/emerging?step=year', '/api/stats/ranking?level=grid', '/api/incidents/frames?step=hour', '/api/hotspots/change?from=2026-01-01&to=2025-01-01'])
    it(path, async () => {
      const { status, body } = await get(path);
      expect(status).toBe(400);
      expect(body.error).toBeTruthy();
    });
});

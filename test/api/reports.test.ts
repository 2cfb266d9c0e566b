// Live reports, the event stream and export, on a private writable copy of the test county: a report with
// coordinates or only an address is stored in the right grid and pushed to an open /api/events stream
// within 2 s; bad reports are 400s with reasons and change nothing; export honours the filters and its
// CSV imports back (round trip through the importer, as a dry run).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { pointInGeometry } from '../../shared/geo/point-in-polygon.js';
import type { Database } from '../../server/db/database.js';
import { databaseFingerprint } from '../../server/db/fingerprint.js';
import { openSignedInCountyCopy } from '../support/writable-county.js';
import { type Requester } from '../support/session.js';

let db: Database;
let dispose: () => void;
let app: ReturnType<typeof createApp>;
let request: Requester;
beforeAll(async () => {
  ({ db, app, request, dispose } = await openSignedInCountyCopy('admin'));
});
afterAll(() => dispose());

const report = async (body: unknown) => {
  const res = await request('/api/reports', { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  return { status: res.status, body: (await res.json()) as any };
};

/** Opens /api/events and resolves with the first event of `type` (or rejects after `ms`). */
async function nextEvent(type: string, ms: number): Promise<{ data: any; afterMs: number; close: () => void }> {
  const ctrl = new AbortController();
  const res = await request('/api/events', { signal: ctrl.signal });
  expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
  const reader = res.body!.getReader();
  const dec = new TextDecoder();
  let buf = '';
  const t0 = performance.now();
  const close = () => { ctrl.abort(); void reader.cancel().catch(() => {}); };
  const read = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      buf += dec.decode(value, { stream: true });
      const m = new RegExp(`event: ${type}\\ndata: (.*)\\n`).exec(buf);
      if (m) return { data: JSON.parse(m[1]), afterMs: performance.now() - t0, close };
    }
  })();
  const timeout = new Promise<never>((_, rej) => setTimeout(() => rej(new Error(`no ${type} event within ${ms} ms`)), ms));
  return Promise.race([read, timeout]);
}

describe('POST /api/reports and GET /api/events', () => {
  it('stores a report in the grid holding its point and pushes it to an open stream within 2 s', async () => {
    const [g] = (await db.query<{ code: string; centre_lon: number; centre_lat: number; geojson: string }>("SELECT code, centre_lon, centre_lat, geojson FROM grids WHERE kind = 'residential' ORDER BY code LIMIT 20"))
      .filter((x) => pointInGeometry(x.centre_lon, x.centre_lat, JSON.parse(x.geojson)));
    const pending = nextEvent('report', 2000);
    await new Promise((r) => setTimeout(r, 50)); // the stream is open before the report is posted
    const posted = performance.now();
    const { status, body } = await report({ category: '矛盾纠纷', title: '邻里噪音纠纷', reportedAt: '2026-11-20 09:15', lon: g.centre_lon, lat: g.centre_lat });
    expect(status, JSON.stringify(body)).toBe(201);
    expect(body.incident).toMatchObject({ category: 'dispute', gridCode: g.code, reportedAt: '2026-11-20T01:15:00.000Z' });
    const ev = await pending;
    ev.close();
    expect(ev.data.incident.id).toBe(body.incident.id);
    expect(performance.now() - posted).toBeLessThan(2000);
    const [row] = await db.query<{ grid_code: string; status: string; source: string; cell_x: number }>('SELECT grid_code, status, source, cell_x FROM incidents WHERE id = ?', [body.incident.id]);
    expect(row).toMatchObject({ grid_code: g.code, status: 'reported', source: 'grid_member', cell_x: Math.floor(g.centre_lon / 0.0005) });
  });

  it('geocodes a report that gives only an address', async () => {
    const [h] = await db.query<{ t: string; v: string; p: string; vc: string }>(
      "SELECT t.name t, v.name v, g.place_name p, v.code vc FROM grids g JOIN villages v ON v.code = g.village_code JOIN townships t ON t.code = g.township_code WHERE g.kind = 'residential' AND g.place_name IS NOT NULL ORDER BY g.code LIMIT 1");
    const { status, body } = await report({ category: 'hazard', title: '电线私拉乱接', address: `${h.t}${h.v}${h.p}` });
    expect(status, JSON.stringify(body)).toBe(201);
    expect(body.incident.gridCode.startsWith(h.vc)).toBe(true);
    expect(body.incident.geocode.level).toBe('hamlet');
  });

  it("moves patrol's reference time at once: shift risk is weighed from the newest report", async () => {
    const risk = async () => (await (await request('/api/patrol/risk?start=20&end=2&top=5')).json()) as any;
    const before = await risk();
    const [g] = await db.query<{ centre_lon: number; centre_lat: number }>("SELECT centre_lon, centre_lat FROM grids WHERE kind = 'residential' ORDER BY code LIMIT 1");
    const { status, body } = await report({ category: '盗窃', title: '电动车被盗', lon: g.centre_lon, lat: g.centre_lat });
    expect(status).toBe(201);
    const after = await risk();
    expect(Date.parse(after.asOf)).toBeGreaterThan(Date.parse(before.asOf));
    expect(after.asOf).toBe(body.incident.reportedAt);
  });
  it('refuses bad reports with reasons and changes nothing', async () => {
    const before = await databaseFingerprint(db);
    const bad: [unknown, RegExp][] = [
      ['not json', /JSON/],
      [{ title: 'x', lon: 123.08, lat: 44.81 }, /category/],
      [{ category: '飞碟', title: 'x', lon: 123.08, lat: 44.81 }, /unknown category/],
      [{ category: 'theft', title: '', lon: 123.08, lat: 44.81 }, /describe/],
      [{ category: 'theft', title: 'x' }, /location/],
      [{ category: 'theft', title: 'x', lon: 123.08 }, /both lon and lat/],
      [{ category: 'theft', title: 'x', lon: 44.8129, lat: 123.0881 }, /lat|swapped/],
      [{ category: 'theft', title: 'x', lon: 116.4, lat: 39.9 }, /outside 通榆县/],
      [{ category: 'theft', title: 'x', address: '火星基地' }, /could not be located/],
      [{ category: 'theft', title: 'x', lon: 123.08, lat: 44.81, reportedAt: '2099-01-01 10:00' }, /future/],
      [{ category: 'theft', title: 'x', lon: 123.08, lat: 44.81, reportedAt: 'yesterday' }, /date-time/],
    ];
    for (const [body, reason] of bad) {
      const res = await report(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toMatch(reason);
    }
    expect(await databaseFingerprint(db)).toBe(before);
  });
});

describe('GET /api/incidents/export', () => {
  it('exports the filtered incidents as CSV and GeoJSON, agreeing with SQL, and the CSV imports back', async () => {
    const q = 'from=2026-10-01&to=2026-10-31&categories=theft,fraud&code=220822001';
    const [{ n }] = await db.query<{ n: number }>(
      "SELECT count(*)::INTEGER n FROM incidents WHERE reported_at >= '2026-09-30 16:00:00' AND reported_at < '2026-10-31 16:00:00' AND category IN ('theft','fraud') AND starts_with(grid_code, '220822001')");
    expect(n).toBeGreaterThan(0);
    const csvRes = await request(`/api/incidents/export?format=csv&${q}`);
    expect(csvRes.headers.get('content-disposition')).toMatch(/attachment; filename="incidents-2026-10-01-2026-10-31.csv"/);
    const bytes = Buffer.from(await csvRes.arrayBuffer());
    expect(bytes.subarray(0, 3).toString('hex')).toBe('efbbbf'); // BOM: Excel opens it as UTF-8
    const csv = bytes.toString('utf8').replace(/^\uFEFF/, '');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('编号,类别,时间,经度,纬度,地址,描述,状态,办结时间,网格,来源');
    expect(lines).toHaveLength(n + 1);
    const gj = (await (await request(`/api/incidents/export?format=geojson&${q}`)).json()) as any;
    expect(gj.features).toHaveLength(n);
    expect(gj.features.every((f: any) => ['theft', 'fraud'].includes(f.properties.category) && f.properties.grid_code.startsWith('220822001'))).toBe(true);
    // Round trip: the exported file reads back with every row valid (ids already present → refused as such).
    const back = await request('/api/import/incidents?dryRun=true', { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } });
    const rep = (await back.json()) as any;
    expect(rep.valid + rep.rejected.length).toBe(n);
    expect(rep.rejected.every((r: any) => /already in the database/.test(r.reason)) || rep.rejected.length === 0).toBe(true);
  });
  it('400s for bad filters and formats', async () => {
    expect((await request('/api/incidents/export?format=xlsx')).status).toBe(400);
    expect((await request('/api/incidents/export?from=2026-13-01')).status).toBe(400);
  });
});

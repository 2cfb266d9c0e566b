// Police stations into a county on its own data (DEMO=none Tieling, 211221): without them the patrol tab
// has no starting point for routes and no response rings. POST /api/import/stations takes a table (CSV,
// .xlsx) or GeoJSON points; each refused row lists every one of its problems on its own; a dry run writes
// nothing; a committed list shows in /api/patrol/stations and the response rings (isochrones) answer from it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import type { Database } from '../../server/db/database.js';
import { pointInGeometry } from '../../shared/geo/point-in-polygon.js';
import { openEmptyJurisdiction } from '../support/empty-jurisdiction.js';
import { ensureTestAccounts, signIn, type Requester } from '../support/session.js';
import { writeXlsx } from '../support/xlsx-writer.js';

let db: Database;
let dispose: () => void;
let admin: Requester;
let dispatcher: Requester;
let seats: { code: string; name: string; lon: number; lat: number }[];

beforeAll(async () => {
  ({ db, dispose } = await openEmptyJurisdiction('211221'));
  await ensureTestAccounts(db);
  const app = createApp(db);
  admin = await signIn(app, 'admin');
  dispatcher = await signIn(app, 'dispatcher');
  // A point inside each township (its placeholder polygon's stored centre or seat, checked inside).
  const ts = await db.query<{ code: string; name: string; seat_lon: number; seat_lat: number; geojson: string }>('SELECT code, name, seat_lon, seat_lat, geojson FROM townships ORDER BY code');
  seats = ts.filter((t) => pointInGeometry(t.seat_lon, t.seat_lat, JSON.parse(t.geojson))).map((t) => ({ code: t.code, name: t.name, lon: t.seat_lon, lat: t.seat_lat }));
}, 120_000);
afterAll(() => dispose?.());

const post = async (query: string, body: Uint8Array | string, name = 'stations.csv') => {
  const form = new FormData();
  form.append('file', new Blob([body as BlobPart]), name);
  const res = await admin(`/api/import/stations${query}`, { method: 'POST', body: form });
  return { status: res.status, body: (await res.json()) as any };
};
const stored = async () => (await db.query<{ n: number }>('SELECT count(*)::INT n FROM police_stations'))[0].n;

describe('POST /api/import/stations', () => {
  it('lists every problem of a refused row on its own, and a dry run writes nothing', async () => {
    const [a, b] = seats;
    const csv = [
      '名称,类型,地址,经度,纬度,警力',
      `${a.name}派出所,派出所,,${a.lon},${a.lat},3`,
      `,岗哨,,116.4,39.9,0`, // no name, unknown kind, outside, units out of range: four reasons
      `${b.name}派出所,派出所,,${b.lat},${b.lon},2`, // swapped
      `${a.name}派出所,派出所,,${a.lon},${a.lat},2`, // the same name again
      `无位置警务站,警务站,,,,1`,
    ].join('\n');
    const r = await post('?dryRun=true', csv);
    expect(r.status).toBe(200);
    expect(r.body.valid).toBe(1);
    const byLine = new Map(r.body.rejected.map((x: any) => [x.line, x.reasons.map((y: any) => y.reasonZh)]));
    const four = byLine.get(3) as string[];
    expect(four).toHaveLength(4);
    expect(four.join('\n')).toMatch(/缺少名称/);
    expect(four.join('\n')).toMatch(/未知类型「岗哨」/);
    expect(four.join('\n')).toMatch(/超出铁岭县辖区范围/);
    expect(four.join('\n')).toMatch(/警力「0」/);
    expect((byLine.get(4) as string[])[0]).toMatch(/经纬度疑似颠倒/);
    expect((byLine.get(5) as string[])[0]).toMatch(/与文件第 2 行重名/);
    expect((byLine.get(6) as string[])[0]).toMatch(/没有位置/);
    expect(r.body.preview[0]).toMatchObject({ name: `${a.name}派出所`, kind: 'station', units: 3, townshipCode: a.code });
    expect(await stored()).toBe(0);
    // Not partial: refused rows keep everything out.
    const all = await post('', csv);
    expect(all.status).toBe(400);
    expect(all.body.errorZh).toBeTruthy();
    expect(await stored()).toBe(0);
  });

  it('imports a table (.xlsx) and GeoJSON points; the stations and their response rings answer', async () => {
    const xlsx = writeXlsx([['派出所名称', '类型', '经度', '纬度', '警力'], ...seats.slice(0, 4).map((s, i) => [`${s.name}派出所`, i === 0 ? '公安局' : '派出所', s.lon, s.lat, 2])]);
    const r = await post('', xlsx, 'stations.xlsx');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ committed: true, imported: 4 });
    const geo = { type: 'FeatureCollection', features: seats.slice(4, 6).map((s) => ({ type: 'Feature', properties: { name: `${s.name}派出所`, units: 3 }, geometry: { type: 'Point', coordinates: [s.lon, s.lat] } })) };
    const g = await post('', JSON.stringify(geo), 'stations.geojson');
    expect(g.status).toBe(200);
    expect(g.body.imported).toBe(2);
    expect(await stored()).toBe(6);
    // Stored again: refused as already there, unless the list is replaced.
    const again = await post('?dryRun=true', xlsx, 'stations.xlsx');
    expect(again.body.rejected.every((x: any) => /已存在/.test(x.reasonZh))).toBe(true);
    const stations = (await (await dispatcher('/api/patrol/stations')).json()) as any;
    const list = Array.isArray(stations) ? stations : stations.stations;
    expect(list.map((s: any) => s.name).sort()).toEqual(seats.slice(0, 6).map((s) => `${s.name}派出所`).sort());
    const iso = await dispatcher(`/api/patrol/isochrones?minutes=5,10,15,30&stationId=${list[0].id}`);
    expect(iso.status).toBe(200);
    const body = (await iso.json()) as any;
    // No roads imported: the rings are estimated from straight lines, and the answer says so.
    expect(body.reasonZh).toMatch(/尚未导入道路/);
    expect(body.bands.reduce((t: number, b: any) => t + b.ring.length, 0)).toBeGreaterThan(0);
    expect(body.villages.at(-1).reached).toBeGreaterThan(0);
    expect(body.stations).toHaveLength(1);
  });

  it('mode=replace swaps the whole list', async () => {
    const csv = ['名称,经度,纬度', ...seats.slice(0, 2).map((s) => `${s.name}派出所,${s.lon},${s.lat}`)].join('\n');
    const r = await post('?mode=replace', csv);
    expect(r.body).toMatchObject({ committed: true, imported: 2, removed: 6 });
    expect(await stored()).toBe(2);
  });
});

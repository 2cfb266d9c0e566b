// Road import (POST /api/import/roads) on a writable copy: refusals by feature with the database unchanged;
// append in GCJ-02 (a MultiLineString becomes one row per part, lengths as turf measures them, the basemap
// and the geocoder see the new road at once); replace swaps only the classes in the file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { length as turfLength, lineString } from '@turf/turf';
import { createApp } from '../../server/app.js';
import { convertPoint } from '../../server/analysis/crs.js';
import type { Database } from '../../server/db/database.js';
import { databaseFingerprint } from '../../server/db/fingerprint.js';
import { patrolData } from '../../server/routes/patrol/patrol.data.js';
import { openSignedInCountyCopy } from '../support/writable-county.js';
import { type Requester } from '../support/session.js';

let db: Database;
let dispose: () => void;
let app: ReturnType<typeof createApp>;
let request: Requester;
let seat: [number, number];
beforeAll(async () => {
  ({ db, app, request, dispose } = await openSignedInCountyCopy('admin'));
  const [c] = await db.query<{ seat_lon: number; seat_lat: number }>('SELECT seat_lon, seat_lat FROM county');
  seat = [c.seat_lon, c.seat_lat];
});
afterAll(() => dispose());

const post = async (query: string, body: unknown) => {
  const res = await request(`/api/import/roads${query}`, { method: 'POST', body: JSON.stringify(body, null, 1), headers: { 'content-type': 'application/json' } });
  return { status: res.status, body: (await res.json()) as any };
};
const road = (name: string, cls: string, geometry: unknown) => ({ type: 'Feature', properties: { 道路名称: name, 道路等级: cls }, geometry });
const line = (dx: number, dy = 0, n = 4) => Array.from({ length: n }, (_, i) => [seat[0] + dx + i * 0.01, seat[1] + dy + i * 0.004]);

describe('POST /api/import/roads', () => {
  it('refuses bad features by index and line, and changes nothing', async () => {
    const before = await databaseFingerprint(db);
    const { status, body } = await post('', { type: 'FeatureCollection', features: [
      road('好路', '县道', { type: 'LineString', coordinates: line(0.01) }),
      road('坏等级', '高架桥', { type: 'LineString', coordinates: line(0.02) }),
      road('点', '村道', { type: 'Point', coordinates: seat }),
      road('反了', '村道', { type: 'LineString', coordinates: line(0.03).map(([x, y]) => [y, x]) }),
      road('远方', '村道', { type: 'LineString', coordinates: [[100, 30], [100.1, 30.1]] }),
      road('好路', '县道', { type: 'LineString', coordinates: line(0.01) }),
      road('一点', '村道', { type: 'LineString', coordinates: [seat, seat] }),
    ] });
    expect(status).toBe(400);
    expect(body.rejected.map((r: any) => [r.feature, r.reason])).toEqual([
      [2, expect.stringMatching(/unknown road class "高架桥"/)],
      [3, expect.stringMatching(/Point is not a LineString/)],
      [4, expect.stringMatching(/swapped/)],
      [5, expect.stringMatching(/no part of the line is inside 通榆县/)],
      [6, 'duplicate of feature 1 (same name, class and line)'],
      [7, 'a line needs at least 2 distinct positions'],
    ]);
    expect(body.rejected.map((r: any) => r.reasonZh)).toEqual([
      expect.stringMatching(/^未知道路等级「高架桥」；请使用 国道、/),
      '几何类型 Point 不是 LineString 或 MultiLineString',
      expect.stringMatching(/^经纬度疑似颠倒（第一个坐标点 /),
      '线的任何部分都不在通榆县辖区范围内（第一个坐标点 100, 30，wgs84）',
      '与要素 1 重复（名称、等级和线形相同）',
      '线至少需要 2 个不同的坐标点',
    ]);
    expect(body.rejected[0].line).toBeGreaterThan(4);
    expect(await databaseFingerprint(db)).toBe(before);
    expect((await post('?mode=delete', { type: 'FeatureCollection', features: [] })).body.error).toMatch(/mode must be append or replace/);
    expect((await post('', { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'x' }, geometry: null }] })).body.error).toMatch(/No road class property/);
  });

  it('appends GCJ-02 roads (one row per part) that the basemap and the geocoder see at once', async () => {
    const basemapBefore = await (await request('/api/basemap/data/roads.geojson')).text();
    expect(basemapBefore).not.toContain('新华测试路');
    const n0 = (await db.query<{ n: number }>('SELECT count(*)::INTEGER n FROM roads'))[0].n;
    const graphBefore = await patrolData(db); // built before the import: must not be served after it
    const gcj = (pts: number[][]) => pts.map(([x, y]) => convertPoint(x, y, 'wgs84', 'gcj02'));
    const partA = line(0.05, 0.01), partB = line(0.1, 0.02, 3);
    const { status, body } = await post('?crs=gcj02', { type: 'FeatureCollection', features: [
      road('新华测试路', 'residential', { type: 'LineString', coordinates: gcj(line(0.002, 0.001, 3)) }),
      road('测试乡道', '乡道', { type: 'MultiLineString', coordinates: [gcj(partA), gcj(partB)] }),
    ] });
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ committed: true, imported: 3, valid: 2 });
    const rows = await db.query<{ name: string; class: string; length_m: number; geojson: string }>("SELECT name, class, length_m, geojson FROM roads WHERE name IN ('新华测试路', '测试乡道') ORDER BY id");
    expect(rows.map((r) => [r.name, r.class])).toEqual([['新华测试路', 'street'], ['测试乡道', 'village'], ['测试乡道', 'village']]);
    // Converted back to WGS-84 within 0.5 m of the original vertices; lengths as turf measures them.
    const stored = JSON.parse(rows[1].geojson).coordinates as number[][];
    stored.forEach((p, i) => { expect(Math.abs(p[0] - partA[i][0])).toBeLessThan(5e-6); expect(Math.abs(p[1] - partA[i][1])).toBeLessThan(5e-6); });
    expect(rows[1].length_m).toBeCloseTo(turfLength(lineString(partA), { units: 'meters' }), -1);
    expect((await db.query<{ n: number }>('SELECT count(*)::INTEGER n FROM roads'))[0].n).toBe(n0 + 3);
    expect(await (await request('/api/basemap/data/roads.geojson')).text()).toContain('新华测试路');
    const graphAfter = await patrolData(db);
    expect(graphAfter).not.toBe(graphBefore);
    expect(graphAfter.roads.length).toBe(graphBefore.roads.length + 3);
    expect(graphAfter.graph.nodeCount).toBeGreaterThan(graphBefore.graph.nodeCount);
    const geo = (await (await request(`/api/geocode?q=${encodeURIComponent('新华测试路')}`)).json()) as any;
    expect(geo).toMatchObject({ ok: true, level: 'road' });
    // Appending the same road again is refused.
    const again = await post('?crs=gcj02', { type: 'FeatureCollection', features: [road('新华测试路', 'residential', { type: 'LineString', coordinates: gcj(line(0.002, 0.001, 3)) })] });
    expect(again.body.rejected[0].reason).toMatch(/already stored with the same line/);
  });

  it('replace mode swaps only the classes in the file', async () => {
    const byClass = async () => Object.fromEntries((await db.query<{ class: string; n: number }>('SELECT class, count(*)::INTEGER n FROM roads GROUP BY 1')).map((r) => [r.class, r.n]));
    const before = await byClass();
    const { status, body } = await post('?mode=replace', { type: 'FeatureCollection', features: [road('唯一村道', 'village', { type: 'LineString', coordinates: line(0.2, 0.05) })] });
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.removed).toBe(before.village);
    const after = await byClass();
    expect(after).toEqual({ ...before, village: 1 });
  });
});

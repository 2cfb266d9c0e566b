// Camera ledger and key-site imports through the API on a writable copy: a GCJ-02 ledger lands in the right grids with
// h3 cells; refused ledgers (bad angles, unknown kinds, swapped points, ids already in the table) are 400s
// with line numbers and leave the database unchanged; the coverage ledger counts the new cameras.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latLngToCell } from 'h3-js';
import { createApp } from '../../server/app.js';
import { convertPoint } from '../../server/analysis/crs.js';
import { pointInGeometry } from '../../shared/geo/point-in-polygon.js';
import type { Database } from '../../server/db/database.js';
import { databaseFingerprint } from '../../server/db/fingerprint.js';
import { SITE_KIND_INFO, type SiteKind } from '../../shared/domain/sites.js';
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

const post = async (query: string, body: string) => {
  const res = await request(`/api/import/cameras${query}`, { method: 'POST', body, headers: { 'content-type': 'text/csv' } });
  return { status: res.status, body: (await res.json()) as any };
};
const HEADER = '编号,名称,类型,经度,纬度,朝向,视角,监控距离,状态,安装日期';

describe('POST /api/import/cameras', () => {
  it('refuses bad ledgers by line and changes nothing', async () => {
    const before = await databaseFingerprint(db);
    const { status, body } = await post('', [HEADER,
      'N1,测试,人脸识别,123.0881,44.8129,400,50,25,在线,2024-01-01',
      'N2,测试,无人机,123.0881,44.8129,90,50,25,在线,2024-01-01',
      'N3,测试,公共监控,44.8129,123.0881,90,50,25,在线,2024-01-01',
      'RL00001,测试,公共监控,123.0881,44.8129,90,50,25,在线,2024-01-01',
      'N5,测试,公共监控,123.0881,44.8129,90,50,25,在线,2024-02-30'].join('\n'));
    expect(status).toBe(400);
    expect(body.rejected.map((r: any) => [r.line, r.reason])).toEqual([
      [2, 'bearing "400" must be a number from 0 to 360'],
      [3, expect.stringMatching(/unknown kind "无人机"/)],
      [4, expect.stringMatching(/swapped/)],
      [5, 'camera RL00001 is already in the ledger'],
      [6, 'install date "2024-02-30" is not a date'],
    ]);
    expect(body.rejected.map((r: any) => r.reasonZh)).toEqual([
      '朝向「400」须为 0 到 360 之间的数字',
      expect.stringMatching(/^未知类型「无人机」；请使用 公共监控、/),
      '经纬度疑似颠倒（44.8129, 123.0881）',
      '监控点位 RL00001 已在台账中',
      '安装日期「2024-02-30」不是有效日期',
    ]);
    expect(await databaseFingerprint(db)).toBe(before);
    const header = (await post('', '名称,备注\nx,y\n')).body;
    expect(header.error).toMatch(/Line 1.*id, kind, lon, lat, bearing/);
    expect(header.errorZh).toBe('第 1 行（表头）缺少列：编号（id）、类型（kind）、经度（lon）、纬度（lat）、朝向（bearing）');
  });

  it('imports a GCJ-02 ledger into the grids holding the cameras; coverage sees them', async () => {
    const grids = (await db.query<{ code: string; centre_lon: number; centre_lat: number; geojson: string }>("SELECT code, centre_lon, centre_lat, geojson FROM grids ORDER BY code LIMIT 30"))
      .filter((g) => pointInGeometry(g.centre_lon, g.centre_lat, JSON.parse(g.geojson))).slice(0, 10);
    const rows = grids.map((g, i) => {
      const [x, y] = convertPoint(g.centre_lon, g.centre_lat, 'wgs84', 'gcj02');
      return `NEW${i},新建点位${i},高清卡口,${x},${y},${i * 30},,,${i % 2 ? '离线' : '在线'},2026/6/${i + 1}`;
    });
    const n0 = (await db.query<{ n: number }>('SELECT count(*)::INTEGER n FROM cameras'))[0].n;
    const { status, body } = await post('?crs=gcj02', [HEADER, ...rows].join('\n'));
    expect(status, JSON.stringify(body.rejected)).toBe(200);
    expect(body).toMatchObject({ imported: 10, committed: true });
    const got = await db.query<{ id: string; grid_code: string; lon: number; lat: number; kind: string; status: string; fov: number; range_m: number; h3: string; installed_on: Date }>(
      "SELECT id, grid_code, lon, lat, kind, status, fov, range_m, h3_r9::VARCHAR h3, installed_on FROM cameras WHERE id LIKE 'NEW%' ORDER BY id");
    expect(got).toHaveLength(10);
    for (const r of got) {
      const i = Number(r.id.slice(3));
      expect(r.grid_code).toBe(grids[i].code);
      expect(Math.abs(r.lon - grids[i].centre_lon)).toBeLessThan(2e-5);
      expect(r).toMatchObject({ kind: 'checkpoint', status: i % 2 ? 'offline' : 'online', fov: 40, range_m: 40 });
      expect(BigInt(r.h3).toString(16)).toBe(latLngToCell(r.lat, r.lon, 9));
    }
    expect(got[0].installed_on.toISOString().slice(0, 10)).toBe('2026-06-01');
    expect((await db.query<{ n: number }>('SELECT count(*)::INTEGER n FROM cameras'))[0].n).toBe(n0 + 10);
    const cams = (await (await request('/api/cameras?kinds=checkpoint')).json()) as any;
    expect(cams.cameras.filter((c: any) => String(c.id).startsWith('NEW'))).toHaveLength(10);
  });
});

describe('POST /api/import/sites', () => {
  it('imports key sites into their grids, refuses duplicates and bad kinds by line, and the geocoder finds the new names', async () => {
    const [g] = (await db.query<{ code: string; centre_lon: number; centre_lat: number; geojson: string }>("SELECT code, centre_lon, centre_lat, geojson FROM grids WHERE kind = 'residential' ORDER BY code DESC LIMIT 20"))
      .filter((x) => pointInGeometry(x.centre_lon, x.centre_lat, JSON.parse(x.geojson)));
    const [existing] = await db.query<{ name: string; kind: string; lon: number; lat: number }>('SELECT name, kind, lon, lat FROM key_sites ORDER BY id LIMIT 1');
    const before = await databaseFingerprint(db);
    const bad = await request('/api/import/sites', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: [
      '名称,类型,经度,纬度',
      `试验新建幼儿园,学校,${g.centre_lon},${g.centre_lat}`,
      `试验新建幼儿园,学校,${g.centre_lon},${g.centre_lat}`,
      `某某,飞机场,${g.centre_lon},${g.centre_lat}`,
      `${existing.name},${SITE_KIND_INFO[existing.kind as SiteKind].zh},${existing.lon},${existing.lat}`].join('\n') });
    const badBody = (await bad.json()) as any;
    expect(bad.status).toBe(400);
    expect(badBody.rejected.map((r: any) => r.line)).toEqual([3, 4, 5]);
    expect(badBody.rejected[0].reason).toMatch(/duplicate of line 2/);
    expect(badBody.rejected[2].reason).toMatch(/already in the database/);
    expect(await databaseFingerprint(db)).toBe(before);
    const ok = await request('/api/import/sites', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: `名称,类型,经度,纬度\n试验新建幼儿园,学校,${g.centre_lon},${g.centre_lat}\n` });
    expect(ok.status).toBe(200);
    const [row] = await db.query<{ grid_code: string; coverage_category: string }>("SELECT grid_code, coverage_category FROM key_sites WHERE name = '试验新建幼儿园'");
    expect(row).toEqual({ grid_code: g.code, coverage_category: 'public_place' });
    const geo = (await (await request(`/api/geocode?q=${encodeURIComponent('试验新建幼儿园')}`)).json()) as any;
    expect(geo).toMatchObject({ ok: true, level: 'site', gridCode: g.code });
  });
});

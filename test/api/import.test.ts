// Incident import through the HTTP API on a private writable copy of the test county: GCJ-02 and
// address-only files land in the grids that contain them; malformed files (GBK bytes, missing columns,
// wrong types, out-of-area and swapped points, duplicate ids) are refused with line-level reasons and the
// database is unchanged (row counts and content fingerprint); partial imports keep the good rows; 413 for
// oversized bodies; geocode endpoints and their 400s.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { convertPoint } from '../../server/analysis/crs.js';
import { pointInGeometry } from '../../shared/geo/point-in-polygon.js';
import type { Database } from '../../server/db/database.js';
import { databaseFingerprint } from '../../server/db/fingerprint.js';
import { MAX_IMPORT_BYTES } from '../../server/routes/import/import.routes.js';
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

const post = async (query: string, body: BodyInit | Uint8Array, type = 'text/csv; charset=utf-8') => {
  const res = await request(`/api/import/incidents${query}`, { method: "POST", body: body as BodyInit, headers: { "content-type": type } });
  return { status: res.status, body: (await res.json()) as any };
};
const count = async () => (await db.query<{ n: number }>('SELECT count(*)::INTEGER n FROM incidents'))[0].n;
const state = async () => ({ n: await count(), fp: await databaseFingerprint(db) });

/** Grid centres that lie inside their own grid (checked by ray casting here), as independent answers. */
async function gridPoints(n: number) {
  const grids = await db.query<{ code: string; centre_lon: number; centre_lat: number; geojson: string }>('SELECT code, centre_lon, centre_lat, geojson FROM grids ORDER BY hash(code) LIMIT 200');
  return grids.filter((g) => pointInGeometry(g.centre_lon, g.centre_lat, JSON.parse(g.geojson))).slice(0, n);
}

describe('refused files leave the database unchanged', () => {
  const HEADER = '编号,类别,时间,经度,纬度,地址,描述';
  // name, file, English reason, line, Chinese reason (what the clerk reads in the dialog).
  const cases: [string, Uint8Array | string, RegExp, number | undefined, RegExp][] = [
    ['GBK bytes', new Uint8Array(Buffer.from('b1e0bac52ccdeab1f0', 'hex')), /GBK/, undefined, /文件不是 UTF-8 编码.*GBK/],
    ['missing columns', '编号,描述\n1,x\n', /Line 1.*类别\/category.*时间\/reported_at/, undefined, /第 1 行（表头）缺少列：类别\/category；时间\/reported_at；.*文件中的列：编号、描述/],
    ['wrong types', `${HEADER}\nX1,盗窃,昨天下午,123.08,44.81,,x\nX2,盗窃,2025-03-01 10:00,东经123,44.81,,x\n`, /not a date-time|not numbers/, 2, /时间「昨天下午」不是有效的日期时间.*坐标「东经123」「44.81」不是数字/],
    ['out of area', `${HEADER}\nX1,盗窃,2025-03-01 10:00,116.40,39.90,,x\n`, /outside 通榆县/, 2, /点 116.4, 39.9（wgs84）超出通榆县辖区范围/],
    ['swapped lat/lon', `${HEADER}\nX1,盗窃,2025-03-01 10:00,44.8129,123.0881,,x\n`, /swapped/, 2, /2: 经纬度疑似颠倒：44.8129, 123.0881/],
    ['unknown category', `${HEADER}\nX1,飞碟,2025-03-01 10:00,123.0881,44.8129,,x\n`, /unknown category "飞碟"/, 2, /2: 未知类别「飞碟」；请使用 盗窃、/],
    ['duplicate ids in the file', `${HEADER}\nX1,盗窃,2025-03-01 10:00,123.0881,44.8129,,x\nX1,火灾,2025-03-02 10:00,123.0881,44.8129,,x\n`, /duplicate id X1 \(first on line 2\)/, 3, /3: 编号 X1 重复（首次出现在第 2 行）/],
    ['ungeocodable address', `${HEADER}\nX1,盗窃,2025-03-01 10:00,,,火星基地,x\n`, /could not be geocoded/, 2, /地址「火星基地」无法定位/],
    ['ragged row', `${HEADER}\nX1,盗窃,2025-03-01 10:00,123.0881\n`, /expected 7 fields, found 4/, 2, /应有 7 列，实有 4 列/],
    ['future time', `${HEADER}\nX1,盗窃,2099-03-01 10:00,123.0881,44.8129,,x\n`, /in the future/, 2, /时间「2099-03-01 10:00」晚于当前时间/],
  ];
  for (const [name, body, reason, line, reasonZh] of cases)
    it(`${name} → 400 with the reason${line ? ` on line ${line}` : ''}`, async () => {
      const before = await state();
      const { status, body: res } = await post('?crs=wgs84', body);
      expect(status).toBe(400);
      expect(res.imported).toBe(0);
      const reasons = [res.error, ...res.rejected.map((r: any) => `${r.line}: ${r.reason}`)].join(' | ');
      expect(reasons).toMatch(reason);
      const reasonsZh = [res.errorZh, ...res.rejected.map((r: any) => `${r.line}: ${r.reasonZh}`)].join(' | ');
      expect(reasonsZh).toMatch(reasonZh);
      if (line) expect(res.rejected.map((r: any) => r.line)).toContain(line);
      expect(await state()).toEqual(before);
    });

  it('one bad row among good ones refuses the whole file (no partial) and names it', async () => {
    const pts = await gridPoints(3);
    const rows = pts.map((g, i) => `G${i},盗窃,2025-03-0${i + 1} 10:00,${g.centre_lon},${g.centre_lat},,x`);
    rows.splice(1, 0, 'BAD,盗窃,2025-03-01 10:00,44.8129,123.0881,,x');
    const before = await state();
    const { status, body } = await post('', `${HEADER}\n${rows.join('\n')}\n`);
    expect(status).toBe(400);
    expect(body.rejected).toEqual([{ line: 3, reason: expect.stringMatching(/swapped/), reasonZh: '经纬度疑似颠倒：44.8129, 123.0881 按 123.0881, 44.8129 读取时落在通榆县内；请互换经度列和纬度列', reasons: [{ kind: 'swappedInCounty', reason: expect.stringMatching(/swapped/), reasonZh: expect.stringMatching(/^经纬度疑似颠倒/) }], raw: 'BAD,盗窃,2025-03-01 10:00,44.8129,123.0881,,x' }]);
    expect(body.error).toMatch(/^1 row\(s\) refused, nothing imported/);
    expect(body.errorZh).toBe('1 行不合格，未导入任何数据：请修正这些行，或勾选“只导入合格行”导入其余 3 行。');
    expect(body.valid).toBe(3);
    expect(await state()).toEqual(before);
  });

  it('a dry run previews the mapping and rows and writes nothing', async () => {
    const pts = await gridPoints(2);
    const before = await state();
    const { status, body } = await post('?dryRun=true', `category,reported_at,lon,lat,title\ntheft,2025-03-01T10:00:00+08:00,${pts[0].centre_lon},${pts[0].centre_lat},x\n`);
    expect(status).toBe(200);
    expect(body.mapping.map((m: any) => m.field)).toEqual(['category', 'reported_at', 'lon', 'lat', 'title']);
    expect(body.preview[0]).toMatchObject({ category: 'theft', gridCode: pts[0].code, reportedAt: '2025-03-01T02:00:00.000Z' });
    expect(await state()).toEqual(before);
  });
});

describe('good files land in the right grids', () => {
  it('GCJ-02 points are converted and assigned to the grid containing the WGS-84 point; KPI total rises', async () => {
    const pts = await gridPoints(40);
    const rows = pts.map((g, i) => {
      const [x, y] = convertPoint(g.centre_lon, g.centre_lat, 'wgs84', 'gcj02');
      return `GCJ-${i},电信诈骗,2025-06-${String((i % 28) + 1).padStart(2, '0')} 08:15,${x.toFixed(7)},${y.toFixed(7)},,冒充客服`;
    });
    const total0 = (await (await request('/api/incidents/summary')).json()).total;
    const { status, body } = await post('?crs=gcj02', `编号,类别,时间,经度,纬度,地址,描述\n${rows.join('\n')}\n`);
    expect(status, JSON.stringify(body.rejected?.slice(0, 3))).toBe(200);
    expect(body).toMatchObject({ imported: pts.length, committed: true, rejected: [] });
    const got = await db.query<{ external_id: string; grid_code: string; lon: number; lat: number; cell_x: number; h3: string; reported_at: Date; due_at: Date; source: string }>(
      "SELECT external_id, grid_code, lon, lat, cell_x, h3_r9::VARCHAR h3, reported_at, due_at, source FROM incidents WHERE external_id LIKE 'GCJ-%' ORDER BY external_id");
    expect(got).toHaveLength(pts.length);
    for (const r of got) {
      const g = pts[Number(r.external_id.slice(4))];
      expect(r.grid_code).toBe(g.code);
      expect(Math.abs(r.lon - g.centre_lon)).toBeLessThan(2e-5);
      expect(Math.abs(r.lat - g.centre_lat)).toBeLessThan(2e-5);
      expect(r.cell_x).toBe(Math.floor(r.lon / 0.0005));
      expect(r.source).toBe('import');
      expect(r.due_at.getTime() - r.reported_at.getTime()).toBe(60 * 86400000); // fraud: 60 days
    }
    expect(got[0].reported_at.toISOString()).toMatch(/T00:15:00.000Z$/); // 08:15 Shanghai
    const total1 = (await (await request('/api/incidents/summary')).json()).total;
    expect(total1).toBe(total0 + pts.length);
    // Importing the same file again: every id is already there.
    const again = await post('?crs=gcj02', `编号,类别,时间,经度,纬度,地址,描述\n${rows.join('\n')}\n`);
    expect(again.status).toBe(400);
    expect(again.body.rejected[0].reason).toMatch(/already in the database/);
  });

  it('zoned times (Z, +00, +0800, +08:00) and the common status words (待处理, 处理中, 已办结) are stored as the instants and steps they name', async () => {
    const [g] = await gridPoints(1);
    const rows: [string, string, string, string][] = [
      ['2025-05-01T02:00:00Z', '待处理', '2025-05-01T02:00:00.000Z', 'reported'],
      ['2025-05-01T02:00:00+00', '处理中', '2025-05-01T02:00:00.000Z', 'dispatched'],
      ['2025-05-01 10:00:00+0800', '已受理', '2025-05-01T02:00:00.000Z', 'accepted'],
      ['2025-05-01T10:00:00+08:00', '已办结', '2025-05-01T02:00:00.000Z', 'closed'],
      ['2025-05-01 10:00', '已结案', '2025-05-01T02:00:00.000Z', 'closed'],
    ];
    const csv = ['编号,类别,时间,经度,纬度,状态', ...rows.map(([t, st], i) => `TZ-${i},盗窃,${t},${g.centre_lon},${g.centre_lat},${st}`)].join('\n');
    const { status, body } = await post('', csv);
    expect(status, JSON.stringify(body.rejected)).toBe(200);
    const got = await db.query<{ external_id: string; reported_at: Date; status: string }>("SELECT external_id, reported_at, status FROM incidents WHERE external_id LIKE 'TZ-%' ORDER BY external_id");
    expect(got.map((r) => [r.reported_at.toISOString(), r.status])).toEqual(rows.map(([, , at, st]) => [at, st]));
  });

  it('a refused row whose id is also stored names both problems; the stored id alone refuses a good row', async () => {
    const [g] = await gridPoints(1);
    const row = (id: string, status: string) => `${id},盗窃,2025-05-02 10:00,${g.centre_lon},${g.centre_lat},${status}`;
    expect((await post('', `编号,类别,时间,经度,纬度,状态\n${row('BOTH-1', '已受理')}\n${row('BOTH-2', '已受理')}`)).status).toBe(200);
    const { status, body } = await post('?dryRun=true', `编号,类别,时间,经度,纬度,状态\n${row('BOTH-1', '飞走了')}\n${row('BOTH-2', '已受理')}\n${row('BOTH-3', '已受理')}`);
    expect(status).toBe(200);
    expect(body.valid).toBe(1);
    expect(body.rejected.map((r: any) => [r.line, r.reasons.map((x: any) => x.reason.split(/[;"]/)[0])])).toEqual([
      [2, ['unknown status ', 'id BOTH-1 is already in the database']],
      [3, ['id BOTH-2 is already in the database']],
    ]);
    expect(body.rejected[0].reasonZh).toMatch(/^未知状态「飞走了」.*；编号 BOTH-1 已存在于数据库中$/);
  });

  it('address-only rows are geocoded into the hamlet grid; an ungeocodable one is reported (partial keeps the rest)', async () => {
    const hs = await db.query<{ t: string; v: string; h: string; grid: string }>(
      `SELECT t.name t, v.name v, g.place_name h, g.code grid FROM grids g JOIN villages v ON v.code = g.village_code JOIN townships t ON t.code = g.township_code
       WHERE g.kind = 'residential' AND g.place_name IS NOT NULL AND (SELECT count(*) FROM grids g2 WHERE g2.village_code = g.village_code AND g2.place_name = g.place_name) = 1
       ORDER BY g.code LIMIT 10`);
    const rows = hs.map((h, i) => `ADDR-${i},矛盾纠纷,2025/07/0${(i % 9) + 1} 09:30,吉林省白城市通榆县${h.t}${h.v}${h.h},土地纠纷`);
    rows.push('ADDR-X,矛盾纠纷,2025/07/01 09:30,火星基地1号,x');
    const before = await count();
    const { status, body } = await post('?partial=true', `编号,类别,时间,地址,描述\n${rows.join('\n')}\n`);
    expect(status).toBe(200);
    expect(body.imported).toBe(hs.length);
    expect(body.geocoded).toEqual({ hamlet: hs.length });
    expect(body.rejected).toEqual([{ line: rows.length + 1, reason: expect.stringMatching(/火星基地1号.*could not be geocoded/), reasonZh: '地址「火星基地1号」无法定位', reasons: [{ kind: 'notGeocoded', reason: expect.stringMatching(/could not be geocoded/), reasonZh: '地址「火星基地1号」无法定位' }], raw: 'ADDR-X,矛盾纠纷,2025/07/01 09:30,火星基地1号,x' }]);
    expect(body.rejectedCsv).toMatch(/^\uFEFFline,原因,reason,raw\r\n12,地址「火星基地1号」无法定位,"address ""火星基地1号"" could not be geocoded",/);
    expect(await count()).toBe(before + hs.length);
    const got = await db.query<{ external_id: string; grid_code: string }>("SELECT external_id, grid_code FROM incidents WHERE external_id LIKE 'ADDR-%' ORDER BY external_id");
    expect(got.map((g) => g.grid_code)).toEqual(hs.map((h) => h.grid));
  });

  it('multipart uploads work and BD-09 is accepted; mapping overrides headers', async () => {
    const [g] = await gridPoints(1);
    const [x, y] = convertPoint(g.centre_lon, g.centre_lat, 'wgs84', 'bd09');
    const form = new FormData();
    form.append('file', new Blob([`单号,类别,时间,X坐标,Y坐标\nBD-1,火灾,2025-08-01 12:00,${x},${y}\n`], { type: 'text/csv' }), 'bd.csv');
    const res = await request(`/api/import/incidents?crs=bd09&mapping=${encodeURIComponent(JSON.stringify({ id: '单号', lon: 'X坐标', lat: 'Y坐标' }))}`, { method: 'POST', body: form });
    const body = (await res.json()) as any;
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.imported).toBe(1);
    expect((await db.query<{ grid_code: string }>("SELECT grid_code FROM incidents WHERE external_id = 'BD-1'"))[0].grid_code).toBe(g.code);
  });

  it('GBK files import when encoding=gbk is given', async () => {
    const [g] = await gridPoints(1);
    const text = `编号,类别,时间,经度,纬度\nGBK-1,盗窃,2025-08-02 12:00,${g.centre_lon},${g.centre_lat}\n`;
    // Encode to GBK by hand for the few characters used (no encoder in Node): 编号类别时间经度纬度盗窃.
    const gbk: Record<string, string> = { 编: 'b1e0', 号: 'bac5', 类: 'c0e0', 别: 'b1f0', 时: 'cab1', 间: 'bce4', 经: 'bead', 度: 'b6c8', 纬: 'ceb3', 盗: 'b5c1', 窃: 'c7d4' };
    const bytes = Buffer.concat([...text].map((ch) => (gbk[ch] ? Buffer.from(gbk[ch], 'hex') : Buffer.from(ch, 'utf8'))));
    expect(new TextDecoder('gbk').decode(bytes)).toBe(text);
    const { status, body } = await post('?encoding=gbk', new Uint8Array(bytes));
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.imported).toBe(1);
  });
});

describe('request checks', () => {
  it('400s for bad parameters and empty bodies, 413 for oversized ones', async () => {
    expect((await post('?crs=utm', 'a')).status).toBe(400);
    expect((await post('?partial=maybe', 'a')).status).toBe(400);
    expect((await post('?mapping=notjson', 'a')).body.error).toMatch(/mapping/);
    const empty = await post('', '');
    expect(empty.status).toBe(400);
    expect(empty.body.errorZh).toMatch(/上传内容为空/);
    const big = new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x41);
    const before = await count();
    const tooBig = await post('', big);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.errorZh).toBe('文件超过 64 MB；请拆分成几个文件。');
    expect(await count()).toBe(before);
  });

  it('geocode and reverse-geocode answer and validate', async () => {
    const g = (await (await request(`/api/geocode?q=${encodeURIComponent('通榆县开通镇')}`)).json()) as any;
    expect(g).toMatchObject({ ok: true, level: 'township', townshipCode: '220822100' });
    const r = (await (await request(`/api/reverse-geocode?lon=${g.lon}&lat=${g.lat}`)).json()) as any;
    expect(r.inside).toBe(true);
    expect(r.township.code).toBe('220822100');
    expect((await request('/api/geocode')).status).toBe(400);
    expect((await request('/api/geocode?q=a')).status).toBe(400);
    expect((await request('/api/reverse-geocode?lon=abc&lat=44')).status).toBe(400);
    expect((await request('/api/reverse-geocode?lon=123&lat=95')).status).toBe(400);
  });
});

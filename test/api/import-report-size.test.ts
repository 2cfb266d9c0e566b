// Import answers stay small and readable whatever the file (issue 14 item 3b): a file of thousands of refused
// rows answers the first 300 with counts per kind of refusal and the full list as the rejected-rows CSV
// (inline, or a download once large); a 1 MB header line or cell is not echoed whole; UTF-16 files, old .xls
// or password-protected workbooks, zips that are not workbooks and damaged workbooks are named in words.
import { zipSync, strToU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import type { Database } from '../../server/db/database.js';
import { MAX_LISTED_REFUSALS } from '../../server/import/report-size.js';
import { signIn, type Requester } from '../support/session.js';
import { openWritableCountyCopy } from '../support/writable-county.js';
import { writeXlsx } from '../support/xlsx-writer.js';

let db: Database;
let dispose: () => void;
let request: Requester;
let pt: { lon: number; lat: number };
beforeAll(async () => {
  ({ db, dispose } = await openWritableCountyCopy());
  request = await signIn(createApp(db), 'admin');
  [pt] = await db.query<{ lon: number; lat: number }>('SELECT lon, lat FROM incidents ORDER BY id LIMIT 1');
});
afterAll(() => dispose());

const post = async (path: string, body: Uint8Array | string) => {
  const res = await request(path, { method: 'POST', body: body as BodyInit, headers: { 'content-type': 'text/csv' } });
  const text = await res.text();
  return { status: res.status, bytes: text.length, body: JSON.parse(text) as any };
};

describe('many refused rows', () => {
  it('lists the first 300, counts every kind, and keeps the full list in the CSV', async () => {
    const rows = ['编号,类别,时间,经度,纬度,状态'];
    for (let i = 0; i < 2000; i++) rows.push(i % 2 ? `M${i},飞碟,2025-03-01 10:00,${pt.lon},${pt.lat},` : `M${i},盗窃,2025-02-30 10:00,${pt.lat},${pt.lon},飞走了`);
    rows.push(`OK1,盗窃,2025-03-01 10:00,${pt.lon},${pt.lat},待处理`);
    const { status, body, bytes } = await post('/api/import/incidents?dryRun=true', rows.join('\n'));
    expect(status).toBe(200);
    expect(body.valid).toBe(1);
    expect(body.rejectedCount).toBe(2000);
    expect(body.rejected).toHaveLength(MAX_LISTED_REFUSALS);
    expect(body.rejected.map((r: any) => r.line)).toEqual(Array.from({ length: MAX_LISTED_REFUSALS }, (_, i) => i + 2));
    const counts = Object.fromEntries(body.reasonCounts.map((c: any) => [c.kind, c.count]));
    expect(counts).toEqual({ unknownCategory: 1000, timeNotDate: 1000, unknownStatus: 1000, swappedInCounty: 1000 });
    for (const c of body.reasonCounts) expect(c.reasonZh).toMatch(/[\u4e00-\u9fff]/);
    const full = body.rejectedCsv ?? (await (await request(body.rejectedCsvUrl)).text());
    const csv = full.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(csv).toHaveLength(2001);
    expect(csv[2000]).toMatch(/^2001,/);
    expect(bytes).toBeLessThan(2_000_000);
  });

  it('offers a large rejected-rows CSV as a download instead of inline', async () => {
    const rows = ['编号,类别,时间,经度,纬度,描述'];
    const long = '长'.repeat(1500);
    for (let i = 0; i < 1200; i++) rows.push(`L${i},盗窃,2025-03-01 10:00,${pt.lon},${pt.lat},${long}`);
    const { status, body, bytes } = await post('/api/import/incidents?dryRun=true', rows.join('\n'));
    expect(status).toBe(200);
    expect(body.rejectedCount).toBe(1200);
    expect(body.rejected[0].reason).toBe('title has 1500 characters; at most 1000 are kept — shorten it');
    expect(body.rejected[0].raw.length).toBeLessThanOrEqual(1001);
    expect(body.rejectedCsv).toBeUndefined();
    expect(bytes).toBeLessThan(1_000_000);
    const res = await request(body.rejectedCsvUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await res.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(1201);
    expect(lines[1200]).toContain(long); // the full raw row
    expect((await request('/api/import/rejected/no-such-file')).status).toBe(404);
  });

  it('the camera and key-site answers are capped the same way', async () => {
    const rows = ['编号,类型,经度,纬度,朝向'];
    for (let i = 0; i < 700; i++) rows.push(`C${i},飞碟,${pt.lon},${pt.lat},90`);
    const { body } = await post('/api/import/cameras?dryRun=true', rows.join('\n'));
    expect(body.rejectedCount).toBe(700);
    expect(body.rejected).toHaveLength(MAX_LISTED_REFUSALS);
    expect(body.reasonCounts).toEqual([expect.objectContaining({ kind: 'unknownKind', count: 700 })]);
  });
});

describe('huge values are not echoed whole', () => {
  it('a 1 MB header line answers a short error', async () => {
    const header = Array.from({ length: 80000 }, (_, i) => `列${i}xxxxxxxx`).join(',');
    const { status, body, bytes } = await post('/api/import/incidents', `${header}\n1,2\n`);
    expect(status).toBe(400);
    expect(body.errorZh).toMatch(/^第 1 行（表头）缺少列/);
    expect(body.errorZh).toMatch(/… \+79970/);
    expect(body.mapping).toHaveLength(200);
    expect(body.columns).toBe(80000);
    expect(bytes).toBeLessThan(10_000);
  });

  it('a 1 MB cell is clipped in the reason', async () => {
    const cell = '飞'.repeat(1_000_000);
    const { body, bytes } = await post('/api/import/incidents?dryRun=true', `类别,时间,经度,纬度\n${cell},2025-03-01 10:00,${pt.lon},${pt.lat}\n`);
    expect(body.rejected[0].reason).toMatch(/^unknown category "飞{120}…（1000000）"/);
    expect(body.rejected[0].reason.length).toBeLessThan(1000);
    expect(bytes).toBeLessThan(1_500_000); // the inline CSV holds the row once
  });
});

describe('files that are not UTF-8 CSV or XLSX are named', () => {
  const csv = '编号,类别,时间,经度,纬度\n1,盗窃,2025-03-01 10:00,123.1,44.8\n';
  const utf16le = (s: string, bom: boolean) => new Uint8Array([...(bom ? [0xff, 0xfe] : []), ...Buffer.from(s, 'utf16le')]);
  const utf16be = (s: string) => { const b = Buffer.from(s, 'utf16le'); for (let i = 0; i < b.length; i += 2) [b[i], b[i + 1]] = [b[i + 1], b[i]]; return new Uint8Array([0xfe, 0xff, ...b]); };
  const cases: [string, Uint8Array, RegExp, RegExp][] = [
    ['UTF-16 LE with a BOM', utf16le(csv, true), /UTF-16/, /^文件是 UTF-16 编码/],
    ['UTF-16 LE without a BOM', utf16le('id,category,reported_at,lon,lat\n1,theft,2025-03-01,123.1,44.8\n', false), /UTF-16/, /^文件是 UTF-16 编码/],
    ['UTF-16 BE', utf16be(csv), /UTF-16/, /^文件是 UTF-16 编码/],
    ['an old .xls (OLE compound file)', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(500).fill(0)]), /Excel 97–2003 workbook \(\.xls\) or a password-protected one/, /旧版 Excel 97–2003/],
    ['a Word file (a zip without a workbook)', zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8('<w/>') }), /zip archive but not an Excel workbook/, /不是 Excel 工作簿/],
    ['a truncated workbook', new Uint8Array(writeXlsx([['a']]).subarray(0, 80)), /damaged or incomplete/, /已损坏或不完整/],
  ];
  for (const [name, bytes, en, zh] of cases)
    it(`${name} → 400 naming it`, async () => {
      for (const path of ['/api/import/incidents', '/api/import/sites', '/api/import/cameras']) {
        const { status, body } = await post(path, bytes);
        expect(status, path).toBe(400);
        expect(body.error, path).toMatch(en);
        expect(body.errorZh, path).toMatch(zh);
        expect(body.error).not.toMatch(/InvalidInputError|not found inside|`\.xlsx`|Couldn't unzip/);
      }
    });
});

// XLSX input for the CSV kinds: a workbook written by test/support/xlsx-writer.ts (not by the reading library)
// imports incidents like the same CSV would, refusals name the sheet's row numbers, and a damaged workbook is
// a 400 with a reason. On a writable copy of the test county.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import type { Database } from '../../server/db/database.js';
import { databaseFingerprint } from '../../server/db/fingerprint.js';
import { openSignedInCountyCopy } from '../support/writable-county.js';
import { writeXlsx } from '../support/xlsx-writer.js';
import { type Requester } from '../support/session.js';

let db: Database;
let dispose: () => void;
let app: ReturnType<typeof createApp>;
let request: Requester;
beforeAll(async () => {
  ({ db, app, request, dispose } = await openSignedInCountyCopy('admin'));
});
afterAll(() => dispose());

const post = async (path: string, body: Buffer) => {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(body)]), 'ledger.xlsx');
  const res = await request(path, { method: 'POST', body: form });
  return { status: res.status, body: (await res.json()) as any };
};

describe('XLSX import', () => {
  it('imports incidents from the first sheet; refusals carry the sheet row', async () => {
    const pts = await db.query<{ lon: number; lat: number; grid_code: string }>('SELECT lon, lat, grid_code FROM incidents ORDER BY id LIMIT 3');
    const rows: (string | number | null)[][] = [['编号', '类别', '时间', '经度', '纬度', '描述'], ...pts.map((p, i) => [`X${i}`, '盗窃', '2026-05-01 10:00', p.lon, p.lat, '表格导入'])];
    const bad = writeXlsx([...rows, ['X9', '飞碟', '2026-05-01 10:00', pts[0].lon, pts[0].lat, null]]);
    const before = await databaseFingerprint(db);
    const refused = await post('/api/import/incidents', bad);
    expect(refused.status).toBe(400);
    expect(refused.body.rejected).toEqual([expect.objectContaining({ line: 5, reason: expect.stringMatching(/unknown category "飞碟"/) })]);
    expect(await databaseFingerprint(db)).toBe(before);
    const ok = await post('/api/import/incidents?dryRun=true', writeXlsx(rows));
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.preview.map((r: any) => r.gridCode)).toEqual(pts.map((p) => p.grid_code));
    const done = await post('/api/import/incidents', writeXlsx(rows));
    expect(done.body).toMatchObject({ committed: true, imported: 3 });
  });

  it('refuses a damaged workbook with a reason', async () => {
    const broken = Buffer.concat([writeXlsx([['a']]).subarray(0, 60), Buffer.alloc(40)]);
    const { status, body } = await post('/api/import/sites', broken);
    expect(status).toBe(400);
    expect(body.error).toMatch(/XLSX workbook but is damaged or incomplete/);
    expect(body.errorZh).toMatch(/已损坏或不完整/);
  });
});

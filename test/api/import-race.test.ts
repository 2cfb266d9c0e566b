// An import locates its rows in the grids while it checks the file, then queues for the write lock. If a
// polygon import commits in that gap, the located grid codes are stale: the import must refuse (and write
// nothing) rather than commit rows in grids that no longer exist. The gap is held open here by holding the lock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import type { Database } from '../../server/db/database.js';
import { databaseFingerprint } from '../../server/db/fingerprint.js';
import { afterImport } from '../../server/import/after-import.js';
import { withWriteLock } from '../../server/import/write-lock.js';
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

async function csv(): Promise<string> {
  const [g] = await db.query<{ lon: number; lat: number }>("SELECT lon, lat FROM incidents WHERE grid_code LIKE '220822001%' LIMIT 1");
  return `编号,类别,时间,经度,纬度\nRACE-1,盗窃,2026-11-01 10:00,${g.lon},${g.lat}\n`;
}
const importCsv = async (text: string) => {
  const res = await request('/api/import/incidents?crs=wgs84', { method: 'POST', body: text, headers: { 'content-type': 'text/csv; charset=utf-8' } });
  return { status: res.status, body: (await res.json()) as any };
};

describe('an import racing a polygon import', () => {
  it('refuses when the grids were replaced after its rows were located, and writes nothing', async () => {
    const text = await csv();
    const before = await databaseFingerprint(db);
    let release!: () => void;
    const held = withWriteLock(db, () => new Promise<void>((r) => (release = r)));
    const pending = importCsv(text);
    await new Promise((r) => setTimeout(r, 300)); // the file is checked and the import waits for the lock
    afterImport(db, ['areas']); // what a polygon import does when it commits
    release();
    await held;
    const { status, body } = await pending;
    expect(status).toBe(400);
    expect(body.error ?? body.fileError).toMatch(/grid polygons were replaced/);
    expect(await databaseFingerprint(db)).toBe(before);
  });
  it('commits the same file when nothing changed in between (the control)', async () => {
    const { status, body } = await importCsv(await csv());
    expect(status).toBe(200);
    expect(body.imported).toBe(1);
  });
});

// The newest report time is kept per incidents data version (server/db/newest-report.ts): it equals the
// column's max, and it moves once an incident write bumps the version (as every import and live report does),
// for patrol risk's "now" and the KPI strip's "as of" alike.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.js';
import { bumpDataVersion } from '../../server/db/data-version.js';
import { newestReportMs } from '../../server/db/newest-report.js';
import { lastIncidentMs } from '../../server/routes/patrol/patrol.data.js';
import { summaryKpis } from '../../server/routes/incidents/incidents.queries.js';
import { openWritableCountyCopy } from '../support/writable-county.js';

let db: Database;
let dispose: () => void;
beforeAll(async () => {
  ({ db, dispose } = await openWritableCountyCopy());
}, 60_000);
afterAll(() => dispose?.());

it('is the newest reported_at, and moves with the incidents version', async () => {
  const max = async () => Number((await db.query<{ ms: number }>('SELECT epoch_ms(max(reported_at)) ms FROM incidents'))[0].ms);
  const before = await max();
  expect(await newestReportMs(db)).toBe(before);
  expect(await lastIncidentMs(db)).toBe(before);
  expect((await summaryKpis(db, {}, null)).asOf).toBe(new Date(before).toISOString());
  const later = new Date(before + 3_600_000).toISOString().replace('T', ' ').replace('Z', '');
  const [row] = await db.query<{ id: number; grid_code: string; village_code: string; township_code: string }>('SELECT max(id) + 1 AS id, any_value(grid_code) grid_code, any_value(village_code) village_code, any_value(township_code) township_code FROM incidents');
  await db.query(
    `INSERT INTO incidents (id, category, title, lon, lat, cell_x, cell_y, grid_code, village_code, township_code, reported_at, due_at, status)
     VALUES (?, 'theft', 'newest', 122.5, 44.5, 0, 0, ?, ?, ?, CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP), 'reported')`,
    [Number(row.id), row.grid_code, row.village_code, row.township_code, later, later],
  );
  bumpDataVersion(db, ['incidents']); // as afterImport and a live report do
  expect(await max()).toBe(before + 3_600_000);
  expect(await newestReportMs(db)).toBe(before + 3_600_000);
  expect(await lastIncidentMs(db)).toBe(before + 3_600_000);
  expect((await summaryKpis(db, {}, null)).asOf).toBe(new Date(before + 3_600_000).toISOString());
});

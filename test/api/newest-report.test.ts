// The newest report time is kept per incidents data version (server/db/newest-report.ts): it equals the
// column's max, and it moves once an incident write bumps the version (as every import and live report does),
// for patrol risk's "now" and the KPI strip's "as of" alike.
import { expect, it } from 'vitest';
import { bumpDataVersion } from '../../server/db/data-version.js';
import { newestReportMs } from '../../server/db/newest-report.js';
import { lastIncidentMs } from '../../server/routes/patrol/patrol.data.js';
import { summaryKpis } from '../../server/routes/incidents/incidents.queries.js';
import { useWritableCounty } from '../support/writable-county.js';

const county = useWritableCounty();

it('is the newest reported_at, and moves with the incidents version', async () => {
  const max = async () => Number((await county.db.query<{ ms: number }>('SELECT epoch_ms(max(reported_at)) ms FROM incidents'))[0].ms);
  const before = await max();
  expect(await newestReportMs(county.db)).toBe(before);
  expect(await lastIncidentMs(county.db)).toBe(before);
  expect((await summaryKpis(county.db, {}, null)).asOf).toBe(new Date(before).toISOString());
  const later = new Date(before + 3_600_000).toISOString().replace('T', ' ').replace('Z', '');
  const [row] = await county.db.query<{ id: number; grid_code: string; village_code: string; township_code: string }>('SELECT max(id) + 1 AS id, any_value(grid_code) grid_code, any_value(village_code) village_code, any_value(township_code) township_code FROM incidents');
  await county.db.query(
    `INSERT INTO incidents (id, category, title, lon, lat, cell_x, cell_y, grid_code, village_code, township_code, reported_at, due_at, status)
     VALUES (?, 'theft', 'newest', 122.5, 44.5, 0, 0, ?, ?, ?, CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP), 'reported')`,
    [Number(row.id), row.grid_code, row.village_code, row.township_code, later, later],
  );
  bumpDataVersion(county.db, ['incidents']); // as afterImport and a live report do
  expect(await max()).toBe(before + 3_600_000);
  expect(await newestReportMs(county.db)).toBe(before + 3_600_000);
  expect(await lastIncidentMs(county.db)).toBe(before + 3_600_000);
  expect((await summaryKpis(county.db, {}, null)).asOf).toBe(new Date(before + 3_600_000).toISOString());
});

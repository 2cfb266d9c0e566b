// Emerging-pattern labels do not flip when the data's last day moves: one live report on 1 December (the
// test county's data end on 20 November) must not add a one-day "December" slice to the trend. On a
// private writable copy of the test county; the patterns before the report, over the same whole slices,
// are the reference.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import type { Database } from '../../server/db/database.js';
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

const get = async (path: string) => {
  const res = await request(path);
  expect(res.status, path).toBe(200);
  return (await res.json()) as { slices: { start: string; end: string }[]; cells: { id: string; pattern: string }[]; summary: Record<string, number> };
};
const patterns = (e: { cells: { id: string; pattern: string }[] }) => Object.fromEntries(e.cells.map((c) => [c.id, c.pattern]));

describe('emerging hot spots when the data end moves', () => {
  it('one report a few days past the last whole slice changes no pattern (monthly and weekly)', async () => {
    // Before the report: the whole months up to November and the whole weeks up to Sunday 29 November.
    const monthly = await get('/api/hotspots/emerging?unit=village&step=month&from=2024-01-01&to=2026-11-30');
    const weekly = await get('/api/hotspots/emerging?unit=village&step=week&from=2025-06-02&to=2026-11-29');
    expect(monthly.slices.at(-1)).toEqual({ start: '2026-11-01', end: '2026-11-30' });
    expect(monthly.cells.length, 'villages with a pattern to keep').toBeGreaterThan(10);

    const village = (await db.query<{ centre_lon: number; centre_lat: number }>('SELECT centre_lon, centre_lat FROM grids ORDER BY code LIMIT 1'))[0];
    const res = await request('/api/reports', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ category: 'theft', title: '电动车被盗', reportedAt: '2026-12-01 08:30', lon: village.centre_lon, lat: village.centre_lat }),
    });
    expect(res.status).toBe(201);
    const range = (await (await request('/api/meta')).json()) as { dataRange: { to: string } };
    expect(range.dataRange.to).toBe('2026-12-01');

    // After it, over the open-ended window (the data end, 1 December): December is one day, not a slice.
    const monthlyAfter = await get('/api/hotspots/emerging?unit=village&step=month&from=2024-01-01');
    const weeklyAfter = await get('/api/hotspots/emerging?unit=village&step=week&from=2025-06-02');
    expect(monthlyAfter.slices).toEqual(monthly.slices);
    expect(weeklyAfter.slices).toEqual(weekly.slices);
    expect(patterns(monthlyAfter)).toEqual(patterns(monthly));
    expect(patterns(weeklyAfter)).toEqual(patterns(weekly));
  });

  it('leaves out a cut first and last slice, keeps whole ones', async () => {
    const e = await get('/api/hotspots/emerging?unit=village&step=month&from=2025-01-15&to=2025-12-20');
    expect(e.slices[0]).toEqual({ start: '2025-02-01', end: '2025-02-28' });
    expect(e.slices.at(-1)).toEqual({ start: '2025-11-01', end: '2025-11-30' });
    expect(e.slices).toHaveLength(10);
  });
});

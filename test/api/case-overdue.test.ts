// "Overdue" has one definition: open past its deadline at the jurisdiction clock's now (shared/time/clock.ts,
// server/cases/deadlines.ts). The leaders' KPIs (summary, ranking, supervision) and the case list answer the same
// count for the same filter, and both equal a count made here from the rows themselves. The clock is set 20 days
// past the data's last report, so a figure judged at the data's end (as the KPIs were) or at the wall clock (as the
// list was) would differ.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.js';
import { useClockSource } from '../../shared/time/clock.js';
import { localMidnight } from '../../shared/time/clock.js';
import type { Requester } from '../support/session.js';
import { openSignedInCountyCopy } from '../support/writable-county.js';

const DAY = 86_400_000;
let db: Database;
let request: Requester;
let dispose: () => void;
let now: number;
let township: string;
let village: string;
beforeAll(async () => {
  ({ db, request, dispose } = await openSignedInCountyCopy('county_leader'));
  const [{ end }] = await db.query<{ end: number }>('SELECT epoch_ms(max(reported_at))::DOUBLE AS "end" FROM incidents');
  now = Number(end) + 20 * DAY;
  useClockSource(() => now);
  [{ code: township }] = await db.query<{ code: string }>('SELECT township_code code FROM incidents GROUP BY 1 ORDER BY count(*) DESC LIMIT 1');
  [{ code: village }] = await db.query<{ code: string }>('SELECT village_code code FROM incidents WHERE township_code = ? GROUP BY 1 ORDER BY count(*) DESC LIMIT 1', [township]);
});
afterAll(() => {
  useClockSource();
  dispose();
});

const get = async (path: string) => {
  const r = await request(path);
  expect(r.status, path).toBe(200);
  return r.json() as Promise<any>;
};

/** The oracle: the rows that match, counted here (open and due before now). */
async function countedFromRows(f: { code?: string; categories?: string[]; from?: string; to?: string }): Promise<number> {
  const rows = await db.query<{ status: string; due: number; reported: number; grid_code: string; category: string }>(
    'SELECT status, epoch_ms(due_at)::DOUBLE due, epoch_ms(reported_at)::DOUBLE reported, grid_code, category FROM incidents');
  const from = f.from ? localMidnight(f.from) : -Infinity, to = f.to ? localMidnight(f.to) + DAY : Infinity;
  return rows.filter((r) => (!f.code || r.grid_code.startsWith(f.code)) && (!f.categories || f.categories.includes(r.category)) && r.reported >= from && r.reported < to
    && r.status !== 'closed' && Number(r.due) < now).length;
}

describe('overdue, one definition', () => {
  const filters = () => [
    {},
    { code: township },
    { code: village },
    { categories: ['dispute', 'theft'] },
    { from: '2026-06-01', to: '2026-11-20' },
    { code: township, categories: ['dispute'], from: '2026-01-01', to: '2026-12-31' },
  ];
  const query = (f: Record<string, unknown>) => Object.entries(f).map(([k, v]) => `${k}=${encodeURIComponent(Array.isArray(v) ? v.join(',') : String(v))}`).join('&');

  it('the KPI overdue count equals the case list’s overdue total, and the rows counted, for the same filter', async () => {
    for (const f of filters()) {
      const qs = query(f);
      const expected = await countedFromRows(f);
      const summary = await get(`/api/incidents/summary?${qs}`);
      const list = await get(`/api/cases?overdue=1&pageSize=1&${qs}`);
      const supervision = await get(`/api/stats/supervision?${qs}`);
      expect(list.total, `list ${qs}`).toBe(expected);
      expect(summary.overdue, `summary ${qs}`).toBe(expected);
      expect(supervision.totals.overdue, `supervision ${qs}`).toBe(expected);
      if (!('code' in f) || f.code === township) {
        const ranking = await get(`/api/stats/ranking?level=${'code' in f ? 'village' : 'township'}&${qs}`);
        expect(ranking.rows.reduce((n: number, r: { overdue: number }) => n + r.overdue, 0), `ranking ${qs}`).toBe(expected);
      }
      // and the list's rows say overdue where it counts them
      const page = await get(`/api/cases?overdue=1&pageSize=20&${qs}`);
      for (const c of page.items) expect(c.overdue && Date.parse(c.dueAt) < now).toBe(true);
    }
  });

  it('judges at the clock: the data’s last report would count fewer (so the test can tell the two apart)', async () => {
    const [{ end }] = await db.query<{ end: number }>('SELECT epoch_ms(max(reported_at))::DOUBLE AS "end" FROM incidents');
    const [{ n }] = await db.query<{ n: number }>("SELECT count(*)::INTEGER n FROM incidents WHERE status <> 'closed' AND epoch_ms(due_at) >= ? AND epoch_ms(due_at) < ?", [Number(end), now]);
    expect(n).toBeGreaterThan(0);
  });
});

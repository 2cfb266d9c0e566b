// KPIs read off the workflow, against figures computed by hand for four small histories: two closed after 2 and
// 4 days (one resolved), one left open past its deadline (and so escalated by the job), one open within it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transition } from '../../server/cases/case-store.js';
import { escalateOverdue } from '../../server/cases/escalation-job.js';
import { seedHistory } from '../../server/cases/seed-history.js';
import { Database, SCHEMA_SQL } from '../../server/db/database.js';
import type { SessionUser } from '../../shared/domain/roles.js';
import { summaryKpis } from '../../server/routes/incidents/incidents.queries.js';
import { useClockSource } from '../../shared/time/clock.js';

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-01T02:00:00Z');
const GRID = '220822100001001';
const township: SessionUser = { id: 1, username: 'zhang', displayName: '张', role: 'township_leader', scopeCode: '220822100' };
const member: SessionUser = { id: 2, username: 'li', displayName: '李', role: 'grid_member', scopeCode: GRID };
let db: Database;
const ts = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

beforeAll(async () => {
  db = await Database.open(':memory:');
  await db.exec(SCHEMA_SQL);
  const add = (id: number, reported: number) => db.query(
    `INSERT INTO incidents (id, category, lon, lat, cell_x, cell_y, grid_code, village_code, township_code, reported_at, due_at, status)
     VALUES (?, 'dispute', 122.8, 44.8, 0, 0, ?, ?, ?, ?::TIMESTAMP, ?::TIMESTAMP, 'reported')`, [id, GRID, GRID.slice(0, 12), GRID.slice(0, 9), ts(reported), ts(reported + 15 * DAY)]);
  await add(1, T0); await add(2, T0); await add(3, T0 - 20 * DAY); await add(4, T0);
  await db.transaction((con) => seedHistory(con, 'true', [], 'test'));
  const walk = async (id: number, closeAfterDays: number, resolved: boolean) => {
    const at = T0 + closeAfterDays * DAY;
    for (const [u, action, extra] of [[township, 'accept', {}], [township, 'dispatch', { assignee: 'li' }], [member, 'handle', {}], [township, 'check', {}], [township, 'close', { resolved }]] as const) {
      const r = await transition(db, u, id, { action, ...extra }, action === 'close' ? at : T0 + DAY);
      expect(r.ok, JSON.stringify(r)).toBe(true);
    }
  };
  await walk(1, 2, true);
  await walk(2, 4, false);
  await db.transaction((con) => escalateOverdue(con, T0));
  useClockSource(() => T0 + 4 * DAY); // overdue is judged at the clock's now: after the closures, before case 4's deadline
});
afterAll(() => {
  useClockSource();
  db.close();
});

describe('KPIs from the case histories', () => {
  it('closure 2/4, resolution 1/2, one overdue and escalated, 3 days to close on average', async () => {
    const k = await summaryKpis(db, {}, null);
    expect(k).toMatchObject({ total: 4, closed: 2, closureRate: 0.5, resolved: 1, resolutionRate: 0.5, open: 2, overdue: 1, escalated: 1, supervised: 0, avgCloseDays: 3 });
    const history = await db.query<{ case_id: number; actions: string }>(`SELECT case_id, string_agg(action, ',' ORDER BY seq) actions FROM case_transitions GROUP BY 1 ORDER BY 1`);
    expect(history.map((h) => h.actions)).toEqual(['report,accept,dispatch,handle,check,close', 'report,accept,dispatch,handle,check,close', 'report,escalate', 'report']);
  });
});

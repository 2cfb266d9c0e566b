// The case list's pages against the plain answer: for every sort, both orders, first / middle / last / past-the-end
// pages and several page sizes, as four roles with filters, the ids of a page equal those of
// `SELECT id … ORDER BY <sort> <order>, id <order> LIMIT … OFFSET …` and the total equals count(*) — the list
// finds its page ids first, sorts by a column of few values group by group and keeps totals by data version, so
// each of those is checked against the query they replace. Then the kept total follows a change of the data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_SORTS, caseWhere, listCases, type CaseListQuery, type CaseSort } from '../../server/cases/case-list.js';
import { bumpDataVersion } from '../../server/db/data-version.js';
import type { Database } from '../../server/db/database.js';
import type { SessionUser } from '../../shared/domain/roles.js';
import { openWritableCountyCopy } from '../support/writable-county.js';

let db: Database;
let dispose: () => void;
let users: SessionUser[];
beforeAll(async () => {
  ({ db, dispose } = await openWritableCountyCopy());
  const [{ code: township }] = await db.query<{ code: string }>('SELECT township_code code FROM incidents GROUP BY 1 ORDER BY count(*) DESC LIMIT 1');
  const [{ code: grid }] = await db.query<{ code: string }>('SELECT grid_code code FROM incidents WHERE township_code = ? GROUP BY 1 ORDER BY count(*) DESC LIMIT 1', [township]);
  // some cases at higher tiers, some with no tier recorded (NULL sorts last), so every sort has ties and groups
  await db.query("UPDATE incidents SET level = 'township' WHERE id % 7 = 0 AND status <> 'closed'");
  await db.query("UPDATE incidents SET level = 'county' WHERE id % 11 = 0 AND status <> 'closed'");
  await db.query('UPDATE incidents SET level = NULL WHERE id % 13 = 0');
  bumpDataVersion(db, ['cases']);
  users = [
    { id: 1, username: 'c', displayName: 'c', role: 'county_leader', scopeCode: township.slice(0, 6) },
    { id: 2, username: 't', displayName: 't', role: 'township_leader', scopeCode: township },
    { id: 3, username: 'p', displayName: 'p', role: 'planner', scopeCode: township.slice(0, 6) },
    { id: 4, username: 'g', displayName: 'g', role: 'grid_member', scopeCode: grid },
  ];
});
afterAll(() => dispose());

const NOW = Date.parse('2026-11-25T00:00:00Z');

async function plain(user: SessionUser, q: CaseListQuery) {
  const w = caseWhere(user, q, NOW);
  const dir = q.order.toUpperCase();
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::INTEGER n FROM incidents WHERE ${w.sql}`, w.params);
  const ids = await db.query<{ id: number }>(`SELECT id FROM incidents WHERE ${w.sql} ORDER BY ${CASE_SORTS[q.sort]} ${dir} NULLS LAST, id ${dir} LIMIT ? OFFSET ?`,
    [...w.params, q.pageSize, (q.page - 1) * q.pageSize]);
  return { total: n, ids: ids.map((r) => Number(r.id)) };
}

describe('case list pages', () => {
  it('equal the plain ORDER BY … LIMIT … OFFSET answer for every sort, order, page and role', async () => {
    const filters: Partial<CaseListQuery>[] = [{}, { status: ['reported', 'accepted', 'handled'] }, { queue: 'mine' }, { overdue: true }, { overdue: false, categories: ['dispute', 'theft', 'petition'] }];
    let compared = 0;
    for (const user of users) {
      for (const f of filters) {
        for (const sort of Object.keys(CASE_SORTS) as CaseSort[]) {
          for (const order of ['asc', 'desc'] as const) {
            const base: CaseListQuery = { sort, order, page: 1, pageSize: 50, ...f };
            const { total } = await plain(user, base);
            const pageSize = [50, 7, 200][compared % 3];
            const last = Math.max(1, Math.ceil(total / pageSize));
            for (const page of [...new Set([1, 2, Math.ceil(last / 2), last, last + 1])]) {
              const q = { ...base, page, pageSize };
              const got = await listCases(db, user, q, NOW);
              const want = await plain(user, q);
              const label = `${user.role} ${JSON.stringify(f)} ${sort} ${order} page ${page}×${pageSize}`;
              expect(got.total, label).toBe(want.total);
              expect(got.items.map((i) => i.id), label).toEqual(want.ids);
              compared++;
            }
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(500);
  }, 600_000);

  it('leaves petition cases out for roles without petitions.text', async () => {
    const planner = users[2];
    const got = await listCases(db, planner, { sort: 'category', order: 'desc', page: 1, pageSize: 200, categories: ['petition'] }, NOW);
    expect(got.total).toBe(0);
    const county = await listCases(db, users[0], { sort: 'category', order: 'desc', page: 1, pageSize: 200, categories: ['petition'] }, NOW);
    expect(county.total).toBeGreaterThan(0);
  });

  it('a kept total follows a change of the data', async () => {
    const user = users[1];
    const q: CaseListQuery = { sort: 'reportedAt', order: 'desc', page: 1, pageSize: 10, status: ['reported'] };
    const before = (await listCases(db, user, q, NOW)).total;
    expect((await listCases(db, user, q, NOW)).total).toBe(before); // kept
    const [{ id }] = await db.query<{ id: number }>("SELECT id FROM incidents WHERE status = 'closed' AND starts_with(grid_code, ?) LIMIT 1", [user.scopeCode]);
    await db.query("UPDATE incidents SET status = 'reported' WHERE id = ?", [id]);
    bumpDataVersion(db, ['cases']); // what every case write does (case-store.ts)
    expect((await listCases(db, user, q, NOW)).total).toBe(before + 1);
  });
});

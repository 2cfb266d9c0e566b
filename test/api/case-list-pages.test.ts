// The case list's pages against the plain answer: for every sort, both orders, first / middle / last / past-the-end
// pages and several page sizes, as four roles with filters, the ids of a page equal those of
// `SELECT id … ORDER BY <sort> <order>, id <order> LIMIT … OFFSET …` and the total equals count(*) — the list
// finds its page ids first, sorts by a column of few values group by group and keeps totals by data version, so
// each of those is checked against the query they replace. Then the kept total follows a change of the data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_SORTS, caseWhere, decodeCursor, listCases, type CaseListQuery, type CaseSort } from '../../server/cases/case-list.js';
import { bumpDataVersion } from '../../server/db/data-version.js';
import type { Database } from '../../server/db/database.js';
import type { SessionUser } from '../../shared/domain/roles.js';
import { openWritableCountyCopy } from '../support/writable-county.js';
import { seeded } from '../bench/stats.js';

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

  it('read by cursor, page after page, equal the plain pages for every sort, order and role, ties included', async () => {
    // ties on every time sort key: some cases share their neighbour's report and due times exactly
    await db.query('UPDATE incidents SET reported_at = (SELECT reported_at FROM incidents j WHERE j.id = incidents.id - 1), due_at = (SELECT due_at FROM incidents j WHERE j.id = incidents.id - 1) WHERE id % 5 = 0 AND id > 1');
    // and one with a time below the millisecond (a cursor keeps the stored microseconds)
    await db.query("UPDATE incidents SET reported_at = reported_at + INTERVAL 123 MICROSECOND WHERE id % 17 = 0");
    bumpDataVersion(db, ['cases']);
    let pages = 0;
    for (const user of users) {
      for (const f of [{ status: ['reported', 'accepted', 'handled'] }, { queue: 'mine' }, { overdue: true, categories: ['dispute', 'theft'] }] as Partial<CaseListQuery>[]) {
        for (const sort of Object.keys(CASE_SORTS) as CaseSort[]) {
          for (const order of ['asc', 'desc'] as const) {
            const pageSize = [7, 50, 200][pages % 3];
            const base: CaseListQuery = { sort, order, page: 1, pageSize, ...f };
            const { total } = await plain(user, base);
            const want = await plain(user, { ...base, pageSize: total || 1 });
            const got: number[] = [];
            let cursor: string | null = null;
            for (let page = 1; page <= 12; page++) {
              const r = await listCases(db, user, { ...base, page, cursor: cursor ? decodeCursor(cursor)! : undefined }, NOW);
              const label = `${user.role} ${JSON.stringify(f)} ${sort} ${order} page ${page}×${pageSize}`;
              expect(r.total, label).toBe(total);
              expect(r.items.map((i) => i.id), label).toEqual(want.ids.slice((page - 1) * pageSize, page * pageSize));
              got.push(...r.items.map((i) => i.id));
              pages++;
              expect(r.next === null, label).toBe(got.length >= total); // null exactly on the last page
              if (!r.next) break;
              cursor = r.next;
            }
          }
        }
      }
    }
    expect(pages).toBeGreaterThan(200);
  }, 600_000);

  it('deep offset pages found by bucket counts equal the plain answer and the top-N path: every time and id sort, order, role and page, times on a day boundary and ties', async () => {
    // times exactly at midnight (the first instant of a bucket) and ties across a bucket boundary
    await db.query("UPDATE incidents SET reported_at = date_trunc('day', reported_at) WHERE id % 23 = 0");
    await db.query("UPDATE incidents SET due_at = date_trunc('day', due_at) WHERE id % 29 = 0");
    await db.query("UPDATE incidents SET reported_at = date_trunc('day', reported_at) - INTERVAL 1 MICROSECOND WHERE id % 31 = 0");
    bumpDataVersion(db, ['cases']);
    const random = seeded(2000);
    let compared = 0;
    for (const user of users) {
      for (const f of [{}, { status: ['reported', 'accepted', 'handled'] }, { queue: 'mine' }, { overdue: true, categories: ['dispute', 'theft'] }, { from: '2025-03-01', to: '2025-09-30' }] as Partial<CaseListQuery>[]) {
        for (const sort of ['reportedAt', 'dueAt', 'id'] as const) {
          for (const order of ['asc', 'desc'] as const) {
            const pageSize = [7, 50, 200, 1][compared % 4];
            const base: CaseListQuery = { sort, order, page: 1, pageSize, ...f };
            const { total } = await plain(user, base);
            const last = Math.max(1, Math.ceil(total / pageSize));
            const pages = [1, 2, Math.ceil(last / 2), last - 1, last, last + 1, ...Array.from({ length: 3 }, () => 1 + Math.floor(random() * last))].filter((p) => p >= 1 && p <= 100_000);
            for (const page of [...new Set(pages)]) {
              const q = { ...base, page };
              const got = await listCases(db, user, q, NOW, { bucketedFrom: 0 });
              const topN = await listCases(db, user, q, NOW, { bucketedFrom: Infinity });
              const want = await plain(user, q);
              const label = `${user.role} ${JSON.stringify(f)} ${sort} ${order} page ${page}×${pageSize}`;
              expect(got.total, label).toBe(want.total);
              expect(got.items.map((i) => i.id), label).toEqual(want.ids);
              expect(got.next, label).toBe(topN.next); // the same cursor for the page after
              compared++;
            }
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(400);
    // kept bucket counts follow a change of the data: the newest case made the oldest moves every offset page by one
    const q: CaseListQuery = { sort: 'reportedAt', order: 'desc', page: 30, pageSize: 7 };
    const before = await listCases(db, users[0], q, NOW, { bucketedFrom: 0 });
    const [{ id }] = await db.query<{ id: number }>('SELECT id FROM incidents WHERE starts_with(grid_code, ?) ORDER BY reported_at DESC, id DESC LIMIT 1', [users[0].scopeCode]);
    await db.query('UPDATE incidents SET reported_at = (SELECT min(reported_at) FROM incidents) - INTERVAL 1 DAY WHERE id = ?', [id]);
    bumpDataVersion(db, ['cases']);
    const after = await listCases(db, users[0], q, NOW, { bucketedFrom: 0 });
    expect(after.items.map((i) => i.id)).toEqual((await plain(users[0], q)).ids);
    expect(after.items[0].id).toBe(before.items[1].id);
  }, 600_000);

  it('a cursor is not shifted by cases reported after it was given (offset pages are)', async () => {
    const user = users[0];
    const q: CaseListQuery = { sort: 'reportedAt', order: 'desc', page: 1, pageSize: 20 };
    const p1 = await listCases(db, user, q, NOW);
    const p2 = await listCases(db, user, { ...q, page: 2 }, NOW);
    const [{ id }] = await db.query<{ id: number }>('SELECT id FROM incidents ORDER BY reported_at LIMIT 1');
    await db.query("UPDATE incidents SET reported_at = TIMESTAMP '2030-01-01' WHERE id = ?", [id]); // now the newest
    bumpDataVersion(db, ['cases']);
    const byCursor = await listCases(db, user, { ...q, page: 2, cursor: decodeCursor(p1.next!)! }, NOW);
    expect(byCursor.items.map((i) => i.id)).toEqual(p2.items.map((i) => i.id));
    const byOffset = await listCases(db, user, { ...q, page: 2 }, NOW);
    expect(byOffset.items[0].id).toBe(p1.items[19].id);
  });

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

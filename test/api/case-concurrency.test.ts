// Simultaneous writes through the real app (HTTP handlers, sessions, rules, DuckDB file): many transitions at once on
// one case and on many cases, from several users, and transitions while another writer (a polygon import's
// re-assignment, a live report) holds the same rows in its own transaction. DuckDB refuses a second transaction
// that updates a row another one has changed ("Conflict on update"); the case writer shares the one write queue
// (case-store.ts caseWrites), so what must hold is: no 5xx; each request either applied (200) or refused (403/409,
// 400 for a dispatch without an assignee) with a reason in English and Chinese; the history has every applied
// transition once (seq 1, 2, 3, … with no gap or repeat, each step from the status the one before left) and nothing
// refused; the case's state (status, tier, history_seq) is the last history row's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointInGeometry } from '../../shared/geo/point-in-polygon.js';
import type { Database } from '../../server/db/database.js';
import { withWriteLock } from '../../server/import/write-lock.js';
import { appWithTestUsers, as, testUser } from '../support/case-users.js';
import { openWritableCountyCopy } from '../support/writable-county.js';
import { seeded } from '../bench/stats.js';

let db: Database;
let dispose: () => void;
let app: ReturnType<typeof appWithTestUsers>;
let grid: { code: string; township_code: string; centre_lon: number; centre_lat: number };
beforeAll(async () => {
  ({ db, dispose } = await openWritableCountyCopy());
  app = appWithTestUsers(db);
  grid = (await db.query<typeof grid & { geojson: string }>("SELECT code, township_code, centre_lon, centre_lat, geojson FROM grids WHERE kind = 'residential' ORDER BY code LIMIT 30"))
    .find((g) => pointInGeometry(g.centre_lon, g.centre_lat, JSON.parse((g as any).geojson)))!;
});
afterAll(() => dispose());

const ACTIONS = ['accept', 'dispatch', 'handle', 'check', 'close', 'return', 'escalate', 'supervise'] as const;

/** The desks: township and county leaders, the dispatcher and the grid member (each under the write limit). */
function desks() {
  const member = as(app, testUser('grid_member', grid.code));
  return {
    member,
    all: [
      ...Array.from({ length: 3 }, () => as(app, testUser('township_leader', grid.township_code))),
      ...Array.from({ length: 2 }, () => as(app, testUser('county_leader', grid.township_code.slice(0, 6)))),
      as(app, testUser('dispatcher', grid.township_code.slice(0, 6))),
      member,
    ],
  };
}

type Answer = { status: number; body: any };

async function checkCase(id: number, answers: Answer[]) {
  for (const a of answers) {
    expect(a.status, JSON.stringify(a.body)).toBeLessThan(500);
    expect([200, 400, 403, 409], JSON.stringify(a.body)).toContain(a.status);
    if (a.status !== 200) expect(a.body).toMatchObject({ error: expect.any(String), errorZh: expect.any(String) });
  }
  const history = await db.query<{ seq: number; action: string; from_status: string | null; to_status: string; from_level: string | null; to_level: string }>(
    'SELECT seq, action, from_status, to_status, from_level, to_level FROM case_transitions WHERE case_id = ? ORDER BY seq', [id]);
  expect(history.map((h) => h.seq)).toEqual(history.map((_, i) => i + 1));
  for (let i = 1; i < history.length; i++) {
    expect(history[i].from_status, `seq ${history[i].seq}`).toBe(history[i - 1].to_status);
    expect(history[i].from_level, `seq ${history[i].seq}`).toBe(history[i - 1].to_level);
  }
  const [state] = await db.query<{ status: string; level: string; history_seq: number }>("SELECT status, coalesce(level, 'village') AS level, history_seq FROM incidents WHERE id = ?", [id]);
  const last = history[history.length - 1];
  expect(state).toEqual({ status: last.to_status, level: last.to_level, history_seq: last.seq });
  return history;
}

describe('simultaneous transitions', () => {
  it('on one case: each applied once or refused with a reason, history and state consistent', async () => {
    const { member, all } = desks();
    const { body: { id } } = await member.post('/api/reports', { category: 'dispute', title: '多人同时办理', lon: grid.centre_lon, lat: grid.centre_lat });
    for (const d of all) await d.get(`/api/cases/${id}`); // signed in before the race
    const random = seeded(3);
    const answers: Answer[] = [];
    for (let round = 0; round < 6; round++) {
      const wave = Array.from({ length: 24 }, (_, i) => {
        const d = all[i % all.length];
        const action = ACTIONS[Math.floor(random() * ACTIONS.length)];
        return d.move(id, action, action === 'dispatch' ? { assignee: member.user.username } : {});
      });
      answers.push(...(await Promise.all(wave)));
    }
    const history = await checkCase(id, answers);
    // every 200 is one history row after the report, and no refused request left one
    expect(history.length - 1).toBe(answers.filter((a) => a.status === 200).length);
    expect(answers.filter((a) => a.status === 409).length).toBeGreaterThan(0);
  }, 240_000);

  it('on many cases at once, and while another writer holds the same rows in its own transaction', async () => {
    const { member, all } = desks();
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) ids.push((await member.post('/api/reports', { category: 'hazard', title: `并发 ${i}`, lon: grid.centre_lon, lat: grid.centre_lat })).body.id);
    for (const d of all) await d.get(`/api/cases/${ids[0]}`);
    // another writer of the same columns (the escalation job writes status, tier and history_seq; DuckDB only
    // refuses updates of the same column of a row): it updates these rows in a transaction that stays open while
    // the transitions arrive
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const holding = new Promise<void>((r) => (started = r));
    const other = withWriteLock(db, () => db.transaction(async (con) => {
      // (a real change: DuckDB lets an update that writes the same value pass); undone before its commit
      await con.run(`UPDATE incidents SET supervised = NOT coalesce(supervised, false), history_seq = history_seq + 1 WHERE id IN (${ids.join(',')})`);
      started();
      await held;
      await con.run(`UPDATE incidents SET supervised = NOT supervised, history_seq = history_seq - 1 WHERE id IN (${ids.join(',')})`);
    }));
    await holding;
    const random = seeded(7);
    const wave = Array.from({ length: 60 }, (_, i) => {
      const id = ids[Math.floor(random() * ids.length)];
      const action = (['accept', 'accept', 'supervise', 'escalate', 'dispatch'] as const)[i % 5];
      return all[i % (all.length - 1)].move(id, action, action === 'dispatch' ? { assignee: member.user.username } : {}).then((a) => ({ id, a }));
    });
    setTimeout(release, 300);
    const answers = await Promise.all(wave);
    await other;
    for (const id of ids) {
      const mine = answers.filter((x) => x.id === id).map((x) => x.a);
      const history = await checkCase(id, mine);
      expect(history.length - 1).toBe(mine.filter((a) => a.status === 200).length);
    }
    expect(answers.filter((x) => x.a.status === 200).length).toBeGreaterThan(12);
  }, 240_000);
});

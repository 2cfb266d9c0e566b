// The group writer (server/cases/case-store.ts) against the plain answer: transitions asked for at once — many on
// the same few cases, by users of every role, some out of their jurisdiction — are written in groups of one
// transaction each, and must come out exactly as if they had been decided and applied one at a time in the order
// they were asked (the oracle: case-rules.ts decide() folded over the cases' states, in call order). Compared per
// request: applied or refused, the HTTP status and reason of a refusal, the state after; then the history rows the
// database holds (appended once each, seq without gap, in the oracle's order) and each case's state columns.
// Seeded random waves; between calls the test sometimes yields to the event loop, so groups split at random points.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.js';
import { caseWriterStats, readCase, readHistory, transition, type CaseRecord, type TransitionRequest, type TransitionResult } from '../../server/cases/case-store.js';
import { photosOf, storePhoto } from '../../server/cases/attachments.js';
import { decide } from '../../server/cases/case-rules.js';
import { runEscalation } from '../../server/cases/escalation-job.js';
import type { CaseAction } from '../../shared/domain/case-workflow.js';
import type { SessionUser } from '../../shared/domain/roles.js';
import { openWritableCountyCopy } from '../support/writable-county.js';
import { seeded } from '../bench/stats.js';

let db: Database;
let dispose: () => void;
let township: string;
let users: SessionUser[];
beforeAll(async () => {
  ({ db, dispose } = await openWritableCountyCopy());
  // open cases of one township, of every status, and one of another township (refused for its leader: 403)
  const [{ t, grid }] = await db.query<{ t: string; grid: string }>(
    "SELECT township_code t, mode(grid_code) grid FROM incidents WHERE status <> 'closed' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1");
  township = t;
  users = [
    { id: 9001, username: 'gc-town', displayName: '镇', role: 'township_leader', scopeCode: t },
    { id: 9002, username: 'gc-county', displayName: '县', role: 'county_leader', scopeCode: t.slice(0, 6) },
    { id: 9003, username: 'gc-desk', displayName: '指挥中心', role: 'dispatcher', scopeCode: t.slice(0, 6) },
    { id: 9004, username: 'gc-member', displayName: '网格员', role: 'grid_member', scopeCode: grid },
    { id: 9005, username: 'gc-planner', displayName: '规划', role: 'planner', scopeCode: t.slice(0, 6) },
  ];
});
afterAll(() => dispose());

const ACTIONS: CaseAction[] = ['accept', 'dispatch', 'handle', 'check', 'close', 'return', 'escalate', 'supervise'];

/** What applying the requests one at a time, in order, gives (the rules alone, no database). */
function oracle(start: Map<number, CaseRecord>, asked: { user: SessionUser; id: number; req: TransitionRequest }[]) {
  const state = new Map(start);
  return asked.map(({ user, id, req }) => {
    const c = state.get(id)!;
    const d = decide(user, c, req.action, req);
    if (!d.ok) return { ok: false as const, httpStatus: d.httpStatus, reason: d.reason };
    const after = { ...c, ...d.change };
    state.set(id, after);
    return { ok: true as const, before: c, after };
  });
}

describe('transitions written in groups', () => {
  it('come out as if applied one at a time in the order asked: same answers, same history, same state', async () => {
    const random = seeded(1515);
    let applied = 0, refused409 = 0, refused403 = 0;
    for (let wave = 0; wave < 12; wave++) {
      // one open case of each status in the township (the grid member's grid first), one of another township
      const picked = await db.query<{ id: number }>(
        `SELECT arg_min(id, hash(id + ?)) id FROM incidents WHERE township_code = ? AND status <> 'closed' GROUP BY status, grid_code = ?
         UNION ALL (SELECT id FROM incidents WHERE township_code <> ? AND status <> 'closed' ORDER BY hash(id + ?) LIMIT 1)`, [wave, township, users[3].scopeCode, township, wave]);
      const caseIds = picked.map((r) => Number(r.id));
      const start = new Map<number, CaseRecord>();
      for (const id of caseIds) start.set(id, (await readCase(db, id))!);
      // now and then a photo on one of them: an answer shows the case's photos too
      if (wave % 3 === 0) await storePhoto(db, caseIds[wave % caseIds.length], new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, wave]), 'image/png', 'gc-member');
      const [{ rows: rowsBefore }] = await db.query<{ rows: number }>(`SELECT count(*)::INTEGER "rows" FROM case_transitions WHERE case_id IN (${caseIds.join(',')})`);
      const asked = Array.from({ length: 40 }, () => {
        const action = ACTIONS[Math.floor(random() * ACTIONS.length)];
        const req: TransitionRequest = { action, note: `wave ${wave}` };
        if (action === 'dispatch') req.assignee = random() < 0.8 ? 'gc-member' : undefined; // no assignee: 400
        return { user: users[Math.floor(random() * users.length)], id: caseIds[Math.floor(random() * caseIds.length)], req };
      });
      const want = oracle(start, asked);
      // asked in this order; now and then the event loop turns in between, so the requests fall into several groups
      const answers: Promise<TransitionResult>[] = [];
      for (const a of asked) {
        answers.push(transition(db, a.user, a.id, a.req));
        if (random() < 0.15) await new Promise((r) => setTimeout(r, random() < 0.5 ? 0 : 3));
      }
      const got = await Promise.all(answers);
      got.forEach((g, i) => {
        const w = want[i];
        const label = `wave ${wave} request ${i}: ${asked[i].user.role} ${asked[i].req.action} case ${asked[i].id}`;
        expect(g.ok, label).toBe(w.ok);
        if (!g.ok && !w.ok) expect({ status: g.httpStatus, reason: g.reason }, label).toEqual({ status: w.httpStatus, reason: w.reason });
        if (g.ok && w.ok) {
          const pick = (c: CaseRecord) => ({ status: c.status, level: c.level, assignee: c.assignee, supervised: c.supervised });
          expect(pick(g.before), label).toEqual(pick(w.before));
          expect(pick(g.after), label).toEqual(pick(w.after));
        }
      });
      // the database: the applied ones appended once each, in the order asked, numbered on from the case's last seq
      const rows = await db.query<{ case_id: number; seq: number; action: string; actor_id: number; from_status: string; to_status: string; note: string }>(
        `SELECT case_id, seq, action, actor_id, from_status, to_status, note FROM case_transitions WHERE case_id IN (${caseIds.join(',')}) AND note = ? ORDER BY case_id, seq`, [`wave ${wave}`]);
      const appliedHere = asked.map((a, i) => ({ a, w: want[i] })).filter((x) => x.w.ok);
      expect(rows.length).toBe(appliedHere.length);
      const [{ rows: rowsAfter }] = await db.query<{ rows: number }>(`SELECT count(*)::INTEGER "rows" FROM case_transitions WHERE case_id IN (${caseIds.join(',')})`);
      expect(rowsAfter - rowsBefore).toBe(appliedHere.length); // nothing refused left a row
      for (const id of caseIds) {
        const mine = appliedHere.filter((x) => x.a.id === id);
        const theirs = rows.filter((r) => Number(r.case_id) === id);
        expect(theirs.map((r) => [r.action, Number(r.actor_id), r.from_status, r.to_status])).toEqual(
          mine.map((x) => [x.a.req.action, x.a.user.id, x.w.ok && x.w.before.status, x.w.ok && x.w.after.status]));
        const seqs = theirs.map((r) => r.seq);
        expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));
        const now = (await readCase(db, id))!;
        const last = mine.at(-1);
        const expected = last && last.w.ok ? last.w.after : start.get(id)!;
        expect({ status: now.status, level: now.level, assignee: now.assignee, supervised: now.supervised }, `case ${id}`).toEqual(
          { status: expected.status, level: expected.level, assignee: expected.assignee, supervised: expected.supervised });
        const [{ hs, mx }] = await db.query<{ hs: number; mx: number }>('SELECT (SELECT history_seq FROM incidents WHERE id = ?) hs, (SELECT max(seq) FROM case_transitions WHERE case_id = ?) mx', [id, id]);
        expect(hs).toBe(mx);
      }
      // each applied answer carries its case's history up to and including its own row, and the case's photos,
      // from the group's transaction (the route answers with them, no read after the commit): the same rows a
      // read of the committed case gives, cut at the answer's own seq
      for (const id of caseIds) {
        const history = await readHistory(db, id), photos = await photosOf(db, id);
        for (const [i, g] of got.entries()) {
          if (!g.ok || asked[i].id !== id) continue;
          const own = g.trail.history.at(-1)!;
          expect(own, `wave ${wave} request ${i}`).toMatchObject({ action: asked[i].req.action, note: `wave ${wave}`, actor: { id: asked[i].user.id, role: asked[i].user.role }, fromStatus: g.before.status, toStatus: g.after.status });
          expect(g.trail.history, `wave ${wave} request ${i}`).toEqual(history.slice(0, history.findIndex((h) => h.seq === own.seq) + 1));
          expect(g.trail.photos, `wave ${wave} request ${i}`).toEqual(photos);
        }
      }
      applied += appliedHere.length;
      refused409 += got.filter((g) => !g.ok && g.httpStatus === 409).length;
      refused403 += got.filter((g) => !g.ok && g.httpStatus === 403).length;
    }
    // the waves exercised every kind of answer
    expect(applied).toBeGreaterThan(40);
    expect(refused409).toBeGreaterThan(20);
    expect(refused403).toBeGreaterThan(20);
  }, 240_000);
});

describe('a group whose transaction fails', () => {
  it('keeps nothing of it, then writes its requests one by one: the valid ones are applied, only the failing one errs', async () => {
    const county = users[1];
    const picked = await db.query<{ id: number }>(`SELECT id FROM incidents WHERE township_code = ? AND status <> 'closed' AND NOT coalesce(supervised, false) ORDER BY id DESC LIMIT 4`, [township]);
    const [held, ...others] = picked.map((r) => Number(r.id));
    const historyOf = async (id: number) => (await db.query<{ seq: number; note: string | null }>('SELECT seq, note FROM case_transitions WHERE case_id = ? ORDER BY seq', [id])).map((r) => [r.seq, r.note]);
    const before = new Map<number, (string | number | null)[][]>();
    for (const id of picked.map((r) => Number(r.id))) before.set(id, await historyOf(id));
    // another transaction, outside the write queue, has changed the held case and not committed: DuckDB refuses
    // the group's UPDATE of that row ("Conflict on update"), which fails the group's whole transaction
    const con = await db.dedicatedConnection();
    await con.run('BEGIN TRANSACTION');
    await con.run('UPDATE incidents SET history_seq = history_seq + 100 WHERE id = ?', [held]);
    const stats0 = caseWriterStats(db);
    try {
      // asked in one turn: one group
      const answers = [held, ...others].map((id) => transition(db, county, id, { action: 'supervise', note: `failing group ${id}` }).then((r) => ({ r }), (e: unknown) => ({ e })));
      const got = await Promise.all(answers);
      expect(got[0]).toHaveProperty('e');
      expect(String((got[0] as { e: Error }).e.message)).toMatch(/conflict/i);
      for (const [i, id] of others.entries()) {
        const g = got[i + 1] as { r: TransitionResult };
        expect(g.r?.ok, `case ${id}`).toBe(true);
        // its row once, numbered on from the case's last, and the case's state says so
        expect(await historyOf(id)).toEqual([...before.get(id)!, [(before.get(id)!.at(-1)![0] as number) + 1, `failing group ${id}`]]);
        expect((await readCase(db, id))!.supervised).toBe(true);
      }
      const stats1 = caseWriterStats(db);
      expect(stats1.retriedAlone - stats0.retriedAlone).toBe(1);
      expect(stats1.groups - stats0.groups).toBe(1);
    } finally {
      await con.run('ROLLBACK');
      con.closeSync();
    }
    // the failing case: nothing of the failed group nor of its own retry
    expect(await historyOf(held)).toEqual(before.get(held));
    const [{ hs, mx }] = await db.query<{ hs: number; mx: number }>('SELECT (SELECT history_seq FROM incidents WHERE id = ?) hs, (SELECT max(seq) FROM case_transitions WHERE case_id = ?) mx', [held, held]);
    expect(hs).toBe(mx);
    expect((await readCase(db, held))!.supervised).toBe(false);
    // and the writer goes on: the held case can be moved now
    const again = await transition(db, county, held, { action: 'supervise', note: 'after the conflict' });
    expect(again.ok).toBe(true);
  }, 120_000);
});

describe('how requests are grouped', () => {
  it('requests asked while a group is written, and those its desks ask on its answers, go in one next group', async () => {
    const county = users[1];
    const picked = (await db.query<{ id: number }>(`SELECT id FROM incidents WHERE township_code = ? AND status <> 'closed' ORDER BY hash(id + 77) LIMIT 30`, [township])).map((r) => Number(r.id));
    const ask = (ids: number[]) => ids.map((id) => transition(db, county, id, { action: 'supervise', note: 'grouping' }));
    const stats0 = caseWriterStats(db);
    const first = ask(picked.slice(0, 10));
    // the first group is taken (after its quiet pause); ten more come while it is written
    while (caseWriterStats(db).groups === stats0.groups) await new Promise((r) => setImmediate(r));
    const during = ask(picked.slice(10, 20));
    // the first group's desks ask again a moment after their answers (over HTTP: the answer's way back, the next
    // request's way in)
    const again = Promise.all(first).then(() => new Promise((r) => setTimeout(r, 1))).then(() => Promise.all(ask(picked.slice(20, 30))));
    const got = [...(await Promise.all(first)), ...(await Promise.all(during)), ...(await again)];
    expect(got.every((g) => g.ok)).toBe(true);
    const stats1 = caseWriterStats(db);
    // two groups: the first ten, then the twenty together (not 10, 10, 10)
    expect(stats1.groups - stats0.groups).toBe(2);
    expect(stats1.transitions - stats0.transitions).toBe(30);
    expect(stats1.sizes['17-32'] - stats0.sizes['17-32']).toBe(1);
  }, 60_000);
});

describe('a dispatch the route checks further', () => {
  it('is checked on the case the group decides it on: a refused one keeps nothing, the others of its group are applied', async () => {
    const desk = users[2];
    const accepted = (await db.query<{ id: number }>(`SELECT id FROM incidents WHERE township_code = ? AND status = 'reported' ORDER BY hash(id + 5) LIMIT 4`, [township])).map((r) => Number(r.id));
    expect(accepted.length).toBe(4);
    for (const id of accepted) expect((await transition(db, desk, id, { action: 'accept' })).ok).toBe(true);
    const seen: { id: number; status: string; name: string }[] = [];
    const check = async (c: CaseRecord, name: string) => {
      seen.push({ id: c.id, status: c.status, name });
      return name === 'nobody' ? { ok: false as const, httpStatus: 409 as const, reason: 'no such person', reasonZh: '无此人', why: 'assignee' as const } : null;
    };
    const rowsOf = async (id: number) => (await db.query<{ n: number }>('SELECT count(*)::INTEGER n FROM case_transitions WHERE case_id = ?', [id]))[0].n;
    const before = await Promise.all(accepted.map(rowsOf));
    const stats0 = caseWriterStats(db);
    // one group: dispatches to a person, to 'nobody', a second dispatch of the first case (409: no longer accepted),
    // and a 督办 (not a dispatch: not checked) by the county leader
    const got = await Promise.all([
      transition(db, desk, accepted[0], { action: 'dispatch', assignee: 'gc-member' }, undefined, check),
      transition(db, desk, accepted[1], { action: 'dispatch', assignee: 'nobody' }, undefined, check),
      transition(db, desk, accepted[2], { action: 'dispatch', assignee: 'gc-member' }, undefined, check),
      transition(db, desk, accepted[0], { action: 'dispatch', assignee: 'nobody' }, undefined, check),
      transition(db, users[1], accepted[3], { action: 'supervise', note: 'not a dispatch: not checked' }, undefined, check),
    ]);
    expect(caseWriterStats(db).groups - stats0.groups).toBe(1);
    expect(got.map((g) => (g.ok ? 200 : g.httpStatus))).toEqual([200, 409, 200, 409, 200]);
    expect(got[1]).toMatchObject({ reason: 'no such person', why: 'assignee' });
    expect(got[3]).toMatchObject({ reason: expect.stringMatching(/only a case that is accepted/) });
    // asked only for the dispatches the rules allowed, on the state each was decided on
    expect(seen).toEqual([{ id: accepted[0], status: 'accepted', name: 'gc-member' }, { id: accepted[1], status: 'accepted', name: 'nobody' }, { id: accepted[2], status: 'accepted', name: 'gc-member' }]);
    const after = await Promise.all(accepted.map(rowsOf));
    expect(after.map((n, i) => n - before[i])).toEqual([1, 0, 1, 1]);
    expect((await readCase(db, accepted[1]))!.status).toBe('accepted');
  }, 60_000);
});

describe('a group queued right behind another writer', () => {
  // the group reads its cases' histories outside its transaction (case-store.ts trailsBeside): right only if that
  // read comes after the writer queued before it has committed
  it('decides on, and answers with, the case as that writer committed it: its history rows and its state', async () => {
    const [c] = await db.query<{ id: number; due: number }>(
      `SELECT id, epoch_ms(level_due_at) due FROM incidents WHERE status <> 'closed' AND level = 'village' AND level_due_at IS NOT NULL ORDER BY level_due_at, id LIMIT 1`);
    const id = Number(c.id);
    await storePhoto(db, id, new Uint8Array([0xff, 0xd8, 0xff, 1]), 'image/jpeg', 'gc-member');
    // asked in one turn: the escalation (as of just after the case's tier deadline) queued first, the group behind it
    const escalated = runEscalation(db, Number(c.due) + 1);
    const answer = transition(db, users[1], id, { action: 'supervise', note: 'behind the escalation' });
    expect((await escalated).map((e) => e.id)).toContain(id);
    const g = await answer;
    if (!g.ok) throw new Error(`refused: ${g.reason}`);
    expect(g.before).toMatchObject({ level: 'township', status: 'reported' });
    expect(g.trail.history.slice(-2).map((h) => h.action)).toEqual(['escalate', 'supervise']);
    expect(g.trail.history).toEqual(await readHistory(db, id));
    expect(g.trail.photos).toEqual(await photosOf(db, id));
    expect(g.trail.photos.length).toBeGreaterThan(0);
  }, 60_000);
});

// A server killed (SIGKILL) while groups of case transitions are being written loses nothing it acknowledged:
// a real server process on a copy of the test county takes transitions from 16 desks, 32 in flight, each with a
// note of its own; after 150 answers of 200 the process is killed mid-stream. The file, opened again (DuckDB
// replays its write-ahead log), has every acknowledged transition exactly once, nothing that was not sent, and
// for every case touched a history numbered without gap whose last row is the case's state — a group is in the
// file whole or not at all. Each 200 answer also shows its own write (its note in the history it returned, with
// the status the answer gives).
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { Database } from '../../server/db/database.js';
import { createUser } from '../../server/auth/user-store.js';
import { startServerProcess } from '../bench/bench-county.js';
import { seeded } from '../bench/stats.js';
import { signIn, TEST_PASSWORD, type Requester } from '../support/session.js';

const dir = mkdtempSync(join(tmpdir(), 'pingan-case-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('case transitions and a crash', () => {
  it('every acknowledged transition survives a SIGKILL mid-stream, and no group is half written', async () => {
    const path = join(dir, 'county.duckdb');
    copyFileSync(inject('countyDbPath'), path);
    let db = await Database.open(path);
    const [{ code }] = await db.query<{ code: string }>('SELECT code FROM county');
    for (let i = 0; i < 16; i++) await createUser(db, { username: `kill-desk-${i}`, displayName: `调度台 ${i}`, role: 'county_leader', scopeCode: code, password: TEST_PASSWORD });
    const open = (await db.query<{ id: number; status: string }>("SELECT id, status FROM incidents WHERE status <> 'closed' ORDER BY id LIMIT 400")).map((r) => ({ id: Number(r.id), status: r.status }));
    db.close();

    const server = await startServerProcess(path);
    const sent = new Map<string, number>(); // note → case id
    const acknowledged: { note: string; id: number; body: any }[] = [];
    try {
      const desks: Requester[] = await Promise.all(Array.from({ length: 16 }, (_, i) => signIn(server.base, `kill-desk-${i}`)));
      const random = seeded(99);
      let next = 0, killed = false;
      const send = async () => {
        const i = next++;
        const c = open[Math.floor(random() * (random() < 0.2 ? 10 : open.length))]; // some cases asked for often
        const note = `kill-test-${i}`;
        sent.set(note, c.id);
        const body = JSON.stringify(c.status === 'reported' && i % 2 ? { action: 'accept', note } : { action: 'supervise', note });
        const res = await desks[i % desks.length](`/api/cases/${c.id}/transitions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        const answer = await res.json();
        if (res.status === 200) acknowledged.push({ note, id: c.id, body: answer });
        else expect([409]).toContain(res.status);
        if (!killed && acknowledged.length >= 150) { killed = true; process.kill(server.pid, 'SIGKILL'); }
      };
      // each lane sends until the server is gone (a request cut by the kill is not acknowledged)
      await Promise.all(Array.from({ length: 32 }, async () => { while (!killed && next < 1800) await send().catch(() => undefined); }));
      expect(killed).toBe(true);
    } finally {
      await server.close();
    }
    expect(acknowledged.length).toBeGreaterThanOrEqual(150);
    for (const a of acknowledged) {
      const own = a.body.history.filter((h: any) => h.note === a.note);
      expect(own, a.note).toHaveLength(1);
      expect(own[0].toStatus, a.note).toBe(a.body.status);
    }

    db = await Database.open(path);
    try {
      const rows = await db.query<{ note: string; case_id: number }>("SELECT note, case_id FROM case_transitions WHERE starts_with(note, 'kill-test-')");
      const inFile = new Map<string, number>();
      for (const r of rows) {
        expect(inFile.has(r.note), `${r.note} written twice`).toBe(false);
        inFile.set(r.note, Number(r.case_id));
        expect(sent.get(r.note), `${r.note} was never sent`).toBe(Number(r.case_id));
      }
      for (const a of acknowledged) expect(inFile.get(a.note), `acknowledged ${a.note} lost`).toBe(a.id);
      const touched = [...new Set(rows.map((r) => Number(r.case_id)))];
      const bad = await db.query<{ id: number }>(
        `WITH h AS (SELECT case_id, count(*) n, min(seq) lo, max(seq) hi, arg_max(to_status, seq) st, arg_max(to_level, seq) lv FROM case_transitions WHERE case_id IN (${touched.join(',')}) GROUP BY 1)
         SELECT i.id FROM incidents i JOIN h ON h.case_id = i.id WHERE h.lo <> 1 OR h.hi <> h.n OR i.history_seq <> h.hi OR i.status <> h.st OR coalesce(i.level, 'village') <> h.lv`);
      expect(bad, 'cases whose history and state disagree').toEqual([]);
    } finally {
      db.close();
    }
  }, 240_000);
});

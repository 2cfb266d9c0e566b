// Cases in the database: reading one case with its history, and moving it on. A transition is decided by
// case-rules.ts on the state read inside the same transaction that appends the history row and updates the
// case's current state (the incidents row), so the state is always the fold of the history. Case writes queue
// one at a time per database (two decisions on one case never race); concurrent requests are written in
// groups — one transaction for all the transitions waiting in the queue — so the history takes well over a
// thousand transitions a second.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../db/database.js';
import { bumpDataVersion } from '../db/data-version.js';
import type { CaseAction, CaseLevel, CaseStatus, HistoryAction } from '../domain/case-workflow.js';
import type { SessionUser } from '../domain/roles.js';
import { decide, type CaseChange, type CaseState, type Decision, type TransitionInput } from './case-rules.js';
import { levelDueAt } from './deadlines.js';

const tails = new WeakMap<Database, Promise<unknown>>();

/** Runs `fn` after every case write queued before it (one writer at a time per database). */
export function caseWrites<T>(db: Database, fn: () => Promise<T>): Promise<T> {
  const prev = tails.get(db) ?? Promise.resolve();
  const run = prev.then(fn, fn);
  tails.set(db, run.catch(() => undefined));
  return run;
}

export interface HistoryEntry {
  seq: number;
  action: HistoryAction;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus;
  fromLevel: CaseLevel | null;
  toLevel: CaseLevel;
  at: string;
  actor: { id: number | null; name: string | null; role: string | null };
  note: string | null;
  assignee: string | null;
  attachmentId: string | null;
}

export interface CaseRecord extends CaseState {
  title: string | null;
  address: string | null;
  lon: number;
  lat: number;
  villageCode: string;
  townshipCode: string;
  reportedAt: string;
  closedAt: string | null;
  dueAt: string;
  levelDueAt: string | null;
  resolved: boolean | null;
  source: string | null;
}

export const CASE_COLUMNS = `id, category, status, coalesce(level, 'village') AS level, grid_code, village_code, township_code, assignee, reporter, coalesce(supervised, false) AS supervised,
  title, address, lon, lat, epoch_ms(reported_at) reported_ms, epoch_ms(closed_at) closed_ms, epoch_ms(due_at) due_ms, epoch_ms(level_due_at) level_due_ms, resolved, source`;

type CaseRow = { id: number; category: string; status: CaseStatus; level: CaseLevel; grid_code: string; village_code: string; township_code: string; assignee: string | null; reporter: string | null; supervised: boolean;
  title: string | null; address: string | null; lon: number; lat: number; reported_ms: number; closed_ms: number | null; due_ms: number; level_due_ms: number | null; resolved: boolean | null; source: string | null };

const iso = (ms: number | null) => (ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString());

export function caseFromRow(r: CaseRow): CaseRecord {
  return {
    id: Number(r.id), category: r.category, status: r.status, level: r.level, gridCode: r.grid_code, villageCode: r.village_code, townshipCode: r.township_code,
    assignee: r.assignee, reporter: r.reporter, supervised: Boolean(r.supervised), title: r.title, address: r.address, lon: r.lon, lat: r.lat,
    reportedAt: iso(r.reported_ms)!, closedAt: iso(r.closed_ms), dueAt: iso(r.due_ms)!, levelDueAt: iso(r.level_due_ms), resolved: r.resolved, source: r.source,
  };
}

function rowObjects<T>(reader: { getRowObjectsJS(): Record<string, unknown>[] }): T[] {
  return reader.getRowObjectsJS().map((o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])) as T);
}

async function readCaseOn(con: DuckDBConnection, id: number): Promise<CaseRecord | null> {
  const [r] = rowObjects<CaseRow>(await con.runAndReadAll(`SELECT ${CASE_COLUMNS} FROM incidents WHERE id = ?`, [id]));
  return r ? caseFromRow(r) : null;
}

export async function readCase(db: Database, id: number): Promise<CaseRecord | null> {
  const [r] = await db.query<CaseRow>(`SELECT ${CASE_COLUMNS} FROM incidents WHERE id = ?`, [id]);
  return r ? caseFromRow(r) : null;
}

/** A case's history, oldest first. */
export async function readHistory(db: Database, id: number): Promise<HistoryEntry[]> {
  const rows = await db.query<{ seq: number; action: HistoryAction; from_status: CaseStatus | null; to_status: CaseStatus; from_level: CaseLevel | null; to_level: CaseLevel; at_ms: number;
    actor_id: number | null; actor_name: string | null; actor_role: string | null; note: string | null; assignee: string | null; attachment_id: string | null }>(
    `SELECT seq, action, from_status, to_status, from_level, to_level, epoch_ms(happened_at) at_ms, actor_id, actor_name, actor_role, note, assignee, attachment_id
     FROM case_transitions WHERE case_id = ? ORDER BY seq`, [id]);
  return rows.map((r) => ({ seq: r.seq, action: r.action, fromStatus: r.from_status, toStatus: r.to_status, fromLevel: r.from_level, toLevel: r.to_level, at: iso(r.at_ms)!,
    actor: { id: r.actor_id, name: r.actor_name, role: r.actor_role }, note: r.note, assignee: r.assignee, attachmentId: r.attachment_id }));
}

export interface TransitionRequest extends TransitionInput {
  action: CaseAction;
  /** For close: whether the matter was resolved (化解); true when not given. */
  resolved?: boolean;
  attachmentId?: string;
}

export type TransitionResult = { ok: true; before: CaseRecord; after: CaseRecord } | Extract<Decision, { ok: false }> | { ok: false; httpStatus: 404; reason: string; reasonZh: string };

const ts = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

/** Appends one history row and writes the case's new state, on a connection inside a transaction. */
export async function writeTransition(con: DuckDBConnection, c: CaseRecord, action: HistoryAction, change: CaseChange, at: number, actor: SessionUser | null,
  extra: { note?: string; resolved?: boolean; attachmentId?: string } = {}): Promise<void> {
  await con.run(
    `INSERT INTO case_transitions (case_id, seq, action, from_status, to_status, from_level, to_level, happened_at, actor_id, actor_name, actor_role, note, assignee, attachment_id)
     SELECT ?, coalesce(max(seq), 0) + 1, ?, ?, ?, ?, ?, ?::TIMESTAMP, ?, ?, ?, ?, ?, ? FROM case_transitions WHERE case_id = ?`,
    [c.id, action, c.status, change.status, c.level, change.level, ts(at), actor?.id ?? null, actor?.displayName ?? actor?.username ?? 'system', actor?.role ?? 'system', extra.note ?? null, change.assignee, extra.attachmentId ?? null, c.id]);
  const levelChanged = change.level !== c.level;
  await con.run(
    `UPDATE incidents SET status = ?, level = ?, assignee = ?, supervised = ?,
       level_due_at = CASE WHEN ? THEN ?::TIMESTAMP ELSE level_due_at END,
       accepted_at = CASE WHEN ? = 'accept' THEN ?::TIMESTAMP ELSE accepted_at END,
       assigned_at = CASE WHEN ? = 'dispatch' THEN ?::TIMESTAMP ELSE assigned_at END,
       closed_at = CASE WHEN ? = 'closed' THEN ?::TIMESTAMP ELSE closed_at END,
       resolved = CASE WHEN ? = 'closed' THEN ? ELSE resolved END
     WHERE id = ?`,
    [change.status, change.level, change.assignee, change.supervised, levelChanged, ts(levelDueAt(c.category, at)), action, ts(at), action, ts(at), change.status, ts(at), change.status, extra.resolved ?? true, c.id]);
}

interface Pending { user: SessionUser; id: number; req: TransitionRequest; now: number; resolve: (r: TransitionResult) => void; reject: (e: unknown) => void }
const waiting = new WeakMap<Database, Pending[]>();

/** Decides and applies one transition. Requests that arrive while a group is being written wait for the next
 * group; each is decided on the state its predecessors left (a later request on the same case sees the earlier). */
export function transition(db: Database, user: SessionUser, id: number, req: TransitionRequest, now = Date.now()): Promise<TransitionResult> {
  return new Promise((resolve, reject) => {
    let q = waiting.get(db);
    const first = !q;
    if (!q) waiting.set(db, (q = []));
    q.push({ user, id, req, now, resolve, reject });
    if (first) void caseWrites(db, () => writeGroup(db));
  });
}

async function writeGroup(db: Database): Promise<void> {
  const group = waiting.get(db) ?? [];
  waiting.delete(db);
  const results: TransitionResult[] = [];
  try {
    await db.transaction(async (con) => {
      results.length = 0;
      for (const p of group) {
        const c = await readCaseOn(con, p.id);
        if (!c) { results.push({ ok: false, httpStatus: 404, reason: `no case ${p.id}`, reasonZh: `没有编号为 ${p.id} 的事件` }); continue; }
        const d = decide(p.user, c, p.req.action, p.req);
        if (!d.ok) { results.push(d); continue; }
        await writeTransition(con, c, p.req.action, d.change, p.now, p.user, { note: p.req.note, resolved: p.req.resolved, attachmentId: p.req.attachmentId });
        results.push({ ok: true, before: c, after: (await readCaseOn(con, p.id))! });
      }
    });
  } catch (e) {
    for (const p of group) p.reject(e);
    return;
  }
  if (results.some((r) => r.ok)) bumpDataVersion(db, ['cases']);
  group.forEach((p, i) => p.resolve(results[i]));
}

// Cases in the database: reading one case with its history, and moving it on. A transition is decided by
// case-rules.ts on the state read inside the same transaction that appends the history row and updates the
// case's current state (the incidents row), so the state is always the fold of the history. Case writes queue
// one at a time per database (two decisions on one case never race); concurrent requests are written in
// groups — one transaction and a few set-based statements for all the transitions waiting in the queue.
import type { Database } from '../db/database.js';
import { bumpDataVersion } from '../db/data-version.js';
import type { CaseAction, CaseLevel, CaseStatus, HistoryAction } from '../../shared/domain/case-workflow.js';
import type { SessionUser } from '../../shared/domain/roles.js';
import { decide, type CaseState, type Decision, type TransitionInput } from './case-rules.js';
import { levelDueAt } from './deadlines.js';
import { clockNow } from '../../shared/time/clock.js';

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

/** The case's columns and the seq of its last history row (incidents.history_seq), for the writer. */
const WRITE_COLUMNS = `${CASE_COLUMNS}, history_seq`;

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

interface Pending { user: SessionUser; id: number; req: TransitionRequest; now: number; resolve: (r: TransitionResult) => void; reject: (e: unknown) => void }
const waiting = new WeakMap<Database, Pending[]>();

/** Decides and applies one transition. Requests that arrive while a group is being written wait for the next
 * group; each is decided on the state its predecessors left (a later request on the same case sees the earlier). */
export function transition(db: Database, user: SessionUser, id: number, req: TransitionRequest, now = clockNow()): Promise<TransitionResult> {
  return new Promise((resolve, reject) => {
    let q = waiting.get(db);
    const first = !q;
    if (!q) waiting.set(db, (q = []));
    q.push({ user, id, req, now, resolve, reject });
    if (first) void caseWrites(db, () => writeGroup(db));
  });
}

/** Writes one group in one transaction with set-based statements: the group's cases read at once, each request
 * decided in order on the state its predecessors left, all history rows appended by one INSERT and every touched
 * case's new state written by one UPDATE. */
async function writeGroup(db: Database): Promise<void> {
  const group = waiting.get(db) ?? [];
  waiting.delete(db);
  const results: TransitionResult[] = [];
  try {
    await db.transaction(async (con) => {
      results.length = 0;
      const ids = [...new Set(group.map((p) => p.id))].filter((id) => Number.isSafeInteger(id));
      const states = new Map<number, CaseRecord>();
      const seqs = new Map<number, number>();
      if (ids.length) {
        for (const r of rowObjects<CaseRow & { history_seq: number | null }>(await con.runAndReadAll(`SELECT ${WRITE_COLUMNS} FROM incidents WHERE id IN (${ids.join(',')})`))) {
          states.set(Number(r.id), caseFromRow(r));
          seqs.set(Number(r.id), Number(r.history_seq ?? 0));
        }
      }
      const history: unknown[][] = [];
      const touched = new Map<number, { acceptedAt: string | null; assignedAt: string | null; closedAt: string | null; levelDueAt: string | null; resolved: boolean | null; closed: boolean }>();
      for (const p of group) {
        const c = states.get(p.id);
        if (!c) { results.push({ ok: false, httpStatus: 404, reason: `no case ${p.id}`, reasonZh: `没有编号为 ${p.id} 的事件` }); continue; }
        const d = decide(p.user, c, p.req.action, p.req);
        if (!d.ok) { results.push(d); continue; }
        const at = ts(p.now);
        const seq = (seqs.get(c.id) ?? 0) + 1;
        seqs.set(c.id, seq);
        history.push([c.id, seq, p.req.action, c.status, d.change.status, c.level, d.change.level, at, p.user.id, p.user.displayName ?? p.user.username, p.user.role, p.req.note ?? null, d.change.assignee, p.req.attachmentId ?? null]);
        const t = touched.get(c.id) ?? { acceptedAt: null, assignedAt: null, closedAt: null, levelDueAt: null, resolved: null, closed: false };
        if (p.req.action === 'accept') t.acceptedAt = at;
        if (p.req.action === 'dispatch') t.assignedAt = at;
        if (d.change.status === 'closed') { t.closedAt = at; t.resolved = p.req.resolved ?? true; t.closed = true; }
        const levelDue = d.change.level !== c.level ? new Date(levelDueAt(c.category, p.now)).toISOString() : c.levelDueAt;
        if (d.change.level !== c.level) t.levelDueAt = ts(levelDueAt(c.category, p.now));
        touched.set(c.id, t);
        const after: CaseRecord = { ...c, ...d.change, levelDueAt: levelDue, closedAt: t.closed ? new Date(p.now).toISOString() : c.closedAt, resolved: t.closed ? t.resolved : c.resolved };
        states.set(c.id, after);
        results.push({ ok: true, before: c, after });
      }
      if (!history.length) return;
      await con.run(`INSERT INTO case_transitions (case_id, seq, action, from_status, to_status, from_level, to_level, happened_at, actor_id, actor_name, actor_role, note, assignee, attachment_id)
        VALUES ${history.map(() => '(?, ?, ?, ?, ?, ?, ?, ?::TIMESTAMP, ?, ?, ?, ?, ?, ?)').join(', ')}`, history.flat() as never);
      const rows = [...touched].map(([id, t]) => { const c = states.get(id)!; return [id, c.status, c.level, c.assignee, c.supervised, t.levelDueAt, t.acceptedAt, t.assignedAt, t.closedAt, t.closed, t.resolved, seqs.get(id)!]; });
      await con.run(`UPDATE incidents SET status = v.status, level = v.level, assignee = v.assignee, supervised = v.supervised, history_seq = v.history_seq,
          level_due_at = coalesce(v.level_due_at, incidents.level_due_at), accepted_at = coalesce(v.accepted_at, incidents.accepted_at),
          assigned_at = coalesce(v.assigned_at, incidents.assigned_at), closed_at = CASE WHEN v.closed THEN v.closed_at ELSE incidents.closed_at END,
          resolved = CASE WHEN v.closed THEN v.resolved ELSE incidents.resolved END
        FROM (VALUES ${rows.map(() => '(?::BIGINT, ?::VARCHAR, ?::VARCHAR, ?::VARCHAR, ?::BOOLEAN, ?::TIMESTAMP, ?::TIMESTAMP, ?::TIMESTAMP, ?::TIMESTAMP, ?::BOOLEAN, ?::BOOLEAN, ?::INTEGER)').join(', ')})
          AS v(id, status, level, assignee, supervised, level_due_at, accepted_at, assigned_at, closed_at, closed, resolved, history_seq)
        WHERE incidents.id = v.id`, rows.flat() as never);
    });
  } catch (e) {
    for (const p of group) p.reject(e);
    return;
  }
  if (results.some((r) => r.ok)) bumpDataVersion(db, ['cases']);
  group.forEach((p, i) => p.resolve(results[i]));
}

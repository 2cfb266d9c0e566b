// Cases in the database: reading one case with its history, and moving it on. A transition is decided by
// case-rules.ts on the state read inside the same transaction that appends the history row and updates the
// case's current state (the incidents row), so the state is always the fold of the history. Case writes queue
// one at a time per database, in the queue of every write to incidents (two decisions on one case never race);
// concurrent requests are written in groups — one transaction and a few set-based statements for all the
// transitions waiting in the queue, whose answers are built from what the transaction read and wrote. A group
// whose transaction fails keeps nothing and is written again one request at a time, so one failing request
// costs the others nothing.
import { timestampValue, type DuckDBAppender, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import type { Database } from '../db/database.js';
import { bumpDataVersion } from '../db/data-version.js';
import { withWriteLock } from '../import/write-lock.js';
import { batchedPerDatabase } from '../db/batch-loader.js';
import type { CaseAction, CaseLevel, CaseStatus, HistoryAction } from '../../shared/domain/case-workflow.js';
import type { SessionUser } from '../../shared/domain/roles.js';
import { decide, type CaseState, type Decision, type TransitionInput } from './case-rules.js';
import { levelDueAt } from './deadlines.js';
import { clockNow } from '../../shared/time/clock.js';
import { photoInfo, type PhotoInfo } from './attachments.js';

/** Runs `fn` after every write queued before it: case writes share the one queue of every write to the incidents
 * rows (import/write-lock.ts: imports, live reports, polygon re-assignment), so two transactions never update one
 * case row at once — DuckDB refuses the second ("Conflict on update"), which would reach the user as a 500. */
export function caseWrites<T>(db: Database, fn: () => Promise<T>): Promise<T> {
  return withWriteLock(db, fn);
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

/** The rows as objects, BIGINTs left as BigInts: every reader of these rows takes its ids and epoch_ms times with
 * Number() (copying each row to convert them cost four times the reading: 1 of 1.25 ms for a group's histories). */
function rowObjects<T>(reader: { getRowObjectsJS(): Record<string, unknown>[] }): T[] {
  return reader.getRowObjectsJS() as T[];
}

export async function readCase(db: Database, id: number): Promise<CaseRecord | null> {
  const [r] = await db.query<CaseRow>(`SELECT ${CASE_COLUMNS} FROM incidents WHERE id = ?`, [id]);
  return r ? caseFromRow(r) : null;
}

type HistoryRow = { case_id: number; seq: number; action: HistoryAction; from_status: CaseStatus | null; to_status: CaseStatus; from_level: CaseLevel | null; to_level: CaseLevel; at_ms: number;
  actor_id: number | null; actor_name: string | null; actor_role: string | null; note: string | null; assignee: string | null; attachment_id: string | null };

const HISTORY_COLUMNS = 'case_id, seq, action, from_status, to_status, from_level, to_level, epoch_ms(happened_at) at_ms, actor_id, actor_name, actor_role, note, assignee, attachment_id';

const historyEntry = (r: HistoryRow): HistoryEntry => ({ seq: r.seq, action: r.action, fromStatus: r.from_status, toStatus: r.to_status, fromLevel: r.from_level, toLevel: r.to_level,
  at: iso(r.at_ms)!, actor: { id: r.actor_id, name: r.actor_name, role: r.actor_role }, note: r.note, assignee: r.assignee, attachmentId: r.attachment_id });

/** A case's history, oldest first. The histories asked for in one turn of the event loop are read by one query
 * (the answers of a group of transitions, case-store's writer, all ask at once): one statement for many cases
 * costs far less than one per case, though not the same as for one (1M-case county: 20 cases ~6 ms, 55 ~13, 100 ~21). */
export const readHistory: (db: Database, id: number) => Promise<HistoryEntry[]> = batchedPerDatabase(async (db, ids: readonly number[]) => {
  const wanted = [...new Set(ids)].filter((id) => Number.isSafeInteger(id));
  const rows = wanted.length ? await db.query<HistoryRow>(
    `SELECT ${HISTORY_COLUMNS} FROM case_transitions WHERE case_id IN (${wanted.join(', ')}) ORDER BY case_id, seq`) : [];
  const byCase = new Map<number, HistoryEntry[]>();
  for (const r of rows) {
    const list = byCase.get(Number(r.case_id)) ?? [];
    list.push(historyEntry(r));
    byCase.set(Number(r.case_id), list);
  }
  return ids.map((id) => byCase.get(id) ?? []);
});

export interface TransitionRequest extends TransitionInput {
  action: CaseAction;
  /** For close: whether the matter was resolved (化解); true when not given. */
  resolved?: boolean;
  attachmentId?: string;
}

/** What a case's answer shows besides its state: its history (oldest first) and its photos. */
export interface CaseTrail { history: HistoryEntry[]; photos: PhotoInfo[] }

/** An applied transition's `trail` is the case's history up to and including it and its photos, as the group's
 * transaction read and wrote them: the answer needs no read of its own after the commit. */
export type TransitionResult = { ok: true; before: CaseRecord; after: CaseRecord; trail: CaseTrail } | Extract<Decision, { ok: false }> | DispatchRefusal | { ok: false; httpStatus: 404; reason: string; reasonZh: string };

const ts = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

/** A further check of a dispatch the rules allow (the route's: the assignee must be one the case may go to,
 * cases/assignees.ts), made on the case as the group decides it; a refusal refuses the transition. */
export type DispatchCheck = (c: CaseRecord, assignee: string) => Promise<DispatchRefusal | null>;
export type DispatchRefusal = { ok: false; httpStatus: 403 | 409; reason: string; reasonZh: string; why: 'jurisdiction' | 'assignee' };

interface Pending { user: SessionUser; id: number; req: TransitionRequest; now: number; checkDispatch?: DispatchCheck; resolve: (r: TransitionResult) => void; reject: (e: unknown) => void }

/** The most transitions one group takes (its SQL names each case once in an IN list); more wait for the next. */
export const MAX_GROUP = 256;
/** A group is taken once no request has come for QUIET_MS — counted from the last request that came or the last
 * group's answers, whichever is later —, or MAX_WAIT_MS after its turn came, or when it is full. Why the answers:
 * the desks answered by a group send their next requests a moment later, and without the pause those would wait
 * for the group after next while a group of the others goes alone (at 64 in flight, groups of ~32, 32, 32, …;
 * each group costs DuckDB about the same whatever its size: timed statement by statement in the server on the writes
 * bench, groups of ~54 at load ~4: the two reads ~8 and ~10 ms wall each, the UPDATEs 2–6 ms each, COMMIT ~3.6 ms, BEGIN
 * ~2.5 (the trip through libuv's pool); `npm run bench -- history-commit` finds no cost of the history index at
 * commit). Like PostgreSQL's commit_delay, it spends a few ms of latency for fewer, fuller transactions when
 * requests come at once; a lone request waits QUIET_MS. On the writes bench (64 in flight, load average ~3.5):
 * 3 ms / 12 ms gave groups of 42–47 and 1.30–1.36 ms of server CPU per transition, 5 ms / 20 ms groups of 53–54
 * and 1.14–1.18 ms, with p50 85 against 108 ms. */
const QUIET_MS = 5;
const MAX_WAIT_MS = 20;

/** How the writer has grouped what it wrote since the server started (GET /api/health/case-writes). */
export interface CaseWriterStats {
  groups: number;
  transitions: number;
  /** Groups by size: 1, 2–4, 5–16, 17–32, 33–64, 65–128, 129–256. */
  sizes: Record<string, number>;
  largest: number;
  /** Groups whose transaction failed and whose requests were then written one by one. */
  retriedAlone: number;
}
const SIZE_BUCKETS = [[1, '1'], [4, '2-4'], [16, '5-16'], [32, '17-32'], [64, '33-64'], [128, '65-128'], [MAX_GROUP, '129-256']] as const;
const emptyStats = (): CaseWriterStats => ({ groups: 0, transitions: 0, sizes: Object.fromEntries(SIZE_BUCKETS.map(([, k]) => [k, 0])), largest: 0, retriedAlone: 0 });

interface Writer { queue: Pending[]; scheduled: boolean; stats: CaseWriterStats; lastEvent: number }
const writers = new WeakMap<Database, Writer>();
const writerOf = (db: Database): Writer => {
  let w = writers.get(db);
  if (!w) writers.set(db, (w = { queue: [], scheduled: false, stats: emptyStats(), lastEvent: 0 }));
  return w;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const afterIo = () => new Promise((r) => setImmediate(r));

/** Inside the write queue, before a group is taken: waits while requests keep coming (QUIET_MS, MAX_WAIT_MS).
 * Each look at the queue follows a pass of the event loop's I/O (setImmediate runs after it): a timer alone fires
 * before the requests that came while the loop was busy are read, and would find the queue quiet when it is not. */
async function gather(w: Writer): Promise<void> {
  const turn = performance.now();
  for (;;) {
    await afterIo();
    const now = performance.now();
    if (w.queue.length >= MAX_GROUP || now - turn >= MAX_WAIT_MS) return;
    const quietFor = now - w.lastEvent;
    if (quietFor >= QUIET_MS) return;
    await sleep(Math.max(0.5, Math.min(QUIET_MS - quietFor, MAX_WAIT_MS - (now - turn))));
  }
}

/** Queues the taking of the next group (gathering first) behind every write queued before. */
function scheduleGroup(db: Database, w: Writer): void {
  w.scheduled = true;
  void caseWrites(db, () => gather(w).then(() => takeGroup(db, w)));
}

export const caseWriterStats = (db: Database): CaseWriterStats => structuredClone(writerOf(db).stats);

/** Decides and applies one transition. Requests that arrive while a group is being written wait for the next
 * group; each is decided on the state its predecessors left (a later request on the same case sees the earlier). */
export function transition(db: Database, user: SessionUser, id: number, req: TransitionRequest, now = clockNow(), checkDispatch?: DispatchCheck): Promise<TransitionResult> {
  return new Promise((resolve, reject) => {
    const w = writerOf(db);
    w.queue.push({ user, id, req, now, checkDispatch, resolve, reject });
    w.lastEvent = performance.now();
    if (!w.scheduled) scheduleGroup(db, w);
  });
}

/** Inside the write queue: takes what is waiting (at most MAX_GROUP; the rest go next, at once) and writes it. */
async function takeGroup(db: Database, w: Writer): Promise<void> {
  const group = w.queue.splice(0, MAX_GROUP);
  if (w.queue.length) scheduleGroup(db, w);
  else w.scheduled = false;
  const s = w.stats;
  s.groups++, (s.transitions += group.length), (s.largest = Math.max(s.largest, group.length));
  s.sizes[SIZE_BUCKETS.find(([max]) => group.length <= max)![1]]++;
  await writeGroup(db, group);
}

/** Writes a group in one transaction. If it fails (the database refused a statement or the commit), nothing of it
 * is kept, and its requests are written again one by one, in order, each on the state the ones before left: one
 * request's failure costs the others nothing, and only the request that fails alone gets the error. */
async function writeGroup(db: Database, group: Pending[]): Promise<void> {
  let results: TransitionResult[];
  try {
    results = await db.writerTransaction((con) => applyGroup(con, group, trailsBeside(db, group)));
  } catch (e) {
    if (group.length === 1) return group[0].reject(e);
    writerOf(db).stats.retriedAlone++;
    for (const p of group) await writeGroup(db, [p]);
    return;
  }
  if (results.some((r) => r.ok)) bumpDataVersion(db, ['cases']);
  const w = writerOf(db);
  group.forEach((p, i) => p.resolve(results[i]));
  // the answers are made in the turn that resolves them; their desks may ask again from when they are sent
  w.lastEvent = performance.now();
  setImmediate(() => (w.lastEvent = performance.now()));
}

/** The incidents columns a transition may change, with their SQL types. */
const STATE_COLUMNS = { status: 'VARCHAR', level: 'VARCHAR', assignee: 'VARCHAR', supervised: 'BOOLEAN', history_seq: 'INTEGER', level_due_at: 'TIMESTAMP',
  accepted_at: 'TIMESTAMP', assigned_at: 'TIMESTAMP', closed_at: 'TIMESTAMP', resolved: 'BOOLEAN' } as const;
type StateColumn = keyof typeof STATE_COLUMNS;

/** One group on the transaction's connection: the group's cases read at once (by the index on incidents.id), each
 * request decided in order on the state its predecessors left, the touched cases' histories and photos read in
 * one statement (the answers are built from them and the rows appended here, with no read after the commit), the
 * history rows appended (an appender: a multi-row INSERT of bound values cost five times as much), and the
 * touched cases' new state written by one UPDATE per set of changed columns, of those columns only (DuckDB's cost
 * of an update grows with the columns it writes: a 督办 changes two, not ten). A column every case of the UPDATE
 * takes the same value of is set to that value once (history_seq as an increment), not by a CASE over the ids: a
 * CASE of bound values per row cost twice as much as the rest of the UPDATE (64 cases: 12 against 5 ms of CPU). */
async function applyGroup(con: DuckDBConnection, group: Pending[], trailsRead: Promise<Map<number, CaseTrail>>): Promise<TransitionResult[]> {
  const results: TransitionResult[] = [];
  const ids = [...new Set(group.map((p) => p.id))].filter((id) => Number.isSafeInteger(id));
  const states = new Map<number, CaseRecord>();
  const seqs = new Map<number, number>();
  if (ids.length) {
    for (const r of rowObjects<CaseRow & { history_seq: number | null }>(await con.runAndReadAll(`SELECT ${WRITE_COLUMNS} FROM incidents WHERE id IN (${ids.join(',')})`))) {
      states.set(Number(r.id), caseFromRow(r));
      seqs.set(Number(r.id), Number(r.history_seq ?? 0));
    }
  }
  const read = new Map(states);
  const changed = new Map<number, Partial<Record<StateColumn, DuckDBValue>>>();
  const appended = new Map<number, number>();
  // each applied transition's history row, and the result it belongs to
  const rows: { result: Extract<TransitionResult, { ok: true }>; entry: HistoryEntry; caseId: number }[] = [];
  for (const p of group) {
    const c = states.get(p.id);
    if (!c) { results.push({ ok: false, httpStatus: 404, reason: `no case ${p.id}`, reasonZh: `没有编号为 ${p.id} 的事件` }); continue; }
    const d = decide(p.user, c, p.req.action, p.req);
    if (!d.ok) { results.push(d); continue; }
    const refused = p.req.action === 'dispatch' && p.checkDispatch && p.req.assignee ? await p.checkDispatch(c, p.req.assignee) : null;
    if (refused) { results.push(refused); continue; }
    const seq = (seqs.get(c.id) ?? 0) + 1;
    seqs.set(c.id, seq);
    appended.set(c.id, (appended.get(c.id) ?? 0) + 1);
    const cols = changed.get(c.id) ?? {};
    const at = ts(p.now);
    if (p.req.action === 'accept') cols.accepted_at = at;
    if (p.req.action === 'dispatch') cols.assigned_at = at;
    const closing = d.change.status === 'closed';
    if (closing) { cols.closed_at = at; cols.resolved = p.req.resolved ?? true; }
    const levelDue = d.change.level !== c.level ? levelDueAt(c.category, p.now) : null;
    if (levelDue !== null) cols.level_due_at = ts(levelDue);
    changed.set(c.id, cols);
    const after: CaseRecord = { ...c, ...d.change, levelDueAt: levelDue !== null ? new Date(levelDue).toISOString() : c.levelDueAt,
      closedAt: closing ? new Date(p.now).toISOString() : c.closedAt, resolved: closing ? (p.req.resolved ?? true) : c.resolved };
    states.set(c.id, after);
    const result = { ok: true as const, before: c, after, trail: { history: [], photos: [] } };
    results.push(result);
    const actorId = p.user.id !== null && Number.isSafeInteger(p.user.id) ? p.user.id : null;
    rows.push({ result, caseId: c.id, entry: { seq, action: p.req.action, fromStatus: c.status, toStatus: d.change.status, fromLevel: c.level, toLevel: d.change.level,
      at: new Date(Math.trunc(p.now)).toISOString(), actor: { id: actorId, name: p.user.displayName ?? p.user.username, role: p.user.role }, note: p.req.note ?? null,
      assignee: d.change.assignee, attachmentId: p.req.attachmentId ?? null } });
  }
  if (!rows.length) return results;
  // the touched cases' history and photos before this group (trailsBeside): with the rows appended here, exactly
  // what the case holds once committed
  const trails = await trailsRead;
  const sofar = new Map<number, HistoryEntry[]>();
  for (const { result, caseId, entry } of rows) {
    const history = [...(sofar.get(caseId) ?? trails.get(caseId)?.history ?? []), entry];
    sofar.set(caseId, history);
    result.trail = { history, photos: trails.get(caseId)?.photos ?? [] };
  }
  const appender = await con.createAppender('case_transitions');
  try {
    for (const { caseId, entry: e } of rows)
      appendHistory(appender, [caseId, e.seq, e.action, e.fromStatus!, e.toStatus, e.fromLevel!, e.toLevel, Date.parse(e.at), e.actor.id, e.actor.name, e.actor.role, e.note, e.assignee, e.attachmentId]);
  } finally {
    // closed here whatever happened: an appender left open would flush its rows when collected, into whatever
    // transaction the writer's connection is in by then (after a failure, the rows go into the one rolled back)
    appender.closeSync();
  }
  // the state columns that differ from what was read (a 督办 on a 督办 case changes only history_seq), and
  // history_seq by the rows appended (the seq read in this transaction plus those)
  const shapes = new Map<string, { cols: StateColumn[]; ids: number[] }>();
  for (const [id, cols] of changed) {
    const before = read.get(id)!, after = states.get(id)!;
    if (after.status !== before.status) cols.status = after.status;
    if (after.level !== before.level) cols.level = after.level;
    if (after.assignee !== before.assignee) cols.assignee = after.assignee;
    if (after.supervised !== before.supervised) cols.supervised = after.supervised;
    cols.history_seq = appended.get(id)!;
    const names = (Object.keys(cols) as StateColumn[]).sort();
    const key = names.join(',');
    const shape = shapes.get(key) ?? { cols: names, ids: [] };
    shape.ids.push(id);
    shapes.set(key, shape);
  }
  for (const { cols, ids: shaped } of shapes.values()) {
    const params: DuckDBValue[] = [];
    const sets = cols.map((col) => {
      const values = shaped.map((id) => changed.get(id)![col] ?? null);
      const target = col === 'history_seq' ? (v: string) => `coalesce(history_seq, 0) + ${v}` : (v: string) => v;
      if (values.every((v) => v === values[0])) return params.push(values[0]), `${col} = ${target(`?::${STATE_COLUMNS[col]}`)}`;
      return `${col} = ${target(`CASE id ${shaped.map((id, i) => { params.push(values[i]); return `WHEN ${id} THEN ?::${STATE_COLUMNS[col]}`; }).join(' ')} END`)}`;
    });
    await con.run(`UPDATE incidents SET ${sets.join(', ')} WHERE id IN (${shaped.join(',')})`, params);
  }
  return results;
}

/** The histories and photos of the group's cases as committed before it, read on a pool connection while the
 * group's transaction reads the cases' state and writes (both reads cost DuckDB about the same, ~13 ms wall each
 * for 55 cases, growing with the cases: each case's rows are a vector of every column to decompress). Outside the
 * transaction, yet the same rows: it is read inside the write queue, after every earlier writer committed, and no
 * history row is written but in that queue. (A photo is stored outside it, attachments.ts storePhoto: one stored while
 * a group is written may be missing from its answers, as it could when this was read inside.) Read for every case of the group (a refused one's are not used): it
 * cannot wait for the decisions without waiting for the state read. Never left rejected unobserved: applyGroup may
 * throw before awaiting it. On the writes bench, paired runs (this against the read inside, on a machine shared with
 * other work, load 2.4–4.3): 226 → 258, 239 → 267 and 380 → 415 transitions/s. Reading the state beside as well
 * (both reads on pool connections, begun with BEGIN) gave 286, 232 and 307: no gain shown, not kept. */
function trailsBeside(db: Database, group: Pending[]): Promise<Map<number, CaseTrail>> {
  const ids = [...new Set(group.map((p) => p.id))].filter((id) => Number.isSafeInteger(id));
  const read = ids.length ? db.read((con) => readTrails(con, ids)) : Promise.resolve(new Map<number, CaseTrail>());
  read.catch(() => undefined);
  return read;
}

/** The histories (oldest first) and photos of these cases, in one statement. */
async function readTrails(con: DuckDBConnection, ids: number[]): Promise<Map<number, CaseTrail>> {
  const list = ids.join(', ');
  const reader = await con.runAndReadAll(
    `SELECT 'h' AS kind, ${HISTORY_COLUMNS} FROM case_transitions WHERE case_id IN (${list})
     UNION ALL BY NAME
     SELECT 'p' AS kind, case_id, id AS photo_id, content_type, bytes, epoch_ms(created_at) AS photo_ms FROM case_attachments WHERE case_id IN (${list})
     ORDER BY kind, case_id, seq, photo_ms`);
  const out = new Map<number, CaseTrail>();
  for (const r of rowObjects<HistoryRow & { kind: 'h' | 'p'; photo_id: string; content_type: string; bytes: number; photo_ms: number }>(reader)) {
    const id = Number(r.case_id);
    let t = out.get(id);
    if (!t) out.set(id, (t = { history: [], photos: [] }));
    if (r.kind === 'h') t.history.push(historyEntry(r));
    else t.photos.push(photoInfo({ id: r.photo_id, content_type: r.content_type, bytes: r.bytes, createdMs: r.photo_ms }));
  }
  return out;
}

/** One case_transitions row, in the table's column order (schema.sql); happened_at as epoch ms. */
function appendHistory(a: DuckDBAppender, [caseId, seq, action, fromStatus, toStatus, fromLevel, toLevel, atMs, actorId, actorName, actorRole, note, assignee, attachmentId]:
  [number, number, string, string, string, string, string, number, number | null, string | null, string | null, string | null, string | null, string | null]): void {
  a.appendBigInt(BigInt(caseId));
  a.appendInteger(seq);
  for (const v of [action, fromStatus, toStatus, fromLevel, toLevel]) a.appendVarchar(v);
  a.appendTimestamp(timestampValue(BigInt(Math.trunc(atMs)) * 1000n));
  if (actorId === null || !Number.isSafeInteger(actorId)) a.appendNull(); else a.appendInteger(actorId);
  for (const v of [actorName, actorRole, note, assignee, attachmentId]) if (v === null) a.appendNull(); else a.appendVarchar(v);
  a.endRow();
}

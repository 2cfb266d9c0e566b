// The audit log: who did what, when, from where — logins (ok and failed), imports, polygon replacements,
// exports and reads of sensitive rows. Append-only: this module only inserts, and nothing else in the server
// writes the table. A read-only database (a reporting copy, the test suites' shared file) cannot take rows: no row
// is attempted there, and the server says so once when it starts (announceReadOnlyAudit), not on every request;
// its writes are refused with 503 anyway (app.ts). On a writable database a row that fails is logged each time.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Context } from 'hono';
import type { Database } from '../db/database.js';
import { clientAddress } from './client-address.js';
import { utcNow } from './user-store.js';

export const AUDIT_ACTIONS = ['login', 'logout', 'password', 'user.create', 'user.disable', 'user.enable', 'user.reset', 'import', 'areas.replace', 'export', 'sensitive.read'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry { action: AuditAction; ok?: boolean; detail?: string; username?: string; role?: string }

const INSERT = 'INSERT INTO audit_log (logged_at, username, role, address, action, ok, detail) VALUES (?::TIMESTAMP, ?, ?, ?, ?, ?, ?)';
/** The row's values; the user and address come from the request unless given. */
function rowOf(c: Context | null, e: AuditEntry) {
  const user = c?.get('user');
  return [utcNow(), e.username ?? user?.username ?? null, e.role ?? user?.role ?? null, c ? clientAddress(c) : null, e.action, e.ok ?? true, e.detail?.slice(0, 2000) ?? null];
}

/** Appends one row; the user and address come from the request unless given. Never throws: a row that cannot be
 * written is logged as an error (a read-only database is not asked: see the header). */
export async function audit(db: Database, c: Context | null, e: AuditEntry): Promise<void> {
  if (db.readOnly) return;
  try {
    await db.query(INSERT, rowOf(c, e));
  } catch (err) {
    console.error(`audit log row not written (${e.action}${e.detail ? `: ${e.detail.slice(0, 200)}` : ''}): ${err instanceof Error ? err.message.split('\n')[0] : err}`);
  }
}

const announced = new WeakSet<Database>();
/** Says once per database, when an app starts on it, that a read-only database keeps no audit log. */
export function announceReadOnlyAudit(db: Database, log: (line: string) => void = console.warn): void {
  if (!db.readOnly || announced.has(db)) return;
  announced.add(db);
  log(`The database ${db.path} is open read-only: the audit log is not written here (logins, exports and reads of sensitive rows are not recorded), and every change is refused with 503. Open it writable to keep an audit log.`);
}

/** Sensitive rows a request's answer carried (petition text, face-recognition camera positions, a reporter's
 * name), by request: the answer cache (http/answer-cache.ts) keeps the note with a cached answer and logs it
 * again each time it serves that answer to someone, so a read from the cache is in the log too. */
const sensitiveNotes = new WeakMap<Request, string>();

/** Logs a read of sensitive rows (action sensitive.read) and notes it on the request for the answer cache. */
export async function auditSensitiveRead(db: Database, c: Context, detail: string): Promise<void> {
  sensitiveNotes.set(c.req.raw, detail);
  await audit(db, c, { action: 'sensitive.read', detail });
}
export const sensitiveNoteOf = (c: Context): string | undefined => sensitiveNotes.get(c.req.raw);

const importAction = (kind: string): AuditAction => (/^(township|village|grid)$/.test(kind) ? 'areas.replace' : 'import');

/** How an importer writes the audit row of its commit: on its own connection, inside its transaction, just before
 * COMMIT, so the rows and the row saying who imported them are kept together or not at all (an audit row that
 * cannot be written rolls the import back, and the request fails with the error logged, rather than leaving
 * rows nobody is recorded to have imported). */
export type CommitAudit = (con: DuckDBConnection, done: { imported: number; refused: number }) => Promise<void>;

/** The CommitAudit of an import request (kind: incidents, cameras, sites, township|village|grid, roads, jurisdiction). */
export function importCommitAudit(c: Context, kind: string): CommitAudit {
  return async (con, d) => {
    await con.run(INSERT, rowOf(c, { action: importAction(kind), ok: true, detail: `${kind}: ${d.imported} imported, ${d.refused} refused` }));
  };
}

/** The log row of an import that was refused as a whole or wrote nothing (a committed one wrote its own row in
 * its transaction: importCommitAudit); a dry run changes nothing and is not logged. A polygon file replaces its
 * level: logged as areas.replace. */
export async function auditImport(db: Database, c: Context, kind: string, dryRun: boolean, r: { committed: boolean; imported?: number; rejected?: readonly unknown[]; rejectedCount?: number; fileError?: string | null }): Promise<void> {
  if (dryRun || r.committed) return;
  const refused = r.rejectedCount ?? r.rejected?.length ?? 0;
  await audit(db, c, { action: importAction(kind), ok: false, detail: `${kind}: not imported${r.fileError ? ` (${r.fileError})` : ''}, ${refused} refused` });
}

export interface AuditRow { id: number; at: string; username: string | null; role: string | null; address: string | null; action: string; ok: boolean; detail: string | null }

/** Newest first; `before` pages back by id. */
export async function auditRows(db: Database, o: { limit: number; before?: number; action?: string }): Promise<AuditRow[]> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (o.before) where.push('id < ?'), params.push(o.before);
  if (o.action) where.push('action = ?'), params.push(o.action);
  return db.query<AuditRow & Record<string, unknown>>(
    `SELECT id, strftime(logged_at, '%Y-%m-%dT%H:%M:%SZ') AS "at", username, role, address, action, ok, detail FROM audit_log ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT ?`,
    [...params, o.limit],
  );
}

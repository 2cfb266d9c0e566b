// The audit log: who did what, when, from where — logins (ok and failed), imports, polygon replacements,
// exports and reads of sensitive rows. Append-only: this module only inserts, and nothing else in the server
// writes the table. A read-only database (the test suites' shared file) cannot take rows; that is logged once.
import type { Context } from 'hono';
import type { Database } from '../db/database.js';
import { clientAddress } from './client-address.js';
import { utcNow } from './user-store.js';

export const AUDIT_ACTIONS = ['login', 'logout', 'password', 'user.create', 'user.disable', 'user.enable', 'user.reset', 'import', 'areas.replace', 'export', 'sensitive.read'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry { action: AuditAction; ok?: boolean; detail?: string; username?: string; role?: string }

let warned = false;

/** Appends one row; the user and address come from the request unless given. Never throws. */
export async function audit(db: Database, c: Context | null, e: AuditEntry): Promise<void> {
  const user = c?.get('user');
  try {
    await db.query('INSERT INTO audit_log (logged_at, username, role, address, action, ok, detail) VALUES (?::TIMESTAMP, ?, ?, ?, ?, ?, ?)', [
      utcNow(),
      e.username ?? user?.username ?? null,
      e.role ?? user?.role ?? null,
      c ? clientAddress(c) : null,
      e.action,
      e.ok ?? true,
      e.detail?.slice(0, 2000) ?? null,
    ]);
  } catch (err) {
    if (!warned) console.warn(`audit log not written (${err instanceof Error ? err.message.split('\n')[0] : err})`);
    warned = true;
  }
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

// The users table: look-ups for the session layer (cached in memory per database: every write goes through
// this module, which drops the cache) and the admin's create / disable / reset / change-password.
import type { Database } from '../db/database.js';
import { ROLES, type Role, type SessionUser } from '../../shared/domain/roles.js';
import { HttpError } from '../http/validate.js';
import { hashPassword } from './passwords.js';

export interface StoredUser extends SessionUser {
  passwordHash: string;
  disabled: boolean;
  sessionEpoch: number;
  createdAt: string;
  updatedAt: string;
}

interface UserRow { id: number; username: string; display_name: string; role: string; scope_code: string; password_hash: string; disabled: boolean; session_epoch: number; created_at: string; updated_at: string }

const caches = new WeakMap<Database, Promise<Map<number, StoredUser>>>();

const SELECT = `SELECT id, username, display_name, role, scope_code, password_hash, disabled, session_epoch,
  strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') created_at, strftime(updated_at, '%Y-%m-%dT%H:%M:%SZ') updated_at FROM users`;

const fromRow = (r: UserRow): StoredUser => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: (ROLES as readonly string[]).includes(r.role) ? (r.role as Role) : 'grid_member',
  scopeCode: r.scope_code,
  passwordHash: r.password_hash,
  disabled: r.disabled,
  sessionEpoch: r.session_epoch,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Every user by id (a database without a users table has none). */
export function allUsers(db: Database): Promise<Map<number, StoredUser>> {
  let c = caches.get(db);
  if (!c) {
    c = db.query<UserRow & Record<string, unknown>>(`${SELECT} ORDER BY id`)
      .then((rows) => new Map(rows.map((r) => [r.id, fromRow(r)])))
      .catch(() => new Map<number, StoredUser>());
    caches.set(db, c);
  }
  return c;
}

export async function userById(db: Database, id: number): Promise<StoredUser | undefined> {
  return (await allUsers(db)).get(id);
}

export async function userByName(db: Database, username: string): Promise<StoredUser | undefined> {
  for (const u of (await allUsers(db)).values()) if (u.username === username) return u;
  return undefined;
}

/** The session's view of a stored user (no hash). */
export const sessionUser = (u: StoredUser): SessionUser => ({ id: u.id, username: u.username, displayName: u.displayName, role: u.role, scopeCode: u.scopeCode });

export interface NewUser { username: string; displayName: string; role: Role; scopeCode: string; password: string }

/** Now in UTC, as a TIMESTAMP parameter (the database stores UTC; DuckDB's now() casts to the machine's zone). */
export const utcNow = () => new Date().toISOString().replace('T', ' ').replace('Z', '');

async function write(db: Database, sql: string, params: (string | number | boolean)[]): Promise<void> {
  try {
    await db.query(sql, params);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    if (/read.only/i.test(msg)) throw new HttpError(409, 'The database is opened read-only, so accounts cannot be changed.');
    if (/duplicate key|unique constraint|primary key/i.test(msg)) throw new HttpError(409, 'A user with this name exists already.');
    throw err;
  } finally {
    caches.delete(db);
  }
}

export async function createUser(db: Database, u: NewUser): Promise<StoredUser> {
  if (await userByName(db, u.username)) throw new HttpError(409, `A user named ${u.username} exists already.`);
  const hash = await hashPassword(u.password);
  await write(db, `INSERT INTO users (id, username, display_name, role, scope_code, password_hash, disabled, session_epoch, created_at, updated_at)
    SELECT coalesce(max(id), 0) + 1, ?, ?, ?, ?, ?, false, 0, ?::TIMESTAMP, ?::TIMESTAMP FROM users`, [u.username, u.displayName, u.role, u.scopeCode, hash, utcNow(), utcNow()]);
  return (await userByName(db, u.username))!;
}

/** A new password (by the user or an admin's reset): every open session of the user ends. */
export async function setPassword(db: Database, id: number, password: string): Promise<void> {
  const hash = await hashPassword(password);
  await write(db, 'UPDATE users SET password_hash = ?, session_epoch = session_epoch + 1, updated_at = ?::TIMESTAMP WHERE id = ?', [hash, utcNow(), id]);
}

/** The jurisdiction just imported into an empty database becomes the scope of the accounts made before it
 * (admin, scoped to nothing: first-accounts.ts). */
export async function scopeUnscopedAccounts(db: Database, code: string): Promise<void> {
  await write(db, "UPDATE users SET scope_code = ?, updated_at = ?::TIMESTAMP WHERE scope_code = ''", [code, utcNow()]);
}

/** Disabling ends the user's sessions at once; enabling lets them log in again. */
export async function setDisabled(db: Database, id: number, disabled: boolean): Promise<void> {
  await write(db, 'UPDATE users SET disabled = ?, session_epoch = session_epoch + 1, updated_at = ?::TIMESTAMP WHERE id = ?', [disabled, utcNow(), id]);
}

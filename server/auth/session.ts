// Sessions: a signed JWT (HS256, hono/jwt) in an HttpOnly, SameSite=Strict cookie with an expiry. It names the
// user, a random session id and the user's session epoch; a session is refused when it expired, was logged out
// (revoked_sessions), or the user's epoch moved (password change, reset, disable). The signing secret is made at
// first start and kept in the database's meta table (a read-only database without one gets a secret for the
// life of the process).
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { sign, verify } from 'hono/jwt';
import { randomBytes } from 'node:crypto';
import type { Database } from '../db/database.js';
import type { SessionInfo } from './context.js';
import { userById, type StoredUser } from './user-store.js';

export const SESSION_COOKIE = 'pingan_session';
/** A readable companion of the HttpOnly session cookie, with the same lifetime and no secret in it ('1'): the
 * page reads it to know whether asking GET /api/auth/me makes sense, so the login page of someone not signed in
 * makes no request that is bound to answer 401. The session cookie alone decides access. */
export const SESSION_HINT_COOKIE = 'pingan_signed_in';
export const DEFAULT_SESSION_HOURS = 8; // one shift

interface Keys { secret: string; revoked: Map<string, number> }
const keys = new WeakMap<Database, Promise<Keys>>();

async function loadKeys(db: Database): Promise<Keys> {
  const revoked = new Map<string, number>();
  const rows = await db.query<{ sid: string; exp: number }>(`SELECT sid, epoch_ms(expires_at) exp FROM revoked_sessions WHERE expires_at > ?::TIMESTAMP`, [new Date().toISOString().replace('T', ' ').replace('Z', '')]).catch(() => []);
  for (const r of rows) revoked.set(r.sid, r.exp);
  const [stored] = await db.query<{ value: string }>(`SELECT value FROM meta WHERE key = 'session_secret'`).catch(() => []);
  if (stored) return { secret: stored.value, revoked };
  const secret = randomBytes(32).toString('base64url');
  await db.query(`INSERT INTO meta (key, value) VALUES ('session_secret', ?)`, [secret]).catch(() => {}); // read-only: this process only
  const [again] = await db.query<{ value: string }>(`SELECT value FROM meta WHERE key = 'session_secret'`).catch(() => []);
  return { secret: again?.value ?? secret, revoked };
}

function keysFor(db: Database): Promise<Keys> {
  let k = keys.get(db);
  if (!k) keys.set(db, (k = loadKeys(db)));
  return k;
}

/** Makes the signing secret now (first start), so it is stored before anyone logs in. */
export async function ensureSessionSecret(db: Database): Promise<void> {
  await keysFor(db);
}

const isHttps = (c: Context) => new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';

export async function startSession(c: Context, db: Database, user: StoredUser, hours = DEFAULT_SESSION_HOURS): Promise<SessionInfo> {
  const { secret } = await keysFor(db);
  const now = Math.floor(Date.now() / 1000);
  const sid = randomBytes(16).toString('base64url');
  const exp = now + Math.round(hours * 3600);
  const token = await sign({ sub: String(user.id), sid, ep: user.sessionEpoch, iat: now, exp }, secret, 'HS256');
  // The session cookie first: a client that reads the first Set-Cookie (tests, scripts) gets the session.
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/', maxAge: exp - now, secure: isHttps(c) });
  setCookie(c, SESSION_HINT_COOKIE, '1', { sameSite: 'Strict', path: '/', maxAge: exp - now, secure: isHttps(c) });
  return { sid, expiresAtMs: exp * 1000 };
}

/** The session's user, or null when there is no valid session. */
export async function readSession(c: Context, db: Database): Promise<{ user: StoredUser; session: SessionInfo } | null> {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) return null;
  const { secret, revoked } = await keysFor(db);
  let payload = verifiedTokens(db).get(token);
  if (payload && !(typeof payload.exp === 'number' && payload.exp * 1000 > Date.now())) {
    verifiedTokens(db).delete(token);
    return null; // expired since it was verified
  }
  if (!payload) {
    try {
      payload = await verify(token, secret, 'HS256');
    } catch {
      return null; // bad signature, expired, malformed
    }
    rememberVerified(db, token, payload);
  }
  const sid = typeof payload.sid === 'string' ? payload.sid : '';
  const exp = typeof payload.exp === 'number' ? payload.exp * 1000 : 0;
  if (!sid || revoked.has(sid)) return null;
  const user = await userById(db, Number(payload.sub));
  if (!user || user.disabled || user.sessionEpoch !== payload.ep) return null;
  return { user, session: { sid, expiresAtMs: exp } };
}

/** Tokens whose signature was checked, with their claims: checking an HS256 signature through WebCrypto (hono/jwt
 * imports the key and runs an async job each time) cost ~1 ms of the server's CPU per request, more than a case
 * transition's own work. Keyed by the token's exact text, so only a token that verified is ever found; its expiry is
 * checked again on every use, and revocation and the user's epoch are checked after, as for a new one. */
const verified = new WeakMap<Database, Map<string, Record<string, unknown>>>();
const VERIFIED_KEPT = 10_000;
const verifiedTokens = (db: Database) => {
  let m = verified.get(db);
  if (!m) verified.set(db, (m = new Map()));
  return m;
};
function rememberVerified(db: Database, token: string, payload: Record<string, unknown>): void {
  const m = verifiedTokens(db);
  m.set(token, payload);
  if (m.size > VERIFIED_KEPT) m.delete(m.keys().next().value!);
}

export async function endSession(c: Context, db: Database, session: SessionInfo): Promise<void> {
  const { revoked } = await keysFor(db);
  revoked.set(session.sid, session.expiresAtMs);
  for (const [sid, exp] of revoked) if (exp < Date.now()) revoked.delete(sid);
  await db.query('INSERT INTO revoked_sessions (sid, expires_at) VALUES (?, make_timestamp(?::BIGINT * 1000))', [session.sid, session.expiresAtMs]).catch(() => {});
  deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Strict', secure: isHttps(c) });
  forgetSessionHint(c);
}

/** Clears the page's hint: on sign-out, and when a request came with a session that is no longer good. */
export function forgetSessionHint(c: Context): void {
  if (getCookie(c, SESSION_HINT_COOKIE) !== undefined) deleteCookie(c, SESSION_HINT_COOKIE, { path: '/', sameSite: 'Strict', secure: isHttps(c) });
}

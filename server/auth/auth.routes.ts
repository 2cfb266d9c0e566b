// /api/auth: sign in and out, who am I, change my password.
//   POST /auth/login     JSON { username, password } → 200 { user } and the session cookie; 401 wrong; 429 too many
//   POST /auth/logout    ends the session
//   GET  /auth/me        { user, role names, permissions, scope name, session expiry }
//   POST /auth/password  JSON { current, next } → a new session (every other session of the user ends)
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { ROLE_PERMISSIONS } from '../../shared/domain/permissions.js';
import { ROLE_NAMES } from '../../shared/domain/roles.js';
import { formatIssues } from '../http/validate.js';
import { access } from './access.js';
import { audit } from './audit.js';
import { clientAddress } from './client-address.js';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import { RateLimiter } from './rate-limit.js';
import { endSession, startSession } from './session.js';
import { sessionUser, setPassword, userById, userByName } from './user-store.js';

/** Failed logins allowed per minute: 10 per user name, 30 per address; the next attempt gets 429. */
export const LOGIN_LIMITS = { perUser: 10, perAddress: 30, windowMs: 60_000 } as const;

const LoginSchema = z.object({ username: z.string().trim().min(1, 'give the user name').max(64), password: z.string().min(1, 'give the password').max(200) }).strict();
const PasswordSchema = z.object({ current: z.string().min(1).max(200), next: z.string().max(200) }).strict();

// Compared against when the user name is unknown, so a wrong name costs the same time as a wrong password.
const dummyHash = hashPassword('not-a-password-of-anyone');

async function body<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S> | Response> {
  const raw = await c.req.json().catch(() => undefined);
  const r = schema.safeParse(raw);
  if (!r.success) return c.json({ error: `Invalid request: ${raw === undefined ? 'expected a JSON body' : formatIssues(r.error).message}`, errorZh: '请求格式不正确。' }, 400);
  return r.data;
}

export async function describeScope(db: Database, code: string): Promise<string> {
  const [r] = await db.query<{ name: string }>(
    `SELECT name FROM county WHERE code = ? UNION ALL SELECT name FROM townships WHERE code = ? UNION ALL SELECT name FROM villages WHERE code = ? UNION ALL SELECT name FROM grids WHERE code = ? LIMIT 1`,
    [code, code, code, code],
  ).catch(() => []);
  return r?.name ?? code;
}

export function authRoutes(db: Database, options: { sessionHours?: number } = {}) {
  const perUser = new RateLimiter(LOGIN_LIMITS.perUser, LOGIN_LIMITS.windowMs);
  const perAddress = new RateLimiter(LOGIN_LIMITS.perAddress, LOGIN_LIMITS.windowMs);
  const tooMany = (c: Context, seconds: number) => {
    c.header('Retry-After', String(seconds));
    return c.json({ error: `Too many failed sign-ins; try again in ${seconds} s.`, errorZh: `登录失败次数过多，请 ${seconds} 秒后再试。` }, 429);
  };

  return new Hono()
    .post('/login', access('public'), async (c) => {
      const b = await body(c, LoginSchema);
      if (b instanceof Response) return b;
      const address = clientAddress(c);
      const wait = Math.max(perUser.blockedFor(b.username), perAddress.blockedFor(address));
      if (wait) {
        await audit(db, c, { action: 'login', ok: false, username: b.username, detail: 'rate limited' });
        return tooMany(c, wait);
      }
      const user = await userByName(db, b.username);
      const ok = await verifyPassword(b.password, user?.passwordHash ?? (await dummyHash));
      if (!user || !ok) {
        perUser.record(b.username);
        perAddress.record(address);
        await audit(db, c, { action: 'login', ok: false, username: b.username, detail: user ? 'wrong password' : 'unknown user' });
        return c.json({ error: 'Wrong user name or password.', errorZh: '用户名或密码错误。' }, 401);
      }
      if (user.disabled) {
        await audit(db, c, { action: 'login', ok: false, username: user.username, role: user.role, detail: 'account disabled' });
        return c.json({ error: 'This account is disabled; ask the administrator.', errorZh: '该账号已停用，请联系管理员。' }, 403);
      }
      perUser.clear(b.username);
      const session = await startSession(c, db, user, options.sessionHours);
      await audit(db, c, { action: 'login', ok: true, username: user.username, role: user.role });
      return c.json({ user: sessionUser(user), expiresAt: new Date(session.expiresAtMs).toISOString() });
    })
    .post('/logout', access('signed-in'), async (c) => {
      await endSession(c, db, c.get('session'));
      await audit(db, c, { action: 'logout' });
      return c.json({ ok: true });
    })
    .get('/me', access('signed-in'), async (c) => {
      const user = c.get('user');
      return c.json({
        user,
        roleName: ROLE_NAMES[user.role],
        permissions: ROLE_PERMISSIONS[user.role],
        scopeName: await describeScope(db, user.scopeCode),
        expiresAt: new Date(c.get('session').expiresAtMs).toISOString(),
      });
    })
    .post('/password', access('signed-in'), async (c) => {
      const b = await body(c, PasswordSchema);
      if (b instanceof Response) return b;
      const me = c.get('user');
      const wait = perUser.blockedFor(me.username);
      if (wait) return tooMany(c, wait);
      const stored = await userById(db, me.id);
      if (!stored || !(await verifyPassword(b.current, stored.passwordHash))) {
        perUser.record(me.username);
        await audit(db, c, { action: 'password', ok: false, detail: 'wrong current password' });
        return c.json({ error: 'The current password is wrong.', errorZh: '当前密码不正确。' }, 400);
      }
      const problem = passwordProblem(b.next, me.username);
      if (problem) return c.json({ error: `New password refused: ${problem.en}.`, errorZh: `新密码不可用：${problem.zh}。` }, 400);
      await setPassword(db, me.id, b.next);
      const fresh = (await userById(db, me.id))!;
      const session = await startSession(c, db, fresh, options.sessionHours);
      await audit(db, c, { action: 'password' });
      return c.json({ ok: true, expiresAt: new Date(session.expiresAtMs).toISOString() });
    });
}

// /api/auth: sign in and out, who am I, change my password.
//   POST /auth/login     JSON { username, password } → 200 { user } and the session cookie; 401 wrong; 429 too many
//   POST /auth/logout    ends the session
//   GET  /auth/me        { user, role names, permissions, scope name, session expiry }
//   POST /auth/password  JSON { current, next } → a new session (every other session of the user ends)
import type { Context } from 'hono';
import type { Database } from '../db/database.js';
import { PERMISSIONS, ROLE_PERMISSIONS } from '../../shared/domain/permissions.js';
import { ROLE_NAMES, ROLES } from '../../shared/domain/roles.js';
import { createRouter, declareRoute, json, jsonBody, z } from '../http/openapi.js';
import { errorBody, ErrorAnswer } from '../http/errors.js';
import { audit } from './audit.js';
import { clientAddress } from './client-address.js';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import { RateLimiter } from './rate-limit.js';
import { endSession, startSession } from './session.js';
import { sessionUser, setPassword, userById, userByName } from './user-store.js';

/** Failed logins allowed per minute: 10 per user name, 30 per address; the next attempt gets 429. */
export const LOGIN_LIMITS = { perUser: 10, perAddress: 30, windowMs: 60_000 } as const;

export const LoginBody = z.object({ username: z.string().trim().min(1, 'give the user name').max(64), password: z.string().min(1, 'give the password').max(200) }).strict();
export const PasswordBody = z.object({ current: z.string().min(1).max(200), next: z.string().max(200) }).strict();

// Compared against when the user name is unknown, so a wrong name costs the same time as a wrong password.
const dummyHash = hashPassword('not-a-password-of-anyone');

export const SessionUserAnswer = z
  .strictObject({ id: z.number().int(), username: z.string(), displayName: z.string(), role: z.enum(ROLES), scopeCode: z.string().describe('division-code prefix of what the user may see') })
  .openapi('SessionUser');
export const LoginAnswer = z.strictObject({ user: SessionUserAnswer, expiresAt: z.string().describe('ISO time the session ends') }).openapi('Login');
export type LoginAnswer = z.infer<typeof LoginAnswer>;
export const MeAnswer = z
  .strictObject({
    user: SessionUserAnswer,
    roleName: z.strictObject({ zh: z.string(), en: z.string() }),
    permissions: z.array(z.enum(PERMISSIONS)),
    scopeName: z.string(),
    expiresAt: z.string(),
  })
  .openapi('Me');
export type MeAnswer = z.infer<typeof MeAnswer>;
export const OkAnswer = z.strictObject({ ok: z.literal(true) }).openapi('Ok');
export const PasswordAnswer = z.strictObject({ ok: z.literal(true), expiresAt: z.string() }).openapi('PasswordChanged');


export const loginRoute = declareRoute({
  method: 'post',
  path: '/login',
  access: 'public',
  summary: { zh: '登录', en: 'Sign in' },
  request: { body: jsonBody(LoginBody) },
  responses: {
    200: json(LoginAnswer, 'Signed in: the user, and the session cookie (Set-Cookie).'),
    400: json(ErrorAnswer, 'Invalid request (请求无效).'),
    401: json(ErrorAnswer, 'Wrong user name or password (用户名或密码错误).'),
    403: json(ErrorAnswer, 'The account is disabled (账号已停用).'),
  },
});

export const logoutRoute = declareRoute({
  method: 'post',
  path: '/logout',
  access: 'signed-in',
  summary: { zh: '退出登录', en: 'Sign out' },
  responses: { 200: json(OkAnswer, 'The session is ended; its cookie is refused from now on.') },
});

export const meRoute = declareRoute({
  method: 'get',
  path: '/me',
  access: 'signed-in',
  summary: { zh: '当前用户、角色与权限', en: 'The signed-in user, role and permissions' },
  responses: { 200: json(MeAnswer, 'Who is signed in, what the role may do, the scope’s name and the session’s end.') },
});

export const passwordRoute = declareRoute({
  method: 'post',
  path: '/password',
  access: 'signed-in',
  summary: { zh: '修改密码', en: 'Change my password' },
  request: { body: jsonBody(PasswordBody) },
  responses: { 200: json(PasswordAnswer, 'Changed: a new session; every other session of the user ends.') },
});

export async function describeScope(db: Database, code: string): Promise<string> {
  const [r] = await db.query<{ name: string }>(
    `SELECT name FROM county WHERE code = ? UNION ALL SELECT name FROM counties WHERE code = ? UNION ALL SELECT name FROM townships WHERE code = ? UNION ALL SELECT name FROM villages WHERE code = ? UNION ALL SELECT name FROM grids WHERE code = ? LIMIT 1`,
    [code, code, code, code, code],
  ).catch(() => []);
  return r?.name ?? code;
}

export function authRoutes(db: Database, options: { sessionHours?: number } = {}) {
  const perUser = new RateLimiter(LOGIN_LIMITS.perUser, LOGIN_LIMITS.windowMs);
  const perAddress = new RateLimiter(LOGIN_LIMITS.perAddress, LOGIN_LIMITS.windowMs);
  const tooMany = (c: Context, seconds: number) => {
    c.header('Retry-After', String(seconds));
    return c.json(errorBody(429, `Too many failed sign-ins; try again in ${seconds} s.`, { errorZh: `登录失败次数过多，请 ${seconds} 秒后再试。`, reason: 'rate-limit' }), 429);
  };

  return createRouter()
    .openapi(loginRoute, async (c) => {
      const b = c.req.valid('json');
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
        return c.json(errorBody(401, 'Wrong user name or password.', { errorZh: '用户名或密码错误。' }), 401);
      }
      if (user.disabled) {
        await audit(db, c, { action: 'login', ok: false, username: user.username, role: user.role, detail: 'account disabled' });
        return c.json(errorBody(403, 'This account is disabled; ask the administrator.', { errorZh: '该账号已停用，请联系管理员。', reason: 'disabled' }), 403);
      }
      perUser.clear(b.username);
      const session = await startSession(c, db, user, options.sessionHours);
      await audit(db, c, { action: 'login', ok: true, username: user.username, role: user.role });
      return c.json({ user: sessionUser(user), expiresAt: new Date(session.expiresAtMs).toISOString() }, 200);
    })
    .openapi(logoutRoute, async (c) => {
      await endSession(c, db, c.get('session'));
      await audit(db, c, { action: 'logout' });
      return c.json({ ok: true as const }, 200);
    })
    .openapi(meRoute, async (c) => {
      const user = c.get('user');
      return c.json({
        user,
        roleName: ROLE_NAMES[user.role],
        permissions: [...ROLE_PERMISSIONS[user.role]],
        scopeName: await describeScope(db, user.scopeCode),
        expiresAt: new Date(c.get('session').expiresAtMs).toISOString(),
      }, 200);
    })
    .openapi(passwordRoute, async (c) => {
      const b = c.req.valid('json');
      const me = c.get('user');
      const wait = perUser.blockedFor(me.username);
      if (wait) return tooMany(c, wait);
      const stored = await userById(db, me.id);
      if (!stored || !(await verifyPassword(b.current, stored.passwordHash))) {
        perUser.record(me.username);
        await audit(db, c, { action: 'password', ok: false, detail: 'wrong current password' });
        return c.json(errorBody(400, 'The current password is wrong.', { errorZh: '当前密码不正确。' }), 400);
      }
      const problem = passwordProblem(b.next, me.username);
      if (problem) return c.json(errorBody(400, `New password refused: ${problem.en}.`, { errorZh: `新密码不可用：${problem.zh}。` }), 400);
      await setPassword(db, me.id, b.next);
      const fresh = (await userById(db, me.id))!;
      const session = await startSession(c, db, fresh, options.sessionHours);
      await audit(db, c, { action: 'password' });
      return c.json({ ok: true as const, expiresAt: new Date(session.expiresAtMs).toISOString() }, 200);
    });
}

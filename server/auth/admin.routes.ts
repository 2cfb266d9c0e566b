// /api/admin: accounts and the audit log (the administrator).
//   GET  /admin/users                      every account (no password hashes)
//   POST /admin/users                      JSON { username, displayName, role, scopeCode, password } → 201
//   POST /admin/users/:id/disable | enable   ends / allows the user's sessions
//   POST /admin/users/:id/reset            JSON { password } → a new password; the user's sessions end
//   GET  /admin/audit?limit&before&action  audit rows, newest first;  GET /admin/audit.csv  the same as CSV
//   Each is declared once (http/openapi.ts): inputs, answers, access rule; the admin dialogs' types are these.
import type { Database } from '../db/database.js';
import { ROLES } from '../../shared/domain/roles.js';
import { csvLine } from '../http/csv.js';
import { ErrorAnswer } from '../http/errors.js';
import { createRouter, declareRoute, file, json, jsonBody, z } from '../http/openapi.js';
import { HttpError } from '../http/validate.js';
import { AUDIT_ACTIONS, audit, auditRows } from './audit.js';
import { SessionUserAnswer } from './auth.routes.js';
import { passwordProblem } from './passwords.js';
import { allUsers, createUser, sessionUser, setDisabled, setPassword, userById } from './user-store.js';

const NewUserSchema = z.object({
  username: z.string().trim().regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, 'user names are 2–32 lower-case letters, digits, . _ -'),
  displayName: z.string().trim().min(1).max(50),
  role: z.enum(ROLES, { message: `role must be one of ${ROLES.join(', ')}` }),
  scopeCode: z.string().regex(/^\d{4}$|^\d{6,15}$/, 'scopeCode is a division code (prefecture 4 digits, county 6, township 9, village 12, grid 15)'),
  password: z.string().max(200),
}).strict();
const ResetSchema = z.object({ password: z.string().max(200) }).strict();
const AuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(10000).default(200),
  before: z.coerce.number().int().min(1).optional().describe('page back: rows with a smaller id'),
  action: z.enum(AUDIT_ACTIONS, { message: `action must be one of ${AUDIT_ACTIONS.join(', ')}` }).optional(),
});
const UserPath = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' }, description: 'the user’s id' }) });

export const ListedUserAnswer = SessionUserAnswer.extend({ disabled: z.boolean(), createdAt: z.string().describe('UTC time'), updatedAt: z.string().describe('UTC time') }).openapi('ListedUser');
export const UsersAnswer = z.strictObject({ users: z.array(ListedUserAnswer) }).openapi('Users');
export const UserAnswer = z.strictObject({ user: ListedUserAnswer }).openapi('User');
export const AuditRowAnswer = z
  .strictObject({
    id: z.number().int(), at: z.string().describe('UTC time'), username: z.string().nullable(), role: z.string().nullable(),
    address: z.string().nullable().describe('the client’s address'), action: z.string().describe(`${AUDIT_ACTIONS.join(', ')}`), ok: z.boolean(), detail: z.string().nullable(),
  })
  .openapi('AuditRow');
export const AuditAnswer = z.strictObject({ rows: z.array(AuditRowAnswer).describe('newest first') }).openapi('Audit');
export type UsersAnswer = z.infer<typeof UsersAnswer>;
export type AuditAnswer = z.infer<typeof AuditAnswer>;

const NO_USER = { 404: json(ErrorAnswer, 'No user with this id (没有该用户).') } as const;

export const usersRoute = declareRoute({
  method: 'get', path: '/users', access: 'users.manage',
  summary: { zh: '账号列表', en: 'Every account' },
  responses: { 200: json(UsersAnswer, 'Every account (no password hashes).') },
});
export const createUserRoute = declareRoute({
  method: 'post', path: '/users', access: 'users.manage',
  summary: { zh: '新建账号', en: 'Create an account' },
  request: { body: jsonBody(NewUserSchema) },
  responses: {
    201: json(UserAnswer, 'The new account.'),
    409: json(ErrorAnswer, 'A user of that name exists already (用户名已存在).'),
  },
});
export const disableUserRoute = declareRoute({
  method: 'post', path: '/users/{id}/disable', access: 'users.manage',
  summary: { zh: '停用账号（结束其会话）', en: 'Disable an account (its sessions end)' },
  request: { params: UserPath },
  responses: { 200: json(UserAnswer, 'The account after the change.'), ...NO_USER, 409: json(ErrorAnswer, 'Your own account cannot be disabled (不能停用自己的账号).') },
});
export const enableUserRoute = declareRoute({
  method: 'post', path: '/users/{id}/enable', access: 'users.manage',
  summary: { zh: '启用账号', en: 'Enable an account' },
  request: { params: UserPath },
  responses: { 200: json(UserAnswer, 'The account after the change.'), ...NO_USER },
});
export const resetUserRoute = declareRoute({
  method: 'post', path: '/users/{id}/reset', access: 'users.manage',
  summary: { zh: '重置密码（结束其会话）', en: 'Reset a password (the user’s sessions end)' },
  request: { params: UserPath, body: jsonBody(ResetSchema) },
  responses: { 200: json(UserAnswer, 'The account after the reset.'), ...NO_USER },
});
export const auditRoute = declareRoute({
  method: 'get', path: '/audit', access: 'audit.read',
  summary: { zh: '审计日志', en: 'The audit log' },
  request: { query: AuditQuery },
  responses: { 200: json(AuditAnswer, 'Audit rows, newest first.') },
});
export const auditCsvRoute = declareRoute({
  method: 'get', path: '/audit.csv', access: 'audit.read',
  summary: { zh: '导出审计日志（CSV）', en: 'The audit log as CSV' },
  request: { query: AuditQuery },
  responses: { 200: file('text/csv', 'The same rows, UTF-8 with BOM, Chinese headers (the export is itself logged).') },
});

async function targetUser(db: Database, id: string) {
  const n = Number(id);
  const u = Number.isInteger(n) ? await userById(db, n) : undefined;
  if (!u) throw new HttpError(404, `No user ${id}.`, undefined, `没有编号为 ${id} 的用户。`);
  return u;
}

async function knownScope(db: Database, code: string): Promise<boolean> {
  const [r] = await db.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM county WHERE code = ?) + (SELECT count(*) FROM counties WHERE code = ?) + (SELECT count(*) FROM townships WHERE code = ?) + (SELECT count(*) FROM villages WHERE code = ?) + (SELECT count(*) FROM grids WHERE code = ?) AS n`,
    [code, code, code, code, code],
  );
  return r.n > 0;
}

const listed = (u: Awaited<ReturnType<typeof userById>> & object) => ({ ...sessionUser(u), disabled: u.disabled, createdAt: u.createdAt, updatedAt: u.updatedAt });

export function adminRoutes(db: Database) {
  return createRouter()
    .openapi(usersRoute, async (c) => c.json({ users: [...(await allUsers(db)).values()].map(listed) }, 200))
    .openapi(createUserRoute, async (c) => {
      const b = c.req.valid('json');
      if (!(await knownScope(db, b.scopeCode))) throw new HttpError(400, `scopeCode ${b.scopeCode} is not the county, a township, a village or a grid of this database.`, undefined, `辖区代码 ${b.scopeCode} 不是本库的县、乡镇、村或网格。`);
      const problem = passwordProblem(b.password, b.username);
      if (problem) throw new HttpError(400, `Password refused: ${problem.en}.`, undefined, `密码不符合要求：${problem.zh}。`);
      const u = await createUser(db, b);
      await audit(db, c, { action: 'user.create', detail: `${u.username} ${u.role} ${u.scopeCode}` });
      return c.json({ user: listed(u) }, 201);
    })
    .openapi(disableUserRoute, async (c) => {
      const u = await targetUser(db, c.req.valid('param').id);
      if (u.id === c.get('user')!.id) throw new HttpError(409, 'You cannot disable your own account.', undefined, '不能停用自己的账号。');
      await setDisabled(db, u.id, true);
      await audit(db, c, { action: 'user.disable', detail: u.username });
      return c.json({ user: listed((await userById(db, u.id))!) }, 200);
    })
    .openapi(enableUserRoute, async (c) => {
      const u = await targetUser(db, c.req.valid('param').id);
      await setDisabled(db, u.id, false);
      await audit(db, c, { action: 'user.enable', detail: u.username });
      return c.json({ user: listed((await userById(db, u.id))!) }, 200);
    })
    .openapi(resetUserRoute, async (c) => {
      const u = await targetUser(db, c.req.valid('param').id);
      const b = c.req.valid('json');
      const problem = passwordProblem(b.password, u.username);
      if (problem) throw new HttpError(400, `Password refused: ${problem.en}.`, undefined, `密码不符合要求：${problem.zh}。`);
      await setPassword(db, u.id, b.password);
      await audit(db, c, { action: 'user.reset', detail: u.username });
      return c.json({ user: listed((await userById(db, u.id))!) }, 200);
    })
    .openapi(auditRoute, async (c) => c.json({ rows: await auditRows(db, c.req.valid('query')) }, 200))
    .openapi(auditCsvRoute, async (c) => {
      const rows = await auditRows(db, c.req.valid('query'));
      await audit(db, c, { action: 'export', detail: `audit.csv ${rows.length} rows` });
      const lines = [csvLine(['编号', '时间(UTC)', '用户', '角色', '地址', '操作', '成功', '详情'])];
      for (const r of rows) lines.push(csvLine([r.id, r.at, r.username, r.role, r.address, r.action, r.ok ? '是' : '否', r.detail]));
      return c.body('\uFEFF' + lines.join('\r\n') + '\r\n', 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="audit-log.csv"' });
    });
}

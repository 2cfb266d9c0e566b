// /api/admin: accounts and the audit log (the administrator).
//   GET  /admin/users                      every account (no password hashes)
//   POST /admin/users                      JSON { username, displayName, role, scopeCode, password } → 201
//   POST /admin/users/:id/disable | enable   ends / allows the user's sessions
//   POST /admin/users/:id/reset            JSON { password } → a new password; the user's sessions end
//   GET  /admin/audit?limit&before&action  audit rows, newest first;  GET /admin/audit.csv  the same as CSV
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { ROLES } from '../../shared/domain/roles.js';
import { csvLine } from '../http/csv.js';
import { formatIssues, HttpError, validQuery } from '../http/validate.js';
import { access } from './access.js';
import { AUDIT_ACTIONS, audit, auditRows } from './audit.js';
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
  before: z.coerce.number().int().min(1).optional(),
  action: z.enum(AUDIT_ACTIONS, { message: `action must be one of ${AUDIT_ACTIONS.join(', ')}` }).optional(),
});

async function json<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const raw = await c.req.json().catch(() => undefined);
  if (raw === undefined) throw new HttpError(400, 'Expected a JSON body.');
  const r = schema.safeParse(raw);
  if (!r.success) throw new HttpError(400, `Invalid request: ${formatIssues(r.error).message}`, formatIssues(r.error).issues);
  return r.data;
}

async function targetUser(db: Database, c: Context) {
  const id = Number(c.req.param('id'));
  const u = Number.isInteger(id) ? await userById(db, id) : undefined;
  if (!u) throw new HttpError(404, `No user ${c.req.param('id')}.`);
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
  return new Hono()
    .get('/users', access('users.manage'), async (c) => c.json({ users: [...(await allUsers(db)).values()].map(listed) }))
    .post('/users', access('users.manage'), async (c) => {
      const b = await json(c, NewUserSchema);
      if (!(await knownScope(db, b.scopeCode))) throw new HttpError(400, `scopeCode ${b.scopeCode} is not the county, a township, a village or a grid of this database.`);
      const problem = passwordProblem(b.password, b.username);
      if (problem) throw new HttpError(400, `Password refused: ${problem.en}.`);
      const u = await createUser(db, b);
      await audit(db, c, { action: 'user.create', detail: `${u.username} ${u.role} ${u.scopeCode}` });
      return c.json({ user: listed(u) }, 201);
    })
    .post('/users/:id/disable', access('users.manage'), async (c) => {
      const u = await targetUser(db, c);
      if (u.id === c.get('user').id) throw new HttpError(409, 'You cannot disable your own account.');
      await setDisabled(db, u.id, true);
      await audit(db, c, { action: 'user.disable', detail: u.username });
      return c.json({ user: listed((await userById(db, u.id))!) });
    })
    .post('/users/:id/enable', access('users.manage'), async (c) => {
      const u = await targetUser(db, c);
      await setDisabled(db, u.id, false);
      await audit(db, c, { action: 'user.enable', detail: u.username });
      return c.json({ user: listed((await userById(db, u.id))!) });
    })
    .post('/users/:id/reset', access('users.manage'), async (c) => {
      const u = await targetUser(db, c);
      const b = await json(c, ResetSchema);
      const problem = passwordProblem(b.password, u.username);
      if (problem) throw new HttpError(400, `Password refused: ${problem.en}.`);
      await setPassword(db, u.id, b.password);
      await audit(db, c, { action: 'user.reset', detail: u.username });
      return c.json({ user: listed((await userById(db, u.id))!) });
    })
    .get('/audit', access('audit.read'), validQuery(AuditQuery), async (c) => c.json({ rows: await auditRows(db, c.req.valid('query')) }))
    .get('/audit.csv', access('audit.read'), validQuery(AuditQuery), async (c) => {
      const rows = await auditRows(db, c.req.valid('query'));
      await audit(db, c, { action: 'export', detail: `audit.csv ${rows.length} rows` });
      const lines = [csvLine(['编号', '时间(UTC)', '用户', '角色', '地址', '操作', '成功', '详情'])];
      for (const r of rows) lines.push(csvLine([r.id, r.at, r.username, r.role, r.address, r.action, r.ok ? '是' : '否', r.detail]));
      return c.body('\uFEFF' + lines.join('\r\n') + '\r\n', 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="audit-log.csv"' });
    });
}

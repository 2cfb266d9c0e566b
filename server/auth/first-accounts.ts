// First start: a database without accounts gets `admin` (ADMIN_PASSWORD) and, on the demo county, one account
// per role (DEMO_PASSWORD): county-leader, township-leader (开通镇), planner, dispatcher, grid-member (one named
// grid of 开通镇). An unset password is generated and printed once in the log; it is never stored in clear.
// An empty database (no jurisdiction yet: COUNTY=none, or a new file) gets the schema and `admin` alone, scoped
// to nothing until POST /api/import/jurisdiction gives the database its jurisdiction (and admin its code).
import type { Database } from '../db/database.js';
import { ensureSchema } from '../db/ensure-schema.js';
import type { Role } from '../../shared/domain/roles.js';
import { randomPassword } from './passwords.js';
import { ensureSessionSecret } from './session.js';
import { allUsers, createUser } from './user-store.js';

export interface FirstAccountOptions {
  /** Create the five demo accounts too (the demo county); a real deployment starts with admin alone. */
  demo: boolean;
  demoPassword?: string;
  adminPassword?: string;
  log?: (m: string) => void;
}

export const DEMO_TOWNSHIP = '开通镇';

/** Whether the database is a full demo (DEMO=full: generated grids, cameras and incidents), whose first start
 * makes one account per role. A DEMO=none jurisdiction is a county's own deployment from an empty start: accounts
 * nobody asked for, with a password printed in a log, have no place there, so it starts with admin alone. */
export async function isFullDemo(db: Database): Promise<boolean> {
  const rows = await db.query<{ key: string; value: string }>(`SELECT key, value FROM meta WHERE key IN ('source', 'demo')`);
  const meta = Object.fromEntries(rows.map((r) => [r.key, r.value]));
  return meta.source === 'demo' && meta.demo !== 'none';
}

/** The scope of an account made before the database had a jurisdiction (admin of an empty database). */
export const NO_JURISDICTION_SCOPE = '';

export async function createFirstAccounts(db: Database, o: FirstAccountOptions): Promise<void> {
  await ensureSchema(db);
  await ensureSessionSecret(db);
  if ((await allUsers(db)).size > 0) return;
  const log = o.log ?? console.log;
  const [county] = await db.query<{ code: string; name: string }>('SELECT code, name FROM county LIMIT 1');
  const adminPassword = o.adminPassword || randomPassword();
  await createUser(db, { username: 'admin', displayName: '系统管理员', role: 'admin', scopeCode: county?.code ?? NO_JURISDICTION_SCOPE, password: adminPassword });
  if (!o.adminPassword) log(`ADMIN_PASSWORD is not set: the password of "admin" is ${adminPassword} (shown once; change it after signing in).`);
  if (!county) log('The database has no jurisdiction yet: sign in as admin and import its outline (POST /api/import/jurisdiction).');
  if (!o.demo || !county) return;
  const [township] = await db.query<{ code: string; name: string }>(`SELECT code, name FROM townships ORDER BY name = ? DESC, code LIMIT 1`, [DEMO_TOWNSHIP]);
  const [grid] = township
    ? await db.query<{ code: string; name: string }>(`SELECT code, name FROM grids WHERE township_code = ? AND name IS NOT NULL ORDER BY code LIMIT 1`, [township.code])
    : [];
  const demoPassword = o.demoPassword || randomPassword();
  const accounts: { username: string; displayName: string; role: Role; scopeCode: string }[] = [
    { username: 'county-leader', displayName: `${county.name}领导`, role: 'county_leader', scopeCode: county.code },
    { username: 'planner', displayName: '雪亮工程技术员', role: 'planner', scopeCode: county.code },
    { username: 'dispatcher', displayName: '指挥中心调度员', role: 'dispatcher', scopeCode: county.code },
  ];
  if (township) accounts.push({ username: 'township-leader', displayName: `${township.name}领导`, role: 'township_leader', scopeCode: township.code });
  if (grid) accounts.push({ username: 'grid-member', displayName: `网格员（${grid.name}）`, role: 'grid_member', scopeCode: grid.code });
  for (const a of accounts) await createUser(db, { ...a, password: demoPassword });
  if (!o.demoPassword) log(`DEMO_PASSWORD is not set: the demo accounts (${accounts.map((a) => a.username).join(', ')}) have the password ${demoPassword} (shown once).`);
}

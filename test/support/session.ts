// Signing in for tests, the bench and CI: the demo accounts (one per role) with a known test password, and a
// request function that carries the session cookie and the page's Origin, like the dashboard in a browser.
// Use it for every API call: `const request = await signIn(app, 'planner'); await request('/api/cameras')`.
import { createFirstAccounts } from '../../server/auth/first-accounts.js';
import type { Database } from '../../server/db/database.js';
import type { Role } from '../../shared/domain/roles.js';

export const TEST_PASSWORD = 'test-password-2026';

/** The demo account of each role (server/auth/first-accounts.ts). */
export const DEMO_USERS: Record<Role, string> = {
  county_leader: 'county-leader',
  township_leader: 'township-leader',
  planner: 'planner',
  dispatcher: 'dispatcher',
  grid_member: 'grid-member',
  admin: 'admin',
};

/** Creates the demo accounts with TEST_PASSWORD in a writable database that has none yet. */
export async function ensureTestAccounts(db: Database): Promise<void> {
  await createFirstAccounts(db, { demo: true, demoPassword: TEST_PASSWORD, adminPassword: TEST_PASSWORD, log: () => {} });
}

export type Requester = ((path: string, init?: RequestInit) => Promise<Response>) & { cookie: string; username: string; origin: string };

interface InProcessApp { request: (input: string, init?: RequestInit) => Response | Promise<Response> }

/** An anonymous request function with the page's Origin (what a browser on the dashboard sends). */
export function anonymous(target: InProcessApp | string): Requester {
  return requester(target, '', '');
}

function requester(target: InProcessApp | string, cookie: string, username: string): Requester {
  const origin = typeof target === 'string' ? new URL(target).origin : 'http://localhost';
  const send = (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (cookie && !headers.has('cookie')) headers.set('cookie', cookie);
    if (!headers.has('origin')) headers.set('origin', origin);
    const next = { ...init, headers };
    return Promise.resolve(typeof target === 'string' ? fetch(new URL(path, target), next) : target.request(path, next));
  };
  return Object.assign(send, { cookie, username, origin });
}

/** Signs in as a role's demo account (or a user name) and returns a request function carrying the session:
 * `target` is an in-process app (app.request) or a server's base URL (real HTTP). */
export async function signIn(target: InProcessApp | string, who: Role | string = 'county_leader', password = TEST_PASSWORD): Promise<Requester> {
  const username = (DEMO_USERS as Record<string, string>)[who] ?? who;
  const res = await anonymous(target)('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`sign-in as ${username} failed: ${res.status} ${await res.text()}`);
  const setCookie = res.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0];
  if (!cookie) throw new Error(`sign-in as ${username} gave no session cookie`);
  return requester(target, cookie, username);
}

/** Makes sure a database file has the demo accounts (opened writable for a moment): for benchmarks and other
 * runs that open a file read-only which may have been built before accounts existed. */
export async function ensureAccountsInFile(path: string): Promise<void> {
  const { Database } = await import('../../server/db/database.js');
  const db = await Database.open(path);
  try {
    await ensureTestAccounts(db);
  } finally {
    db.close();
  }
}

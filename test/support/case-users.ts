// Case tests run as many users of different roles and jurisdictions: each one is made a real account on the
// (writable) test database the first time it acts, then signs in like anyone else (test/support/session.ts).
import { createApp, type AppConfig } from '../../server/app.js';
import { createUser, userByName } from '../../server/auth/user-store.js';
import type { Database } from '../../server/db/database.js';
import type { Role, SessionUser } from '../../shared/domain/roles.js';
import { signIn, TEST_PASSWORD, type Requester } from './session.js';

export function appWithTestUsers(db: Database, config: AppConfig = {}) {
  return Object.assign(createApp(db, config), { db });
}

let nextId = 100;
/** A user to act as; its id becomes the account's id once it has acted. */
export function testUser(role: Role, scopeCode: string, username = `${role}-${nextId++}`): SessionUser {
  return { id: 0, username, displayName: username, role, scopeCode };
}

/** fetch-like calls as one user, signed in (the account is created on first use). */
export function as(app: ReturnType<typeof appWithTestUsers>, user: SessionUser) {
  let session: Promise<Requester> | null = null;
  const signedIn = () =>
    (session ??= (async () => {
      const stored = (await userByName(app.db, user.username)) ?? (await createUser(app.db, { username: user.username, displayName: user.displayName, role: user.role, scopeCode: user.scopeCode, password: TEST_PASSWORD }));
      user.id = stored.id;
      return signIn(app, user.username);
    })());
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const init: RequestInit = { method, headers: { ...headers } };
    if (body instanceof Uint8Array) init.body = body as BodyInit;
    else if (body !== undefined) { init.body = JSON.stringify(body); (init.headers as Record<string, string>)['content-type'] = 'application/json'; }
    const res = await (await signedIn())(path, init);
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, body: (type.includes('json') ? await res.json() : await res.arrayBuffer()) as any, headers: res.headers };
  };
  return {
    user,
    /** The signed-in request function itself (for streams and other raw calls). */
    requester: signedIn,
    get: (path: string) => call('GET', path),
    post: (path: string, body?: unknown, headers?: Record<string, string>) => call('POST', path, body, headers),
    move: (id: number, action: string, extra: Record<string, unknown> = {}) => call('POST', `/api/cases/${id}/transitions`, { action, ...extra }),
  };
}

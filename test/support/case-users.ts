// Until the access layer's sign-in lands, case tests run as a user given in a test-only header: a wrapper app
// (never the server's) reads `x-test-user` and puts it where the session middleware will, c.get('user').
import { Hono } from 'hono';
import { createApp, type AppConfig } from '../../server/app.js';
import type { Database } from '../../server/db/database.js';
import type { Role, SessionUser } from '../../server/domain/roles.js';

export function appWithTestUsers(db: Database, config: AppConfig = {}) {
  return new Hono<{ Variables: { user?: SessionUser } }>()
    .use('*', async (c, next) => {
      const u = c.req.header('x-test-user');
      if (u) c.set('user', JSON.parse(u) as SessionUser);
      await next();
    })
    .route('/', createApp(db, config));
}

let nextId = 100;
export function testUser(role: Role, scopeCode: string, username = `${role}-${nextId}`): SessionUser {
  return { id: nextId++, username, displayName: username, role, scopeCode };
}

/** fetch-like calls as one user. */
export function as(app: ReturnType<typeof appWithTestUsers>, user: SessionUser) {
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const init: RequestInit = { method, headers: { 'x-test-user': JSON.stringify(user), ...headers } };
    if (body instanceof Uint8Array) init.body = body as BodyInit;
    else if (body !== undefined) { init.body = JSON.stringify(body); (init.headers as Record<string, string>)['content-type'] = 'application/json'; }
    const res = await app.request(path, init);
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, body: (type.includes('json') ? await res.json() : await res.arrayBuffer()) as any, headers: res.headers };
  };
  return {
    user,
    get: (path: string) => call('GET', path),
    post: (path: string, body?: unknown, headers?: Record<string, string>) => call('POST', path, body, headers),
    move: (id: number, action: string, extra: Record<string, unknown> = {}) => call('POST', `/api/cases/${id}/transitions`, { action, ...extra }),
  };
}

// The global middleware of the access layer on /api/*, in order:
//  1. sameOriginWrites: a write (any method but GET/HEAD/OPTIONS) must carry an Origin equal to the server's
//     own origin (or PUBLIC_ORIGIN behind a proxy) and, when it has a body, a JSON, multipart or CSV content
//     type — a cross-site form or a `text/plain` post never reaches a handler (CSRF; the SameSite=Strict
//     cookie is the second wall).
//  2. sessionUser: puts the session's user on the context (`c.get('user')`).
//  3. defaultDeny (access.ts): a route without an access rule is refused.
// and, placed in the declarations of routes that change data, limitWrites (per user per minute).
import type { Context, MiddlewareHandler } from 'hono';
import type { Database } from '../db/database.js';
import { RateLimiter } from './rate-limit.js';
import { forgetSessionHint, readSession } from './session.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Content types a write may have. All but multipart need a CORS preflight, which this server never grants.
 * Images are a case's photos, sent as their own bytes from the phone page. */
const WRITE_TYPES = /^(application\/(json|geo\+json|[a-z.+-]+\+json)|multipart\/form-data|text\/csv|image\/(jpeg|png|webp))\s*(;|$)/i;

export const WRITE_LIMITS = { perUserPerMinute: 120, reportsPerUserPerMinute: 30 } as const;

const ownOrigin = (c: Context) => {
  const url = new URL(c.req.url);
  const host = c.req.header('host') ?? url.host;
  const proto = c.req.header('x-forwarded-proto') === 'https' ? 'https:' : url.protocol;
  return `${proto}//${host}`;
};

export function sameOriginWrites(options: { publicOrigin?: string } = {}): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    if (!origin || (origin !== ownOrigin(c) && origin !== options.publicOrigin)) {
      return c.json({ error: `Writes must come from this dashboard's own page (Origin ${origin ?? 'missing'} refused).`, errorZh: '拒绝跨站请求：写操作只能来自本系统页面。', reason: 'origin' }, 403);
    }
    const hasBody = Number(c.req.header('content-length') ?? 0) > 0 || c.req.header('transfer-encoding') !== undefined;
    const type = c.req.header('content-type') ?? '';
    if (hasBody && !WRITE_TYPES.test(type)) {
      return c.json({ error: `Content-Type ${type || '(none)'} is not accepted for writes: send JSON, multipart/form-data, text/csv or a JPEG/PNG/WebP photo.`, errorZh: '不接受该内容类型：请使用 JSON、multipart/form-data、text/csv 或 JPEG/PNG/WebP 照片。', reason: 'content-type' }, 415);
    }
    return next();
  };
}

export function sessionUser(db: Database): MiddlewareHandler {
  return async (c, next) => {
    const s = await readSession(c, db);
    if (s) {
      const { passwordHash: _h, disabled: _d, sessionEpoch: _e, createdAt: _c, updatedAt: _u, ...user } = s.user;
      c.set('user', user);
      c.set('session', s.session);
    } else forgetSessionHint(c); // expired or revoked: the page stops asking who is signed in
    return next();
  };
}

const limiters = { write: new RateLimiter(WRITE_LIMITS.perUserPerMinute, 60_000), report: new RateLimiter(WRITE_LIMITS.reportsPerUserPerMinute, 60_000) };

/** Rate limit of a route that changes data (reports, imports, scenarios, accounts), per user per minute; placed in
 * the route's declaration after its access rule. Computations sent as POST (what-if, plans, routes) are not limited. */
export function limitWrites(kind: keyof typeof limiters = 'write'): MiddlewareHandler {
  return async (c, next) => {
    const user = c.get('user');
    if (!user) return next();
    const wait = limiters[kind].take(`${user.id}:${user.username}`);
    if (wait) {
      c.header('Retry-After', String(wait));
      return c.json({ error: `Too many ${kind === 'report' ? 'reports' : 'changes'}; try again in ${wait} s.`, errorZh: `操作过于频繁，请 ${wait} 秒后再试。` }, 429);
    }
    return next();
  };
}

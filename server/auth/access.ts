// The access layer. Every route declares its rule in its own declaration with `access(rule)` (first in the
// handler list): 'public' (login, health), 'signed-in' (any account), or a permission of
// domain/permissions.ts. `access()` registers each middleware it makes, so `accessRuleOf` finds a route's rule
// from the app's own route list (app.routes) — the access test reads it there. `defaultDeny` refuses, before
// any handler runs, an /api route that has no rule: a route added without one answers 403.
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { can, type Permission } from '../../shared/domain/permissions.js';
import { ROLE_NAMES } from '../../shared/domain/roles.js';
import './context.js';

export type AccessRule = 'public' | 'signed-in' | Permission;

const RULES = new WeakMap<object, AccessRule>();

/** A route's rule, when `handler` is an access middleware. */
export const accessRuleOf = (handler: unknown): AccessRule | undefined => (typeof handler === 'function' ? RULES.get(handler) : undefined);

export const unauthenticated = (c: Context) => c.json({ error: 'Sign in first: this needs a session (POST /api/auth/login).', errorZh: '请先登录。' }, 401);

export function access(rule: AccessRule): MiddlewareHandler {
  const check: MiddlewareHandler = async (c, next) => {
    if (rule === 'public') return next();
    const user = c.get('user');
    if (!user) return unauthenticated(c);
    if (rule !== 'signed-in' && !can(user.role, rule)) {
      const role = ROLE_NAMES[user.role];
      return c.json({ error: `Your role (${role.en}) may not do this (${rule}).`, errorZh: `您的角色（${role.zh}）无此权限（${rule}）。`, reason: 'role' }, 403);
    }
    return next();
  };
  RULES.set(check, rule);
  return check;
}

/** Global middleware on /api/*: the first route-declared handler (method GET/POST/…, not a `use`/`all`
 * middleware) the request matched must be an access middleware. No route matched → the 404 fallback runs. */
export const defaultDeny: MiddlewareHandler = async (c, next) => {
  const declared = matchedRoutes(c).filter((r) => r.method !== 'ALL');
  if (declared.length && !accessRuleOf(declared[0].handler)) {
    console.error(`no access rule on ${declared[0].method} ${declared[0].path}: refused`);
    return c.json({ error: `${c.req.method} ${c.req.path} has no access rule; refused.`, errorZh: '该接口未声明访问规则，已拒绝。' }, 403);
  }
  return next();
};

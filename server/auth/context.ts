// What the session middleware puts on every request's context: `c.get('user')` is the signed-in user on every
// route whose access rule is not 'public' (the access middleware answers 401 before a handler runs without
// one), `c.get('session')` the session's id and expiry. Other code reads the user this one way.
import type { SessionUser } from '../../shared/domain/roles.js';

export interface SessionInfo { sid: string; expiresAtMs: number }

declare module 'hono' {
  interface ContextVariableMap {
    user: SessionUser;
    session: SessionInfo;
  }
}

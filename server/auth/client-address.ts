// The caller's network address for rate limits and the audit log: the socket's remote address (a proxy in
// front is one address unless TRUST_PROXY is set, when the first X-Forwarded-For entry is used).
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

export function clientAddress(c: Context): string {
  if (process.env.TRUST_PROXY === '1') {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'in-process'; // app.request in tests: no socket
  }
}

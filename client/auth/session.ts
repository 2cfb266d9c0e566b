// The signed-in user, as GET /api/auth/me gives it, and the calls of the login page and the user menu.
// Every text here comes from the server and is put on the page as text (textContent), never as HTML.
import type { Permission } from '../../shared/domain/permissions';
import type { SessionUser } from '../../shared/domain/roles';

export interface Me {
  user: SessionUser;
  roleName: { zh: string; en: string };
  permissions: Permission[];
  scopeName: string;
  expiresAt: string;
}

/** The readable companion of the session cookie (server/auth/session.ts, SESSION_HINT_COOKIE). */
const SIGNED_IN_HINT = /(?:^|;\s*)pingan_signed_in=/;

/** The current user, or null when nobody is signed in: without the sign-in hint cookie no request is made (it
 * would answer 401, and the browser logs a failed request on the login page); with it, a session that ended
 * meanwhile answers 401 (and the server drops the hint). */
export async function fetchMe(): Promise<Me | null> {
  if (!SIGNED_IN_HINT.test(document.cookie)) return null;
  const res = await fetch('/api/auth/me', { headers: { accept: 'application/json' } });
  if (res.status === 401) return null;
  if (!res.ok) throw new Error(`GET /api/auth/me: ${res.status}`);
  return (await res.json()) as Me;
}

export interface ApiAnswer { ok: boolean; status: number; body: { error?: string; errorZh?: string } & Record<string, unknown> }

export async function postJson(path: string, body: unknown): Promise<ApiAnswer> {
  const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body ?? {}) });
  const parsed = (await res.json().catch(() => ({}))) as ApiAnswer['body'];
  return { ok: res.ok, status: res.status, body: parsed };
}

export const errorText = (a: ApiAnswer, lang: 'zh' | 'en') => (lang === 'zh' ? a.body.errorZh ?? a.body.error : a.body.error) ?? `${a.status}`;

export const may = (me: Me, p: Permission) => me.permissions.includes(p);

// A session token is checked in full once and then found by its exact text (server/auth/session.ts keeps the tokens
// that verified): what must still hold on every later request is what held before — a token past its expiry is
// refused (the clock moved on after it was kept), a logged-out session is refused, a token altered by one
// character is refused though its original is kept, and a password change (the user's epoch) ends the session.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../server/app.js';
import type { Database } from '../../server/db/database.js';
import { signIn, TEST_PASSWORD } from '../support/session.js';
import { openWritableCountyCopy } from '../support/writable-county.js';

let db: Database;
let dispose: () => void;
beforeAll(async () => ({ db, dispose } = await openWritableCountyCopy()));
afterAll(() => { vi.useRealTimers(); dispose?.(); });

const me = async (app: ReturnType<typeof createApp>, cookie: string) => (await app.request('/api/auth/me', { headers: { cookie, origin: 'http://localhost' } })).status;

describe('session tokens kept once verified', () => {
  it('are refused once expired, logged out, altered, or after a password change', async () => {
    const app = createApp(db, { sessionHours: 1 });
    const a = await signIn(app, 'county_leader');
    expect(await me(app, a.cookie)).toBe(200);
    expect(await me(app, a.cookie)).toBe(200); // kept
    // one character of the signature changed: never verified, so never kept
    const [name, token] = a.cookie.split('=');
    const altered = `${name}=${token.slice(0, -2)}${token.at(-2) === 'A' ? 'B' : 'A'}${token.at(-1)}`;
    expect(await me(app, altered)).toBe(401);
    // the clock passes the expiry (one hour) of a token that was kept
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 61 * 60_000);
    expect(await me(app, a.cookie)).toBe(401);
    vi.useRealTimers();
    // logged out after being kept
    const b = await signIn(app, 'township_leader');
    expect(await me(app, b.cookie)).toBe(200);
    expect((await b('/api/auth/logout', { method: 'POST' })).status).toBeLessThan(300);
    expect(await me(app, b.cookie)).toBe(401);
    // a password change moves the user's epoch: the kept token no longer names a live session
    const c = await signIn(app, 'dispatcher');
    expect(await me(app, c.cookie)).toBe(200);
    const changed = await c('/api/auth/password', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ current: TEST_PASSWORD, next: 'another-password-2026' }) });
    expect(changed.status, await changed.text()).toBeLessThan(300);
    expect(await me(app, c.cookie)).toBe(401);
  });
});

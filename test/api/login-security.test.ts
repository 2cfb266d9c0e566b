// Signing in cannot be guessed at or read off the disk: the 11th wrong password for a name within a minute is
// refused (429) even when it is right, from any address; 30 failures from one address block that address for
// every name; a minute later both may try again. Passwords are stored as scrypt with the parameters the README
// documents (re-derived here with node:crypto from the stored salt), and no password is in the database file.
import { scryptSync } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../server/app.js';
import type { Database } from '../../server/db/database.js';
import { anonymous, signIn, TEST_PASSWORD } from '../support/session.js';
import { openWritableCountyCopy } from '../support/writable-county.js';

let db: Database;
let path: string;
let dispose: () => void;
beforeAll(async () => {
  const w = await openWritableCountyCopy();
  db = w.db;
  path = w.path;
  dispose = w.dispose;
  process.env.TRUST_PROXY = '1'; // addresses from X-Forwarded-For, so a test can speak from many
});
afterAll(() => {
  delete process.env.TRUST_PROXY;
  vi.useRealTimers();
  dispose?.();
});

const login = (app: ReturnType<typeof createApp>, username: string, password: string, address: string) =>
  anonymous(app)('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': address }, body: JSON.stringify({ username, password }) });

describe('brute force', () => {
  it('refuses the 11th wrong password for a user within a minute (from any address), even a right one; a minute later it works', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const app = createApp(db);
    for (let i = 1; i <= 10; i++) expect((await login(app, 'planner', `wrong-${i}`, `10.0.0.${i}`)).status, `attempt ${i}`).toBe(401);
    const eleventh = await login(app, 'planner', TEST_PASSWORD, '10.0.1.1');
    expect(eleventh.status).toBe(429);
    expect(eleventh.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await eleventh.json()).errorZh).toBeTruthy();
    // another user is not blocked by it
    expect((await login(app, 'dispatcher', TEST_PASSWORD, '10.0.1.2')).status).toBe(200);
    vi.setSystemTime(Date.now() + 61_000);
    expect((await login(app, 'planner', TEST_PASSWORD, '10.0.1.3')).status).toBe(200);
    vi.useRealTimers();
  }, 120_000);

  it('blocks an address after 30 failures a minute for any name; other addresses still sign in', async () => {
    const app = createApp(db);
    for (let i = 1; i <= 30; i++) expect((await login(app, `nobody-${i}`, 'wrong-password', '10.9.9.9')).status, `attempt ${i}`).toBe(401);
    expect((await login(app, 'county-leader', TEST_PASSWORD, '10.9.9.9')).status).toBe(429);
    expect((await login(app, 'county-leader', TEST_PASSWORD, '10.9.9.10')).status).toBe(200);
  }, 120_000);
});

describe('password storage', () => {
  it('stores scrypt with N = 2^15, r = 8, p = 3, a 16-byte salt and a 32-byte key, as the README says', async () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toMatch(/scrypt \(N = 2\^15, r = 8, p = 3, 16-byte random salt, 32-byte key\)/);
    const [row] = await db.query<{ password_hash: string }>("SELECT password_hash FROM users WHERE username = 'planner'");
    const m = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/.exec(row.password_hash)!;
    expect(m).not.toBeNull();
    const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
    expect([N, r, p]).toEqual([2 ** 15, 8, 3]);
    const salt = Buffer.from(m[4], 'base64');
    const key = Buffer.from(m[5], 'base64');
    expect([salt.length, key.length]).toEqual([16, 32]);
    // the stored key is scrypt of the password with these parameters (derived independently here)
    expect(scryptSync(TEST_PASSWORD, salt, 32, { N, r, p, maxmem: 256 * 1024 * 1024 }).equals(key)).toBe(true);
    // two users with the same password have different hashes (a salt each)
    const hashes = await db.query<{ h: string }>('SELECT password_hash h FROM users');
    expect(new Set(hashes.map((x) => x.h)).size).toBe(hashes.length);
  });

  it('leaves no password in the database file (or its WAL), however it was set', async () => {
    const app = createApp(db);
    const admin = await signIn(app, 'admin');
    const secret = 'Unique-Secret-Phrase-9d27';
    const post = (url: string, body: unknown) => admin(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post('/api/admin/users', { username: 'storage-probe', displayName: '存储测试', role: 'planner', scopeCode: '220822', password: `${secret}-1` })).status).toBe(201);
    const { users } = await (await admin('/api/admin/users')).json();
    const id = users.find((u: { username: string }) => u.username === 'storage-probe').id;
    expect((await post(`/api/admin/users/${id}/reset`, { password: `${secret}-2` })).status).toBe(200);
    const self = await signIn(app, 'storage-probe', `${secret}-2`);
    expect((await self('/api/auth/password', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ current: `${secret}-2`, next: `${secret}-3` }) })).status).toBe(200);
    await login(app, 'storage-probe', `${secret}-wrong`, '10.5.5.5'); // a failed attempt is audited: without the password
    await db.query('CHECKPOINT');
    const files = readdirSync(dirname(path)).map((f) => join(dirname(path), f));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const bytes = readFileSync(f);
      for (const needle of [secret, Buffer.from(secret, 'utf16le').toString('latin1')]) expect(bytes.includes(Buffer.from(needle, needle === secret ? 'utf8' : 'latin1')), `${f}`).toBe(false);
    }
    expect(TEST_PASSWORD.length).toBeGreaterThan(8);
  });
});

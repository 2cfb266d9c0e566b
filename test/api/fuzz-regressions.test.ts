// What the API fuzz (fuzz.test.ts) found, kept as plain cases: each failed before its fix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import type { Database } from '../../server/db/database.js';
import { decodedLikeFetch } from '../support/fuzz/decoded-like-fetch.js';
import { ensureTestAccounts, signIn } from '../support/session.js';
import { sendRaw } from '../support/fuzz/raw-http.js';
import { startHttpServer } from '../support/http-server.js';
import { openTestCounty } from '../support/test-county.js';

let db: Database;
let server: { url: string; close: () => Promise<void> };
beforeAll(async () => {
  db = await openTestCounty();
  server = await startHttpServer(db, 'var/test/no-client');
});
afterAll(async () => {
  await server?.close();
  db?.close();
});

const reasonOf = (body: string) => (JSON.parse(body) as { error?: string; errorZh?: string });

describe('answers the fuzz found without a reason', () => {
  it('a path outside /api: 404 in the error schema, not Hono’s plain text', async () => {
    const app = createApp(db);
    for (const path of ['/etc/passwd', '//api//health', '/no-such-page']) {
      const res = await app.request(path, { method: 'POST', headers: { origin: 'http://localhost', 'content-type': 'application/json' }, body: '{}' });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: expect.stringContaining('/api'), errorZh: expect.any(String) });
    }
  });

  it('an HTTP/1.1 request without Host: 400 in the error schema, not Node’s empty one', async () => {
    const { hostname, port } = new URL(server.url);
    const answer = await sendRaw(hostname, Number(port), { name: 'no Host', bytes: 'GET /api/health HTTP/1.1\r\nConnection: close\r\n\r\n' });
    expect(answer.status).toBe(400);
    expect(reasonOf(answer.body)).toMatchObject({ error: expect.stringContaining('Host'), errorZh: expect.stringContaining('Host') });
  });

  it('a path the URL parser resolves outside /api (%2e%2e): 404 in the error schema', async () => {
    const { hostname, port } = new URL(server.url);
    const answer = await sendRaw(hostname, Number(port), { name: 'dots', bytes: 'GET /api/%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' });
    expect(answer.status).toBe(404);
    expect(reasonOf(answer.body).error).toBeTruthy();
  });
  // Found by CI (stop 19): a 24 KB category name came back twice in a 400, which was then large enough to be
  // gzipped, and the in-process fuzz read the compressed bytes as an answer without a reason.
  it('a hostile long category is echoed cut short, and a compressed error decoded as fetch would keeps its reason', async () => {
    await ensureTestAccounts(db);
    const as = await signIn(createApp(db), 'admin');
    const long = '通'.repeat(8000);
    const res = await as(`/api/incidents/export?from=9837-63-31&to=5481-82-93&categories=${encodeURIComponent(long)}`, { headers: { 'accept-encoding': 'gzip, deflate' } });
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(body.length).toBeLessThan(4000);
    expect(reasonOf(body)).toMatchObject({ error: expect.stringContaining('unknown category'), errorZh: expect.any(String) });
    // The harness's decoder, on an answer the server did compress (a long list, above the 32 KB threshold).
    const list = await as('/api/cameras', { headers: { 'accept-encoding': 'gzip' } });
    expect(list.headers.get('content-encoding')).toBe('gzip');
    const decoded = await decodedLikeFetch(list);
    expect(decoded.headers.get('content-encoding')).toBeNull();
    expect(JSON.parse(await decoded.text())).toBeTypeOf('object');
  });
});

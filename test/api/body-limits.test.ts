// Bodies are limited while they stream (server/http/body-limits.ts): a chunked body (no content-length) over a
// route's limit gets 413 with the error schema, counted as it arrives; under the limit it reaches the route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import type { Database } from '../../server/db/database.js';
import { bodyLimitOf, MAX_IMPORT_BODY_BYTES, MAX_JSON_BODY_BYTES } from '../../server/http/body-limits.js';
import { signIn, type Requester } from '../support/session.js';
import { openTestCounty } from '../support/test-county.js';

let db: Database;
let app: ReturnType<typeof createApp>;
let admin: Requester;
let member: Requester;
beforeAll(async () => {
  db = await openTestCounty();
  app = createApp(db);
  admin = await signIn(app, 'admin');
  member = await signIn(app, 'grid_member');
});
afterAll(() => db.close());

/** A chunked body of `bytes` (64 KB chunks of '['), counting how much of it the server pulled. */
function chunked(bytes: number) {
  const chunk = new TextEncoder().encode('['.repeat(65536));
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(ctrl) {
      if (sent >= bytes) return ctrl.close();
      sent += chunk.length;
      ctrl.enqueue(chunk);
    },
  });
  return { body: stream, pulled: () => sent };
}

const post = (request: Requester, path: string, body: ReadableStream, type = 'application/json') =>
  request(path, { method: 'POST', headers: { 'content-type': type }, body, duplex: 'half' } as RequestInit);

describe('body limits while streaming', () => {
  it('gives each route its limit', () => {
    expect(bodyLimitOf('/api/reports')).toBe(MAX_JSON_BODY_BYTES);
    expect(bodyLimitOf('/api/import/incidents')).toBe(MAX_IMPORT_BODY_BYTES);
    expect(bodyLimitOf('/api/cases/12/photos')).toBeGreaterThan(5 * 1048576);
    expect(MAX_JSON_BODY_BYTES).toBe(1048576);
  });

  it('refuses a chunked JSON body over 1 MB with 413, without reading all of it', async () => {
    const b = chunked(200 * 1048576);
    const res = await post(member, '/api/reports', b.body); // a stream: the request has no content-length
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: expect.stringContaining('1 MB'), errorZh: expect.stringContaining('过大') });
    expect(b.pulled()).toBeLessThan(4 * 1048576);
  });

  it('lets a chunked JSON body under the limit through to the route (its own 400)', async () => {
    const res = await post(member, '/api/reports', chunked(512 * 1024).body);
    expect(res.status).toBe(400);
  });

  it('refuses a chunked import over 64 MB with 413, but takes 2 MB', async () => {
    const big = chunked(MAX_IMPORT_BODY_BYTES + 2 * 1048576);
    const res = await post(admin, '/api/import/incidents', big.body, 'text/csv');
    expect(res.status).toBe(413);
    expect((await res.json()).errorZh).toBeTruthy();
    expect(big.pulled()).toBeLessThan(MAX_IMPORT_BODY_BYTES + 1048576);
    const small = await post(admin, '/api/import/incidents', chunked(2 * 1048576).body, 'text/csv');
    expect(small.status).not.toBe(413);
  });
});

// Case transitions on a database opened read-only (a reporting copy; the test suites' shared file): an allowed
// transition cannot be kept, so it answers 503 with reason read-only (DuckDB's appender says "readonly", without
// the hyphen, and once answered 500); a refused one is decided without writing and keeps its own answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import type { Database } from '../../server/db/database.js';
import { openTestCounty } from '../support/test-county.js';
import { signIn, type Requester } from '../support/session.js';

let db: Database;
let county: Requester;
beforeAll(async () => {
  db = await openTestCounty();
  county = await signIn(createApp(db), 'county_leader');
});
afterAll(() => db.close());

const transition = (id: number, action: string) =>
  county(`/api/cases/${id}/transitions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action }) });

describe('case transitions on a read-only database', () => {
  it('an allowed transition answers 503 read-only, not 500', async () => {
    const [open] = await db.query<{ id: number }>("SELECT id FROM incidents WHERE status NOT IN ('closed') ORDER BY id LIMIT 1");
    const res = await transition(open.id, 'supervise');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ reason: 'read-only', errorZh: expect.stringContaining('只读') });
  });
  it('a refused transition keeps its refusal (nothing to write)', async () => {
    const [closed] = await db.query<{ id: number }>("SELECT id FROM incidents WHERE status = 'closed' ORDER BY id LIMIT 1");
    const res = await transition(closed.id, 'accept');
    expect(res.status).toBe(409);
    expect((await res.json()).errorZh).toBeTruthy();
  });
});

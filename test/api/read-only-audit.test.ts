// A read-only database keeps no audit log (auth/audit.ts): the app says so once when it starts on it, never tries
// an audit row per request (no failing INSERT, no error line each time), and still refuses changes with 503. On a
// writable database an audit row that fails is an error logged every time, not once and then never again.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../server/app.js';
import type { Database } from '../../server/db/database.js';
import { signIn } from '../support/session.js';
import { openTestCounty } from '../support/test-county.js';
import { openSignedInCountyCopy } from '../support/writable-county.js';

let db: Database;
beforeAll(async () => {
  db = await openTestCounty();
});
afterAll(() => db?.close());
afterEach(() => vi.restoreAllMocks());

const said = (spy: { mock: { calls: unknown[][] } }) => spy.mock.calls.map((c) => c.map(String).join(' '));

describe('audit log on a read-only database', () => {
  it('is announced once at start-up, no row is tried per request, and writes still answer 503', async () => {
    expect(db.readOnly).toBe(true);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const query = vi.spyOn(db, 'query');
    const app = createApp(db);
    createApp(db); // a second app on the same database: not announced again
    const planner = await signIn(app, 'planner'); // a login: audited on a writable database
    const leader = await signIn(app, 'county_leader');
    for (let i = 0; i < 3; i++) {
      expect((await planner('/api/cameras?kinds=face')).status).toBe(200); // sensitive rows: face-recognition cameras
      expect((await leader('/api/incidents/export?from=2025-01-01&to=2025-01-31')).status).toBe(200); // an export
    }
    const write = await planner('/api/coverage/scenarios/no-such', { method: 'DELETE' });
    expect(write.status).toBe(503);
    expect((await write.json()).reason).toBe('read-only');

    const auditInserts = query.mock.calls.filter(([sql]) => /INSERT INTO audit_log/i.test(String(sql)));
    expect(auditInserts).toEqual([]);
    const lines = said(warn).filter((l) => /audit/i.test(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/read-only: the audit log is not written here/);
    expect(said(error).filter((l) => /audit/i.test(l))).toEqual([]);
  }, 120_000);
});

describe('audit log on a writable database', () => {
  it('logs an error for each row that cannot be written', async () => {
    const w = await openSignedInCountyCopy('county_leader');
    try {
      expect(w.db.readOnly).toBe(false);
      await w.db.exec('DROP TABLE audit_log'); // a broken file: every row fails
      const error = vi.spyOn(console, 'error').mockImplementation(() => {});
      for (let i = 0; i < 2; i++) expect((await w.request('/api/incidents/export?from=2025-01-01&to=2025-01-31')).status).toBe(200);
      expect(said(error).filter((l) => /audit log row not written \(export/.test(l))).toHaveLength(2);
    } finally {
      w.dispose();
    }
  }, 120_000);
});

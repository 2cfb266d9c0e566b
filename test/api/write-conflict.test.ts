// A write that DuckDB refuses because another transaction holds the same row ("Conflict on update") answers 503
// with a reason and Retry-After, never 500, and keeps nothing: the same request once the other transaction is
// gone is applied as if it were the first (server/app.ts, the error handler; the case writer retries its group
// one request at a time, so only the request that conflicts on its own gets this answer).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openSignedInCountyCopy } from '../support/writable-county.js';

let w: Awaited<ReturnType<typeof openSignedInCountyCopy>>;
beforeAll(async () => void (w = await openSignedInCountyCopy('county_leader')), 120_000);
afterAll(() => w?.dispose());

it('a transition that conflicts with another transaction answers 503 with a reason; asked again, it is applied', async () => {
  const [{ id }] = await w.db.query<{ id: number }>("SELECT id FROM incidents WHERE status <> 'closed' AND NOT coalesce(supervised, false) ORDER BY id LIMIT 1");
  const history = async () => (await w.db.query<{ n: number }>('SELECT count(*)::INTEGER n FROM case_transitions WHERE case_id = ?', [id]))[0].n;
  const before = await history();
  const con = await w.db.dedicatedConnection();
  await con.run('BEGIN TRANSACTION');
  await con.run('UPDATE incidents SET history_seq = history_seq + 100 WHERE id = ?', [id]);
  const send = () => w.request(`/api/cases/${id}/transitions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'supervise', note: '督办' }) });
  try {
    const res = await send();
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    const body = await res.json();
    expect(body.reason).toBe('write-conflict');
    expect(body.errorZh).toMatch(/重试/);
    expect(await history()).toBe(before);
  } finally {
    await con.run('ROLLBACK');
  }
  const again = await send();
  expect(again.status).toBe(200);
  expect(await history()).toBe(before + 1);
}, 60_000);

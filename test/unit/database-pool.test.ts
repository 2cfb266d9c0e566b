// The pool's queries go to a connection with nothing in flight when there is one (Database.onLeastBusy): a
// connection runs one query at a time, so by turns alone a short query landed behind a long one on its
// connection and waited for it while the other connections stood idle.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database.js';

let db: Database;
beforeAll(async () => {
  db = await Database.open(':memory:', { connections: 4, threads: 1 });
});
afterAll(() => db.close());

describe('the connection pool', () => {
  it('gives a short query an idle connection, not the one busy with a long query', async () => {
    const events: string[] = [];
    // about a second on one thread: long enough for the short ones to run beside it
    const long = db.query('SELECT sum(hash(i)) AS s FROM range(150000000) r(i)').then(() => events.push('long'));
    for (let i = 0; i < 8; i++) {
      await db.query('SELECT ?::INTEGER + 1 AS x', [i]);
      events.push(`short ${i}`);
    }
    await long;
    expect(events.indexOf('long')).toBe(8); // every short query was answered before the long one ended
  });

  it('still answers every query when all connections are busy', async () => {
    const xs = await Promise.all(Array.from({ length: 40 }, (_, i) => db.queryColumns('SELECT ?::INTEGER * 2 AS x', [i])));
    expect(xs.map((c) => c[0][0])).toEqual(Array.from({ length: 40 }, (_, i) => i * 2));
  });
});

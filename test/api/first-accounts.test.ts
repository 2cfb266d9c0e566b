// Which accounts a first start makes, through the server's own start path (server/index.ts in a process of its
// own): the full demo gets one account per role; a DEMO=none jurisdiction — a county's own deployment from an
// empty start — gets admin alone (it used to get the five demo accounts too, with a password printed in the log).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allUsers } from '../../server/auth/user-store.js';
import { Database } from '../../server/db/database.js';
import { startServerProcess } from '../bench/bench-county.js';
import { openEmptyJurisdiction } from '../support/empty-jurisdiction.js';
import { TEST_PASSWORD } from '../support/session.js';

async function usernamesAfterFirstStart(path: string): Promise<string[]> {
  const server = await startServerProcess(path, { ADMIN_PASSWORD: TEST_PASSWORD, DEMO_PASSWORD: TEST_PASSWORD });
  await server.close();
  const db = await Database.open(path, { readOnly: true });
  try {
    return [...(await allUsers(db)).values()].map((u) => u.username).sort();
  } finally {
    db.close();
  }
}

describe('the accounts of a first start', () => {
  let empty: Awaited<ReturnType<typeof openEmptyJurisdiction>>;
  beforeAll(async () => {
    empty = await openEmptyJurisdiction('211221'); // Tieling county, DEMO=none
    empty.db.close(); // the server process opens the file
  }, 120_000);
  afterAll(() => empty?.dispose());

  it('a DEMO=none jurisdiction starts with admin alone', async () => {
    expect(await usernamesAfterFirstStart(empty.path)).toEqual(['admin']);
  }, 120_000);
});

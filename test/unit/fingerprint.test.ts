// The content fingerprint covers every cell (issue 14 item 3c: it hashed only the first column of each
// table, so an import that renamed every grid left it unchanged). On a private copy of the test county, each
// column of each table has one cell changed in turn; each change must change the fingerprint.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.js';
import { databaseFingerprint, OPERATIONAL_META_KEYS, OPERATIONAL_TABLES } from '../../server/db/fingerprint.js';
import { openWritableCountyCopy } from '../support/writable-county.js';

let db: Database;
let dispose: () => void;
beforeAll(async () => {
  ({ db, dispose } = await openWritableCountyCopy());
});
afterAll(() => dispose());

/** SQL for another value of the same type than `c` (NULL included: it becomes a value). */
function changed(c: string, type: string): string {
  if (/CHAR|TEXT|STRING/.test(type)) return `coalesce(${c} || '~', '~')`;
  if (type === 'BOOLEAN') return `NOT coalesce(${c}, false)`;
  if (/^TIMESTAMP/.test(type)) return `coalesce(${c}, TIMESTAMP '2020-01-01') + INTERVAL 1 SECOND`;
  if (type === 'DATE') return `coalesce(${c}, DATE '2020-01-01') + 1`;
  if (/INT|DOUBLE|FLOAT|DECIMAL|REAL/.test(type)) return `coalesce(${c}, 0) + 1000003`;
  throw new Error(`no change rule for type ${type}`);
}

describe('databaseFingerprint', () => {
  it('is stable when nothing changes', async () => {
    expect(await databaseFingerprint(db)).toBe(await databaseFingerprint(db));
  });

  it('changes when any single cell of any table changes', async () => {
    const columns = await db.query<{ t: string; c: string; type: string }>(
      `SELECT table_name AS t, column_name AS c, data_type AS "type" FROM duckdb_columns() WHERE schema_name = 'main' AND NOT internal ORDER BY table_name, column_index`);
    const nonEmpty = new Set<string>();
    for (const { t } of await db.query<{ t: string }>(`SELECT table_name t FROM duckdb_tables() WHERE schema_name = 'main'`))
      if ((await db.query<{ n: number }>(`SELECT count(*)::INTEGER n FROM ${t}`))[0].n > 0) nonEmpty.add(t);
    let previous = await databaseFingerprint(db);
    const unchanged: string[] = [];
    let tried = 0;
    for (const { t, c, type } of columns) {
      if (!nonEmpty.has(t) || OPERATIONAL_TABLES.has(t)) continue;
      // One cell: the column's value in the table's last row (of meta: the last row that is county data).
      const rows = t === 'meta' ? `${t} WHERE key NOT IN (${OPERATIONAL_META_KEYS.map((k) => `'${k}'`).join(', ')})` : t;
      await db.exec(`UPDATE ${t} SET "${c}" = ${changed(`"${c}"`, type)} WHERE rowid = (SELECT max(rowid) FROM ${rows})`);
      tried++;
      const now = await databaseFingerprint(db);
      if (now === previous) unchanged.push(`${t}.${c}`);
      previous = now;
    }
    expect(unchanged).toEqual([]);
    expect(nonEmpty.size).toBeGreaterThanOrEqual(12);
    expect(tried).toBeGreaterThan(100);
  });

  it('leaves out accounts, sessions and the audit log: who signed in is not the county\'s data', async () => {
    const before = await databaseFingerprint(db);
    await db.exec(`INSERT INTO meta (key, value) VALUES ('session_secret', 'x') ON CONFLICT (key) DO UPDATE SET value = value || 'x'`);
    for (const t of OPERATIONAL_TABLES) {
      const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::INTEGER n FROM ${t}`);
      if (n > 0) await db.exec(`DELETE FROM ${t}`);
    }
    expect(await databaseFingerprint(db)).toBe(before);
  });
});

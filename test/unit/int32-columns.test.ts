// Database.queryInt32Columns reads INTEGER columns straight from DuckDB's vectors (heat cells): the same values as
// the generic column read, across many chunks (DuckDB hands results over 2048 rows at a time), for an empty
// result, and a refusal — not a silent 0 — for a NULL or a column that is not INTEGER.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Database } from '../../server/db/database.js';

let db: Database;
beforeAll(async () => {
  db = await Database.open(':memory:');
});
afterAll(() => db.close());

it('equals queryColumns on results of 0, 1 and many chunks, negative and extreme values included', async () => {
  for (const n of [0, 1, 2047, 2048, 2049, 10_000, 123_457]) {
    const sql = `SELECT (i * 7919 % 100003 - 50000)::INTEGER AS a, (CASE WHEN i % 1000 = 0 THEN 2147483647 WHEN i % 999 = 0 THEN -2147483648 ELSE i END)::INTEGER AS b
      FROM range(?) t(i) ORDER BY i`;
    const typed = await db.queryInt32Columns(sql, [n]);
    const plain = (await db.queryColumns(sql, [n])) as number[][];
    expect(typed.length).toBe(2);
    expect(typed.every((c) => c instanceof Int32Array && c.length === n)).toBe(true);
    expect(typed.map((c) => Array.from(c))).toEqual(plain);
  }
});

it('refuses a NULL and a column that is not INTEGER', async () => {
  await expect(db.queryInt32Columns('SELECT CASE WHEN i = 3000 THEN NULL ELSE i END::INTEGER AS a FROM range(5000) t(i)')).rejects.toThrow(/NULL in column a/);
  await expect(db.queryInt32Columns('SELECT i AS a FROM range(5) t(i)')).rejects.toThrow(/a is not INTEGER/);
});

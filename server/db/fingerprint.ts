// A content fingerprint of the database: every table's rows, every column, hashed. DuckDB's file bytes
// differ between two builds of the same data, whatever we do: checked with DuckDB 1.5, single-threaded, same
// path, the differing bytes are block tails holding uninitialised memory (zero in one file, stale data in the
// other) and FSST string-compression symbols. So determinism is asserted on content, not on file bytes, and
// "a refused or killed import leaves the database as it was" is asserted on this fingerprint.
import { createHash } from 'node:crypto';
import type { Database } from './database.js';

export async function databaseFingerprint(db: Database): Promise<string> {
  const hash = createHash('sha256');
  // Every table of the main schema, by name: a table added later is covered without a list to keep up.
  const tables = await db.query<{ name: string }>(`SELECT table_name AS name FROM duckdb_tables() WHERE schema_name = 'main' AND NOT temporary ORDER BY table_name`);
  for (const { name } of tables) {
    // hash() of the whole row (the table alias is the row as a struct: every column), summed in a wide
    // integer: order-independent, yet any changed cell changes its row's hash and so the sum.
    const quoted = `"${name.replace(/"/g, '""')}"`;
    const [r] = await db.query<{ n: number; h: string }>(`SELECT count(*) AS n, coalesce(sum(hash(fingerprint_row)::HUGEINT), 0)::VARCHAR AS h FROM ${quoted} AS fingerprint_row`);
    hash.update(`${name}:${r.n}:${r.h}\n`);
  }
  return hash.digest('hex');
}

// A content fingerprint of the database: every table's rows, every column, hashed. DuckDB's file bytes
// differ between two builds of the same data, whatever we do: checked with DuckDB 1.5, single-threaded, same
// path, the differing bytes are block tails holding uninitialised memory (zero in one file, stale data in the
// other) and FSST string-compression symbols. So determinism is asserted on content, not on file bytes, and
// "a refused or killed import leaves the database as it was" is asserted on this fingerprint.
import { createHash } from 'node:crypto';
import type { Database } from './database.js';

/** Who may sign in and what they did is the deployment's state, not the county's data: two builds of the same
 * seed are the same county whatever accounts were added to one of them, and a refused import that wrote its
 * audit row still left the data as it was. */
export const OPERATIONAL_TABLES = new Set(['users', 'revoked_sessions', 'audit_log']);
/** meta rows of the same kind (the session signing secret). */
export const OPERATIONAL_META_KEYS = ['session_secret'];

export async function databaseFingerprint(db: Database): Promise<string> {
  const hash = createHash('sha256');
  // Every table of the main schema, by name: a table added later is covered without a list to keep up.
  const tables = await db.query<{ name: string }>(`SELECT table_name AS name FROM duckdb_tables() WHERE schema_name = 'main' AND NOT temporary ORDER BY table_name`);
  for (const { name } of tables) {
    if (OPERATIONAL_TABLES.has(name)) continue;
    // hash() of the whole row (the table alias is the row as a struct: every column), summed in a wide
    // integer: order-independent, yet any changed cell changes its row's hash and so the sum.
    const quoted = `"${name.replace(/"/g, '""')}"`;
    const [r] = await db.query<{ n: number; h: string }>(`SELECT count(*) AS n, coalesce(sum(hash(fingerprint_row)::HUGEINT), 0)::VARCHAR AS h FROM ${quoted} AS fingerprint_row${name === 'meta' ? ` WHERE key NOT IN (${OPERATIONAL_META_KEYS.map((k) => `'${k}'`).join(', ')})` : ''}`);
    hash.update(`${name}:${r.n}:${r.h}\n`);
  }
  return hash.digest('hex');
}

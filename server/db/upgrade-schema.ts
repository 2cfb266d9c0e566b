// Brings a database file built by an earlier version of pingan-map up to schema.sql, in place, when it is
// opened for writing. schema.sql stays the one description of the schema; these are the additions made to it
// since the first release, each idempotent, so a county's own database never has to be rebuilt to upgrade.
import type { DuckDBConnection } from '@duckdb/node-api';

const UPGRADES: { table: string; sql: string }[] = [
  // The coverage planner's saved what-if scenarios.
  { table: 'cameras', sql: 'CREATE TABLE IF NOT EXISTS coverage_scenarios (id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL, edits VARCHAR NOT NULL)' },
  // The id an imported incident had in its source system (duplicate imports are refused by it).
  { table: 'incidents', sql: 'ALTER TABLE incidents ADD COLUMN IF NOT EXISTS external_id VARCHAR' },
];

/** Runs the upgrades whose base table exists (an empty database, e.g. ':memory:', is left empty). */
export async function upgradeSchema(con: DuckDBConnection): Promise<void> {
  const tables = new Set((await con.runAndReadAll(`SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'`)).getRows().map((r) => String(r[0])));
  for (const u of UPGRADES) if (tables.has(u.table)) await con.run(u.sql);
}

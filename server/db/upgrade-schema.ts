// Brings a database file built by an earlier version of pingan-map up to schema.sql, in place, when it is
// opened for writing. schema.sql stays the one description of the schema; these are the additions made to it
// since the first release, each idempotent, so a county's own database never has to be rebuilt to upgrade.
import type { DuckDBConnection } from '@duckdb/node-api';
import { seedHistory } from '../cases/seed-history.js';
import { SEED_CATEGORIES_SQL } from './categories-seed.js';

const UPGRADES: { table: string; sql: string }[] = [
  // The coverage planner's saved what-if scenarios.
  { table: 'cameras', sql: 'CREATE TABLE IF NOT EXISTS coverage_scenarios (id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL, edits VARCHAR NOT NULL)' },
  // …and whose jurisdiction each is (a scenario saved before: the jurisdiction-wide users' only).
  { table: 'cameras', sql: 'ALTER TABLE coverage_scenarios ADD COLUMN IF NOT EXISTS scope_code VARCHAR' },
  // The id an imported incident had in its source system (duplicate imports are refused by it).
  { table: 'incidents', sql: 'ALTER TABLE incidents ADD COLUMN IF NOT EXISTS external_id VARCHAR' },
  // The case workflow (server/cases): each case's current tier, tier deadline, assignee, 督办 flag and reporter,
  // its append-only history and its photos; the old status id "assigned" is now "dispatched".
  { table: 'incidents', sql: "ALTER TABLE incidents ADD COLUMN IF NOT EXISTS level VARCHAR DEFAULT 'village'" },
  { table: 'incidents', sql: 'ALTER TABLE incidents ADD COLUMN IF NOT EXISTS level_due_at TIMESTAMP' },
  { table: 'incidents', sql: 'ALTER TABLE incidents ADD COLUMN IF NOT EXISTS assignee VARCHAR' },
  { table: 'incidents', sql: 'ALTER TABLE incidents ADD COLUMN IF NOT EXISTS supervised BOOLEAN DEFAULT false' },
  { table: 'incidents', sql: 'ALTER TABLE incidents ADD COLUMN IF NOT EXISTS reporter VARCHAR' },
  { table: 'incidents', sql: "UPDATE incidents SET status = 'dispatched' WHERE status = 'assigned'" },
  // The seq of each case's last history row (filled from case_transitions by seedHistory below).
  { table: 'incidents', sql: 'ALTER TABLE incidents ADD COLUMN IF NOT EXISTS history_seq INTEGER' },
  { table: 'incidents', sql: `CREATE TABLE IF NOT EXISTS case_transitions (case_id BIGINT NOT NULL, seq INTEGER NOT NULL, action VARCHAR NOT NULL,
    from_status VARCHAR, to_status VARCHAR NOT NULL, from_level VARCHAR, to_level VARCHAR NOT NULL, happened_at TIMESTAMP NOT NULL,
    actor_id INTEGER, actor_name VARCHAR, actor_role VARCHAR, note VARCHAR, assignee VARCHAR, attachment_id VARCHAR)` },
  // Cases are read and written by id, histories by case id (schema.sql says why).
  { table: 'incidents', sql: 'CREATE INDEX IF NOT EXISTS incidents_id ON incidents (id)' },
  { table: 'incidents', sql: 'CREATE INDEX IF NOT EXISTS case_transitions_case ON case_transitions (case_id)' },
  { table: 'incidents', sql: `CREATE TABLE IF NOT EXISTS case_attachments (id VARCHAR PRIMARY KEY, case_id BIGINT NOT NULL, content_type VARCHAR NOT NULL,
    bytes INTEGER NOT NULL, data BLOB NOT NULL, created_at TIMESTAMP NOT NULL, uploaded_by VARCHAR)` },
  // The jurisdiction's province and prefecture names and its time zone (files before "any county").
  { table: 'county', sql: 'ALTER TABLE county ADD COLUMN IF NOT EXISTS province VARCHAR' },
  { table: 'county', sql: 'ALTER TABLE county ADD COLUMN IF NOT EXISTS prefecture VARCHAR' },
  { table: 'county', sql: "ALTER TABLE county ADD COLUMN IF NOT EXISTS time_zone VARCHAR DEFAULT 'Asia/Shanghai'" },
  // A prefecture-level jurisdiction's county-level units (files from before: a county, so none).
  { table: 'county', sql: `CREATE TABLE IF NOT EXISTS counties (code VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, kind VARCHAR NOT NULL,
    seat_lon DOUBLE, seat_lat DOUBLE, min_lon DOUBLE, min_lat DOUBLE, max_lon DOUBLE, max_lat DOUBLE, geojson VARCHAR NOT NULL)` },
  // Accounts, logged-out sessions and the audit log (server/auth).
  { table: 'incidents', sql: `CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, username VARCHAR NOT NULL UNIQUE, display_name VARCHAR NOT NULL, role VARCHAR NOT NULL,
    scope_code VARCHAR NOT NULL, password_hash VARCHAR NOT NULL, disabled BOOLEAN NOT NULL DEFAULT false,
    session_epoch INTEGER NOT NULL DEFAULT 0, created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL)` },
  { table: 'incidents', sql: 'CREATE TABLE IF NOT EXISTS revoked_sessions (sid VARCHAR PRIMARY KEY, expires_at TIMESTAMP NOT NULL)' },
  { table: 'incidents', sql: 'CREATE SEQUENCE IF NOT EXISTS audit_log_id START 1' },
  { table: 'incidents', sql: `CREATE TABLE IF NOT EXISTS audit_log (id BIGINT PRIMARY KEY DEFAULT nextval('audit_log_id'), logged_at TIMESTAMP NOT NULL, username VARCHAR, role VARCHAR,
    address VARCHAR, action VARCHAR NOT NULL, ok BOOLEAN NOT NULL, detail VARCHAR)` },
  // The jurisdiction's category vocabulary and remembered import mappings (seeded by db/categories.ts).
  { table: 'incidents', sql: `CREATE TABLE IF NOT EXISTS categories (code VARCHAR PRIMARY KEY, name_zh VARCHAR NOT NULL, name_en VARCHAR NOT NULL, color VARCHAR NOT NULL,
    severity DOUBLE NOT NULL, sla_days INTEGER NOT NULL, parent_group VARCHAR NOT NULL, sort INTEGER NOT NULL)` },
  { table: 'incidents', sql: 'CREATE TABLE IF NOT EXISTS value_aliases (kind VARCHAR NOT NULL, source VARCHAR NOT NULL, target VARCHAR NOT NULL, PRIMARY KEY (kind, source))' },
  { table: 'incidents', sql: SEED_CATEGORIES_SQL },
];

/** Runs the upgrades whose base table exists (an empty database, e.g. ':memory:', is left empty). */
export async function upgradeSchema(con: DuckDBConnection): Promise<void> {
  const tables = new Set((await con.runAndReadAll(`SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'`)).getRows().map((r) => String(r[0])));
  for (const u of UPGRADES) if (tables.has(u.table)) await con.run(u.sql);
  // Cases from before the workflow get their history from their times and status (once: idempotent).
  if (tables.has('incidents') && tables.has('case_transitions')) await seedHistory(con, 'level_due_at IS NULL', [], 'upgrade');
}

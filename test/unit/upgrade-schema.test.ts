// A database file written by an earlier version (no coverage_scenarios table, no incidents.external_id) is
// brought up to schema.sql when opened for writing; read-only and empty databases are left as they are.
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Database, SCHEMA_SQL } from '../../server/db/database.js';

const dir = mkdtempSync(join(tmpdir(), 'pingan-upgrade-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function oldDatabase(path: string) {
  const instance = await DuckDBInstance.create(path);
  const con = await instance.connect();
  await con.run(SCHEMA_SQL);
  await con.run('DROP TABLE coverage_scenarios');
  await con.run('DROP INDEX incidents_id'); // (earlier versions had no index; DuckDB drops no column of an indexed table)
  await con.run('DROP INDEX case_transitions_case');
  await con.run('ALTER TABLE incidents DROP COLUMN external_id');
  con.closeSync();
  instance.closeSync();
}
const columns = async (db: Database) => (await db.query<{ c: string }>(`SELECT column_name c FROM duckdb_columns() WHERE table_name = 'incidents'`)).map((r) => r.c);
const tables = async (db: Database) => (await db.query<{ t: string }>('SELECT table_name t FROM duckdb_tables()')).map((r) => r.t);

describe('schema upgrade on open', () => {
  it('adds what later versions added, once, and keeps the rows', async () => {
    const path = join(dir, 'old.duckdb');
    await oldDatabase(path);
    const ro = await Database.open(path, { readOnly: true });
    expect(await columns(ro)).not.toContain('external_id');
    ro.close();
    for (let i = 0; i < 2; i++) {
      const db = await Database.open(path);
      expect(await columns(db)).toContain('external_id');
      expect(await tables(db)).toContain('coverage_scenarios');
      expect((await db.query<{ n: string }>('SELECT index_name n FROM duckdb_indexes() ORDER BY 1')).map((r) => r.n)).toEqual(expect.arrayContaining(['case_transitions_case', 'incidents_id']));
      db.close();
    }
  });
  it('leaves an empty database empty', async () => {
    const db = await Database.open(':memory:');
    expect(await tables(db)).toEqual([]);
    db.close();
  });
});

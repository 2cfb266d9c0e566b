// A database file without any table (a new file: COUNTY=none, or an empty file made by hand) gets the schema
// and the seeded category vocabulary, so it can hold accounts before it has a jurisdiction.
import { SEED_CATEGORIES_SQL } from './categories-seed.js';
import { SCHEMA_SQL, type Database } from './database.js';

export async function ensureSchema(db: Database): Promise<void> {
  const [t] = await db.query<{ n: number }>("SELECT count(*)::INT n FROM duckdb_tables() WHERE schema_name = 'main'");
  if (t.n > 0) return;
  await db.transaction(async (con) => { await con.run(SCHEMA_SQL); await con.run(SEED_CATEGORIES_SQL); });
}

// A content fingerprint of the database: every table's rows in a fixed order, hashed. DuckDB's file bytes
// differ between two builds of the same data, whatever we do: checked with DuckDB 1.5, single-threaded, same
// path, the differing bytes are block tails holding uninitialised memory (zero in one file, stale data in the
// other) and FSST string-compression symbols. So determinism is asserted on content, not on file bytes.
import { createHash } from 'node:crypto';
import type { Database } from './database.js';

const TABLES = ['county', 'neighbours', 'townships', 'villages', 'grids', 'settlements', 'roads', 'key_sites', 'police_stations', 'cameras', 'demo_hotspots', 'incidents'];

export async function databaseFingerprint(db: Database): Promise<string> {
  const hash = createHash('sha256');
  for (const t of TABLES) {
    // hash() of each row, summed in a wide integer: order-independent, yet any changed value changes it.
    const [r] = await db.query<{ n: number; h: string }>(`SELECT count(*) AS n, coalesce(sum(hash(COLUMNS(*))::HUGEINT), 0)::VARCHAR AS h FROM (SELECT * FROM ${t})`);
    hash.update(`${t}:${r.n}:${r.h}\n`);
  }
  return hash.digest('hex');
}

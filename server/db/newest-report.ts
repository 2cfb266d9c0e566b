// The newest incident's report time, kept per incidents data version (db/data-version.ts): "now" for recency
// weighting (patrol risk) and the "as of" of the KPI strip. Every import and live report bumps the version, so
// the next request reads the new newest at once; between them no request scans the column for it again.
import type { Database } from './database.js';
import { dataVersion } from './data-version.js';

const kept = new WeakMap<Database, { version: string; ms: Promise<number | null> }>();

/** The newest reported_at (UTC epoch ms), or null without incidents. */
export function newestReportMs(db: Database): Promise<number | null> {
  const version = dataVersion(db, 'incidents');
  const k = kept.get(db);
  if (k && k.version === version) return k.ms;
  const ms = db.query<{ ms: number | bigint | null }>('SELECT epoch_ms(max(reported_at)) ms FROM incidents').then(([r]) => (r?.ms == null ? null : Number(r.ms)));
  kept.set(db, { version, ms });
  ms.catch(() => kept.get(db)?.ms === ms && kept.delete(db)); // a failed read is retried by the next request
  return ms;
}

// The newest incident's report time, kept per incidents data version (db/kept-per-version.ts): "now" for recency
// weighting (patrol risk) and the "as of" of the KPI strip. Every import and live report bumps the version, so
// the next request reads the new newest at once; between them no request scans the column for it again.
import { keptPerVersion } from './kept-per-version.js';

/** The newest reported_at (UTC epoch ms), or null without incidents. */
export const newestReportMs = keptPerVersion(['incidents'], (db) =>
  db.query<{ ms: number | bigint | null }>('SELECT epoch_ms(max(reported_at)) ms FROM incidents').then(([r]) => (r?.ms == null ? null : Number(r.ms))),
);

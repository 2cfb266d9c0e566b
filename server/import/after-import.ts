// After an import commits: every cache built from the changed data is dropped, so the next request sees the
// new polygons, roads, cameras, sites or incidents without a restart. Caches keyed by the data version
// (db/data-version.ts) notice by themselves; those kept per database are forgotten here.
import type { Database } from '../db/database.js';
import { bumpDataVersion, type DataKind } from '../db/data-version.js';
import { forgetCountyContext } from './county-context.js';

export function afterImport(db: Database, kinds: readonly DataKind[]): void {
  bumpDataVersion(db, kinds);
  // The county context holds the grids (locator), the gazetteer (units, roads, site names) and the reverse
  // geocoder: any change but incidents and cameras makes it stale.
  if (kinds.some((k) => k === 'areas' || k === 'roads' || k === 'sites')) forgetCountyContext(db);
}

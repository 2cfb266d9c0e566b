// A counter per database and kind of data, raised by every import that commits. Caches built from the
// database (polygons as GeoJSON text, road graphs, study units, the county context) compare the version they
// were built at with the current one instead of each import knowing every cache. In-memory and per process:
// the single server process is the only writer.
import type { Database } from './database.js';

// 'cases': a case moved on (a transition or a live report): statuses and KPIs change, no point moves.
// 'categories': the jurisdiction's category vocabulary (db/categories.ts).
export const DATA_KINDS = ['areas', 'roads', 'incidents', 'cameras', 'sites', 'cases', 'categories'] as const;
export type DataKind = (typeof DATA_KINDS)[number];

const versions = new WeakMap<Database, Record<DataKind, number>>();

function of(db: Database): Record<DataKind, number> {
  let v = versions.get(db);
  if (!v) versions.set(db, (v = { areas: 0, roads: 0, incidents: 0, cameras: 0, sites: 0, cases: 0, categories: 0 }));
  return v;
}

/** The version of one kind of data, or a key combining several (for a cache built from more than one). */
export function dataVersion(db: Database, ...kinds: DataKind[]): string {
  const v = of(db);
  return kinds.map((k) => v[k]).join('.');
}

/** Called after a commit that changed these kinds of data. */
export function bumpDataVersion(db: Database, kinds: readonly DataKind[]): void {
  const v = of(db);
  for (const k of kinds) v[k]++;
}

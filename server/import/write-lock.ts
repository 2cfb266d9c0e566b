// Incident writes (imports, live reports) take new ids as max(id) + n: two writers at once in this process
// would take the same ids (DuckDB lets concurrent appends both commit). Writers queue here, one at a time.
import type { Database } from '../db/database.js';
import { dataVersion } from '../db/data-version.js';
import { msg } from './import-messages.js';

const tails = new WeakMap<Database, Promise<unknown>>();

export function withWriteLock<T>(db: Database, fn: () => Promise<T>): Promise<T> {
  const prev = tails.get(db) ?? Promise.resolve();
  const run = prev.then(fn, fn);
  tails.set(db, run.catch(() => undefined));
  return run;
}

/** Rows are located in the grids while a file is checked, before the writer queues here. If a polygon import
 * committed in between, those grid codes are stale: the writer refuses rather than write them. */
export const AREAS_CHANGED = msg.areasChanged();
export const areasVersion = (db: Database): string => dataVersion(db, 'areas');
export const areasChangedSince = (db: Database, seen: string): boolean => areasVersion(db) !== seen;

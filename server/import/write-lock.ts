// Incident writes (imports, live reports) take new ids as max(id) + n: two writers at once in this process
// would take the same ids (DuckDB lets concurrent appends both commit). Writers queue here, one at a time.
import type { Database } from '../db/database.js';

const tails = new WeakMap<Database, Promise<unknown>>();

export function withWriteLock<T>(db: Database, fn: () => Promise<T>): Promise<T> {
  const prev = tails.get(db) ?? Promise.resolve();
  const run = prev.then(fn, fn);
  tails.set(db, run.catch(() => undefined));
  return run;
}

// A value read from the database and kept until the data it comes from changes (db/data-version.ts): between
// two imports or live reports no request reads it again. Concurrent callers share one read; a failed read is
// forgotten, so the next caller tries again.
import type { Database } from './database.js';
import { dataVersion, type DataKind } from './data-version.js';

export function keptPerVersion<T>(kinds: readonly DataKind[], read: (db: Database) => Promise<T>): (db: Database) => Promise<T> {
  const kept = new WeakMap<Database, { version: string; value: Promise<T> }>();
  return (db) => {
    const version = dataVersion(db, ...kinds);
    const k = kept.get(db);
    if (k && k.version === version) return k.value;
    const value = read(db);
    kept.set(db, { version, value });
    value.catch(() => kept.get(db)?.value === value && kept.delete(db));
    return value;
  };
}

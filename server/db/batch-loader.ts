// Reads asked for by many requests at once, made as one query: the answers of a group of case transitions
// (cases/case-store.ts writes up to a few hundred in one transaction) each want their case's history and photos,
// and DuckDB answers `case_id IN (…a hundred ids…)` for about what one id costs (a DuckDB query costs ~0.6 ms of CPU
// before it reads anything). DataLoader (graphql/dataloader) collects the keys asked for until the event loop's
// next turn (setImmediate: after every answer of the group has run up to its reads) and calls the loader once.
// Nothing is cached between turns: each read sees the data committed before it.
import DataLoader from 'dataloader';
import type { Database } from './database.js';

export function batchedPerDatabase<K, V>(load: (db: Database, keys: readonly K[]) => Promise<V[]>): (db: Database, key: K) => Promise<V> {
  const loaders = new WeakMap<Database, DataLoader<K, V>>();
  return (db, key) => {
    let l = loaders.get(db);
    if (!l) loaders.set(db, (l = new DataLoader<K, V>((keys) => load(db, keys), { cache: false, batchScheduleFn: (run) => setImmediate(run) })));
    return l.load(key);
  };
}

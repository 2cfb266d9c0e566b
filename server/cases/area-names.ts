// The names of the grids, villages and townships by code, kept in memory until the next import of areas (the data
// version 'areas'): a case's answer names its place, and three look-ups by code per answer cost more CPU (about
// 1.7 ms at 1M cases: the code columns have no index, each sub-query scans its small table) than the rest of a
// transition. A county has a few thousand units; the whole map is a few hundred KB.
import type { Database } from '../db/database.js';
import { dataVersion } from '../db/data-version.js';

export interface AreaNames { grid: Map<string, string>; village: Map<string, string>; township: Map<string, string> }

const kept = new WeakMap<Database, { version: string; names: Promise<AreaNames> }>();

async function load(db: Database): Promise<AreaNames> {
  const [grids, villages, townships] = await Promise.all(['grids', 'villages', 'townships'].map((t) => db.query<{ code: string; name: string | null }>(`SELECT code, name FROM ${t}`)));
  const map = (rows: { code: string; name: string | null }[]) => new Map(rows.filter((r) => r.name !== null).map((r) => [r.code, r.name!]));
  return { grid: map(grids), village: map(villages), township: map(townships) };
}

/** The names as of the current areas version (loaded once per version; a failed load is tried again next time). */
export function areaNames(db: Database): Promise<AreaNames> {
  const version = dataVersion(db, 'areas');
  const k = kept.get(db);
  if (k && k.version === version) return k.names;
  const names = load(db);
  kept.set(db, { version, names });
  names.catch(() => { if (kept.get(db)?.names === names) kept.delete(db); });
  return names;
}

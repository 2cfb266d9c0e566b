// Re-assigns every incident, camera and key site to its grid, village and township after a level of polygons
// was replaced, inside the importer's transaction (the caller's connection, before COMMIT), so the codes and
// the polygons change together or not at all.
//
// A point takes its grid from point-in-polygon over the grids (BinnedLocator), and the grid's village and
// township codes, so the hierarchy stays consistent. A point in no grid keeps no grid code; its village and
// township then come from the village and township polygons (or none): incidents store '' for "none" since
// their code columns are NOT NULL, cameras and sites NULL. Only rows whose codes change are written.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { MultiPolygon, Polygon } from 'geojson';
import { BinnedLocator } from '../analysis/binned-locator.js';
import { columnsOf } from '../db/database.js';

export interface UnitPolygon { code: string; parentCode?: string; townshipCode?: string; geometry: Polygon | MultiPolygon }
/** points: rows read; changed: rows whose grid, village or township code changed; outsideGrids: in no grid;
 * outsideAll: in no grid, village or township. */
export interface ReassignCounts { points: number; changed: number; outsideGrids: number; outsideAll: number }
export type ReassignReport = Record<'incidents' | 'cameras' | 'sites', ReassignCounts>;

interface Locators {
  grid: BinnedLocator<{ code: string; village: string; township: string }> | null;
  village: BinnedLocator<{ code: string; township: string }> | null;
  township: BinnedLocator<string> | null;
}

/** Builds the three locators from the polygons as they will be after the import. */
export function buildLocators(grids: UnitPolygon[], villages: UnitPolygon[], townships: UnitPolygon[]): Locators {
  return {
    grid: grids.length ? new BinnedLocator(grids.map((g) => ({ geometry: g.geometry, value: { code: g.code, village: g.parentCode!, township: g.townshipCode! } }))) : null,
    village: villages.length ? new BinnedLocator(villages.map((v) => ({ geometry: v.geometry, value: { code: v.code, township: v.parentCode! } }))) : null,
    township: townships.length ? new BinnedLocator(townships.map((t) => ({ geometry: t.geometry, value: t.code }))) : null,
  };
}

/** Codes of one point: [grid, village, township], null where the point is in no unit. */
export function locateCodes(loc: Locators, lon: number, lat: number): [string | null, string | null, string | null] {
  const g = loc.grid?.locate(lon, lat);
  if (g) return [g.code, g.village, g.township];
  const v = loc.village?.locate(lon, lat);
  if (v) return [null, v.code, v.township];
  return [null, null, loc.township?.locate(lon, lat) ?? null];
}

const TABLES = { incidents: { table: 'incidents', key: 'rowid', none: "''" }, cameras: { table: 'cameras', key: 'id', none: 'NULL' }, sites: { table: 'key_sites', key: 'id', none: 'NULL' } } as const;

/** Re-assigns the three point tables on `con` (inside the caller's transaction). */
export async function reassignPoints(con: DuckDBConnection, loc: Locators, onProgress?: (table: string, done: number, total: number) => void): Promise<ReassignReport> {
  const out = {} as ReassignReport;
  for (const [name, t] of Object.entries(TABLES) as [keyof ReassignReport, (typeof TABLES)[keyof typeof TABLES]][]) {
    const reader = await con.runAndReadAll(`SELECT ${t.key}::VARCHAR AS k, lon, lat, grid_code, village_code, township_code FROM ${t.table}`);
    const [keys, lon, lat, grid, village, township] = columnsOf(reader) as [string[], number[], number[], (string | null)[], (string | null)[], (string | null)[]];
    const n = keys.length;
    const counts: ReassignCounts = { points: n, changed: 0, outsideGrids: 0, outsideAll: 0 };
    const changedKeys: string[] = [], cg: (string | null)[] = [], cv: (string | null)[] = [], ct: (string | null)[] = [];
    const blank = (s: string | null) => (s === '' ? null : s);
    for (let i = 0; i < n; i++) {
      if (i % 100000 === 0) onProgress?.(name, i, n);
      const [g, v, tw] = locateCodes(loc, lon[i], lat[i]);
      if (!g) counts.outsideGrids++;
      if (!g && !v && !tw) counts.outsideAll++;
      if (g !== blank(grid[i]) || v !== blank(village[i]) || tw !== blank(township[i])) {
        counts.changed++;
        changedKeys.push(keys[i]); cg.push(g); cv.push(v); ct.push(tw);
      }
    }
    onProgress?.(name, n, n);
    if (changedKeys.length) {
      await con.run(`CREATE OR REPLACE TEMP TABLE reassign_staging (k VARCHAR, g VARCHAR, v VARCHAR, t VARCHAR)`);
      const a = await con.createAppender('reassign_staging', 'main', 'temp');
      for (let i = 0; i < changedKeys.length; i++) {
        a.appendVarchar(changedKeys[i]);
        for (const s of [cg[i], cv[i], ct[i]]) if (s === null) a.appendNull(); else a.appendVarchar(s);
        a.endRow();
      }
      a.closeSync();
      const keyExpr = t.key === 'rowid' ? `${t.table}.rowid` : `${t.table}.${t.key}`;
      const cast = name === 'sites' ? '::INTEGER' : name === 'incidents' ? '::BIGINT' : '';
      await con.run(`UPDATE ${t.table} SET grid_code = coalesce(s.g, ${t.none}), village_code = coalesce(s.v, ${t.none}), township_code = coalesce(s.t, ${t.none})
        FROM temp.reassign_staging s WHERE ${keyExpr} = s.k${cast}`);
      await con.run('DROP TABLE temp.reassign_staging');
    }
    out[name] = counts;
  }
  return out;
}

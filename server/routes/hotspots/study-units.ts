// The units a hotspot analysis runs on, with their spatial weights, built once per database and level:
// management units (township / village / grid) with queen contiguity, or H3 cells covering the county
// with k-ring weights. A jurisdiction filter narrows them to the units inside it.
import type { MultiPolygon, Polygon } from 'geojson';
import type { Database } from '../../db/database.js';
import { dataVersion } from '../../db/data-version.js';
import type { SpatialWeights } from '../../analysis/spatial-weights.js';
import { runTask } from '../../workers/pool.js';
import { subsetWeights } from '../../analysis/weights-subset.js';
import { cellToLatLng } from 'h3-js';
import { coversJurisdiction } from '../../jurisdiction/jurisdiction.js';
import { pointInGeometry } from '../../../shared/geo/point-in-polygon.js';

export const ADMIN_UNITS = ['county', 'township', 'village', 'grid'] as const;
export type AdminUnit = (typeof ADMIN_UNITS)[number];
export type UnitKind = AdminUnit | 'h3';

export interface StudyUnits {
  ids: string[];
  /** Incidents' column (or SQL expression) that names the unit. */
  weights: SpatialWeights;
}

const TABLE: Record<AdminUnit, string> = { county: 'counties', township: 'townships', village: 'villages', grid: 'grids' };
const cache = new WeakMap<Database, Map<string, Promise<StudyUnits & { geometry?: (Polygon | MultiPolygon)[] }>>>();

const builtAt = new WeakMap<Database, string>();

function cached<T>(db: Database, key: string, build: () => Promise<T>): Promise<T> {
  // A polygon import makes new units: everything built before it is dropped.
  let m = cache.get(db);
  if (!m || builtAt.get(db) !== dataVersion(db, 'areas')) cache.set(db, (m = new Map())), builtAt.set(db, dataVersion(db, 'areas'));
  if (!m.has(key)) m.set(key, build() as never);
  return m.get(key) as Promise<T>;
}

async function allUnits(db: Database, unit: UnitKind, resolution: number): Promise<StudyUnits> {
  if (unit === 'h3')
    return cached(db, `h3:${resolution}`, async () => {
      const [c] = await db.query<{ geojson: string }>('SELECT geojson FROM county LIMIT 1');
      // Built on a worker thread (seconds at resolution 9): the server answers (and stops) meanwhile.
      return runTask('h3Units', { area: JSON.parse(c.geojson), resolution });
    });
  return cached(db, unit, async () => {
    const rows = await db.query<{ code: string; geojson: string }>(`SELECT code, geojson FROM ${TABLE[unit]} ORDER BY code`);
    const geometry = rows.map((r) => JSON.parse(r.geojson) as Polygon | MultiPolygon);
    return { ids: rows.map((r) => r.code), weights: await runTask('contiguity', { polygons: geometry }), geometry };
  });
}

/** Builds the county-wide H3 surfaces ahead of the first request (a street-level one takes seconds). */
export async function warmStudyUnits(db: Database): Promise<void> {
  if ((await db.query('SELECT 1 FROM county LIMIT 1')).length === 0) return; // an empty database: nothing to warm yet
  for (const res of [7, 8, 9]) await allUnits(db, 'h3', res);
  for (const unit of ['grid', 'village', 'township', 'county'] as const) await allUnits(db, unit, 0);
}

/** The study units inside a jurisdiction (code prefix); H3 cells are kept when their centre lies inside it. */
export async function studyUnits(db: Database, unit: UnitKind, resolution: number, code: string | undefined): Promise<StudyUnits> {
  const all = await allUnits(db, unit, resolution);
  if (!code || coversJurisdiction(code)) return all;
  // Selecting a jurisdiction's hexagons tests every cell centre against its polygons: cache the answer.
  if (unit === 'h3') return cached(db, `h3:${resolution}:${code}`, () => unitsInside(db, all, unit, code));
  return unitsInside(db, all, unit, code);
}

async function unitsInside(db: Database, all: StudyUnits, unit: UnitKind, code: string): Promise<StudyUnits> {
  let keep: number[];
  if (unit === 'h3') {
    const table = code.length <= 9 ? 'townships' : code.length <= 12 ? 'villages' : 'grids';
    const rows = await db.query<{ geojson: string }>(`SELECT geojson FROM ${table} WHERE starts_with(code, ?)`, [code]);
    const areas = rows.map((r) => JSON.parse(r.geojson) as Polygon | MultiPolygon);
    keep = all.ids.flatMap((id, i) => {
      const [lat, lon] = cellToLatLng(id);
      return areas.some((a) => pointInGeometry(lon, lat, a)) ? [i] : [];
    });
  } else keep = all.ids.flatMap((id, i) => (id.startsWith(code) || code.startsWith(id) ? [i] : []));
  return { ids: keep.map((i) => all.ids[i]), weights: subsetWeights(all.weights, keep) };
}

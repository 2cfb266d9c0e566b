// Reads what coverage needs from DuckDB and keeps it per database: the demand model (sites, road samples,
// crossings, grids), the incident density of the last year, and the cameras with their coverage counts.
// The first two are rebuilt when an import raises the data version of what they are built from
// (db/data-version.ts: areas/roads/sites, incidents) — live reports do not raise it, so the density is also
// keyed on the incident count; the cameras when the cameras table's content fingerprint changes (one cheap
// aggregate query per request) or the demand model was rebuilt.
import type { MultiPolygon, Polygon } from 'geojson';
import { countCoverage, type CountedCamera } from '../../../shared/geo/coverage-count.js';
import { buildCoverageWorld, type CoverageWorld, type GridInput, type RoadInput, type SiteInput } from '../../../shared/geo/coverage-world.js';
import { incidentDensity } from '../../analysis/camera-siting.js';
import type { LonLat } from '../../../shared/geo/geo.js';
import type { Database } from '../../db/database.js';
import { dataVersion } from '../../db/data-version.js';
import type { CoverageCategory, RoadClass } from '../../../shared/domain/sites.js';

export interface StoredCamera extends CountedCamera {
  id: string;
  name: string;
  kind: string;
  status: 'online' | 'offline';
}

export interface CameraState {
  fingerprint: string;
  cameras: Map<string, StoredCamera>;
  counts: Uint16Array;
}

interface CoverageCache {
  worldKey: string;
  world: Promise<CoverageWorld>;
  densityKey?: string;
  density?: Promise<(lon: number, lat: number) => number>;
  cameras?: Promise<CameraState>;
}

const caches = new WeakMap<Database, CoverageCache>();

/** What the demand model is built from: an import of polygons, roads or sites makes it stale. */
const worldKey = (db: Database) => dataVersion(db, 'areas', 'roads', 'sites');

function cacheFor(db: Database): CoverageCache {
  let c = caches.get(db);
  if (!c || c.worldKey !== worldKey(db)) {
    const key = worldKey(db);
    const world = loadWorld(db);
    // the camera counts index the world's points, so a new world starts without them
    c = { worldKey: key, world, densityKey: c?.densityKey, density: c?.density };
    const fresh = c;
    // a failed load must not stay cached: the next request tries again
    world.catch(() => caches.get(db) === fresh && caches.delete(db));
    caches.set(db, c);
  }
  return c;
}

/**
 * Drops everything coverage keeps for this database (demand model, density, camera counts). Imports need
 * not call it — the caches follow the data version — but a writer that bypasses afterImport can.
 */
export function invalidateCoverageCaches(db: Database): void {
  caches.delete(db);
}

export function coverageWorld(db: Database): Promise<CoverageWorld> {
  return cacheFor(db).world;
}

/** The incident density of the last year, rebuilt after an incident import or when live reports arrived. */
export async function densityOf(db: Database): Promise<(lon: number, lat: number) => number> {
  const cache = cacheFor(db);
  const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM incidents');
  const key = `${dataVersion(db, 'incidents')}:${n}`;
  if (!cache.density || cache.densityKey !== key) {
    const density = loadDensity(db);
    cache.density = density;
    cache.densityKey = key;
    density.catch(() => {
      if (cache.density === density) (cache.density = undefined), (cache.densityKey = undefined);
    });
  }
  return cache.density;
}

/** The cameras and the coverage counts they give, current with the cameras table. */
export async function cameraState(db: Database): Promise<CameraState> {
  const cache = cacheFor(db);
  const [{ fp }] = await db.query<{ fp: string }>(
    `SELECT count(*)::VARCHAR || ':' || coalesce(sum(hash(id, lon, lat, bearing, fov, range_m, status))::HUGEINT, 0)::VARCHAR AS fp FROM cameras`,
  );
  const current = cache.cameras ? await cache.cameras.catch(() => undefined) : undefined;
  if (current?.fingerprint === fp) return current;
  const next = (async () => {
    const world = await cache.world;
    const cols = await db.queryColumns('SELECT id, name, kind, lon, lat, bearing, fov, range_m, status FROM cameras ORDER BY id');
    const [id, name, kind, lon, lat, bearing, fov, range, status] = cols;
    const cameras = new Map<string, StoredCamera>();
    for (let i = 0; i < id.length; i++)
      cameras.set(id[i] as string, {
        id: id[i] as string,
        name: (name[i] as string | null) ?? '',
        kind: kind[i] as string,
        lon: lon[i] as number,
        lat: lat[i] as number,
        bearing: bearing[i] as number,
        fov: fov[i] as number,
        rangeM: range[i] as number,
        status: status[i] === 'offline' ? 'offline' : 'online',
        online: status[i] !== 'offline',
      });
    return { fingerprint: fp, cameras, counts: countCoverage(world.points, cameras.values()) };
  })();
  cache.cameras = next;
  return next;
}

async function loadWorld(db: Database): Promise<CoverageWorld> {
  const [sites, roads, grids, villages, townships, county] = await Promise.all([
    db.query<{ id: number; kind: string; coverage_category: string; name: string; lon: number; lat: number; grid_code: string | null }>(
      'SELECT id, kind, coverage_category, name, lon, lat, grid_code FROM key_sites ORDER BY id',
    ),
    db.query<{ id: number; name: string; class: string; geojson: string }>('SELECT id, name, class, geojson FROM roads ORDER BY id'),
    db.query<{ code: string; name: string; village_code: string; township_code: string; geojson: string }>('SELECT code, name, village_code, township_code, geojson FROM grids ORDER BY code'),
    db.query<{ code: string; name: string }>('SELECT code, name FROM villages'),
    db.query<{ code: string; name: string }>('SELECT code, name FROM townships'),
    db.query<{ geojson: string }>('SELECT geojson FROM county LIMIT 1'),
  ]);
  if (county.length === 0) throw new Error('The database has no county outline.');
  const villageName = new Map(villages.map((v) => [v.code, v.name]));
  const townshipName = new Map(townships.map((t) => [t.code, t.name]));
  const siteInputs: SiteInput[] = sites.map((s) => ({ id: s.id, kind: s.kind, category: s.coverage_category as CoverageCategory, name: s.name, lon: s.lon, lat: s.lat, gridCode: s.grid_code }));
  const roadInputs: RoadInput[] = roads.map((r) => {
    const g = JSON.parse(r.geojson) as { type: string; coordinates: LonLat[] };
    return { id: r.id, name: r.name, roadClass: r.class as RoadClass, line: g.coordinates };
  });
  const gridInputs: GridInput[] = grids.map((g) => ({
    code: g.code,
    name: g.name,
    villageCode: g.village_code,
    villageName: villageName.get(g.village_code) ?? g.village_code,
    townshipCode: g.township_code,
    townshipName: townshipName.get(g.township_code) ?? g.township_code,
    geometry: JSON.parse(g.geojson) as Polygon | MultiPolygon,
  }));
  return buildCoverageWorld({ sites: siteInputs, roads: roadInputs, grids: gridInputs, outline: JSON.parse(county[0].geojson) as Polygon | MultiPolygon });
}

/** Incidents of the last 365 days of data, as a density factor for siting weights. */
async function loadDensity(db: Database): Promise<(lon: number, lat: number) => number> {
  const [lon, lat] = await db.queryColumns(
    `SELECT lon, lat FROM incidents WHERE reported_at >= (SELECT max(reported_at) FROM incidents) - INTERVAL 365 DAY`,
  );
  return incidentDensity(lon as number[], lat as number[]);
}

// ---- scenarios (coverage_scenarios table) ----

// A file opened for writing has the table (db/upgrade-schema.ts creates it in files built before it existed);
// an old file opened read-only may not: reads answer empty there.
async function hasScenarioTable(db: Database): Promise<boolean> {
  const rows = await db.query(`SELECT 1 FROM duckdb_tables() WHERE table_name = 'coverage_scenarios'`);
  return rows.length > 0;
}

export async function listScenarios(db: Database): Promise<{ id: string; name: string; createdAt: string; edits: number }[]> {
  if (!(await hasScenarioTable(db))) return [];
  const rows = await db.query<{ id: string; name: string; created_at: Date; edits: string }>('SELECT id, name, created_at, edits FROM coverage_scenarios ORDER BY created_at DESC, id');
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: new Date(r.created_at).toISOString(), edits: (JSON.parse(r.edits) as unknown[]).length }));
}

export async function getScenario(db: Database, id: string): Promise<{ id: string; name: string; createdAt: string; edits: unknown } | null> {
  if (!(await hasScenarioTable(db))) return null;
  const rows = await db.query<{ id: string; name: string; created_at: Date; edits: string }>('SELECT id, name, created_at, edits FROM coverage_scenarios WHERE id = ?', [id]);
  if (!rows.length) return null;
  return { id: rows[0].id, name: rows[0].name, createdAt: new Date(rows[0].created_at).toISOString(), edits: JSON.parse(rows[0].edits) };
}

export async function saveScenario(db: Database, id: string, name: string, edits: unknown): Promise<void> {
  // stored in UTC like every timestamp here
  await db.query('INSERT OR REPLACE INTO coverage_scenarios VALUES (?, ?, CAST(? AS TIMESTAMP), ?)', [id, name, new Date().toISOString().replace('T', ' ').replace('Z', ''), JSON.stringify(edits)]);
}

export async function deleteScenario(db: Database, id: string): Promise<boolean> {
  if (!(await hasScenarioTable(db))) return false;
  const rows = await db.query<{ n: number }>('DELETE FROM coverage_scenarios WHERE id = ? RETURNING 1 AS n', [id]);
  return rows.length > 0;
}

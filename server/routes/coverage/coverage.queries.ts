// Reads what coverage needs from DuckDB and keeps it per database: the demand model (sites, road samples,
// crossings, grids), the incident density of the last year, and the cameras with their coverage counts.
// The first two are rebuilt when an import raises the data version of what they are built from
// (db/data-version.ts: areas/roads/sites, incidents) — live reports do not raise it, so the density is also
// keyed on the incident count; the cameras when the cameras table's content fingerprint changes (one cheap
// aggregate query per request) or the demand model was rebuilt.
//
// The CPU-heavy parts (building the demand model, counting 18,000 sectors) run on the worker pool; the
// world comes back on shared memory (analysis/shared-world.ts) and the counts too, so every ledger or plan
// task gets them without a copy.
import type { CountedCamera } from '../../../shared/geo/coverage-count.js';
import type { CoverageWorld, WorldRows } from '../../../shared/geo/coverage-world.js';
import type { DensityCells } from '../../analysis/camera-siting.js';
import { shareWorld, worldFromShared } from '../../analysis/shared-world.js';
import type { Database } from '../../db/database.js';
import type { CameraEdit } from './scenario-edits.js';
import { createHash, randomUUID } from 'node:crypto';
import { dataVersion } from '../../db/data-version.js';
import { runTask } from '../../workers/pool.js';

export interface StoredCamera extends CountedCamera {
  id: string;
  name: string;
  kind: string;
  status: 'online' | 'offline';
  /** the grid it stands in (null outside every grid, or added by a what-if): whose jurisdiction it is */
  gridCode: string | null;
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
  density?: Promise<DensityCells>;
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

/** This process's serial number of each cached object (world, camera state, density): a new one is a new version. */
const serials = new WeakMap<object, number>();
let lastSerial = 0;
const serialOf = (o: object) => serials.get(o) ?? (serials.set(o, ++lastSerial), lastSerial);
/** Tokens of an earlier process must not match this one's (its serials start again at 1). */
const PROCESS_NONCE = randomUUID();

/**
 * Names the stored network's gaps for a scope and its doubled site kinds: the same token while the demand
 * model, the cameras and the density stay the objects cached here, a new one when any is rebuilt. A what-if
 * client that holds the gaps of a token gets only changes against them (workers/coverage-tasks.ts).
 */
export function storedGapsToken(world: CoverageWorld, state: CameraState, density: DensityCells, code: string | undefined, double: readonly string[]): string {
  const parts = [PROCESS_NONCE, serialOf(world), serialOf(state), serialOf(density), code ?? '', [...double].sort().join(',')];
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 22);
}

export function coverageWorld(db: Database): Promise<CoverageWorld> {
  return cacheFor(db).world;
}

/** The incident density of the last year (counts per cell), rebuilt after an incident import or when live reports arrived. */
export async function densityOf(db: Database): Promise<DensityCells> {
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
    const cols = await db.queryColumns('SELECT id, name, kind, lon, lat, bearing, fov, range_m, status, grid_code FROM cameras ORDER BY id');
    const [id, name, kind, lon, lat, bearing, fov, range, status, grid] = cols;
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
        gridCode: (grid[i] as string | null) ?? null,
        online: status[i] !== 'offline',
      });
    const columns = {
      lon: Float64Array.from(lon as number[]),
      lat: Float64Array.from(lat as number[]),
      bearing: Float64Array.from(bearing as number[]),
      fov: Float64Array.from(fov as number[]),
      rangeM: Float64Array.from(range as number[]),
      online: Uint8Array.from(status as string[], (s) => (s === 'offline' ? 0 : 1)),
    };
    const transfer = Object.values(columns).map((a) => a.buffer as ArrayBuffer);
    const counts = await runTask('cameraCounts', { world: shareWorld(world), cameras: columns }, { transfer });
    return { fingerprint: fp, cameras, counts };
  })();
  cache.cameras = next;
  return next;
}

async function loadWorld(db: Database): Promise<CoverageWorld> {
  const [sites, roads, grids, villages, townships, county] = await Promise.all([
    db.query<WorldRows['sites'][number]>('SELECT id, kind, coverage_category, name, lon, lat, grid_code FROM key_sites ORDER BY id'),
    db.query<WorldRows['roads'][number]>('SELECT id, name, class, geojson FROM roads ORDER BY id'),
    db.query<WorldRows['grids'][number]>('SELECT code, name, village_code, township_code, geojson FROM grids ORDER BY code'),
    db.query<{ code: string; name: string }>('SELECT code, name FROM villages'),
    db.query<{ code: string; name: string }>('SELECT code, name FROM townships'),
    db.query<{ geojson: string }>('SELECT geojson FROM county LIMIT 1'),
  ]);
  if (county.length === 0) throw new Error('The database has no county outline.');
  // Sampling 3,600 km of roads and locating every sample in its grid takes seconds: on a worker thread.
  return worldFromShared(await runTask('coverageWorld', { sites, roads, grids, villages, townships, outline: county[0].geojson }));
}

/** Incidents of the last 365 days of data per 0.01° cell (a density factor for siting weights), counted by DuckDB. */
async function loadDensity(db: Database): Promise<DensityCells> {
  const cellDeg = 0.01;
  // floor(lon / 0.01) in SQL is the same IEEE division and floor as in JS (densityCellsOf), cell for cell.
  const [x, y, n] = await db.queryColumns(
    `SELECT floor(lon / ${cellDeg})::INTEGER AS x, floor(lat / ${cellDeg})::INTEGER AS y, count(*)::DOUBLE AS n FROM incidents
     WHERE reported_at >= (SELECT max(reported_at) FROM incidents) - INTERVAL 365 DAY GROUP BY ALL`,
  );
  return { cellDeg, x: Int32Array.from(x as number[]), y: Int32Array.from(y as number[]), n: Float64Array.from(n as number[]) };
}

// ---- scenarios (coverage_scenarios table) ----
// A scenario belongs to the jurisdiction of the user who saved it (scope_code): it is listed, read and deleted
// only by users whose scope holds that one (a township leader sees their township's scenarios, the county's
// users all of them), since its edits name cameras and places of that area. `scope` below is the caller's
// scope as scopeFor gives it: undefined for a jurisdiction-wide user.

/** What the file has: no table (an old file opened read-only), a table from before scope_code (ditto), or both. */
async function scenarioTable(db: Database): Promise<'none' | 'unscoped' | 'scoped'> {
  const rows = await db.query<{ column_name: string }>(`SELECT column_name FROM duckdb_columns() WHERE table_name = 'coverage_scenarios' AND column_name IN ('id', 'scope_code')`);
  return rows.length === 0 ? 'none' : rows.some((r) => r.column_name === 'scope_code') ? 'scoped' : 'unscoped';
}

/** The WHERE of the scenarios the caller may see (a scenario of no recorded scope: jurisdiction-wide users only). */
function visibleWhere(table: 'unscoped' | 'scoped', scope: string | undefined): { sql: string; params: string[] } {
  if (scope === undefined) return { sql: 'true', params: [] };
  return table === 'scoped' ? { sql: 'starts_with(scope_code, ?)', params: [scope] } : { sql: 'false', params: [] };
}

type ScenarioRow = { id: string; name: string; created_at: Date; edits: string; scope_code?: string | null };

export async function listScenarios(db: Database, scope: string | undefined): Promise<{ id: string; name: string; createdAt: string; edits: number }[]> {
  const table = await scenarioTable(db);
  if (table === 'none') return [];
  const where = visibleWhere(table, scope);
  const rows = await db.query<ScenarioRow>(`SELECT id, name, created_at, edits FROM coverage_scenarios WHERE ${where.sql} ORDER BY created_at DESC, id`, where.params);
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: new Date(r.created_at).toISOString(), edits: (JSON.parse(r.edits) as unknown[]).length }));
}

/** A saved scenario the caller may see; its edits are as saved (validated by scenario-edits.ts cameraEdits
 * before saveScenario). `hidden`: it exists but belongs to another jurisdiction. */
export async function getScenario(db: Database, id: string, scope: string | undefined): Promise<{ id: string; name: string; createdAt: string; edits: CameraEdit[] } | 'hidden' | null> {
  const table = await scenarioTable(db);
  if (table === 'none') return null;
  const rows = await db.query<ScenarioRow>(`SELECT id, name, created_at, edits${table === 'scoped' ? ', scope_code' : ''} FROM coverage_scenarios WHERE id = ?`, [id]);
  if (!rows.length) return null;
  const r = rows[0];
  if (scope !== undefined && !(r.scope_code ?? '').startsWith(scope)) return 'hidden';
  return { id: r.id, name: r.name, createdAt: new Date(r.created_at).toISOString(), edits: JSON.parse(r.edits) };
}

export async function saveScenario(db: Database, id: string, name: string, edits: unknown, scopeCode: string): Promise<void> {
  // stored in UTC like every timestamp here
  await db.query('INSERT OR REPLACE INTO coverage_scenarios (id, name, created_at, edits, scope_code) VALUES (?, ?, CAST(? AS TIMESTAMP), ?, ?)', [id, name, new Date().toISOString().replace('T', ' ').replace('Z', ''), JSON.stringify(edits), scopeCode]);
}

/** Deletes a scenario the caller may see: true when deleted, 'hidden' when it belongs to another jurisdiction.
 * The DELETE runs first (a read-only file refuses it, 503, before anything is looked up). */
export async function deleteScenario(db: Database, id: string, scope: string | undefined): Promise<boolean | 'hidden'> {
  const table = await scenarioTable(db);
  if (table === 'none') return false;
  const mine = visibleWhere(table, scope);
  const rows = await db.query<{ n: number }>(`DELETE FROM coverage_scenarios WHERE id = ? AND ${mine.sql} RETURNING 1 AS n`, [id, ...mine.params]);
  if (rows.length) return true;
  return (await db.query('SELECT 1 FROM coverage_scenarios WHERE id = ?', [id])).length ? 'hidden' : false;
}

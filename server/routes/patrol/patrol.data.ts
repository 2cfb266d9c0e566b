// What the patrol features read from the database, loaded once per database and kept in memory: the road
// graph (built once: ~5 000 nodes, ~100 ms), outline and neighbours, stations, police-controlled cameras,
// villages and key stations. Incidents are read per request (they depend on the filter).
import type { MultiPolygon, Polygon } from 'geojson';
import type { Database, Params } from '../../db/database.js';
import { dataVersion } from '../../db/data-version.js';
import { newestReportMs } from '../../db/newest-report.js';
import type { LonLat } from '../../../shared/geo/geo.js';
import { buildRoadGraph, type GraphLine, type RoadGraph } from '../../analysis/road-graph.js';
import type { NeighbourOutline, WatchCamera } from '../../analysis/border-zones.js';
import { ROAD_CLASS_INFO } from '../../../shared/domain/sites.js';
import { incidentWhere, type IncidentFilter } from '../filters.js';

export interface Station { id: number; name: string; kind: string; lon: number; lat: number; townshipCode: string | null; units: number }
export interface PatrolData {
  graph: RoadGraph;
  roads: GraphLine[];
  outline: Polygon | MultiPolygon;
  neighbours: NeighbourOutline[];
  stations: Station[];
  cameras: WatchCamera[];
  villages: { code: string; name: string; lon: number; lat: number }[];
  railStations: { name: string; lon: number; lat: number }[];
}

/** The newest incident's time (UTC ms): "now" for recency weighting (the demo's data end; for live data, the
 * latest report). Kept per incidents data version (db/newest-report.ts), so an import or a live report moves it
 * at once. */
export async function lastIncidentMs(db: Database): Promise<number> {
  return (await newestReportMs(db)) ?? Date.now();
}

export const DEFAULT_SPEEDS: Record<string, number> = Object.fromEntries(Object.entries(ROAD_CLASS_INFO).map(([k, v]) => [k, v.speedKmh]));

const cache = new WeakMap<Database, Promise<PatrolData>>();
const cachedAt = new WeakMap<Database, string>();

export function patrolData(db: Database): Promise<PatrolData> {
  // Rebuilt after an import of roads, polygons, cameras or sites (incidents are read per request).
  const version = dataVersion(db, 'roads', 'areas', 'cameras', 'sites');
  let p = cachedAt.get(db) === version ? cache.get(db) : undefined;
  if (!p) {
    p = load(db);
    cache.set(db, p);
    cachedAt.set(db, version);
    p.catch(() => cache.delete(db)); // a failed load is retried by the next request
  }
  return p;
}

async function load(db: Database): Promise<PatrolData> {
  const [roadRows, county, nRows, sRows, cRows, vRows, kRows] = await Promise.all([
    db.query<{ id: number; name: string; class: string; geojson: string }>('SELECT id, name, class, geojson FROM roads ORDER BY id'),
    db.query<{ geojson: string }>('SELECT geojson FROM county LIMIT 1'),
    db.query<{ code: string; name: string; kind: string; geojson: string }>('SELECT code, name, kind, geojson FROM neighbours ORDER BY code'),
    db.query<{ id: number; name: string; kind: string; lon: number; lat: number; township_code: string | null; units: number }>('SELECT * FROM police_stations ORDER BY id'),
    db.query<{ id: string; kind: string; status: string; lon: number; lat: number }>("SELECT id, kind, status, lon, lat FROM cameras WHERE kind <> 'social'"),
    db.query<{ code: string; name: string; lon: number; lat: number }>("SELECT code, name, centre_lon lon, centre_lat lat FROM villages WHERE centre_lon IS NOT NULL"),
    db.query<{ name: string; lon: number; lat: number }>("SELECT name, lon, lat FROM key_sites WHERE kind = 'station'"),
  ]);
  if (!county.length) throw new Error('the database has no county outline');
  const roads: GraphLine[] = roadRows.map((r) => ({ id: r.id, name: r.name, roadClass: r.class, line: (JSON.parse(r.geojson) as { coordinates: LonLat[] }).coordinates }));
  return {
    graph: buildRoadGraph(roads, { speedKmh: DEFAULT_SPEEDS }),
    roads,
    outline: JSON.parse(county[0].geojson) as Polygon | MultiPolygon,
    neighbours: nRows.map((n) => ({ code: n.code, name: n.name, kind: n.kind, geometry: JSON.parse(n.geojson) as Polygon | MultiPolygon })),
    stations: sRows.map((s) => ({ id: s.id, name: s.name, kind: s.kind, lon: s.lon, lat: s.lat, townshipCode: s.township_code, units: s.units })),
    cameras: cRows,
    villages: vRows,
    railStations: kRows,
  };
}

export interface IncidentPoints { lon: Float64Array; lat: Float64Array; category: string[]; reportedAtMs: Float64Array }

/** Incident positions, categories and times for a filter (column reads: tens of thousands of rows are cheap). */
export async function incidentPoints(db: Database, f: IncidentFilter, since?: number): Promise<IncidentPoints> {
  const w = incidentWhere(f);
  const parts = w.sql ? [w.sql.replace(/^WHERE /, '')] : [];
  const params: Params = [...w.params];
  if (since !== undefined) parts.push('reported_at >= make_timestamp(?::BIGINT * 1000)'), params.push(Math.floor(since));
  const cols = await db.queryColumns(`SELECT lon, lat, category, epoch_ms(reported_at) FROM incidents ${parts.length ? 'WHERE ' + parts.join(' AND ') : ''}`, params);
  return { lon: Float64Array.from(cols[0] as number[]), lat: Float64Array.from(cols[1] as number[]), category: cols[2] as string[], reportedAtMs: Float64Array.from(cols[3] as number[]) };
}

/** Travel seconds per edge at given speeds (the graph's own are the default speeds). */
export function edgeTimes(graph: RoadGraph, speeds: Record<string, number>): Float64Array {
  const out = new Float64Array(graph.timeS.length);
  for (let e = 0; e < out.length; e++) {
    const kmh = speeds[graph.lines[graph.edgeLine[e]].roadClass] ?? 0;
    out[e] = kmh > 0 ? graph.lengthM[e] / ((kmh * 1000) / 3600) : Infinity;
  }
  return out;
}

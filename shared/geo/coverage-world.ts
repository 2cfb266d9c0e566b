// The static side of camera coverage for one county: what must be watched (key sites, road samples every
// 10 m, border crossings), which grid each of those lies in, and one point index over all of them. Built
// once per database from plain inputs (the routes read them from DuckDB) and reused by every ledger,
// what-if and siting request; only the cameras change between requests.
import type { MultiPolygon, Polygon } from 'geojson';
import type { CoverageCategory, RoadClass } from '../domain/sites.js';
import { borderCrossings, type BorderCrossing } from './border-crossings.js';
import { PointIndex } from './coverage-count.js';
import { bearingDeg, type LonLat } from './geo.js';
import { PolygonLocator } from './polygon-locator.js';
import { sampleRoads, type RoadSamples } from './road-sampling.js';

export interface SiteInput {
  id: number;
  kind: string;
  category: CoverageCategory;
  name: string;
  lon: number;
  lat: number;
  gridCode: string | null;
}
export interface RoadInput {
  id: number;
  name: string;
  roadClass: RoadClass;
  line: LonLat[];
}
export interface GridInput {
  code: string;
  name: string;
  villageCode: string;
  villageName: string;
  townshipCode: string;
  townshipName: string;
  geometry: Polygon | MultiPolygon;
}
export type GridUnit = Omit<GridInput, 'geometry'>;

export interface CoverageWorld {
  sites: SiteInput[];
  /** grid index of each site, -1 when it lies in no grid */
  siteUnit: Int32Array;
  roads: RoadInput[];
  samples: RoadSamples;
  sampleUnit: Int32Array;
  crossings: BorderCrossing[];
  crossingUnit: Int32Array;
  units: GridUnit[];
  /** one index over all demand points, in the order sites, road samples, crossings */
  points: PointIndex;
  offsets: { samples: number; crossings: number };
  stepM: number;
  /** road intersections (a vertex shared by two or more roads) inside a grid: candidate camera spots */
  intersections: Intersections;
}

/** Intersections as columns: position, grid, and the bearings down each road meeting there (CSR). */
export interface Intersections {
  lon: Float64Array;
  lat: Float64Array;
  unit: Int32Array;
  /** bearings of intersection i are bearings[bearingStart[i] … bearingStart[i + 1]) */
  bearingStart: Int32Array;
  bearings: Float64Array;
}

/** The vertices shared by two or more roads, with the bearing down each road from there (static per county). */
function findIntersections(roads: readonly RoadInput[], locate: (lon: number, lat: number) => number): Intersections {
  const vertexRoads = new Map<string, { p: LonLat; bearings: number[]; roads: Set<number> }>();
  roads.forEach((r, ri) => {
    r.line.forEach((p, vi) => {
      const key = `${p[0].toFixed(6)},${p[1].toFixed(6)}`;
      const v = vertexRoads.get(key) ?? vertexRoads.set(key, { p, bearings: [], roads: new Set() }).get(key)!;
      v.roads.add(ri);
      if (vi > 0) v.bearings.push(bearingDeg(p, r.line[vi - 1]));
      if (vi < r.line.length - 1) v.bearings.push(bearingDeg(p, r.line[vi + 1]));
    });
  });
  const lon: number[] = [], lat: number[] = [], unit: number[] = [], start: number[] = [0], bearings: number[] = [];
  for (const v of vertexRoads.values()) {
    if (v.roads.size < 2) continue;
    const u = locate(v.p[0], v.p[1]);
    if (u < 0) continue;
    lon.push(v.p[0]), lat.push(v.p[1]), unit.push(u), bearings.push(...v.bearings), start.push(bearings.length);
  }
  return { lon: Float64Array.from(lon), lat: Float64Array.from(lat), unit: Int32Array.from(unit), bearingStart: Int32Array.from(start), bearings: Float64Array.from(bearings) };
}

export function buildCoverageWorld(input: { sites: SiteInput[]; roads: RoadInput[]; grids: GridInput[]; outline: Polygon | MultiPolygon; stepM?: number }): CoverageWorld {
  const stepM = input.stepM ?? 10;
  const units: GridUnit[] = input.grids.map(({ geometry: _g, ...u }) => u);
  const byCode = new Map(units.map((u, i) => [u.code, i]));
  const locator = input.grids.length ? new PolygonLocator(input.grids.map((g, i) => ({ geometry: g.geometry, value: i }))) : null;
  const locate = (lon: number, lat: number) => locator?.locate(lon, lat) ?? -1;

  const siteUnit = Int32Array.from(input.sites, (s) => (s.gridCode !== null && byCode.has(s.gridCode) ? byCode.get(s.gridCode)! : locate(s.lon, s.lat)));

  const lines = input.roads.map((r) => r.line);
  const samples = sampleRoads(lines, stepM);
  const sampleUnit = new Int32Array(samples.lon.length);
  // Samples outside every grid (trunk roads run on past the county line) get -1 and count nowhere.
  for (let i = 0; i < sampleUnit.length; i++) sampleUnit[i] = locate(samples.lon[i], samples.lat[i]);

  const crossings = borderCrossings(input.outline, lines);
  // A crossing lies on the outline itself, where point-in-polygon is undecided: take the grid of the
  // nearest road sample inside the county on the same road.
  const crossingUnit = Int32Array.from(crossings, (c) => {
    let best = -1, bestD = Infinity;
    for (let i = 0; i < samples.road.length; i++) {
      if (samples.road[i] !== c.road || sampleUnit[i] < 0) continue;
      const d = Math.abs((samples.fromM[i] + samples.toM[i]) / 2 - c.alongM);
      if (d < bestD) (bestD = d), (best = sampleUnit[i]);
    }
    return best;
  });

  const n = input.sites.length + samples.lon.length + crossings.length;
  const lon = new Float64Array(n), lat = new Float64Array(n);
  let k = 0;
  for (const s of input.sites) (lon[k] = s.lon), (lat[k++] = s.lat);
  lon.set(samples.lon, k), lat.set(samples.lat, k);
  k += samples.lon.length;
  for (const c of crossings) (lon[k] = c.lon), (lat[k++] = c.lat);
  return {
    sites: input.sites,
    siteUnit,
    roads: input.roads,
    samples,
    sampleUnit,
    crossings,
    crossingUnit,
    units,
    points: new PointIndex(lon, lat),
    offsets: { samples: input.sites.length, crossings: input.sites.length + samples.lon.length },
    stepM,
    intersections: findIntersections(input.roads, locate),
  };
}

/** The database rows a world is built from (coverage.queries.ts reads them; a worker thread builds from them). */
export interface WorldRows {
  sites: { id: number; kind: string; coverage_category: string; name: string; lon: number; lat: number; grid_code: string | null }[];
  roads: { id: number; name: string; class: string; geojson: string }[];
  grids: { code: string; name: string; village_code: string; township_code: string; geojson: string }[];
  villages: { code: string; name: string }[];
  townships: { code: string; name: string }[];
  outline: string;
}

export function worldInputsFromRows(rows: WorldRows): Parameters<typeof buildCoverageWorld>[0] {
  const villageName = new Map(rows.villages.map((v) => [v.code, v.name]));
  const townshipName = new Map(rows.townships.map((t) => [t.code, t.name]));
  const sites: SiteInput[] = rows.sites.map((s) => ({ id: s.id, kind: s.kind, category: s.coverage_category as CoverageCategory, name: s.name, lon: s.lon, lat: s.lat, gridCode: s.grid_code }));
  const roads: RoadInput[] = rows.roads.map((r) => {
    const g = JSON.parse(r.geojson) as { type: string; coordinates: LonLat[] };
    return { id: r.id, name: r.name, roadClass: r.class as RoadClass, line: g.coordinates };
  });
  const grids: GridInput[] = rows.grids.map((g) => ({
    code: g.code,
    name: g.name,
    villageCode: g.village_code,
    villageName: villageName.get(g.village_code) ?? g.village_code,
    townshipCode: g.township_code,
    townshipName: townshipName.get(g.township_code) ?? g.township_code,
    geometry: JSON.parse(g.geojson) as Polygon | MultiPolygon,
  }));
  return { sites, roads, grids, outline: JSON.parse(rows.outline) as Polygon | MultiPolygon };
}

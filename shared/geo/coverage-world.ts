// The static side of camera coverage for one county: what must be watched (key sites, road samples every
// 10 m, border crossings), which grid each of those lies in, and one point index over all of them. Built
// once per database from plain inputs (the routes read them from DuckDB) and reused by every ledger,
// what-if and siting request; only the cameras change between requests.
import type { MultiPolygon, Polygon } from 'geojson';
import type { CoverageCategory, RoadClass } from '../domain/sites.js';
import { borderCrossings, type BorderCrossing } from './border-crossings.js';
import { PointIndex } from './coverage-count.js';
import type { LonLat } from './geo.js';
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
  /** grid index of any point, -1 outside every grid */
  locate(lon: number, lat: number): number;
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
    locate,
  };
}

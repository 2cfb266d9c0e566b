// Response coverage: how long a car from the nearest police station needs to reach any point. One Dijkstra
// per station (pruned at the largest threshold), a minimum over stations per node, and an off-road leg from
// the point to its nearest road node at a slow speed (farm tracks, yards). Bands are H3 cells; villages and
// incidents are counted by the reach time of their cell, so the map and the shares cannot disagree.
import { cellToLatLng, latLngToCell, polygonToCells } from 'h3-js';
import type { MultiPolygon, Polygon } from 'geojson';
import { haversineMeters, type LonLat } from '../../shared/geo/geo.js';
import type { RoadGraph } from './road-graph.js';
import { dijkstra } from './shortest-path.js';

export interface ReachOptions {
  /** Seconds beyond which nothing is tracked (the largest isochrone). */
  maxSeconds: number;
  /** Speed on the off-road leg between a point and its road node. */
  accessKmh?: number;
  /** Points farther than this from any road node count as unreachable. */
  maxAccessM?: number;
}

export interface StationReach {
  /** Per node: seconds from the station (Infinity beyond maxSeconds). */
  perStation: Float64Array[];
  /** Per node: seconds from the nearest station, and which station (index) that is. */
  best: Float64Array;
  bestStation: Int32Array;
}

export function stationReach(graph: RoadGraph, stations: readonly LonLat[], o: ReachOptions): StationReach {
  const access = ((o.accessKmh ?? 15) * 1000) / 3600;
  const maxAccess = o.maxAccessM ?? 3000;
  const best = new Float64Array(graph.nodeCount).fill(Infinity);
  const bestStation = new Int32Array(graph.nodeCount).fill(-1);
  const perStation = stations.map((p, si) => {
    const snap = graph.nearest(p, maxAccess);
    if (!snap) return new Float64Array(graph.nodeCount).fill(Infinity);
    const tree = dijkstra(graph, [{ node: snap.node, cost: snap.distanceM / access }], graph.timeS, o.maxSeconds);
    for (let i = 0; i < graph.nodeCount; i++) if (tree.dist[i] < best[i]) (best[i] = tree.dist[i]), (bestStation[i] = si);
    return tree.dist;
  });
  return { perStation, best, bestStation };
}

/**
 * The area cut into H3 cells, each snapped once to its nearest road node (with the off-road seconds to it).
 * Built once per county: reach times of all cells are then one array lookup each, and points (villages,
 * incidents) take the time of their cell, so the drawn bands and the counted shares agree by construction.
 */
export interface CellGrid { resolution: number; cells: string[]; index: Map<string, number>; node: Int32Array; accessS: Float64Array }

export function snapCells(graph: RoadGraph, area: Polygon | MultiPolygon, resolution = 8, o: Pick<ReachOptions, 'accessKmh' | 'maxAccessM'> = {}): CellGrid {
  const polys = area.type === 'Polygon' ? [area.coordinates] : area.coordinates;
  const cells = [...new Set(polys.flatMap((p) => polygonToCells(p, resolution, true)))];
  const access = ((o.accessKmh ?? 15) * 1000) / 3600;
  const node = new Int32Array(cells.length).fill(-1);
  const accessS = new Float64Array(cells.length).fill(Infinity);
  cells.forEach((c, i) => {
    const [lat, lon] = cellToLatLng(c);
    const snap = graph.nearest([lon, lat], o.maxAccessM ?? 3000);
    if (snap) (node[i] = snap.node), (accessS[i] = snap.distanceM / access);
  });
  return { resolution, cells, index: new Map(cells.map((c, i) => [c, i])), node, accessS };
}

/** Seconds to reach each cell of the grid given per-node times. */
export function cellSeconds(grid: CellGrid, nodeSeconds: Float64Array): Float64Array {
  const out = new Float64Array(grid.cells.length);
  for (let i = 0; i < out.length; i++) out[i] = grid.node[i] < 0 ? Infinity : nodeSeconds[grid.node[i]] + grid.accessS[i];
  return out;
}

/** Without a road network (a county that has not imported its roads yet), a cell's time from a station is
 * estimated from the straight line: distance × `detour` (roads are not straight; 1.4 is a common circuity
 * factor for rural China) at `kmh`. Said as an estimate wherever it is shown. */
export const STRAIGHT_LINE_ESTIMATE = { kmh: 30, detour: 1.4 } as const;
export function straightLineCellSeconds(grid: Pick<CellGrid, 'cells'>, station: LonLat, o: { kmh: number; detour: number } = STRAIGHT_LINE_ESTIMATE): Float64Array {
  const speed = (o.kmh * 1000) / 3600;
  return Float64Array.from(grid.cells, (c) => {
    const [lat, lon] = cellToLatLng(c);
    return (haversineMeters(station, [lon, lat]) * o.detour) / speed;
  });
}

export interface IsochroneBand { minutes: number; /** cells first reached in this band (not in a smaller one) */ ring: string[]; /** all cells within the threshold */ cells: number }

/** Cells per band: each cell listed once, in the smallest threshold that reaches it. */
export function isochroneBands(grid: CellGrid, seconds: Float64Array, minutes: readonly number[]): IsochroneBand[] {
  const sorted = [...minutes].sort((a, b) => a - b);
  const bands = sorted.map((m) => ({ minutes: m, ring: [] as string[], cells: 0 }));
  for (let i = 0; i < grid.cells.length; i++) {
    const b = sorted.findIndex((m) => seconds[i] <= m * 60);
    if (b < 0) continue;
    bands[b].ring.push(grid.cells[i]);
    for (let k = b; k < bands.length; k++) bands[k].cells++;
  }
  return bands;
}

/** Share of points (villages, incidents) whose cell is reached within each threshold; points outside the grid are not reached. */
export function reachShares(grid: CellGrid, seconds: Float64Array, points: readonly LonLat[], minutes: readonly number[]): { minutes: number; reached: number; total: number; share: number }[] {
  const reached = minutes.map(() => 0);
  for (const [lon, lat] of points) {
    const i = grid.index.get(latLngToCell(lat, lon, grid.resolution));
    if (i === undefined) continue;
    minutes.forEach((m, k) => {
      if (seconds[i] <= m * 60) reached[k]++;
    });
  }
  return minutes.map((m, k) => ({ minutes: m, reached: reached[k], total: points.length, share: points.length ? reached[k] / points.length : 0 }));
}

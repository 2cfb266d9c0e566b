// Splits a region polygon into cells around seed points (Voronoi, clipped to the region), with a few
// Lloyd relaxation steps so that generated townships, villages and grids have plausible, even-ish sizes.
import { Delaunay } from 'd3-delaunay';
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import type { LonLat } from '../../shared/geo/geo.js';
import { geometryBBox } from '../../shared/geo/polygon-locator.js';
import { pointInGeometry } from '../../shared/geo/point-in-polygon.js';
import type { Random } from './random.js';

export type Area = Polygon | MultiPolygon;

/** Area-weighted centroid of the largest polygon (planar, fine at county scale). */
export function areaCentroid(geometry: Area): LonLat {
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let best: Position[] = polys[0][0];
  let bestArea = -1;
  for (const p of polys) {
    const a = Math.abs(ringArea(p[0]));
    if (a > bestArea) (bestArea = a), (best = p[0]);
  }
  let cx = 0, cy = 0, a2 = 0;
  for (let i = 0, j = best.length - 1; i < best.length; j = i++) {
    const f = best[j][0] * best[i][1] - best[i][0] * best[j][1];
    cx += (best[j][0] + best[i][0]) * f;
    cy += (best[j][1] + best[i][1]) * f;
    a2 += f;
  }
  if (a2 === 0) return [best[0][0], best[0][1]];
  return [cx / (3 * a2), cy / (3 * a2)];
}

function ringArea(ring: Position[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  return s / 2;
}

/** A uniformly random point inside an area (rejection sampling in its bounding box). */
export function randomPointIn(area: Area, random: Random): LonLat {
  const [a, b, c, d] = geometryBBox(area);
  for (let tries = 0; tries < 10000; tries++) {
    const x = random.uniform(a, c);
    const y = random.uniform(b, d);
    if (pointInGeometry(x, y, area)) return [x, y];
  }
  throw new Error('could not sample a point inside the area');
}

export function clip(a: Area, b: Area): Area | null {
  const r = turf.intersect(turf.featureCollection([turf.feature(a), turf.feature(b)]));
  return r ? (r.geometry as Area) : null;
}

export function subtract(a: Area, b: Area): Area | null {
  const r = turf.difference(turf.featureCollection([turf.feature(a), turf.feature(b)]));
  return r ? (r.geometry as Area) : null;
}

/** A loop of points approximating a circle, as a polygon. */
export function circle(centre: LonLat, radiusM: number): Polygon {
  return (turf.circle(centre, radiusM / 1000, { steps: 48, units: 'kilometers' }) as Feature<Polygon>).geometry;
}

export interface PartitionOptions {
  /** Seeds that must not move during relaxation (e.g. the county seat). */
  pinned?: ReadonlySet<number>;
  lloydIterations?: number;
}

/**
 * Voronoi partition of `region` around `seeds`. Returns one cell per seed, in seed order, and the relaxed
 * seeds. A seed whose clipped cell is empty (can happen on thin peninsulas) gets null; callers re-seed.
 */
export function partition(region: Area, seeds: LonLat[], options: PartitionOptions = {}): { cells: (Area | null)[]; seeds: LonLat[] } {
  const bbox = geometryBBox(region);
  const pad = Math.max(bbox[2] - bbox[0], bbox[3] - bbox[1]);
  const bounds: [number, number, number, number] = [bbox[0] - pad, bbox[1] - pad, bbox[2] + pad, bbox[3] + pad];
  let current = seeds.map((s) => [s[0], s[1]] as LonLat);
  const iterations = options.lloydIterations ?? 0;
  let cells: (Area | null)[] = [];
  for (let it = 0; it <= iterations; it++) {
    cells = voronoiCells(region, current, bounds);
    if (it === iterations) break;
    current = current.map((s, i) => {
      const cell = cells[i];
      if (!cell || options.pinned?.has(i)) return s;
      const c = areaCentroid(cell);
      return pointInGeometry(c[0], c[1], region) ? c : s;
    });
  }
  return { cells, seeds: current };
}

function voronoiCells(region: Area, seeds: LonLat[], bounds: [number, number, number, number]): (Area | null)[] {
  if (seeds.length === 1) return [region];
  const voronoi = Delaunay.from(seeds).voronoi(bounds);
  return seeds.map((_, i) => {
    const ring = voronoi.cellPolygon(i);
    if (!ring) return null;
    const cell: Polygon = { type: 'Polygon', coordinates: [ring.map((p) => [p[0], p[1]])] };
    return clip(cell, region);
  });
}

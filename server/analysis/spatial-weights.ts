// Spatial weights as a compact adjacency list (CSR): unit i's neighbours are
// neighbours[offsets[i] .. offsets[i+1]), binary weights. Self is never listed; Gi* adds it itself.
import Flatbush from 'flatbush';
import { gridDisk } from 'h3-js';
import type { MultiPolygon, Polygon } from 'geojson';
import { geometryBBox } from '../../shared/geo/polygon-locator.js';
import { metersPerDegree } from '../../shared/geo/geo.js';

export interface SpatialWeights {
  n: number;
  offsets: Int32Array;
  neighbours: Int32Array;
}

export function fromLists(lists: number[][]): SpatialWeights {
  const offsets = new Int32Array(lists.length + 1);
  lists.forEach((l, i) => (offsets[i + 1] = offsets[i] + l.length));
  const neighbours = new Int32Array(offsets[lists.length]);
  lists.forEach((l, i) => neighbours.set([...l].sort((a, b) => a - b), offsets[i]));
  return { n: lists.length, offsets, neighbours };
}

export const neighbourCount = (w: SpatialWeights, i: number) => w.offsets[i + 1] - w.offsets[i];

/** Binary distance band: j is a neighbour of i when their Euclidean distance is ≤ threshold (PySAL DistanceBand). */
export function distanceBandWeights(points: readonly (readonly [number, number])[], threshold: number): SpatialWeights {
  return fromLists(points.map((p, i) => points.flatMap((q, j) => (i !== j && Math.hypot(p[0] - q[0], p[1] - q[1]) <= threshold ? [j] : []))));
}

/**
 * Queen contiguity (shared edge or vertex) between polygons, with a tolerance in metres: two units are
 * neighbours when a vertex of one lies within `toleranceM` of the other's boundary. Tolerance matters
 * because real (and clipped) boundaries meet at T-junctions and with rounding, not at identical vertices.
 */
export function contiguityWeights(polygons: readonly (Polygon | MultiPolygon)[], toleranceM = 1): SpatialWeights {
  const index = new Flatbush(Math.max(1, polygons.length));
  const boxes = polygons.map((g) => geometryBBox(g));
  const lat0 = boxes.length ? (boxes[0][1] + boxes[0][3]) / 2 : 0;
  const m = metersPerDegree(lat0);
  const padX = toleranceM / m.lon, padY = toleranceM / m.lat;
  for (const b of boxes) index.add(b[0] - padX, b[1] - padY, b[2] + padX, b[3] + padY);
  if (polygons.length === 0) index.add(0, 0, 0, 0);
  index.finish();
  const rings = polygons.map((g) => (g.type === 'Polygon' ? g.coordinates : g.coordinates.flat()));
  const lists: number[][] = polygons.map(() => []);
  for (let i = 0; i < polygons.length; i++) {
    const b = boxes[i];
    for (const j of index.search(b[0] - padX, b[1] - padY, b[2] + padX, b[3] + padY)) {
      if (j <= i) continue;
      if (touches(rings[i], rings[j], toleranceM, m) || touches(rings[j], rings[i], toleranceM, m)) {
        lists[i].push(j);
        lists[j].push(i);
      }
    }
  }
  return fromLists(lists);
}

/** Does any vertex of `a` lie within tol metres of an edge of `b`? */
function touches(a: number[][][], b: number[][][], tol: number, m: { lon: number; lat: number }): boolean {
  const tol2 = tol * tol;
  for (const ringA of a)
    for (const [x, y] of ringA)
      for (const ringB of b)
        for (let k = 1; k < ringB.length; k++) {
          const ax = (ringB[k - 1][0] - x) * m.lon, ay = (ringB[k - 1][1] - y) * m.lat;
          const bx = (ringB[k][0] - x) * m.lon, by = (ringB[k][1] - y) * m.lat;
          const dx = bx - ax, dy = by - ay;
          const len2 = dx * dx + dy * dy;
          const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
          const px = ax + t * dx, py = ay + t * dy;
          if (px * px + py * py <= tol2) return true;
        }
  return false;
}

/** k-ring weights on H3 cells: neighbours are the cells within k grid steps that are part of the study area. */
export function h3KRingWeights(cells: readonly string[], k = 1): SpatialWeights {
  const position = new Map(cells.map((c, i) => [c, i]));
  return fromLists(cells.map((c) => gridDisk(c, k).flatMap((d) => (d !== c && position.has(d) ? [position.get(d)!] : []))));
}

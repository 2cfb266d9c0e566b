// Nearest line (road, street) to a point: a Flatbush index over segment boxes, exact distances on a local
// equirectangular projection. Used for addresses, reverse geocoding and snapping.
import Flatbush from 'flatbush';
import { metersPerDegree, type LonLat } from './geo.js';

export interface IndexedLine<T> { line: readonly LonLat[]; value: T }

export class SegmentIndex<T> {
  private readonly index: Flatbush;
  private readonly owner: Uint32Array;
  private readonly start: Uint32Array;

  constructor(private readonly lines: readonly IndexedLine<T>[]) {
    const n = lines.reduce((s, l) => s + Math.max(0, l.line.length - 1), 0);
    this.index = new Flatbush(Math.max(1, n));
    this.owner = new Uint32Array(n);
    this.start = new Uint32Array(n);
    let k = 0;
    lines.forEach((l, li) => {
      for (let i = 1; i < l.line.length; i++, k++) {
        const a = l.line[i - 1], b = l.line[i];
        this.index.add(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]));
        this.owner[k] = li;
        this.start[k] = i - 1;
      }
    });
    if (n === 0) this.index.add(0, 0, 0, 0);
    this.index.finish();
  }

  /** The nearest line within maxMeters of p, with its distance, or undefined. */
  nearest(p: LonLat, maxMeters: number): { value: T; distanceM: number } | undefined {
    if (this.owner.length === 0) return undefined;
    const m = metersPerDegree(p[1]);
    const dLon = maxMeters / m.lon, dLat = maxMeters / m.lat;
    let best: { value: T; distanceM: number } | undefined;
    for (const k of this.index.search(p[0] - dLon, p[1] - dLat, p[0] + dLon, p[1] + dLat)) {
      const line = this.lines[this.owner[k]];
      const a = line.line[this.start[k]], b = line.line[this.start[k] + 1];
      const d = segmentDistanceMeters(p, a, b, m);
      if (d <= maxMeters && (!best || d < best.distanceM)) best = { value: line.value, distanceM: d };
    }
    return best;
  }
}

function segmentDistanceMeters(p: LonLat, a: LonLat, b: LonLat, m: { lon: number; lat: number }): number {
  const ax = (a[0] - p[0]) * m.lon, ay = (a[1] - p[1]) * m.lat;
  const bx = (b[0] - p[0]) * m.lon, by = (b[1] - p[1]) * m.lat;
  const dx = bx - ax, dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
  return Math.hypot(ax + t * dx, ay + t * dy);
}

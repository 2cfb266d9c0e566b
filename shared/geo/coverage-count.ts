// How many camera sectors see each demand point (key sites, road samples, border crossings). The points
// are static per county, so they are indexed once (Flatbush over the points); each camera then asks the
// index for the points in its sector's bbox and tests only those — 18,000 small box searches instead of
// cameras × points. Counting per camera also makes what-if edits incremental: remove one camera's
// contribution, add the edited camera's, and nothing else changes.
import Flatbush from 'flatbush';
import { prepareSector, sectorContains, type CameraView, type Sector } from './camera-sector.js';

export class PointIndex {
  private readonly index: Flatbush;
  readonly size: number;

  /** Indexes the points; `built` is the data of an index already built over them (PointIndex.data, any thread). */
  constructor(readonly lon: Float64Array, readonly lat: Float64Array, built?: ArrayBufferLike) {
    this.size = lon.length;
    if (built) {
      this.index = Flatbush.from(built);
      return;
    }
    // On shared memory where there is any (Node; a browser only when cross-origin isolated), so every worker
    // thread can search the same index without a copy.
    this.index = new Flatbush(Math.max(1, this.size), 16, Float64Array, typeof SharedArrayBuffer === 'function' ? SharedArrayBuffer : ArrayBuffer);
    for (let i = 0; i < this.size; i++) this.index.add(lon[i], lat[i], lon[i], lat[i]);
    if (this.size === 0) this.index.add(0, 0, 0, 0);
    this.index.finish();
  }

  /** The index's own bytes (a SharedArrayBuffer in Node), to rebuild it on another thread with no work. */
  get data(): ArrayBufferLike {
    return this.index.data;
  }

  /** Indices of the points inside the sector (any order). */
  pointsIn(sector: Sector): number[] {
    if (this.size === 0) return [];
    const [a, b, c, d] = sector.bbox;
    const out: number[] = [];
    for (const i of this.index.search(a, b, c, d)) if (sectorContains(sector, this.lon[i], this.lat[i])) out.push(i);
    return out;
  }
}

export interface CountedCamera extends CameraView {
  online: boolean;
}

/** Adds (delta = 1) or removes (delta = -1) one camera's sector from the counts. Offline cameras see nothing. */
export function applyCamera(counts: Uint16Array, index: PointIndex, camera: CountedCamera, delta: 1 | -1): void {
  if (!camera.online) return;
  for (const i of index.pointsIn(prepareSector(camera))) counts[i] = Math.max(0, counts[i] + delta);
}

/** Number of online cameras whose sector contains each point. */
export function countCoverage(index: PointIndex, cameras: Iterable<CountedCamera>): Uint16Array {
  const counts = new Uint16Array(index.size);
  for (const c of cameras) applyCamera(counts, index, c, 1);
  return counts;
}

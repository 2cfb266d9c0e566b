// Point-in-polygon for millions of points against a partition (the grids): a uniform lattice of bins over
// the polygons' extent. A bin crossed by no polygon edge lies wholly inside one polygon (or outside all),
// decided once from its centre, so most points are answered by one array read; only points in bins that
// an edge passes through are ray cast, against the few polygons whose boxes overlap the bin. Same answers
// as PolygonLocator (flatbush + ray casting) — the tests check both against brute force — at several times
// the speed, because there is no tree walk and no allocation per point.
import type { MultiPolygon, Polygon } from 'geojson';
import { pointInGeometry } from '../../shared/geo/point-in-polygon.js';
import { geometryBBox, type LocatablePolygon } from '../../shared/geo/polygon-locator.js';

const OUTSIDE = -1;
const MIXED = -2;

export class BinnedLocator<T> {
  private readonly minX: number;
  private readonly minY: number;
  private readonly kx: number;
  private readonly ky: number;
  private readonly nx: number;
  private readonly ny: number;
  /** Per bin: the polygon index owning all of it, OUTSIDE, or MIXED (look in the candidate lists). */
  private readonly owner: Int32Array;
  private readonly candStart: Uint32Array;
  private readonly cand: Uint32Array;

  constructor(private readonly polygons: readonly LocatablePolygon<T>[], binsAcross = 512) {
    const boxes = polygons.map((p) => geometryBBox(p.geometry));
    // No polygons (a jurisdiction before its grids are imported): one bin, outside, so every point is outside.
    const extent = boxes.length ? boxes : [[0, 0, 0, 0]];
    const minX = Math.min(...extent.map((b) => b[0])), minY = Math.min(...extent.map((b) => b[1]));
    const maxX = Math.max(...extent.map((b) => b[2])), maxY = Math.max(...extent.map((b) => b[3]));
    const span = Math.max(maxX - minX, maxY - minY) || 1;
    const size = span / binsAcross;
    this.nx = Math.max(1, Math.ceil((maxX - minX) / size) + 1);
    this.ny = Math.max(1, Math.ceil((maxY - minY) / size) + 1);
    this.minX = minX;
    this.minY = minY;
    this.kx = 1 / size;
    this.ky = 1 / size;
    const nBins = this.nx * this.ny;

    // Bins touched by an edge's bounding box (a superset of the bins the edge crosses): mixed.
    const mixed = new Uint8Array(nBins);
    for (const p of polygons)
      for (const ring of rings(p.geometry))
        for (let i = 1; i < ring.length; i++) {
          const [x0, x1] = [this.bx(Math.min(ring[i - 1][0], ring[i][0])), this.bx(Math.max(ring[i - 1][0], ring[i][0]))];
          const [y0, y1] = [this.by(Math.min(ring[i - 1][1], ring[i][1])), this.by(Math.max(ring[i - 1][1], ring[i][1]))];
          for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) mixed[y * this.nx + x] = 1;
        }
    // Candidate lists of mixed bins (CSR), from polygon boxes.
    const counts = new Uint32Array(nBins + 1);
    const forEachBin = (b: number[], fn: (bin: number) => void) => {
      for (let y = this.by(b[1]); y <= this.by(b[3]); y++) for (let x = this.bx(b[0]); x <= this.bx(b[2]); x++) fn(y * this.nx + x);
    };
    boxes.forEach((b) => forEachBin(b, (bin) => mixed[bin] && counts[bin + 1]++));
    for (let i = 0; i < nBins; i++) counts[i + 1] += counts[i];
    this.candStart = counts;
    this.cand = new Uint32Array(counts[nBins]);
    const fill = counts.slice(0, nBins);
    boxes.forEach((b, pi) => forEachBin(b, (bin) => { if (mixed[bin]) this.cand[fill[bin]++] = pi; }));

    // Pure bins: whoever holds the centre holds the whole bin (no edge inside it).
    this.owner = new Int32Array(nBins).fill(OUTSIDE);
    const centreOwner = new Int32Array(nBins).fill(OUTSIDE);
    boxes.forEach((b, pi) => forEachBin(b, (bin) => {
      if (mixed[bin] || centreOwner[bin] !== OUTSIDE) return;
      const cx = this.minX + ((bin % this.nx) + 0.5) / this.kx, cy = this.minY + (Math.floor(bin / this.nx) + 0.5) / this.ky;
      if (pointInGeometry(cx, cy, polygons[pi].geometry)) centreOwner[bin] = pi;
    }));
    for (let i = 0; i < nBins; i++) this.owner[i] = mixed[i] ? MIXED : centreOwner[i];
  }

  private bx(x: number): number {
    return Math.min(this.nx - 1, Math.max(0, Math.floor((x - this.minX) * this.kx)));
  }
  private by(y: number): number {
    return Math.min(this.ny - 1, Math.max(0, Math.floor((y - this.minY) * this.ky)));
  }

  /** Index of the polygon containing (x, y), or -1. */
  locateIndex(x: number, y: number): number {
    const fx = Math.floor((x - this.minX) * this.kx), fy = Math.floor((y - this.minY) * this.ky);
    if (fx < 0 || fy < 0 || fx >= this.nx || fy >= this.ny) return OUTSIDE;
    const bin = fy * this.nx + fx;
    const o = this.owner[bin];
    if (o !== MIXED) return o;
    for (let k = this.candStart[bin]; k < this.candStart[bin + 1]; k++) {
      const pi = this.cand[k];
      if (pointInGeometry(x, y, this.polygons[pi].geometry)) return pi;
    }
    return OUTSIDE;
  }

  locate(x: number, y: number): T | undefined {
    const i = this.locateIndex(x, y);
    return i < 0 ? undefined : this.polygons[i].value;
  }
}

function rings(g: Polygon | MultiPolygon): number[][][] {
  return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
}

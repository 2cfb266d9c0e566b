// A camera's field of view as a sector (position, compass bearing, horizontal angle, range), never a
// circle: the point test and the drawn polygon work in local metres around the camera (equirectangular,
// exact enough within a camera's ~100 m), so "north" and "east" mean the same thing in both.
import { metersPerDegree, type BBox, type LonLat } from './geo.js';

export interface CameraView {
  lon: number;
  lat: number;
  /** Compass bearing of the optical axis, degrees clockwise from north (any value; taken mod 360). */
  bearing: number;
  /** Horizontal field of view in degrees, (0, 360]; 360 is a dome camera that sees all around. */
  fov: number;
  rangeM: number;
}

/** A sector prepared for many point tests: unit axis vector and cos(half angle) instead of angles. */
export interface Sector {
  lon: number;
  lat: number;
  /** metres per degree of longitude / latitude at the camera */
  mx: number;
  my: number;
  r2: number;
  /** unit vector of the optical axis (east, north) */
  ux: number;
  uy: number;
  /** cos(fov / 2); a point is inside when the angle to the axis has a cosine at least this */
  cosHalf: number;
  full: boolean;
  bbox: BBox;
}

const RAD = Math.PI / 180;

export function prepareSector(c: CameraView): Sector {
  const m = metersPerDegree(c.lat);
  const fov = Math.min(360, Math.max(0, c.fov));
  const b = c.bearing * RAD;
  const sector: Sector = {
    lon: c.lon,
    lat: c.lat,
    mx: m.lon,
    my: m.lat,
    r2: c.rangeM * c.rangeM,
    ux: Math.sin(b),
    uy: Math.cos(b),
    cosHalf: Math.cos((fov / 2) * RAD),
    full: fov >= 360,
    bbox: [0, 0, 0, 0],
  };
  sector.bbox = sectorBBox(c, m);
  return sector;
}

/**
 * Whether a point lies in the sector (edges and the camera's own position included). The angle test is
 * cos(angle to axis) ≥ cos(fov/2), which holds for every fov up to 360 because cos falls monotonically on
 * [0°, 180°]; no wrap-around arithmetic at north is needed.
 */
export function sectorContains(s: Sector, lon: number, lat: number): boolean {
  const dx = (lon - s.lon) * s.mx;
  const dy = (lat - s.lat) * s.my;
  const d2 = dx * dx + dy * dy;
  if (d2 > s.r2) return false;
  if (s.full || d2 === 0) return true;
  const dot = dx * s.ux + dy * s.uy;
  // dot / |d| ≥ cosHalf, squared with signs kept (avoids a sqrt per point)
  if (s.cosHalf >= 0) return dot >= 0 && dot * dot >= s.cosHalf * s.cosHalf * d2;
  return dot >= 0 || dot * dot <= s.cosHalf * s.cosHalf * d2;
}

/** Normalised compass bearing in [0, 360). */
export function normaliseBearing(b: number): number {
  return ((b % 360) + 360) % 360;
}

/** Bounding box of the sector: apex, arc ends, and each compass point (N/E/S/W) the arc passes through. */
function sectorBBox(c: CameraView, m: { lon: number; lat: number }): BBox {
  const fov = Math.min(360, Math.max(0, c.fov));
  const pts: [number, number][] = [[0, 0]];
  const from = c.bearing - fov / 2;
  const to = c.bearing + fov / 2;
  const at = (deg: number): [number, number] => [c.rangeM * Math.sin(deg * RAD), c.rangeM * Math.cos(deg * RAD)];
  pts.push(at(from), at(to));
  for (let k = Math.ceil(from / 90) * 90; k <= to; k += 90) pts.push(at(k));
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [x, y] of pts) {
    minX = Math.min(minX, x), maxX = Math.max(maxX, x);
    minY = Math.min(minY, y), maxY = Math.max(maxY, y);
  }
  return [c.lon + minX / m.lon, c.lat + minY / m.lat, c.lon + maxX / m.lon, c.lat + maxY / m.lat];
}

/**
 * The sector as a closed lon/lat ring (apex, arc, apex) for drawing; a 360° view is a closed circle.
 * `stepDeg` sets the arc resolution.
 */
export function sectorPolygon(c: CameraView, stepDeg = 6): LonLat[] {
  const m = metersPerDegree(c.lat);
  const fov = Math.min(360, Math.max(0, c.fov));
  const at = (deg: number): LonLat => [c.lon + (c.rangeM * Math.sin(deg * RAD)) / m.lon, c.lat + (c.rangeM * Math.cos(deg * RAD)) / m.lat];
  const n = Math.max(2, Math.ceil(fov / stepDeg));
  const ring: LonLat[] = [];
  if (fov >= 360) {
    for (let i = 0; i < n; i++) ring.push(at(c.bearing + (360 * i) / n));
    ring.push(ring[0]);
    return ring;
  }
  ring.push([c.lon, c.lat]);
  for (let i = 0; i <= n; i++) ring.push(at(c.bearing - fov / 2 + (fov * i) / n));
  ring.push([c.lon, c.lat]);
  return ring;
}

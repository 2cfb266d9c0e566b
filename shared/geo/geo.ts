// Small geodesy helpers on WGS-84 lon/lat. County-scale work (≈200 km) is accurate enough on a sphere
// and, for local offsets, on an equirectangular projection around the point.
export type LonLat = [number, number];
export type BBox = [number, number, number, number];

const EARTH_RADIUS_M = 6371008.8;
const RAD = Math.PI / 180;

export function haversineMeters(a: LonLat, b: LonLat): number {
  const dLat = (b[1] - a[1]) * RAD;
  const dLon = (b[0] - a[0]) * RAD;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** Metres per degree of longitude and latitude at a latitude. */
export function metersPerDegree(lat: number): { lon: number; lat: number } {
  return { lon: EARTH_RADIUS_M * RAD * Math.cos(lat * RAD), lat: EARTH_RADIUS_M * RAD };
}

/** The point reached from `from` going `meters` along compass `bearingDeg` (0 = north, 90 = east). */
export function offsetMeters(from: LonLat, meters: number, bearingDeg: number): LonLat {
  const m = metersPerDegree(from[1]);
  const b = bearingDeg * RAD;
  return [from[0] + (meters * Math.sin(b)) / m.lon, from[1] + (meters * Math.cos(b)) / m.lat];
}

/** Compass bearing in degrees [0, 360) from a to b. */
export function bearingDeg(a: LonLat, b: LonLat): number {
  const m = metersPerDegree((a[1] + b[1]) / 2);
  const dx = (b[0] - a[0]) * m.lon;
  const dy = (b[1] - a[1]) * m.lat;
  return ((Math.atan2(dx, dy) / RAD) % 360 + 360) % 360;
}

export function lineLengthMeters(line: readonly LonLat[]): number {
  let total = 0;
  for (let i = 1; i < line.length; i++) total += haversineMeters(line[i - 1], line[i]);
  return total;
}

/** The point at `meters` along a polyline (clamped to its ends). */
export function pointAlong(line: readonly LonLat[], meters: number): LonLat {
  let left = meters;
  for (let i = 1; i < line.length; i++) {
    const seg = haversineMeters(line[i - 1], line[i]);
    if (left <= seg && seg > 0) {
      const t = left / seg;
      return [line[i - 1][0] + t * (line[i][0] - line[i - 1][0]), line[i - 1][1] + t * (line[i][1] - line[i - 1][1])];
    }
    left -= seg;
  }
  return line[line.length - 1];
}

export function bboxOfPoints(points: Iterable<LonLat>): BBox {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [x, y] of points) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}

// The nearest indexed point to a position, in metres. Flatbush ranks by planar distance in degrees, and at
// 45° N a degree of longitude is 0.71 of one of latitude, so its first answer is not always the nearest in
// metres. But that answer's true distance bounds the nearest one, so every point that could be nearer lies
// in a box of that radius: measure those, and take the least.
import type Flatbush from 'flatbush';
import { haversineMeters, metersPerDegree, type LonLat } from '../../shared/geo/geo.js';

export function nearestPoint(index: Flatbush, count: number, lon: ArrayLike<number>, lat: ArrayLike<number>, p: LonLat, maxMeters = Infinity): { index: number; distanceM: number } | undefined {
  if (count === 0) return undefined;
  const [first] = index.neighbors(p[0], p[1], 1);
  if (first === undefined) return undefined;
  const bound = Math.min(maxMeters, haversineMeters(p, [lon[first], lat[first]]));
  const dLat = (bound * 1.001) / metersPerDegree(0).lat;
  // Longitude degrees are shortest at the box's poleward edge: size the box there (1 % slack).
  const poleward = Math.min(89.9, Math.abs(p[1]) + dLat);
  const dLon = (bound * 1.01) / metersPerDegree(poleward).lon;
  let best: { index: number; distanceM: number } | undefined;
  for (const c of index.search(p[0] - dLon, p[1] - dLat, p[0] + dLon, p[1] + dLat)) {
    const d = haversineMeters(p, [lon[c], lat[c]]);
    if (d <= bound && (!best || d < best.distanceM || (d === best.distanceM && c < best.index))) best = { index: c, distanceM: d };
  }
  return best;
}

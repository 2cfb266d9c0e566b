// Even–odd ray casting. Rings are GeoJSON rings (closed or not); holes are handled by the even–odd rule.
import type { Polygon, MultiPolygon } from 'geojson';

export function pointInRing(x: number, y: number, ring: readonly (readonly number[])[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i][0], yi = ring[i][1];
    const xj = ring[j][0], yj = ring[j][1];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function pointInPolygonRings(x: number, y: number, rings: readonly (readonly (readonly number[])[])[]): boolean {
  let inside = false;
  for (const ring of rings) if (pointInRing(x, y, ring)) inside = !inside;
  return inside;
}

export function pointInGeometry(x: number, y: number, geometry: Polygon | MultiPolygon): boolean {
  if (geometry.type === 'Polygon') return pointInPolygonRings(x, y, geometry.coordinates);
  return geometry.coordinates.some((poly) => pointInPolygonRings(x, y, poly));
}

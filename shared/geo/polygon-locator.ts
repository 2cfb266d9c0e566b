// Finds which polygon of a partition (grids, villages, townships) contains a point: a Flatbush R-tree over
// polygon bounding boxes narrows the candidates, then ray casting decides.
import Flatbush from 'flatbush';
import type { Polygon, MultiPolygon } from 'geojson';
import { pointInGeometry } from './point-in-polygon.js';
import type { BBox } from './geo.js';

export interface LocatablePolygon<T> {
  geometry: Polygon | MultiPolygon;
  value: T;
}

export function geometryBBox(geometry: Polygon | MultiPolygon): BBox {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const poly of polys)
    for (const [x, y] of poly[0]) {
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
  return [minX, minY, maxX, maxY];
}

export class PolygonLocator<T> {
  /** Null for no polygons (a jurisdiction before its grids are imported): every point is outside. */
  private readonly index: Flatbush | null;

  constructor(private readonly polygons: readonly LocatablePolygon<T>[]) {
    this.index = polygons.length ? new Flatbush(polygons.length) : null;
    for (const p of polygons) {
      const [a, b, c, d] = geometryBBox(p.geometry);
      this.index!.add(a, b, c, d);
    }
    this.index?.finish();
  }

  /** The value of the polygon containing (lon, lat), or undefined when the point is outside all of them. */
  locate(lon: number, lat: number): T | undefined {
    if (!this.index) return undefined;
    const hits = this.index.search(lon, lat, lon, lat, undefined);
    for (const i of hits) if (pointInGeometry(lon, lat, this.polygons[i].geometry)) return this.polygons[i].value;
    return undefined;
  }
}

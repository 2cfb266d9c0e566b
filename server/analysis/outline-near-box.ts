// The part of a territory's outline near a polygon: the outline cut to the polygon's bounding box (plus a
// margin), so an exact clip or difference against a county outline of thousands of vertices costs little.
// turf's bboxClip keeps a MultiPolygon's parts that miss the box as empty polygons ([]), and polyclip-ts
// (turf intersect / difference) throws on those ("Input geometry is not a valid Polygon or MultiPolygon"):
// a jurisdiction in two parts (铁岭县, with an exclave) refused every grid away from one of them. Parts left
// with no ring are dropped here; null when nothing of the outline is near.
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { bboxClip } from '@turf/turf';
import { geometryBBox } from '../../shared/geo/polygon-locator.js';

type Geom = Polygon | MultiPolygon;
const feature = (g: Geom): Feature<Geom> => ({ type: 'Feature', properties: {}, geometry: g });

export function outlineNear(g: Geom, outline: Geom): Geom | null {
  const [x0, y0, x1, y1] = geometryBBox(g);
  const m = Math.max(x1 - x0, y1 - y0) * 0.01 + 1e-6;
  const near = bboxClip(feature(outline), [x0 - m, y0 - m, x1 + m, y1 + m]).geometry as Geom;
  if (near.type === 'Polygon') return near.coordinates.length ? near : null;
  const parts = near.coordinates.filter((p) => p.length > 0);
  return parts.length === 0 ? null : parts.length === 1 ? { type: 'Polygon', coordinates: parts[0] } : { type: 'MultiPolygon', coordinates: parts };
}

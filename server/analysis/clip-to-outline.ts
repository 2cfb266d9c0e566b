// A polygon cut to a territory's outline: what "clip to the jurisdiction outline" keeps of a grid or village
// drawn a little past the county line (digitised on another base map, or on a simplified outline). turf's
// intersect (polyclip-ts) does the clipping; the outline is first cut to the polygon's box, as areaOutsideM2
// does, so a county outline of thousands of vertices costs little per polygon.
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { featureCollection, intersect } from '@turf/turf';
import { outlineNear } from './outline-near-box.js';

type Geom = Polygon | MultiPolygon;
const feature = (g: Geom): Feature<Geom> => ({ type: 'Feature', properties: {}, geometry: g });

/** g ∩ outline, positions rounded to `precision` decimal degrees (1e-7 ≈ 1 cm, as stored); null when nothing
 * of g lies inside. */
export function clipToOutline(g: Geom, outline: Geom, precision = 1e-7): Geom | null {
  const near = outlineNear(g, outline);
  if (!near) return null;
  const x = intersect(featureCollection([feature(g), feature(near)]));
  if (!x) return null;
  const r = (p: number[]) => [Math.round(p[0] / precision) * precision, Math.round(p[1] / precision) * precision].map((v) => Number(v.toFixed(7)));
  const geom = x.geometry as Geom;
  return geom.type === 'Polygon'
    ? { type: 'Polygon', coordinates: geom.coordinates.map((ring) => ring.map(r)) }
    : { type: 'MultiPolygon', coordinates: geom.coordinates.map((poly) => poly.map((ring) => ring.map(r))) };
}

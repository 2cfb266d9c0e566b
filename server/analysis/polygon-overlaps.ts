// How much polygons that should tile a territory overlap each other, and how much of each lies outside the
// territory. A grid set digitised by hand never matches edge for edge: neighbours overlap by slivers of a few
// square metres along shared edges, and border grids poke a little past the county line. Those must pass;
// a grid drawn over its neighbour, or a village outside the county, must not. So both checks measure AREA
// (turf intersect / difference on the exact polygons, turf area on the sphere) and compare it with a
// tolerance, instead of asking a yes/no "do they intersect".
//
// Pairs are pre-filtered by a Flatbush index of bounding boxes, and a pair whose vertices all lie outside the
// other polygon and whose edges never cross is skipped without clipping (adjacent grids: the common case).
import Flatbush from 'flatbush';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { area, difference, featureCollection, intersect } from '@turf/turf';
import { geometryBBox } from '../../shared/geo/polygon-locator.js';
import { pointInGeometry } from '../../shared/geo/point-in-polygon.js';
import { outlineNear } from './outline-near-box.js';

type Geom = Polygon | MultiPolygon;

export interface OverlapTolerance {
  /** Overlaps up to this many square metres pass whatever the polygons' size (digitising slivers). */
  minM2: number;
  /** ... and up to this share of the smaller polygon's area. */
  share: number;
}
export const DEFAULT_OVERLAP_TOLERANCE: OverlapTolerance = { minM2: 500, share: 0.01 };

export interface Overlap { a: number; b: number; areaM2: number; shareOfSmaller: number }

const feature = (g: Geom): Feature<Geom> => ({ type: 'Feature', properties: {}, geometry: g });

/** Area in m² (turf: spherical excess on the WGS-84 mean radius). */
export function areaM2(g: Geom): number {
  return area(feature(g));
}

function rings(g: Geom): number[][][] {
  return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
}

/** True when no vertex of either polygon is strictly inside the other and the boxes of their edges never
 * cross: then they cannot overlap in area (they are disjoint or only share boundary). A cheap test that
 * spares the clipper most adjacent pairs; when it says "maybe", the clipper decides. */
function surelyNoOverlap(a: Geom, b: Geom): boolean {
  for (const ring of rings(a)) for (const p of ring) if (pointInGeometry(p[0], p[1], b) && !onBoundary(p, b)) return false;
  for (const ring of rings(b)) for (const p of ring) if (pointInGeometry(p[0], p[1], a) && !onBoundary(p, a)) return false;
  return !edgesCross(a, b);
}

function onBoundary(p: number[], g: Geom): boolean {
  for (const ring of rings(g)) for (const q of ring) if (q[0] === p[0] && q[1] === p[1]) return true;
  return false;
}

function edgesCross(a: Geom, b: Geom): boolean {
  const eb: number[][][] = [];
  for (const ring of rings(b)) for (let i = 0; i + 1 < ring.length; i++) eb.push([ring[i], ring[i + 1]]);
  const index = new Flatbush(Math.max(1, eb.length));
  for (const [p, q] of eb) index.add(Math.min(p[0], q[0]), Math.min(p[1], q[1]), Math.max(p[0], q[0]), Math.max(p[1], q[1]));
  if (!eb.length) index.add(0, 0, 0, 0);
  index.finish();
  for (const ring of rings(a))
    for (let i = 0; i + 1 < ring.length; i++) {
      const p = ring[i], q = ring[i + 1];
      for (const j of index.search(Math.min(p[0], q[0]), Math.min(p[1], q[1]), Math.max(p[0], q[0]), Math.max(p[1], q[1]))) {
        if (!eb.length) break;
        const [r, s] = eb[j];
        // A proper crossing: each segment's ends strictly on opposite sides of the other.
        const o1 = side(p, q, r), o2 = side(p, q, s), o3 = side(r, s, p), o4 = side(r, s, q);
        if (o1 * o2 < 0 && o3 * o4 < 0) return true;
        // Collinear or touching contacts are ambiguous here: let the clipper measure.
        if ((o1 === 0 || o2 === 0 || o3 === 0 || o4 === 0) && !(sharesEnd(p, q, r, s))) return true;
      }
    }
  return false;
}

const side = (a: number[], b: number[], c: number[]) => Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
const eq = (a: number[], b: number[]) => a[0] === b[0] && a[1] === b[1];
/** Segments meeting only at a common endpoint (neighbours' shared vertex): no area there. */
function sharesEnd(p: number[], q: number[], r: number[], s: number[]): boolean {
  const shared = eq(p, r) || eq(p, s) || eq(q, r) || eq(q, s);
  if (!shared) return false;
  // Collinear segments that share an end and point the same way overlap along a stretch.
  return !(side(p, q, r) === 0 && side(p, q, s) === 0);
}

/** Area of a ∩ b in m² (0 when the clipper finds nothing). */
export function intersectionAreaM2(a: Geom, b: Geom): number {
  const x = intersect(featureCollection([feature(a), feature(b)]));
  return x ? area(x) : 0;
}

/** Every pair of polygons overlapping by more than the tolerance, a < b, largest first. `areas` may be passed
 * when the caller has them already. */
export function findOverlaps(geoms: readonly Geom[], tol: OverlapTolerance = DEFAULT_OVERLAP_TOLERANCE, areas?: readonly number[]): Overlap[] {
  if (geoms.length < 2) return [];
  const boxes = geoms.map(geometryBBox);
  const index = new Flatbush(geoms.length);
  for (const b of boxes) index.add(b[0], b[1], b[2], b[3]);
  index.finish();
  const ar = areas ?? geoms.map(areaM2);
  const out: Overlap[] = [];
  for (let i = 0; i < geoms.length; i++) {
    const b = boxes[i];
    for (const j of index.search(b[0], b[1], b[2], b[3])) {
      if (j <= i || surelyNoOverlap(geoms[i], geoms[j])) continue;
      const m2 = intersectionAreaM2(geoms[i], geoms[j]);
      const smaller = Math.min(ar[i], ar[j]);
      if (m2 > Math.max(tol.minM2, tol.share * smaller)) out.push({ a: i, b: j, areaM2: m2, shareOfSmaller: smaller > 0 ? m2 / smaller : 1 });
    }
  }
  return out.sort((x, y) => y.areaM2 - x.areaM2);
}

/** Area of `g` outside `outline`, in m². Polygons whose vertices all lie inside the outline and whose edges
 * do not cross it are answered without clipping (0). */
export function areaOutsideM2(g: Geom, outline: Geom): number {
  let allInside = true;
  for (const ring of rings(g)) for (const p of ring) if (!pointInGeometry(p[0], p[1], outline)) { allInside = false; break; }
  if (allInside && !edgesCross(g, outline)) return 0;
  // Only the outline near the polygon matters: clipping it to the polygon's box first (Sutherland–Hodgman,
  // linear) makes the exact difference several times cheaper on a county outline of thousands of vertices.
  const near = outlineNear(g, outline);
  if (!near) return area(feature(g));
  const d = difference(featureCollection([feature(g), feature(near)]));
  return d ? area(d) : 0;
}

/** Whether an area outside / overlapping passes the tolerance for a polygon of the given area. */
export function withinTolerance(m2: number, ofAreaM2: number, tol: OverlapTolerance = DEFAULT_OVERLAP_TOLERANCE): boolean {
  return m2 <= Math.max(tol.minM2, tol.share * ofAreaM2);
}

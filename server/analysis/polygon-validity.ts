// Is a polygon a valid simple-features polygon? The checks an import needs before a polygon may become a grid,
// village or township: every coordinate finite, rings of at least four positions and closed, no ring crossing
// or touching itself (a bowtie, a figure eight, a spike going back over itself), no two rings of one polygon
// crossing or sharing a stretch of boundary (a hole may touch its shell at single points, as OGC allows), and
// every hole inside its shell. Point-in-polygon on an invalid polygon gives answers that depend on the ray's
// direction, so such polygons are refused rather than repaired.
//
// Segments are indexed with Flatbush (bounding boxes), so a ring of n segments costs about n log n instead of
// n²; intersection is decided with exact orientation signs (no epsilon), which is what "touching" means for
// digitised coordinates that share vertices exactly.
import Flatbush from 'flatbush';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { pointInRing } from '../../shared/geo/point-in-polygon.js';

/** What is wrong, as data (server/import/import-messages.ts words it in English and Chinese). `part` is the
 * 1-based part of a MultiPolygon (null for a Polygon); `ring` 0 is the outer ring, 1… the holes. */
export type ValidityProblem =
  | { kind: 'no-geometry' }
  | { kind: 'no-parts' }
  | { kind: 'bad-type'; type: string }
  | { kind: 'no-rings'; part: number | null }
  | { kind: 'not-array' | 'not-closed' | 'few-distinct'; part: number | null; ring: number }
  | { kind: 'bad-position'; part: number | null; ring: number; snippet: string }
  | { kind: 'too-few-positions'; part: number | null; ring: number; count: number }
  | { kind: 'spike' | 'self-intersection'; part: number | null; ring: number; at: [number, number] }
  | { kind: 'rings-share' | 'rings-cross'; part: number | null; rings: [number, number]; at: [number, number] }
  | { kind: 'hole-outside'; part: number | null; hole: number };

export type ValidityResult = { ok: true } | { ok: false; problem: ValidityProblem; at?: [number, number] };

type Pt = readonly number[];

/** Sign of the turn a → b → c: 1 counter-clockwise, -1 clockwise, 0 collinear. */
function orient(a: Pt, b: Pt, c: Pt): number {
  const v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

/** c lies on segment ab, given that a, b, c are collinear. */
function onSegment(a: Pt, b: Pt, c: Pt): boolean {
  return Math.min(a[0], b[0]) <= c[0] && c[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= c[1] && c[1] <= Math.max(a[1], b[1]);
}

const same = (a: Pt, b: Pt) => a[0] === b[0] && a[1] === b[1];

/** How two segments meet: not at all, at exactly one point, or along a stretch (collinear overlap). */
export function segmentContact(a: Pt, b: Pt, c: Pt, d: Pt): 'none' | 'point' | 'overlap' {
  const o1 = orient(a, b, c), o2 = orient(a, b, d), o3 = orient(c, d, a), o4 = orient(c, d, b);
  if (o1 === 0 && o2 === 0) {
    // Collinear: they share a stretch when their projections overlap in more than one point.
    const ax = Math.abs(b[0] - a[0]) >= Math.abs(b[1] - a[1]) ? 0 : 1;
    const lo = Math.max(Math.min(a[ax], b[ax]), Math.min(c[ax], d[ax]));
    const hi = Math.min(Math.max(a[ax], b[ax]), Math.max(c[ax], d[ax]));
    return hi > lo ? 'overlap' : hi === lo ? 'point' : 'none';
  }
  if (o1 !== o2 && o3 !== o4) return 'point';
  if (o1 === 0 && onSegment(a, b, c)) return 'point';
  if (o2 === 0 && onSegment(a, b, d)) return 'point';
  if (o3 === 0 && onSegment(c, d, a)) return 'point';
  if (o4 === 0 && onSegment(c, d, b)) return 'point';
  return 'none';
}

/** A point where two segments meet (for the report): the crossing point, or a shared/touching vertex. */
function contactPoint(a: Pt, b: Pt, c: Pt, d: Pt): [number, number] {
  const den = (b[0] - a[0]) * (d[1] - c[1]) - (b[1] - a[1]) * (d[0] - c[0]);
  if (den !== 0) {
    const t = ((c[0] - a[0]) * (d[1] - c[1]) - (c[1] - a[1]) * (d[0] - c[0])) / den;
    return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
  }
  for (const p of [c, d]) if (onSegment(a, b, p)) return [p[0], p[1]];
  return [a[0], a[1]];
}

/** Structural checks of one ring: enough positions, numbers, closed. */
function ringShape(ring: unknown, part: number | null, r: number): ValidityProblem | null {
  if (!Array.isArray(ring)) return { kind: 'not-array', part, ring: r };
  for (const p of ring)
    if (!Array.isArray(p) || p.length < 2 || typeof p[0] !== 'number' || typeof p[1] !== 'number' || !Number.isFinite(p[0]) || !Number.isFinite(p[1]))
      return { kind: 'bad-position', part, ring: r, snippet: JSON.stringify(p)?.slice(0, 40) ?? String(p) };
  if (ring.length < 4) return { kind: 'too-few-positions', part, ring: r, count: ring.length };
  if (!same(ring[0], ring[ring.length - 1])) return { kind: 'not-closed', part, ring: r };
  // Distinct vertices: a ring of 4 positions with repeats is a line or a point, not an area.
  const distinct = new Set(ring.map((p: number[]) => `${p[0]},${p[1]}`));
  if (distinct.size < 3) return { kind: 'few-distinct', part, ring: r };
  return null;
}

/** Consecutive duplicate positions removed (zero-length segments are harmless, but confuse adjacency). */
function dedupe(ring: readonly Position[]): Position[] {
  const out: Position[] = [];
  for (const p of ring) if (!out.length || !same(out[out.length - 1], p)) out.push(p);
  return out;
}

/** Checks one Polygon's rings (coordinates as GeoJSON: shell first, then holes); `part` names the part of a
 * MultiPolygon in the problem. */
export function polygonValidity(rings: unknown, part: number | null = null): ValidityResult {
  if (!Array.isArray(rings) || rings.length === 0) return { ok: false, problem: { kind: 'no-rings', part } };
  for (let r = 0; r < rings.length; r++) {
    const bad = ringShape(rings[r], part, r);
    if (bad) return { ok: false, problem: bad };
  }
  const clean = (rings as Position[][]).map(dedupe);
  // Every segment of every ring, indexed by its box.
  const seg: { ring: number; i: number; a: Position; b: Position }[] = [];
  clean.forEach((ring, r) => { for (let i = 0; i + 1 < ring.length; i++) seg.push({ ring: r, i, a: ring[i], b: ring[i + 1] }); });
  const index = new Flatbush(seg.length);
  for (const s of seg) index.add(Math.min(s.a[0], s.b[0]), Math.min(s.a[1], s.b[1]), Math.max(s.a[0], s.b[0]), Math.max(s.a[1], s.b[1]));
  index.finish();
  for (let k = 0; k < seg.length; k++) {
    const s = seg[k];
    const n = clean[s.ring].length - 1; // segments in this ring
    const hits = index.search(Math.min(s.a[0], s.b[0]), Math.min(s.a[1], s.b[1]), Math.max(s.a[0], s.b[0]), Math.max(s.a[1], s.b[1]));
    for (const j of hits) {
      if (j <= k) continue;
      const t = seg[j];
      const contact = segmentContact(s.a, s.b, t.a, t.b);
      if (contact === 'none') continue;
      const at = contactPoint(s.a, s.b, t.a, t.b);
      if (t.ring === s.ring) {
        const adjacent = t.i === s.i + 1 || (s.i === 0 && t.i === n - 1);
        // Neighbouring segments share their vertex; they are wrong only when they fold back over each other.
        if (adjacent && contact === 'point') continue;
        return { ok: false, problem: { kind: adjacent ? 'spike' : 'self-intersection', part, ring: s.ring, at }, at };
      }
      // Two rings: a single touching point is allowed; a crossing or a shared stretch is not.
      if (contact === 'overlap') return { ok: false, problem: { kind: 'rings-share', part, rings: [s.ring, t.ring], at }, at };
      const touch = [s.a, s.b].some((p) => onLine(t.a, t.b, p)) || [t.a, t.b].some((p) => onLine(s.a, s.b, p));
      if (!touch) return { ok: false, problem: { kind: 'rings-cross', part, rings: [s.ring, t.ring], at }, at };
    }
  }
  // Rings that do not cross may still be nested wrongly: a hole must lie inside the shell. With no crossings,
  // one vertex of the hole that is not on the shell decides (the shell's vertices on a touch point are skipped).
  for (let r = 1; r < clean.length; r++) {
    const v = clean[r].find((p) => !clean[0].some((q) => same(p, q)));
    if (v && !pointInRing(v[0], v[1], clean[0])) return { ok: false, problem: { kind: 'hole-outside', part, hole: r }, at: [v[0], v[1]] };
  }
  return { ok: true };
}

function onLine(a: Pt, b: Pt, p: Pt): boolean {
  return orient(a, b, p) === 0 && onSegment(a, b, p);
}

/** Checks a GeoJSON Polygon or MultiPolygon geometry (each part on its own; see the file comment). */
export function geometryValidity(geometry: unknown): ValidityResult {
  const g = geometry as Polygon | MultiPolygon | null;
  if (!g || typeof g !== 'object') return { ok: false, problem: { kind: 'no-geometry' } };
  if (g.type === 'Polygon') return polygonValidity(g.coordinates);
  if (g.type === 'MultiPolygon') {
    if (!Array.isArray(g.coordinates) || g.coordinates.length === 0) return { ok: false, problem: { kind: 'no-parts' } };
    for (let p = 0; p < g.coordinates.length; p++) {
      const r = polygonValidity(g.coordinates[p], p + 1);
      if (!r.ok) return r;
    }
    return { ok: true };
  }
  return { ok: false, problem: { kind: 'bad-type', type: String((g as { type?: unknown }).type) } };
}

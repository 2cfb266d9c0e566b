// Protection corridors (护路联防): a band of a given width along the railway and the national roads, the
// incidents inside it, and its key points. The data has no water or bridge layer, so crossings stand in for
// them: where the railway meets a national or provincial road the two are taken as grade-separated (a
// bridge / overpass, 立交桥), where it meets a lesser road as a level crossing (平交道口); stations are the
// key sites of kind 'station' within the band.
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { haversineMeters, type LonLat } from '../../shared/geo/geo.js';
import { borderCrossings, type CrossingRoad } from './border-zones.js';
import { SegmentIndex } from '../../shared/geo/segment-index.js';

export type KeyPointKind = 'bridge' | 'level_crossing' | 'station';
export interface KeyPoint { kind: KeyPointKind; lon: number; lat: number; name: string; roadId?: number; roadClass?: string }

/** Road classes whose meeting with the railway is taken as grade-separated. */
export const GRADE_SEPARATED = new Set(['national', 'provincial']);

/** Railway × road crossings along one corridor line, classified as bridges or level crossings. */
export function railCrossings(corridor: CrossingRoad, others: readonly CrossingRoad[]): KeyPoint[] {
  const isRail = corridor.roadClass === 'railway';
  const partners = others.filter((o) => o.id !== corridor.id && (isRail ? o.roadClass !== 'railway' : o.roadClass === 'railway'));
  // borderCrossings treats the corridor as a one-stretch "border" and finds every partner that crosses it.
  const hits = borderCrossings([{ code: '', name: '', lines: [[...corridor.line]], lengthM: 0 }], partners);
  return hits.map((h) => {
    const roadClass = isRail ? h.roadClass : corridor.roadClass;
    const kind: KeyPointKind = GRADE_SEPARATED.has(roadClass) ? 'bridge' : 'level_crossing';
    const roadName = isRail ? h.roadName : corridor.name;
    return { kind, lon: h.lon, lat: h.lat, name: roadName, roadId: isRail ? h.roadId : corridor.id, roadClass };
  });
}

/** Points within widthM of a line (indices into `points`). */
export function withinCorridor(line: readonly LonLat[], points: readonly LonLat[], widthM: number): number[] {
  const index = new SegmentIndex([{ line, value: 0 }]);
  const out: number[] = [];
  points.forEach((p, i) => {
    if (index.nearest(p, widthM)) out.push(i);
  });
  return out;
}

/** The corridor band as a polygon, clipped to the county (the lines run on past the border). */
export function corridorPolygon(line: readonly LonLat[], widthM: number, clip?: Polygon | MultiPolygon): Feature<Polygon | MultiPolygon> | null {
  const band = turf.buffer(turf.lineString(line.map((p) => [...p])), widthM / 1000, { units: 'kilometers', steps: 4 }) as Feature<Polygon | MultiPolygon> | undefined;
  if (!band) return null;
  return clip ? turf.intersect(turf.featureCollection([band, turf.feature(clip)])) : band;
}

/** Drops key points closer than minM to an earlier one (a road crossing a curved line twice at one spot). */
export function dedupeKeyPoints(points: readonly KeyPoint[], minM = 30): KeyPoint[] {
  const out: KeyPoint[] = [];
  for (const p of points) if (!out.some((q) => q.kind === p.kind && haversineMeters([q.lon, q.lat], [p.lon, p.lat]) < minM)) out.push(p);
  return out;
}

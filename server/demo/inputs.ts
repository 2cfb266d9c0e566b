// Reads the real inputs of a jurisdiction committed under data/ (see data/README.md for their provenance):
// its outline, its neighbours' outlines and its township/village names and codes. Every county-level unit
// comes from the national files (data/china); the default demo county also has full-resolution files
// (data/county, data/divisions) that take precedence for its own code.
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { LonLat } from '../../shared/geo/geo.js';
import { countyDivisions, countyOutlineWithNeighbours, countyPath, divisionUnit, nearMatches, UnknownJurisdictionError } from '../jurisdiction/national-data.js';
import type { DivisionsInput } from './admin.js';

export const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../data');
/** The jurisdiction the product starts on with no settings (通榆县, the seed documents' county). */
export const DEFAULT_COUNTY_CODE = '220822';

export interface Neighbour { code: string; name: string; province: string; kind: string; geometry: Polygon | MultiPolygon }
export interface RealInputs {
  county: { code: string; name: string; province: string; prefecture: string; seat: LonLat; outline: Polygon | MultiPolygon };
  neighbours: Neighbour[];
  divisions: DivisionsInput;
}

const kindOf = (name: string) => (/旗$/.test(name) ? 'banner' : /市$/.test(name) ? 'city' : /区$/.test(name) ? 'district' : 'county');

export function readRealInputs(code = DEFAULT_COUNTY_CODE, dir = DATA_DIR): RealInputs {
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

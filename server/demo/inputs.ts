// Reads the real inputs committed under data/ (see data/README.md for their provenance).
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { LonLat } from '../analysis/geo.js';
import type { DivisionsInput } from './admin.js';

export const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../data');

export interface Neighbour { code: string; name: string; province: string; kind: string; geometry: Polygon | MultiPolygon }
export interface RealInputs {
  county: { code: string; name: string; seat: LonLat; outline: Polygon | MultiPolygon };
  neighbours: Neighbour[];
  divisions: DivisionsInput;
}

export function readRealInputs(dir = DATA_DIR): RealInputs {
  const outline = JSON.parse(readFileSync(join(dir, 'county/tongyu-outline.geojson'), 'utf8')) as Feature<Polygon | MultiPolygon, { code: string; name: string; cp: LonLat }>;
  const neighbours = JSON.parse(readFileSync(join(dir, 'county/neighbours.geojson'), 'utf8')) as FeatureCollection<Polygon | MultiPolygon, Omit<Neighbour, 'geometry'>>;
  const divisions = JSON.parse(readFileSync(join(dir, 'divisions/tongyu-divisions.json'), 'utf8')) as DivisionsInput;
  return {
    county: { code: outline.properties.code, name: outline.properties.name, seat: outline.properties.cp, outline: outline.geometry },
    neighbours: neighbours.features.map((f) => ({ ...f.properties, geometry: f.geometry })),
    divisions: { townships: divisions.townships, villages: divisions.villages },
  };
}

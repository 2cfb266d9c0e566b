// The opening step of a polygon import (townships, villages, grids, a jurisdiction's outline): the uploaded
// file — GeoJSON, or a zipped Shapefile — read into features, and its coordinate system decided and applied.
//
// The CRS is decided in this order, and the answer says which and why, so the dry run can show it and the
// clerk confirm or change it (the dialog sends the choice back as crs=…):
//   1. the `crs` the request names (wgs84 | gcj02 | bd09 | epsg:NNNN);
//   2. the Shapefile's .prj, recognised by its parameters (analysis/epsg.ts matchWkt), or used as is when it
//      matches no listed system but proj4 can read it;
//   3. a GeoJSON "crs" member (EPSG:NNNN, urn:ogc:def:crs:EPSG::NNNN, CRS84);
//   4. the positions' magnitudes (degrees, zone-prefixed eastings, bare eastings), the candidates near the
//      jurisdiction tried and the one putting most features inside it taken (`confirm: true`);
//   5. GeoJSON without any of this is WGS-84 (RFC 7946).
// Positions in an EPSG system are converted to WGS-84 here (proj4), so the feature checks see longitudes and
// latitudes; GCJ-02 and BD-09 are left to the checks, which convert them point by point as before.
import type { CrsId, SourceCrs } from '../analysis/crs.js';
import { epsgOf } from '../analysis/crs.js';
import { datumNote, epsgName, guessFromCoordinates, isKnownEpsg, matchWkt, toWgs84Converter, type EpsgCode } from '../analysis/epsg.js';
import { readFeatureFile, type RawFeature } from './geojson-features.js';
import { isZip, readShapefileZip, type EncodingSource } from './shapefile-file.js';
import { msg, type Msg } from './import-messages.js';

export type CrsSource = 'parameter' | 'prj' | 'geojson' | 'coordinates' | 'default';

export interface CrsReport {
  /** What the positions were read as: wgs84 | gcj02 | bd09 | epsg:NNNN, or `prj` (the .prj's own parameters). */
  id: SourceCrs | 'prj';
  name: string;
  source: CrsSource;
  /** The name the file gives its system (.prj PROJCS/GEOGCS, GeoJSON crs member), when it gives one. */
  declared: string | null;
  /** Other systems with the same parameters, or the next-best guesses: what the dialog offers first. */
  alternatives: { id: SourceCrs; name: string }[];
  /** Share of features (by first vertex) inside the jurisdiction's box after conversion: near 0 means the
   * system is probably wrong. */
  insideShare: number;
  /** The system was guessed from the positions (no .prj or crs member): the clerk should confirm it. */
  confirm: boolean;
  /** A datum caveat (Xian 1980, Beijing 1954), in both languages. */
  note: Msg | null;
}

export interface AreaFile {
  format: 'geojson' | 'shapefile';
  features: RawFeature[];
  properties: string[];
  shapefile?: { layer: string; otherLayers: string[]; encoding: string; encodingSource: EncodingSource };
  crs: CrsReport;
  /** The system the feature checks must apply (wgs84 once an EPSG system has been converted). */
  checkCrs: CrsId;
}

export interface AreaFileOptions {
  encoding?: 'utf-8' | 'gbk';
  crs?: SourceCrs;
  /** The jurisdiction's box [minLon, minLat, maxLon, maxLat], for guessing and for insideShare. */
  bbox: [number, number, number, number];
}

const WEB_NAMES: Record<CrsId, string> = { wgs84: 'WGS-84', gcj02: 'GCJ-02', bd09: 'BD-09' };
const nameOf = (id: SourceCrs): string => (id.startsWith('epsg:') ? `EPSG:${epsgOf(id)} ${epsgName(epsgOf(id)!)}` : WEB_NAMES[id as CrsId]);

/** An EPSG code from a GeoJSON crs member ("EPSG:4547", "urn:ogc:def:crs:EPSG::4547"); 4326 for CRS84. */
function codeOfCrsMember(name: string): number | 'unknown' {
  if (/CRS84$/i.test(name)) return 4326;
  const m = /EPSG:*(?:[\d.]*:)?:?(\d{4,5})\b/i.exec(name);
  return m ? Number(m[1]) : 'unknown';
}

type Geom = { type?: unknown; coordinates?: unknown };

/** Calls fn on every position array of a Polygon / MultiPolygon / LineString … (any nesting), in place. */
function eachPosition(coords: unknown, fn: (p: number[]) => void): void {
  if (!Array.isArray(coords)) return;
  if (coords.length >= 2 && typeof coords[0] === 'number') { fn(coords as number[]); return; }
  for (const c of coords) eachPosition(c, fn);
}

function firstPosition(g: unknown): number[] | null {
  let first: number[] | null = null;
  eachPosition((g as Geom | null)?.coordinates, (p) => { first ??= p; });
  return first;
}

/** Converts the features' positions to WGS-84 in place; a position the projection cannot take (a zone
 * number that is not this one's) is left as it was, so the checks refuse the feature as outside. */
function convertFeatures(features: RawFeature[], definition: EpsgCode | string): void {
  const conv = toWgs84Converter(definition);
  for (const f of features)
    eachPosition((f.geometry as Geom | null)?.coordinates, (p) => {
      if (typeof p[0] !== 'number' || typeof p[1] !== 'number') return;
      const [lon, lat] = conv(p[0], p[1]);
      if (Number.isFinite(lon) && Number.isFinite(lat)) { p[0] = lon; p[1] = lat; p.length = 2; }
    });
}

/** Share of sample positions that fall in the (slightly widened) box once converted. */
function insideShare(samples: number[][], definition: EpsgCode | string | null, bbox: [number, number, number, number]): number {
  if (!samples.length) return 0;
  const conv = definition === null ? (x: number, y: number) => [x, y] : toWgs84Converter(definition);
  const [x0, y0, x1, y1] = bbox;
  const mx = (x1 - x0) * 0.05, my = (y1 - y0) * 0.05;
  let n = 0;
  for (const [x, y] of samples) {
    const [lon, lat] = conv(x, y);
    if (lon >= x0 - mx && lon <= x1 + mx && lat >= y0 - my && lat <= y1 + my) n++;
  }
  return n / samples.length;
}

/** Candidate systems near a first guess from bare positions: the 3° and 6° Gauss-Krüger meridians within
 * 6° of the jurisdiction (with and without zone prefix), CGCS2000 geographic. */
function candidatesNear(lon: number): EpsgCode[] {
  const out: EpsgCode[] = [4490];
  for (let cm = 75; cm <= 135; cm += 3) if (Math.abs(cm - lon) <= 6) out.push(4534 + (cm - 75) / 3, 4513 + cm / 3 - 25);
  for (let cm = 75; cm <= 135; cm += 6) if (Math.abs(cm - lon) <= 6) out.push(4502 + (cm - 75) / 6, 4491 + (cm + 3) / 6 - 13);
  return out.filter(isKnownEpsg);
}

export function readAreaFile(bytes: Uint8Array, o: AreaFileOptions): AreaFile | { refusal: Msg } {
  let features: RawFeature[], properties: string[], prj: string | null = null, member: string | null = null;
  let shapefile: AreaFile['shapefile'];
  const format = isZip(bytes) ? 'shapefile' : 'geojson';
  if (format === 'shapefile') {
    const s = readShapefileZip(bytes, o.encoding);
    if ('refusal' in s) return s;
    if (!s.features.length) return { refusal: msg.noFeatures() };
    ({ features, properties, prj } = s);
    shapefile = { layer: s.layer, otherLayers: s.otherLayers, encoding: s.encoding, encodingSource: s.encodingSource };
  } else {
    const g = readFeatureFile(bytes, o.encoding, (name) => { member = name; });
    if ('refusal' in g) return g;
    ({ features, properties } = g);
  }
  const samples = features.slice(0, 400).map((f) => firstPosition(f.geometry)).filter((p): p is number[] => !!p && Number.isFinite(p[0]) && Number.isFinite(p[1]));
  const lonMid = (o.bbox[0] + o.bbox[2]) / 2;

  let crs: CrsReport;
  const report = (id: SourceCrs | 'prj', source: CrsSource, declared: string | null, alternatives: SourceCrs[], confirm: boolean, prjText?: string): CrsReport => {
    const code = id === 'prj' ? null : epsgOf(id);
    return {
      id, source, declared, confirm,
      name: id === 'prj' ? `${declared ?? '.prj'} (.prj)` : nameOf(id),
      alternatives: alternatives.filter((a) => a !== id).slice(0, 8).map((a) => ({ id: a, name: nameOf(a) })),
      insideShare: Math.round(insideShare(samples, id === 'prj' ? prjText! : code, o.bbox) * 1000) / 1000,
      note: code !== null ? datumNote(code) : null,
    };
  };
  const declaredName = prj ? matchWkt(prj).wktName || null : member;
  if (o.crs) {
    crs = report(o.crs, 'parameter', declaredName, [], false);
  } else if (prj) {
    const m = matchWkt(prj);
    if (m.code !== null) crs = report(`epsg:${m.code}`, 'prj', m.wktName || null, m.alsoMatches.map((c) => `epsg:${c}` as const), false);
    else if (m.readable) crs = report('prj', 'prj', m.wktName || null, [], true, prj);
    else return { refusal: msg.crsUnknown(m.wktName || prj.slice(0, 60)) };
  } else if (member) {
    const code = codeOfCrsMember(member);
    if (code === 4326) crs = report('wgs84', 'geojson', member, [], false);
    else if (code !== 'unknown' && isKnownEpsg(code)) crs = report(`epsg:${code}`, 'geojson', member, [], false);
    else return { refusal: msg.crsUnknown(member) };
  } else {
    const first = samples[0];
    const guess = first ? guessFromCoordinates(first[0], first[1], lonMid) : null;
    if (format === 'geojson' && (!guess || guess.code === 4490)) crs = report('wgs84', 'default', null, [], false);
    else if (!guess) return { refusal: msg.crsUnknown(first ? `${first[0]}, ${first[1]}` : 'no positions') };
    else {
      // Try the neighbours of the guess and keep the one that puts most of the file inside the jurisdiction.
      const ranked = [guess.code, ...candidatesNear(lonMid).filter((c) => c !== guess.code)]
        .map((c) => ({ c, share: insideShare(samples, c, o.bbox) }))
        .sort((a, b) => b.share - a.share || (a.c === guess.code ? -1 : b.c === guess.code ? 1 : 0));
      const best = ranked[0].share > 0 ? ranked[0].c : guess.code;
      crs = report(`epsg:${best}`, 'coordinates', null, ranked.filter((r) => r.share > 0 || r.c === guess.code).map((r) => `epsg:${r.c}` as const), true);
    }
  }

  let checkCrs: CrsId = 'wgs84';
  if (crs.id === 'prj') convertFeatures(features, prj!);
  else if (crs.id.startsWith('epsg:')) {
    const code = epsgOf(crs.id)!;
    if (!isKnownEpsg(code)) return { refusal: msg.crsUnknown(crs.id) };
    convertFeatures(features, code);
  } else checkCrs = crs.id as CrsId;
  return { format, features, properties, shapefile, crs, checkCrs };
}

// Reads an uploaded GeoJSON FeatureCollection (polygons or lines) and finds the line in the file where each
// feature starts, so a refusal can say "feature 12 (line 340)". JSON.parse gives no positions, so one extra
// pass over the text tracks strings and bracket depth and notes where each element of the top-level
// "features" array begins; it costs about as much as the parse itself and needs no second library.
import { decodeCsv, ImportFileError } from './incident-rows.js';
import { msg, type Msg } from './import-messages.js';
import { jsonTooDeep, MAX_JSON_DEPTH } from '../http/json-depth.js';

export interface RawFeature {
  /** 1-based position in the features array. */
  index: number;
  /** 1-based line of the file where the feature starts (null when the text could not be scanned). */
  line: number | null;
  properties: Record<string, unknown>;
  geometry: unknown;
  /** Whatever was there when the element is not a Feature object (its JSON, cut short: reported, not guessed at). */
  notAFeature?: string;
}

/** Lines on which each element of the top-level "features" array starts. */
export function featureLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1, depth = 0, inString = false, escaped = false;
  let stringStart = -1, lastString = '', keyAtDepth1 = '';
  let inFeatures = false, expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) line++;
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === 92) escaped = true; // backslash
      else if (ch === 34) { inString = false; if (depth === 1) lastString = text.slice(stringStart + 1, i); }
      continue;
    }
    if (ch === 32 || ch === 9 || ch === 10 || ch === 13) continue;
    if (inFeatures && depth === 2 && expectElement && ch !== 93) { lines.push(line); expectElement = false; }
    if (ch === 34) { inString = true; stringStart = i; continue; }
    if (ch === 58 && depth === 1) keyAtDepth1 = lastString; // ':'
    else if (ch === 123 || ch === 91) { // { [
      if (ch === 91 && depth === 1 && keyAtDepth1 === 'features') { inFeatures = true; expectElement = true; }
      depth++;
    } else if (ch === 125 || ch === 93) { // } ]
      depth--;
      if (depth === 1) inFeatures = false;
    } else if (ch === 44 && inFeatures && depth === 2) expectElement = true; // ','
  }
  return lines;
}

/** The features of a FeatureCollection (a bare Feature or geometry is accepted as a collection of one). */
export function readFeatureCollection(text: string, onCrsMember?: (name: string) => void): RawFeature[] {
  let doc: unknown;
  // nesting deeper than GeoJSON's is refused before parsing: the checks after it walk geometries recursively
  if (jsonTooDeep(text)) throw new ImportFileError(msg.jsonTooDeep(MAX_JSON_DEPTH));
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ImportFileError(msg.notJson((e as Error).message));
  }
  const o = doc as { type?: unknown; features?: unknown; crs?: unknown };
  if (!o || typeof o !== 'object' || Array.isArray(o)) throw new ImportFileError(msg.notGeoJsonObject());
  let items: unknown[];
  if (o.type === 'FeatureCollection') {
    if (!Array.isArray(o.features)) throw new ImportFileError(msg.noFeaturesArray());
    items = o.features;
  } else if (o.type === 'Feature') items = [o];
  else if (typeof o.type === 'string' && /^(Multi)?(Polygon|LineString)$/.test(o.type)) items = [{ type: 'Feature', properties: {}, geometry: o }];
  else throw new ImportFileError(msg.notFeatureCollection(String(o.type)));
  // A projected CRS (named in the old "crs" member, e.g. EPSG:4547 CGCS2000 / 3-degree Gauss-Kruger) cannot be
  // converted here: say so instead of importing metres as degrees.
  // An importer that converts projected systems itself (area-file.ts) takes the name instead.
  const crsName = JSON.stringify((o.crs as { properties?: { name?: unknown } } | undefined)?.properties?.name ?? '');
  if (onCrsMember) { if (crsName !== '""') onCrsMember(String(JSON.parse(crsName))); }
  else if (/EPSG:*:?(3857|900913|45[0-9]{2}|2[0-9]{3}|32[67][0-9]{2})\b/i.test(crsName))
    throw new ImportFileError(msg.projectedCrs(crsName));
  const lines = o.type === 'FeatureCollection' ? featureLines(text) : [];
  const scanned = lines.length === items.length;
  return items.map((f, i) => {
    const line = scanned ? lines[i] : null;
    const feat = f as { type?: unknown; properties?: unknown; geometry?: unknown };
    if (!feat || typeof feat !== 'object' || Array.isArray(feat) || feat.type !== 'Feature')
      return { index: i + 1, line, properties: {}, geometry: null, notAFeature: JSON.stringify(f)?.slice(0, 40) ?? String(f) };
    const props = feat.properties && typeof feat.properties === 'object' && !Array.isArray(feat.properties) ? (feat.properties as Record<string, unknown>) : {};
    return { index: i + 1, line, properties: props, geometry: feat.geometry };
  });
}

/** Property names present in the features, in order of first appearance (for the mapping UI). */
/** An uploaded GeoJSON file's features and their property names, or why the file is refused (undecodable,
 * not a FeatureCollection, no features): the opening step of every GeoJSON import. */
export function readFeatureFile(bytes: Uint8Array, encoding: 'utf-8' | 'gbk' | undefined, onCrsMember?: (name: string) => void): { features: RawFeature[]; properties: string[] } | { refusal: Msg } {
  let features: RawFeature[];
  try {
    features = readFeatureCollection(decodeCsv(bytes, encoding), onCrsMember);
  } catch (e) {
    if (e instanceof ImportFileError) return { refusal: e.msg };
    throw e;
  }
  if (!features.length) return { refusal: msg.noFeatures() };
  return { features, properties: propertyNames(features) };
}

export function propertyNames(features: readonly RawFeature[]): string[] {
  const seen = new Set<string>();
  for (const f of features) for (const k of Object.keys(f.properties)) seen.add(k);
  return [...seen];
}

/** A property value as trimmed text ('' when absent or not a scalar). */
export function propText(v: unknown): string {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return '';
}

const norm = (h: string) => h.trim().toLowerCase().replace(/[\s_\-（）()]/g, '');

/** Which property feeds which field: the explicit mapping first, then the aliases (case and punctuation
 * insensitive). */
export function mapProperties<F extends string>(names: readonly string[], aliases: Record<F, readonly string[]>, override: Partial<Record<F, string>> = {}): { field: Partial<Record<F, string>>; mapping: { property: string; field: F | null }[] } {
  const field: Partial<Record<F, string>> = {};
  for (const [f, p] of Object.entries(override) as [F, string][]) if (names.includes(p)) field[f] = p;
  const taken = new Set(Object.values(field));
  for (const [f, list] of Object.entries(aliases) as [F, readonly string[]][]) {
    if (field[f] !== undefined || f in override) continue;
    const hit = names.find((n) => !taken.has(n) && list.map(norm).includes(norm(n)));
    if (hit !== undefined) { field[f] = hit; taken.add(hit); }
  }
  const byProp = new Map(Object.entries(field).map(([f, p]) => [p as string, f as F]));
  return { field, mapping: names.map((p) => ({ property: p, field: byProp.get(p) ?? null })) };
}

// Feature-by-feature checks of an imported level of the 4-level grid (township, village or grid polygons),
// without touching the database: codes (present, digits, the level's length, extending the county's and the
// parent's code, unique, parent present), geometry (Polygon/MultiPolygon, finite in-range coordinates,
// swapped latitude/longitude, valid rings with no self-intersection), then area checks that need every
// feature: outside the county outline, and overlap between features of the level, both beyond a tolerance
// (analysis/polygon-overlaps.ts explains why area, not a yes/no intersection).
import type { MultiPolygon, Polygon } from 'geojson';
import { pointOnFeature } from '@turf/turf';
import { toWgs84, type CrsId } from '../analysis/crs.js';
import { geometryBBox } from '../../shared/geo/polygon-locator.js';
import { pointInGeometry } from '../../shared/geo/point-in-polygon.js';
import { geometryValidity } from '../analysis/polygon-validity.js';
import { clipToOutline } from '../analysis/clip-to-outline.js';
import { areaM2, areaOutsideM2, DEFAULT_OVERLAP_TOLERANCE, findOverlaps, withinTolerance, type OverlapTolerance } from '../analysis/polygon-overlaps.js';
import { mapProperties, propText, type RawFeature } from './geojson-features.js';
import { breathe } from './import-progress.js';
import { featureRefusal, msg, type Msg } from './import-messages.js';

export const AREA_LEVELS = ['township', 'village', 'grid'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];
import { AREA_FIELDS, type AreaField } from '../../shared/domain/import-fields.js';
export { AREA_FIELDS, type AreaField };

/** Code length per level (GB/T 2260 township 9, village 12; grids extend their village by 3 digits). */
export const CODE_LENGTH: Record<AreaLevel, number> = { township: 9, village: 12, grid: 15 };
export const LEVEL_ZH: Record<AreaLevel, string> = { township: '乡镇', village: '村/社区', grid: '网格' };

/** Property names per field. Beside Chinese and English ones, the pinyin initials that Shapefile exports use
 * (a .dbf field name holds 10 bytes: 网格编码 → WGBM, 行政区代码 → XZQDM as in the land-survey standard). */
export const AREA_ALIASES: Record<AreaField, readonly string[]> = {
  code: ['code', 'adcode', 'gbcode', '编码', '代码', '编号', '区划代码', '网格编码', '网格编号', '村编码', '乡镇编码', 'bm', 'wgbm', 'wgdm', 'wgbh', 'xzqdm', 'xzqbm', 'cjdm', 'cjbm', 'xzdm', 'xzbm'],
  name: ['name', '名称', '网格名称', '村名', '村名称', '乡镇名称', 'mc', 'wgmc', 'xzqmc', 'cjmc', 'cmc', 'xzmc'],
  parent: ['parent', 'parentcode', 'parent_code', 'pcode', 'villagecode', 'townshipcode', '上级编码', '上级代码', '所属编码', '所属村编码', '所属乡镇编码', 'sjbm', 'sjdm', 'sscj', 'sscjbm', 'sscbm', 'ssxzbm', 'ssxzdm'],
  kind: ['kind', 'type', '类型', '网格类型', 'wglx', 'lx'],
  place: ['place', 'placename', '自然屯', '屯名', '地名'],
  leader: ['leader', '网格长', 'wgz'],
  members: ['members', '网格员', '网格员数', '网格员人数'],
  households: ['households', '户数', '住户数', 'hs'],
};

export interface AreaCandidate {
  index: number;
  line: number | null;
  code: string;
  name: string;
  parentCode: string;
  kind: string | null;
  place: string | null;
  leader: string | null;
  members: number | null;
  households: number | null;
  geometry: Polygon | MultiPolygon;
  bbox: [number, number, number, number];
  areaM2: number;
  /** A point inside the polygon (centroid when inside, otherwise a point on its surface). */
  centre: [number, number];
}

/** A refused feature: `reason` in English, `reasonZh` for the clerk (import-messages.ts). */
export interface FeatureRefusal { feature: number; line: number | null; code: string | null; reason: string; reasonZh: string }

export interface AreaCheckContext {
  level: AreaLevel;
  crs: CrsId;
  countyCode: string;
  countyName: string;
  outline: Polygon | MultiPolygon;
  countyBBox: [number, number, number, number];
  /** Codes of the level above (townships for villages, villages for grids; the county for townships). */
  parentCodes: ReadonlySet<string>;
  mapping?: Partial<Record<AreaField, string>>;
  tolerance?: OverlapTolerance;
  /** Clip polygons to the outline when at most this share of their area lies outside it (0.05 = 5 %);
   * beyond it they are refused. Undefined: no clipping, the sliver tolerance applies as before. */
  clipMaxShare?: number;
  /** Called every few features (features checked so far, of total). */
  onProgress?: (done: number, total: number) => void;
}

export interface AreaCheckOutcome {
  valid: AreaCandidate[];
  rejected: FeatureRefusal[];
  mapping: { property: string; field: AreaField | null }[];
  /** Features cut to the outline (clipMaxShare), with the area cut off. */
  clipped: { feature: number; code: string; removedM2: number }[];
}

const KINDS: Record<AreaLevel, Record<string, string>> = {
  township: { subdistrict: 'subdistrict', 街道: 'subdistrict', town: 'town', 镇: 'town', township: 'township', 乡: 'township', zone: 'zone', 开发区: 'zone', farm: 'farm', 农场: 'farm', 牧场: 'farm' },
  village: { village: 'village', 村: 'village', 行政村: 'village', community: 'community', 社区: 'community' },
  grid: { residential: 'residential', 居民: 'residential', 居住: 'residential', 村屯: 'residential', 社区: 'residential', school: 'school', 学校: 'school', enterprise: 'enterprise', 企业: 'enterprise', 单位: 'enterprise' },
};

/** A kind from the name when the file has none: 街道 → subdistrict, 镇 → town, 社区 → community … */
export function kindFromName(level: AreaLevel, name: string): string {
  if (level === 'township') return /街道(办事处)?$/.test(name) ? 'subdistrict' : /镇$/.test(name) ? 'town' : /农场|牧场$/.test(name) ? 'farm' : /区$/.test(name) ? 'zone' : 'township';
  if (level === 'village') return /社区(居委会|居民委员会)?$/.test(name) ? 'community' : 'village';
  return /学校|小学|中学|幼儿园/.test(name) ? 'school' : /公司|企业|厂$/.test(name) ? 'enterprise' : 'residential';
}

function mapCoords(g: Polygon | MultiPolygon, fn: (p: number[]) => number[]): Polygon | MultiPolygon {
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(fn)) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map((r) => r.map(fn))) };
}

function allPositions(g: Polygon | MultiPolygon): number[][] {
  return g.type === 'Polygon' ? g.coordinates.flat() : g.coordinates.flat(2);
}

/** Coordinates are numbers in the lon/lat ranges (a structural check before conversion). */
function coordinateProblem(g: { type: string; coordinates: unknown }): Msg | null {
  // Polygon: rings of positions (3 levels of arrays); MultiPolygon: polygons of rings of positions (4).
  const depth = g.type === 'Polygon' ? 1 : 2;
  let list: unknown = g.coordinates;
  if (!Array.isArray(list) || list.length === 0) return msg.noCoordinates(g.type);
  for (let d = 0; d <= depth; d++) {
    if (!Array.isArray(list) || !list.every(Array.isArray)) return msg.notNested(g.type, depth + 2);
    if (d < depth) list = (list as unknown[][]).flat();
  }
  for (const p of list as unknown[][]) {
    const [x, y] = p;
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) return msg.positionNotNumbers(JSON.stringify(p)?.slice(0, 40) ?? String(p));
  }
  return null;
}

function rangeProblem(g: Polygon | MultiPolygon): Msg | null {
  for (const [x, y] of allPositions(g)) if (x < -180 || x > 180 || y < -90 || y > 90) return msg.positionOutOfRange(x, y);
  return null;
}

const num = (v: unknown): number | null => {
  const t = propText(v);
  if (!t) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : NaN;
};

export async function checkAreaFeatures(features: readonly RawFeature[], ctx: AreaCheckContext, propertyNames: readonly string[]): Promise<AreaCheckOutcome> {
  const tol = ctx.tolerance ?? DEFAULT_OVERLAP_TOLERANCE;
  const { field, mapping } = mapProperties(propertyNames, AREA_ALIASES, ctx.mapping);
  const len = CODE_LENGTH[ctx.level];
  const parentLen = ctx.level === 'township' ? ctx.countyCode.length : CODE_LENGTH[ctx.level === 'grid' ? 'village' : 'township'];
  const rejected: FeatureRefusal[] = [];
  const firstByCode = new Map<string, number>();
  let valid: AreaCandidate[] = [];
  const [bx0, by0, bx1, by1] = ctx.countyBBox;
  const inBox = (x: number, y: number) => x >= bx0 && x <= bx1 && y >= by0 && y <= by1;

  const checkOne = (f: RawFeature) => {
    const get = (fl: AreaField) => (field[fl] !== undefined ? propText(f.properties[field[fl]!]) : '');
    const code = get('code') || null;
    const refuse = (m: Msg) => void rejected.push(featureRefusal(f.index, f.line, code, m));
    if (f.notAFeature) return refuse(msg.notAFeature(f.notAFeature));
    // Codes first: they are what a person fixes in a spreadsheet, and they decide the parent.
    if (field.code === undefined) return refuse(msg.noCodeProperty());
    if (!code) return refuse(msg.missingCode(field.code));
    if (!/^\d+$/.test(code)) return refuse(msg.codeNotDigits(code));
    if (code.length !== len) return refuse(msg.codeLength(code, code.length, ctx.level, len));
    if (!code.startsWith(ctx.countyCode)) return refuse(msg.codeNotInCounty(code, ctx.countyCode, ctx.countyName));
    const parentGiven = get('parent');
    const parentCode = code.slice(0, parentLen);
    if (parentGiven && parentGiven !== parentCode) return refuse(msg.codeNotUnderParent(code, parentGiven));
    if (!ctx.parentCodes.has(parentCode)) return refuse(msg.parentMissing(ctx.level === 'grid' ? 'village' : ctx.level === 'village' ? 'township' : 'county', parentCode));
    const dup = firstByCode.get(code);
    if (dup !== undefined) return refuse(msg.duplicateCode(code, dup));
    firstByCode.set(code, f.index);
    const name = get('name');
    if (!name) return refuse(msg.missingNameProperty(field.name ?? null));
    // Geometry.
    const g = f.geometry as { type?: unknown; coordinates?: unknown } | null;
    if (!g || typeof g !== 'object') return refuse(msg.noGeometry());
    if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') return refuse(msg.notPolygon(String(g.type)));
    const shape = coordinateProblem(g as { type: string; coordinates: unknown });
    if (shape) return refuse(shape);
    const raw = g as Polygon | MultiPolygon;
    const rawPts = allPositions(raw);
    const inRange = (x: number, y: number) => x >= -180 && x <= 180 && y >= -90 && y <= 90;
    // Swapped latitude/longitude first: such a file is also out of range (latitude 123), but "swapped" is the fix.
    const inside = rawPts.filter((p) => inRange(p[0], p[1]) && inBox(...toWgs84(p[0], p[1], ctx.crs))).length;
    if (inside < rawPts.length / 2) {
      const swapped = rawPts.filter((p) => inRange(p[1], p[0]) && inBox(...toWgs84(p[1], p[0], ctx.crs))).length;
      if (swapped >= rawPts.length / 2) return refuse(msg.swappedFirst(rawPts[0][0], rawPts[0][1]));
      const range = rangeProblem(raw);
      return refuse(range ?? msg.polygonOutside(ctx.countyName, rawPts[0][0], rawPts[0][1], ctx.crs));
    }
    const range = rangeProblem(raw);
    if (range) return refuse(range);
    // Stored at 1e-7 degrees (≈1 cm), the precision the checks below then see.
    const geometry = mapCoords(raw, (p) => (ctx.crs === 'wgs84' ? [p[0], p[1]] : toWgs84(p[0], p[1], ctx.crs)).map((x) => Math.round(x * 1e7) / 1e7));
    const validity = geometryValidity(geometry);
    if (!validity.ok) return refuse(msg.invalidPolygon(validity.problem));
    const kindText = get('kind');
    const kind = kindText ? KINDS[ctx.level][kindText.toLowerCase()] : null;
    if (kindText && !kind) return refuse(msg.unknownAreaKind(kindText, [...new Set(Object.keys(KINDS[ctx.level]).filter((k) => /[^\x00-\x7f]/.test(k)))]));
    const members = num(f.properties[field.members ?? '']), households = num(f.properties[field.households ?? '']);
    for (const [label, v] of [['members', members], ['households', households]] as const)
      if (v !== null && (!Number.isInteger(v) || v < 0 || v > 100000)) return refuse(msg.notWholeNumber(label, propText(f.properties[field[label]!])));
    const area = areaM2(geometry);
    const bbox = geometryBBox(geometry) as [number, number, number, number];
    valid.push({ index: f.index, line: f.line, code, name, parentCode, kind: kind ?? null, place: get('place') || null, leader: get('leader') || null, members, households, geometry, bbox, areaM2: area, centre: centreOf(geometry, bbox) });
  };
  // Two passes over the features (shape, then area against the outline) and one over pairs; the progress
  // counts both passes, and the loop yields so progress polls are answered.
  const total = features.length * 2;
  for (let k = 0; k < features.length; k++) {
    if (k % 100 === 0) { ctx.onProgress?.(k, total); await breathe(); }
    checkOne(features[k]);
  }

  // Outside the county: tolerated up to the sliver tolerance (digitised borders never match exactly).
  const outside = new Set<number>();
  const clipped: AreaCheckOutcome['clipped'] = [];
  for (let k = 0; k < valid.length; k++) {
    const c = valid[k];
    if (k % 50 === 0) { ctx.onProgress?.(features.length + Math.round((k / valid.length) * features.length), total); await breathe(); }
    let m2: number;
    try {
      m2 = areaOutsideM2(c.geometry, ctx.outline);
    } catch (e) {
      // The clipper gives up on some near-coincident edges: the feature is refused with the reason, never a 500.
      outside.add(c.index);
      rejected.push(featureRefusal(c.index, c.line, c.code, msg.outlineCompareFailed(ctx.countyName, (e as Error).message.slice(0, 80))));
      continue;
    }
    if (ctx.clipMaxShare !== undefined && m2 >= 1) {
      const cut = m2 <= ctx.clipMaxShare * c.areaM2 ? clipToOutline(c.geometry, ctx.outline) : null;
      if (!cut) {
        outside.add(c.index);
        rejected.push(featureRefusal(c.index, c.line, c.code, msg.partlyOutsideClip(m2, m2 / c.areaM2, ctx.countyName, ctx.clipMaxShare)));
        continue;
      }
      c.geometry = cut;
      c.areaM2 = areaM2(cut);
      c.bbox = geometryBBox(cut) as [number, number, number, number];
      c.centre = centreOf(cut, c.bbox);
      clipped.push({ feature: c.index, code: c.code, removedM2: Math.round(m2) });
    } else if (!withinTolerance(m2, c.areaM2, tol)) {
      outside.add(c.index);
      rejected.push(featureRefusal(c.index, c.line, c.code, msg.partlyOutside(m2, m2 / c.areaM2, ctx.countyName, tol)));
    }
  }
  valid = valid.filter((c) => !outside.has(c.index));
  ctx.onProgress?.(total, total);
  await breathe();
  // Overlaps within the level: both features are refused (each names the other), since either may be wrong.
  const overlaps = findOverlaps(valid.map((c) => c.geometry), tol, valid.map((c) => c.areaM2));
  const overlapping = new Set<number>();
  for (const o of overlaps) {
    const a = valid[o.a], b = valid[o.b];
    for (const [x, y] of [[a, b], [b, a]]) {
      if (overlapping.has(x.index)) continue;
      overlapping.add(x.index);
      rejected.push(featureRefusal(x.index, x.line, x.code, msg.overlapsSibling(y.code, y.index, o.areaM2, o.shareOfSmaller, tol)));
    }
  }
  valid = valid.filter((c) => !overlapping.has(c.index));
  rejected.sort((a, b) => a.feature - b.feature);
  return { valid, rejected, mapping, clipped };
}

function centreOf(g: Polygon | MultiPolygon, bbox: [number, number, number, number]): [number, number] {
  // Vertex mean is cheap and usually inside; a concave or ring-shaped unit gets a point on its surface.
  const pts = allPositions(g);
  const c: [number, number] = [pts.reduce((s, p) => s + p[0], 0) / pts.length, pts.reduce((s, p) => s + p[1], 0) / pts.length];
  if (c[0] >= bbox[0] && c[0] <= bbox[2] && pointInGeometry(c[0], c[1], g)) return c;
  return pointOnFeature({ type: 'Feature', properties: {}, geometry: g }).geometry.coordinates as [number, number];
}

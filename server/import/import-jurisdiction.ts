// A jurisdiction not in the national list (a development zone, a re-drawn district), imported into an empty
// database: its outline as GeoJSON or a zipped Shapefile (any system area-file.ts reads), with its division
// code, name and seat. The database gets the schema (when it has none) and the jurisdiction row; the usual
// township, village and grid imports follow. A database that already has a jurisdiction is refused (409): a
// county's data hangs on its outline, so replacing it is a new database, not an import.
import type { MultiPolygon, Polygon } from 'geojson';
import { featureCollection, feature as turfFeature, pointOnFeature, simplify, union } from '@turf/turf';
import type { SourceCrs } from '../analysis/crs.js';
import { geometryBBox } from '../../shared/geo/polygon-locator.js';
import { pointInGeometry } from '../../shared/geo/point-in-polygon.js';
import { geometryValidity } from '../analysis/polygon-validity.js';
import { areaM2 } from '../analysis/polygon-overlaps.js';
import type { Database } from '../db/database.js';
import { SCHEMA_SQL } from '../db/database.js';
import { SEED_CATEGORIES_SQL } from '../db/categories-seed.js';
import { countyOutlinesNear, divisionUnit } from '../jurisdiction/national-data.js';
import { useJurisdictionClock } from '../jurisdiction/jurisdiction.js';
import { afterImport } from './after-import.js';
import type { CommitAudit } from '../auth/audit.js';
import { readAreaFile, type AreaFile } from './area-file.js';
import { propText } from './geojson-features.js';
import { validityMsg, type Msg } from './import-messages.js';
import { withWriteLock } from './write-lock.js';
import { scopeUnscopedAccounts } from '../auth/user-store.js';

/** Mainland China, for recognising the outline's coordinate system before there is a jurisdiction. */
const CHINA_BBOX: [number, number, number, number] = [73, 18, 135.5, 53.6];

export interface JurisdictionImportOptions {
  code?: string;
  name?: string;
  seat?: [number, number];
  crs?: SourceCrs;
  encoding?: 'utf-8' | 'gbk';
  dryRun?: boolean;
  /** Writes the commit's audit row inside the transaction, just before COMMIT (auth/audit.ts importCommitAudit). */
  audit?: CommitAudit;
}

export interface JurisdictionImportReport {
  committed: boolean;
  error?: string;
  errorZh?: string;
  status?: 400 | 409;
  jurisdiction?: { code: string; name: string; province: string | null; prefecture: string | null; seat: [number, number]; bbox: [number, number, number, number]; areaKm2: number; parts: number };
  source?: { format: AreaFile['format']; shapefile?: AreaFile['shapefile']; crs: AreaFile['crs'] };
  /** Problems that do not stop the import (a self-intersecting outline), in both languages. */
  warnings?: Msg[];
  /** Dry run: the outline simplified for drawing (≈ 1/1500 of its extent, 1e-5°), and the national county-level
   * outlines around it (their names tell whether the file landed where it belongs). */
  preview?: { outline: Polygon | MultiPolygon; around: { code: string; name: string; geometry: Polygon | MultiPolygon }[] };
}

const refuse = (m: Msg, status: 400 | 409 = 400): JurisdictionImportReport => ({ committed: false, error: m.en, errorZh: m.zh, status });

export async function importJurisdiction(db: Database, bytes: Uint8Array, o: JurisdictionImportOptions): Promise<JurisdictionImportReport> {
  const tables = new Set((await db.query<{ t: string }>("SELECT table_name t FROM duckdb_tables() WHERE schema_name = 'main'")).map((r) => r.t));
  if (tables.has('county') && (await db.query<{ n: number }>('SELECT count(*)::INT n FROM county'))[0].n > 0) {
    const [c] = await db.query<{ code: string; name: string }>('SELECT code, name FROM county LIMIT 1');
    return refuse({ en: `The database already has a jurisdiction (${c.name} ${c.code}); start a new database (DB_PATH) for another one.`, zh: `数据库已有辖区（${c.name} ${c.code}）；另一个辖区请使用新的数据库（DB_PATH）。` }, 409);
  }
  const file = readAreaFile(bytes, { encoding: o.encoding, crs: o.crs, bbox: CHINA_BBOX });
  if ('refusal' in file) return refuse(file.refusal);
  const source = { format: file.format, shapefile: file.shapefile, crs: file.crs };
  if (file.checkCrs !== 'wgs84') return { ...refuse({ en: 'A jurisdiction outline must be in WGS-84, CGCS2000 or a listed EPSG system (not GCJ-02 or BD-09).', zh: '辖区边界须为 WGS-84、CGCS2000 或列出的 EPSG 坐标系（不接受 GCJ-02、BD-09）。' }), source };
  // The outline: every polygon feature of the file, dissolved into one (a zone drawn in parts is one outline).
  const polys: (Polygon | MultiPolygon)[] = [];
  const warnings: Msg[] = [];
  for (const f of file.features) {
    const g = f.geometry as Polygon | MultiPolygon | null;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) return { ...refuse({ en: `feature ${f.index}: not a polygon (${String((g as { type?: string } | null)?.type)})`, zh: `要素 ${f.index}：不是面要素（${String((g as { type?: string } | null)?.type)}）` }), source };
    // A self-intersection is kept as a warning: published county outlines (simplified) have such kinks, and
    // the outline is only ever used for point-in-polygon and clipping, which take them. Anything else refuses.
    const v = geometryValidity(g);
    if (!v.ok) {
      const m = validityMsg(v.problem);
      if (v.problem.kind !== 'self-intersection') return { ...refuse({ en: `feature ${f.index}: ${m.en}`, zh: `要素 ${f.index}：${m.zh}` }), source };
      warnings.push({ en: `feature ${f.index}: ${m.en}`, zh: `要素 ${f.index}：${m.zh}` });
    }
    polys.push(g);
  }
  // Stored at 1e-7° (≈1 cm) like every polygon of the database, so township and village edges drawn on the
  // same vertices coincide with it exactly (the clipper is fragile with near-coincident edges).
  const r7 = (p: number[]) => [Math.round(p[0] * 1e7) / 1e7, Math.round(p[1] * 1e7) / 1e7];
  const rounded = polys.map((g): Polygon | MultiPolygon => (g.type === 'Polygon' ? { type: 'Polygon', coordinates: g.coordinates.map((ring) => ring.map(r7)) } : { type: 'MultiPolygon', coordinates: g.coordinates.map((q) => q.map((ring) => ring.map(r7))) }));
  const outline = rounded.length === 1 ? rounded[0] : (union(featureCollection(rounded.map((g) => turfFeature(g))))!.geometry as Polygon | MultiPolygon);
  const [minLon, minLat, maxLon, maxLat] = geometryBBox(outline) as [number, number, number, number];
  if (minLon < CHINA_BBOX[0] - 1 || maxLon > CHINA_BBOX[2] + 1 || minLat < CHINA_BBOX[1] - 2 || maxLat > CHINA_BBOX[3] + 1)
    return { ...refuse({ en: `The outline (${minLon.toFixed(4)}, ${minLat.toFixed(4)} – ${maxLon.toFixed(4)}, ${maxLat.toFixed(4)}) is not in China: is the coordinate system right?`, zh: `边界范围（${minLon.toFixed(4)}, ${minLat.toFixed(4)} – ${maxLon.toFixed(4)}, ${maxLat.toFixed(4)}）不在中国境内：坐标系是否正确？` }), source };
  // Code and name: the parameters, else the first feature's properties.
  const props = file.features[0].properties;
  const pick = (...keys: string[]) => keys.map((k) => propText(props[k])).find(Boolean) ?? '';
  const code = o.code ?? pick('code', 'adcode', '编码', '区划代码', '代码');
  const name = o.name ?? pick('name', '名称', '辖区名称', 'NAME');
  if (!/^\d{6}$/.test(code)) return { ...refuse({ en: `code "${code}" is not a 6-digit division code (townships extend it by 3 digits): pass code=…`, zh: `编码「${code}」不是 6 位区划代码（乡镇编码在其后加 3 位）：请提供 code=…` }), source };
  if (!name) return { ...refuse({ en: 'no name: pass name=… or give the feature a name property', zh: '缺少名称：请提供 name=…，或在要素属性中给出名称' }), source };
  const seat: [number, number] = o.seat ?? (pointOnFeature(turfFeature(outline)).geometry.coordinates as [number, number]);
  if (!pointInGeometry(seat[0], seat[1], outline)) return { ...refuse({ en: `the seat ${seat[0]}, ${seat[1]} is not inside the outline`, zh: `驻地 ${seat[0]}, ${seat[1]} 不在辖区边界内` }), source };
  const province = divisionUnit(code.slice(0, 2))?.name ?? null;
  const prefecture = divisionUnit(code.slice(0, 4))?.name ?? null;
  const report: JurisdictionImportReport = {
    committed: false, source, warnings,
    jurisdiction: { code, name, province, prefecture, seat, bbox: [minLon, minLat, maxLon, maxLat], areaKm2: Math.round(areaM2(outline) / 1e4) / 100, parts: outline.type === 'Polygon' ? 1 : outline.coordinates.length },
  };
  if (o.dryRun) return { ...report, preview: previewOf(outline, [minLon, minLat, maxLon, maxLat]) };
  await withWriteLock(db, () => db.transaction(async (con) => {
    if (!tables.has('county')) { await con.run(SCHEMA_SQL); await con.run(SEED_CATEGORIES_SQL); }
    await con.run('INSERT INTO county (code, name, seat_lon, seat_lat, min_lon, min_lat, max_lon, max_lat, geojson, province, prefecture) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [code, name, seat[0], seat[1], minLon, minLat, maxLon, maxLat, JSON.stringify(outline), province, prefecture]);
    await o.audit?.(con, { imported: 1, refused: 0 });
  }));
  report.committed = true;
  await scopeUnscopedAccounts(db, code);
  afterImport(db, ['areas', 'categories']);
  await useJurisdictionClock(db);
  return report;
}

/** What the dry run draws: the outline and its national neighbours, light enough for the answer. */
function previewOf(outline: Polygon | MultiPolygon, bbox: [number, number, number, number]): NonNullable<JurisdictionImportReport['preview']> {
  const tolerance = Math.max(bbox[2] - bbox[0], bbox[3] - bbox[1]) / 1500;
  const light = (g: Polygon | MultiPolygon) => {
    const s = simplify(turfFeature(g), { tolerance, highQuality: false }).geometry as Polygon | MultiPolygon;
    const r5 = (p: number[]) => [Math.round(p[0] * 1e5) / 1e5, Math.round(p[1] * 1e5) / 1e5];
    return s.type === 'Polygon' ? { type: 'Polygon' as const, coordinates: s.coordinates.map((ring) => ring.map(r5)) } : { type: 'MultiPolygon' as const, coordinates: s.coordinates.map((q) => q.map((ring) => ring.map(r5))) };
  };
  const margin = Math.max(bbox[2] - bbox[0], bbox[3] - bbox[1]) * 0.15;
  const around = countyOutlinesNear([bbox[0] - margin, bbox[1] - margin, bbox[2] + margin, bbox[3] + margin]).map((c) => ({ code: c.code, name: c.name, geometry: light(c.geometry) }));
  return { outline: light(outline), around };
}

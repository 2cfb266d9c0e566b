// Imports roads (and railways) from a GeoJSON FeatureCollection of LineStrings / MultiLineStrings: name and
// class from the properties (class ids, Chinese labels 国道/省道/县道/乡道/村道/街路/铁路, or OpenStreetMap highway
// tags), coordinates in a declared CRS. Each feature is checked (geometry, finite in-range coordinates,
// swapped latitude/longitude, at least one vertex inside the county, duplicates in the file or, when
// appending, in the database); a MultiLineString becomes one road row per part. Roads that cross the county
// line are kept whole (the border crossings of the patrol view need them).
//
// mode=append adds the roads; mode=replace replaces every stored road OF THE CLASSES IN THE FILE (a file of
// village roads leaves the national roads and the railway alone). One transaction, like every import.
// Afterwards the patrol road graph, the basemap, the geocoder's street list and coverage's road samples are
// rebuilt from the new roads (afterImport).
import { listValue } from '@duckdb/node-api';
import type { LineString, MultiLineString } from 'geojson';
import { toWgs84, type CrsId } from '../analysis/crs.js';
import { lineLengthMeters, pointAlong, type LonLat } from '../../shared/geo/geo.js';
import type { Database } from '../db/database.js';
import { ROAD_CLASS_INFO, ROAD_CLASSES, type RoadClass } from '../../shared/domain/sites.js';
import { afterImport } from './after-import.js';
import type { CommitAudit } from '../auth/audit.js';
import type { FeatureRefusal } from './area-checks.js';
import { countyContext } from './county-context.js';
import { mapProperties, propText, readFeatureFile } from './geojson-features.js';
import { breathe, type ProgressFn } from './import-progress.js';
import { withWriteLock } from './write-lock.js';
import { featureRefusal, fileErrorOf, msg, type Msg } from './import-messages.js';

import { ROAD_FIELDS, type RoadField } from '../../shared/domain/import-fields.js';
export { ROAD_FIELDS, type RoadField };
const ALIASES: Record<RoadField, readonly string[]> = {
  name: ['name', '名称', '道路名称', '路名', 'name:zh', 'ref'],
  class: ['class', 'roadclass', '等级', '道路等级', '技术等级', '行政等级', '类型', '类别', 'highway', 'fclass', 'railway'],
};

const CLASS_LOOKUP = new Map<string, RoadClass>();
for (const c of ROAD_CLASSES) CLASS_LOOKUP.set(c, c), CLASS_LOOKUP.set(ROAD_CLASS_INFO[c].zh, c);
for (const [alias, c] of Object.entries({
  国道: 'national', 高速: 'national', 高速公路: 'national', 省道: 'provincial', 县道: 'county', 乡道: 'village', 村道: 'village', 乡村道路: 'village', 专用道路: 'village',
  街道: 'street', 城市道路: 'street', 城区道路: 'street', 街巷: 'street', 铁路: 'railway', 高铁: 'railway', 高速铁路: 'railway',
  motorway: 'national', trunk: 'national', primary: 'provincial', secondary: 'county', tertiary: 'village', unclassified: 'village', track: 'village',
  residential: 'street', living_street: 'street', service: 'street', rail: 'railway',
} as Record<string, RoadClass>)) CLASS_LOOKUP.set(alias, c);

export interface RoadImportOptions { crs: CrsId; mode: 'append' | 'replace'; partial?: boolean; dryRun?: boolean; encoding?: 'utf-8' | 'gbk'; mapping?: Partial<Record<RoadField, string>>; beforeCommit?: () => Promise<void>; audit?: CommitAudit; onProgress?: ProgressFn }

interface RoadRow { feature: number; fileLine: number | null; name: string; roadClass: RoadClass; line: LonLat[]; lengthM: number; townshipCode: string | null }

export interface RoadImportReport {
  features: number;
  valid: number;
  /** Road rows written (a MultiLineString gives one per part). */
  imported: number;
  committed: boolean;
  fileError: string | null;
  fileErrorZh: string | null;
  rejected: FeatureRefusal[];
  properties: string[];
  mapping: { property: string; field: RoadField | null }[];
  preview?: { feature: number; line: number | null; name: string; roadClass: RoadClass; km: number; parts: number }[];
  /** Stored roads removed (replace mode) and kilometres per class written. */
  removed?: number;
  kmByClass?: Partial<Record<RoadClass, number>>;
}

const key = (name: string, cls: string, line: readonly (readonly number[])[]) => `${name}|${cls}|${line.map((p) => `${p[0].toFixed(6)},${p[1].toFixed(6)}`).join(';')}`;

export async function importRoads(db: Database, bytes: Uint8Array, o: RoadImportOptions): Promise<RoadImportReport> {
  const progress = o.onProgress ?? (() => {});
  const report: RoadImportReport = { features: 0, valid: 0, imported: 0, committed: false, fileError: null, fileErrorZh: null, rejected: [], properties: [], mapping: [] };
  progress('parsing', 0, 1);
  const file = readFeatureFile(bytes, o.encoding);
  if ('refusal' in file) return { ...report, ...fileErrorOf(file.refusal) };
  const { features } = file;
  report.features = features.length;
  report.properties = file.properties;
  const { field, mapping } = mapProperties(report.properties, ALIASES, o.mapping);
  report.mapping = mapping;
  if (field.class === undefined) return { ...report, ...fileErrorOf(msg.noRoadClassProperty(report.properties)) };

  const ctx = await countyContext(db);
  const [bx0, by0, bx1, by1] = ctx.bbox;
  const stored = o.mode === 'append' ? new Set((await db.query<{ name: string; class: string; geojson: string }>('SELECT name, class, geojson FROM roads')).map((r) => key(r.name, r.class, JSON.parse(r.geojson).coordinates))) : new Set<string>();
  const seen = new Map<string, number>();
  const rows: RoadRow[] = [];
  for (let k = 0; k < features.length; k++) {
    if (k % 200 === 0) { progress('checking', k, features.length); await breathe(); }
    const f = features[k];
    const name = field.name !== undefined ? propText(f.properties[field.name]) : '';
    const refuse = (m: Msg) => void report.rejected.push(featureRefusal(f.index, f.line, name || null, m));
    if (f.notAFeature) { refuse(msg.notAFeature(f.notAFeature)); continue; }
    const clsText = propText(f.properties[field.class]);
    const roadClass = CLASS_LOOKUP.get(clsText) ?? CLASS_LOOKUP.get(clsText.toLowerCase());
    if (!clsText) { refuse(msg.missingRoadClass(field.class)); continue; }
    if (!roadClass) { refuse(msg.unknownRoadClass(clsText, ROAD_CLASSES.map((c) => ROAD_CLASS_INFO[c].zh), ROAD_CLASSES)); continue; }
    const g = f.geometry as LineString | MultiLineString | null;
    if (!g || (g.type !== 'LineString' && g.type !== 'MultiLineString')) { refuse(msg.notLine(String((g as { type?: unknown } | null)?.type))); continue; }
    const parts = (g.type === 'LineString' ? [g.coordinates] : g.coordinates) as unknown[];
    const problem = partsProblem(parts);
    if (problem) { refuse(problem); continue; }
    const raw = parts as number[][][];
    const pts = raw.flat();
    const inCounty = (p: LonLat) => p[0] >= bx0 && p[0] <= bx1 && p[1] >= by0 && p[1] <= by1 && ctx.inCounty(p[0], p[1]);
    const inRange = (x: number, y: number) => x >= -180 && x <= 180 && y >= -90 && y <= 90;
    if (!pts.some((p) => inRange(p[0], p[1]) && inCounty(toWgs84(p[0], p[1], o.crs)))) {
      const swapped = pts.some((p) => inRange(p[1], p[0]) && inCounty(toWgs84(p[1], p[0], o.crs)));
      const bad = pts.find((p) => !inRange(p[0], p[1]));
      refuse(swapped ? msg.swappedFirst(pts[0][0], pts[0][1]) : bad ? msg.positionOutOfRange(bad[0], bad[1]) : msg.lineOutside(ctx.name, pts[0][0], pts[0][1], o.crs));
      continue;
    }
    const bad = pts.find((p) => !inRange(p[0], p[1]));
    if (bad) { refuse(msg.positionOutOfRange(bad[0], bad[1])); continue; }
    const lines = raw.map((part) => part.map((p) => toWgs84(p[0], p[1], o.crs).map((x) => Math.round(x * 1e7) / 1e7) as LonLat));
    const k0 = key(name, roadClass, lines.flat());
    const dup = seen.get(k0);
    if (dup !== undefined) { refuse(msg.duplicateFeature(dup)); continue; }
    seen.set(k0, f.index);
    if (lines.some((l) => stored.has(key(name, roadClass, l)))) { refuse(msg.roadStored(name || null, ROAD_CLASS_INFO[roadClass].zh)); continue; }
    for (const line of lines) {
      const lengthM = lineLengthMeters(line);
      const mid = pointAlong(line, lengthM / 2);
      rows.push({ feature: f.index, fileLine: f.line, name: name || `${ROAD_CLASS_INFO[roadClass].zh}（未命名）`, roadClass, line, lengthM, townshipCode: roadClass === 'railway' ? null : ctx.grids.locate(mid[0], mid[1])?.townshipCode ?? null });
    }
  }
  progress('checking', features.length, features.length);
  report.rejected.sort((a, b) => a.feature - b.feature);
  const validFeatures = new Set(rows.map((r) => r.feature));
  report.valid = validFeatures.size;
  const km: Partial<Record<RoadClass, number>> = {};
  for (const r of rows) km[r.roadClass] = Math.round(((km[r.roadClass] ?? 0) + r.lengthM / 1000) * 10) / 10;
  report.kmByClass = km;
  const byFeature = new Map<number, RoadRow[]>();
  for (const r of rows) byFeature.set(r.feature, [...(byFeature.get(r.feature) ?? []), r]);
  report.preview = [...byFeature.values()].slice(0, 500).map((rs) => ({ feature: rs[0].feature, line: rs[0].fileLine, name: rs[0].name, roadClass: rs[0].roadClass, km: Math.round(rs.reduce((s, r) => s + r.lengthM, 0) / 100) / 10, parts: rs.length }));
  const classes = [...new Set(rows.map((r) => r.roadClass))];
  if (o.mode === 'replace' && classes.length) {
    const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::INTEGER n FROM roads WHERE class IN (${classes.map(() => '?').join(',')})`, classes);
    report.removed = n;
  }
  if (o.dryRun || (report.rejected.length && !o.partial) || rows.length === 0) return report;

  return withWriteLock(db, async () => {
    await db.transaction(async (con) => {
      progress('writing', 0, rows.length);
      if (o.mode === 'replace') await con.run('DELETE FROM roads WHERE list_contains(?::VARCHAR[], class)', [listValue(classes)]);
      const [{ m }] = (await con.runAndReadAll('SELECT coalesce(max(id), 0)::INTEGER m FROM roads')).getRowObjectsJS() as { m: number }[];
      const a = await con.createAppender('roads');
      rows.forEach((r, i) => {
        a.appendInteger(Number(m) + i + 1);
        a.appendVarchar(r.name);
        a.appendVarchar(r.roadClass);
        a.appendDouble(r.lengthM);
        if (r.townshipCode) a.appendVarchar(r.townshipCode); else a.appendNull();
        const xs = r.line.map((p) => p[0]), ys = r.line.map((p) => p[1]);
        for (const v of [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]) a.appendDouble(v);
        a.appendVarchar(JSON.stringify({ type: 'LineString', coordinates: r.line }));
        a.endRow();
      });
      a.closeSync();
      progress('writing', rows.length, rows.length);
      await o.audit?.(con, { imported: rows.length, refused: report.rejected.length });
      if (o.beforeCommit) await o.beforeCommit();
    });
    afterImport(db, ['roads']);
    return { ...report, imported: rows.length, committed: true };
  });
}

/** Lines as nested arrays of finite number pairs, each with at least 2 distinct positions. */
function partsProblem(parts: unknown[]): Msg | null {
  if (!Array.isArray(parts) || parts.length === 0) return msg.lineNoCoordinates();
  for (const part of parts) {
    if (!Array.isArray(part)) return msg.lineNotPositions();
    for (const p of part)
      if (!Array.isArray(p) || typeof p[0] !== 'number' || typeof p[1] !== 'number' || !Number.isFinite(p[0]) || !Number.isFinite(p[1]))
        return msg.positionNotNumbers(JSON.stringify(p)?.slice(0, 40) ?? String(p));
    if (new Set((part as number[][]).map((p) => `${p[0]},${p[1]}`)).size < 2) return msg.lineTooShort();
  }
  return null;
}

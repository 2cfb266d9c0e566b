// Imports the jurisdiction's police stations (派出所, 公安局, 警务站): the starting points of patrol routes and
// of the response rings (isochrones), which a county on its own data has none of until it imports them. A CSV
// or .xlsx table (名称, 类型, 地址, 经度, 纬度, 警力) or a GeoJSON FeatureCollection of points (the same
// properties). Every problem of a row is listed on its own (no name, a kind or unit count out of range,
// coordinates that are not numbers, outside the jurisdiction or swapped, an address that does not geocode, a
// name twice in the file or already stored); a row without coordinates is located from its address by the
// county's geocoder. Dry run, partial, one transaction; mode=replace swaps the whole list (stations are
// referred to by id only in a request, never stored elsewhere). Stations move the patrol data (the 'sites'
// data version, which patrol.data.ts follows).
import type { MultiPolygon, Polygon } from 'geojson';
import type { CrsId } from '../analysis/crs.js';
import { BinnedLocator } from '../analysis/binned-locator.js';
import { toWgs84 } from '../analysis/crs.js';
import type { Database } from '../db/database.js';
import { countyContext } from './county-context.js';
import { forEachCsvRow } from './csv-lines.js';
import { ImportFileError, rejectedCsv, type RejectedRow } from './incident-rows.js';
import { AREAS_CHANGED, areasChangedSince, areasVersion, withWriteLock } from './write-lock.js';
import { afterImport } from './after-import.js';
import type { CommitAudit } from '../auth/audit.js';
import { decodeTable, isXlsx } from './xlsx-table.js';
import { propText, readFeatureFile } from './geojson-features.js';
import type { StationField } from '../../shared/domain/import-fields.js';
import { fileErrorOf, msg, rowRefusal, type Msg } from './import-messages.js';

// one entry per shared field (a field added there fails to compile here until it has its header names)
const ALIASES: Record<StationField, string[]> = {
  name: ['name', '名称', '单位名称', '派出所', '派出所名称', '机构名称'],
  kind: ['kind', 'type', '类型', '类别', '机构类型'],
  address: ['address', '地址', '详细地址', '办公地址'],
  lon: ['lon', 'lng', 'longitude', '经度'],
  lat: ['lat', 'latitude', '纬度'],
  units: ['units', '警力', '巡逻组', '巡逻组数', '车组', '警车'],
};
const FIELD_ZH: Record<StationField, string> = { name: '名称', kind: '类型', address: '地址', lon: '经度', lat: '纬度', units: '警力' };
export const STATION_KINDS = ['bureau', 'station', 'post'] as const;
export type StationKind = (typeof STATION_KINDS)[number];
const KIND_ZH: Record<StationKind, string> = { bureau: '公安局', station: '派出所', post: '警务站' };
const KIND = new Map<string, StationKind>([...STATION_KINDS.map((k) => [k, k] as const), ...STATION_KINDS.map((k) => [KIND_ZH[k], k] as const), ['分局', 'bureau'], ['警务室', 'post'], ['治安岗亭', 'post']]);
const norm = (h: string) => h.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s_\-（）()]/g, '');
const MAX_UNITS = 50;

export interface StationRow { line: number; raw: string; name: string; kind: StationKind; address: string | null; lon: number; lat: number; units: number; townshipCode: string | null; geocoded: boolean }
export interface StationImportReport { imported: number; valid: number; committed: boolean; rejected: RejectedRow[]; fileError: string | null; fileErrorZh: string | null; rejectedCsv?: string; removed?: number; preview?: Omit<StationRow, 'raw'>[] }

/** A row of the file as the checks read it: the table's cells by field, or a GeoJSON point's properties. */
interface SourceRow { line: number; raw: string; get: (f: StationField) => string; point?: [number, number] | 'not-a-point'; cells?: { expected: number; got: number } }

export async function importStations(db: Database, bytes: Uint8Array, o: { crs: CrsId; partial?: boolean; dryRun?: boolean; encoding?: 'utf-8' | 'gbk'; mode?: 'append' | 'replace'; audit?: CommitAudit }): Promise<StationImportReport> {
  const areasSeen = areasVersion(db);
  const ctx = await countyContext(db);
  const report: StationImportReport = { imported: 0, valid: 0, committed: false, rejected: [], fileError: null, fileErrorZh: null };
  const source = await sourceRows(bytes, o.encoding);
  if ('refusal' in source) return { ...report, ...fileErrorOf(source.refusal) };
  const stored = o.mode === 'replace' ? [] : await db.query<{ name: string }>('SELECT name FROM police_stations');
  const storedNames = new Set(stored.map((s) => s.name));
  const townships = await db.query<{ code: string; geojson: string }>('SELECT code, geojson FROM townships ORDER BY code');
  const townshipOf = townships.length ? new BinnedLocator(townships.map((t) => ({ geometry: JSON.parse(t.geojson) as Polygon | MultiPolygon, value: t.code }))) : null;
  const rows: StationRow[] = [];
  const firstLine = new Map<string, number>();
  for (const r of source.rows) {
    if (r.cells) { report.rejected.push(rowRefusal(r.line, msg.fieldCount(r.cells.expected, r.cells.got), r.raw)); continue; }
    const problems: Msg[] = [];
    const name = r.get('name');
    if (!name) problems.push(msg.missingName());
    const kindText = r.get('kind');
    const kind = kindText ? KIND.get(kindText) ?? KIND.get(kindText.toLowerCase()) : 'station';
    if (!kind) problems.push(msg.unknownKind(kindText, STATION_KINDS.map((k) => KIND_ZH[k])));
    const unitsText = r.get('units');
    const units = unitsText ? Number(unitsText) : 2;
    if (!Number.isInteger(units) || units < 1 || units > MAX_UNITS) problems.push(msg.numberOutOfRange('units', FIELD_ZH.units, unitsText, 1, MAX_UNITS));
    const address = r.get('address') || null;
    let lon = NaN, lat = NaN, geocoded = false;
    if (r.point === 'not-a-point') problems.push(msg.stationNotPoint());
    else {
      const lonText = r.point ? String(r.point[0]) : r.get('lon'), latText = r.point ? String(r.point[1]) : r.get('lat');
      if (lonText || latText) {
        const x = Number(lonText), y = Number(latText);
        if (!lonText || !latText || !Number.isFinite(x) || !Number.isFinite(y)) problems.push(msg.coordinatesNotNumbers(lonText, latText));
        else {
          [lon, lat] = toWgs84(x, y, o.crs);
          if (!ctx.inCounty(lon, lat)) problems.push(ctx.inCounty(...toWgs84(y, x, o.crs)) ? msg.swapped(x, y) : msg.pointOutside(x, y, o.crs, ctx.name));
        }
      } else if (address) {
        const g = ctx.geocode(address);
        if (g.ok) [lon, lat, geocoded] = [g.lon, g.lat, true];
        else problems.push(msg.notGeocoded(address));
      } else problems.push(msg.noLocation());
    }
    if (name) {
      const first = firstLine.get(name);
      if (first !== undefined) problems.push(msg.stationNameInFile(name, first));
      else firstLine.set(name, r.line);
      if (storedNames.has(name)) problems.push(msg.stationInDatabase(name));
    }
    if (problems.length) { report.rejected.push(rowRefusal(r.line, problems, r.raw)); continue; }
    const townshipCode = ctx.grids.locate(lon, lat)?.townshipCode ?? townshipOf?.locate(lon, lat) ?? null;
    rows.push({ line: r.line, raw: r.raw, name, kind: kind!, address, lon, lat, units, townshipCode, geocoded });
  }
  report.valid = rows.length;
  if (report.rejected.length) report.rejectedCsv = rejectedCsv(report.rejected);
  if (o.dryRun) return { ...report, preview: rows.slice(0, 20).map(({ raw: _raw, ...r }) => r) };
  if ((report.rejected.length && !o.partial) || rows.length === 0) return report;
  return withWriteLock(db, async () => {
    if (areasChangedSince(db, areasSeen)) return { ...report, ...fileErrorOf(AREAS_CHANGED) };
    let removed = 0;
    await db.transaction(async (con) => {
      if (o.mode === 'replace') {
        const [{ n }] = (await con.runAndReadAll('SELECT count(*)::INTEGER n FROM police_stations')).getRowObjectsJS() as { n: number }[];
        removed = Number(n);
        await con.run('DELETE FROM police_stations');
      }
      const [{ m }] = (await con.runAndReadAll('SELECT coalesce(max(id), 0)::INTEGER m FROM police_stations')).getRowObjectsJS() as { m: number }[];
      const a = await con.createAppender('police_stations');
      rows.forEach((r, i) => {
        a.appendInteger(Number(m) + i + 1);
        a.appendVarchar(r.name);
        a.appendVarchar(r.kind);
        a.appendDouble(r.lon);
        a.appendDouble(r.lat);
        if (r.townshipCode) a.appendVarchar(r.townshipCode); else a.appendNull();
        a.appendInteger(r.units);
        a.endRow();
      });
      a.closeSync();
      await o.audit?.(con, { imported: rows.length, refused: report.rejected.length });
    });
    // Patrol data (stations, road graph) is kept by the 'sites' data version: stations are sites of the patrol tab.
    afterImport(db, ['sites']);
    return { ...report, imported: rows.length, committed: true, removed };
  });
}

/** The file's rows: a GeoJSON FeatureCollection of points, or a table (CSV, .xlsx) with a header row. */
async function sourceRows(bytes: Uint8Array, encoding: 'utf-8' | 'gbk' | undefined): Promise<{ rows: SourceRow[] } | { refusal: Msg }> {
  let i = 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09 || bytes[i] === 0xef || bytes[i] === 0xbb || bytes[i] === 0xbf)) i++;
  if (!isXlsx(bytes) && bytes[i] === 0x7b /* { */) {
    const file = readFeatureFile(bytes, encoding);
    if ('refusal' in file) return file;
    const key = (f: StationField) => file.properties.find((p) => ALIASES[f].includes(norm(p)));
    const keys = Object.fromEntries((Object.keys(ALIASES) as StationField[]).map((f) => [f, key(f)])) as Record<StationField, string | undefined>;
    return {
      rows: file.features.map((f) => {
        const g = f.geometry as { type?: string; coordinates?: unknown } | null;
        const c = g?.type === 'Point' && Array.isArray(g.coordinates) ? (g.coordinates as unknown[]) : null;
        const point: SourceRow['point'] = c && typeof c[0] === 'number' && typeof c[1] === 'number' ? [c[0], c[1]] : 'not-a-point';
        return { line: f.line ?? f.index, raw: JSON.stringify(f.properties).slice(0, 1000), get: (fld: StationField) => (keys[fld] ? propText(f.properties[keys[fld]!]) : ''), point };
      }),
    };
  }
  let text: string;
  try {
    text = await decodeTable(bytes, encoding);
  } catch (e) {
    if (e instanceof ImportFileError) return { refusal: e.msg };
    throw e;
  }
  const rows: SourceRow[] = [];
  let col: Partial<Record<StationField, number>> | null = null, width = 0;
  let refusal: Msg | null = null;
  forEachCsvRow(text, (cells, line, raw) => {
    if (!col) {
      col = {};
      width = cells.length;
      cells.forEach((h, i) => { for (const f of Object.keys(ALIASES) as StationField[]) if (col![f] === undefined && ALIASES[f].includes(norm(h))) col![f] = i; });
      const missing = (['name'] as const).filter((f) => col![f] === undefined);
      if (col.lon === undefined && col.address === undefined) missing.push('lon' as never);
      if (missing.length) { refusal = msg.missingColumns(missing, FIELD_ZH); return false; }
      return;
    }
    const c = col;
    if (cells.length !== width) { rows.push({ line, raw, get: () => '', cells: { expected: width, got: cells.length } }); return; }
    rows.push({ line, raw, get: (f) => (c[f] === undefined ? '' : (cells[c[f]!] ?? '').trim()) });
  });
  if (refusal) return { refusal };
  if (!col) return { refusal: msg.emptyFile() };
  return { rows };
}

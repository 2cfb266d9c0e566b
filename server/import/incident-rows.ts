// Reads an incident CSV into validated rows: text decoding (UTF-8, with GBK detected and named), header
// mapping (Chinese and English aliases), and a check of every row — required fields, dates (Asia/Shanghai
// when no zone is given), categories (ids or Chinese labels), coordinates in the declared CRS converted to
// WGS-84 and required inside the county, swapped latitude/longitude detected, address-only rows geocoded,
// duplicate ids within the file. Nothing is silently dropped or fixed: each refused row comes back with its
// line number (1 = header line), the reason and its raw text.
import { csvFile } from '../http/csv.js';
import { toWgs84, type CrsId } from '../analysis/crs.js';
import type { GeocodeResult } from '../analysis/geocoder.js';
import { CATEGORY_INFO, INCIDENT_CATEGORIES, INCIDENT_STATUSES, STATUS_ZH, type IncidentCategory, type IncidentStatus } from '../../shared/domain/categories.js';
import { forEachCsvRow, forEachCsvRowAsync } from './csv-lines.js';
import { parseTimestamp } from './timestamps.js';
import type { ValueResolver } from './value-mapping.js';
import { msg, rowRefusal, type Msg, type RowRefusal } from './import-messages.js';

import { IMPORT_FIELDS, type ImportField } from '../../shared/domain/import-fields.js';
export { IMPORT_FIELDS, type ImportField };

/** Header aliases, compared after trimming, lower-casing and dropping spaces, underscores and brackets. */
export const HEADER_ALIASES: Record<ImportField, string[]> = {
  id: ['id', '编号', '事件编号', '案件编号', '工单号', 'no', 'incidentid'],
  category: ['category', '类别', '事件类别', '类型', '事件类型', 'type'],
  reported_at: ['reportedat', '时间', '上报时间', '发生时间', '报告时间', '登记时间', 'time', 'datetime', 'date'],
  lon: ['lon', 'lng', 'long', 'longitude', '经度', 'x'],
  lat: ['lat', 'latitude', '纬度', 'y'],
  address: ['address', '地址', '详细地址', '事发地址', '发生地点', '地点'],
  title: ['title', 'description', '描述', '标题', '事件描述', '内容', '事件名称'],
  status: ['status', '状态', '办理状态', '处置状态'],
  closed_at: ['closedat', '办结时间', '结案时间'],
};
const normHeader = (h: string) => h.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s_\-（）()]/g, '');

export interface GeoServices {
  countyName: string;
  inCounty(lon: number, lat: number): boolean;
  locate(lon: number, lat: number): { code: string; villageCode: string; townshipCode: string } | undefined;
  geocode(address: string): GeocodeResult;
}

export interface ParsedIncident {
  line: number;
  raw: string;
  externalId: string | null;
  /** A code of the jurisdiction's vocabulary (the categories table). */
  category: string;
  title: string | null;
  address: string | null;
  lon: number;
  lat: number;
  gridCode: string;
  villageCode: string;
  townshipCode: string;
  reportedAt: number; // UTC ms
  closedAt: number | null;
  status: IncidentStatus;
  geocode: { level: string; confidence: number } | null;
}

/** A refused row: `reason` in English (logs, scripts), `reasonZh` for the clerk (import-messages.ts); `reasons`
 * lists each problem. */
export type RejectedRow = RowRefusal;

export interface ParseOutcome {
  /** Header → field, as used (and headers ignored). */
  mapping: { header: string; field: ImportField | null }[];
  rows: ParsedIncident[];
  rejected: RejectedRow[];
  /** The id of every data row that has one (refused rows too: an id already stored is one more reason). */
  ids: { line: number; id: string }[];
  /** A problem with the whole file (encoding, header): no row can be read. English and Chinese. */
  fileError: string | null;
  fileErrorZh: string | null;
  /** Distinct category and status texts of the rows, with their row counts (the dialog's value mapping). */
  values: { category: Map<string, number>; status: Map<string, number> };
}

/** A whole-file problem; `message` is the English, `msg` both languages. */
export class ImportFileError extends Error {
  constructor(readonly msg: Msg) {
    super(msg.en);
  }
}

/** Bytes → text. UTF-8 (BOM stripped) unless told otherwise; GBK bytes are recognised and named. */
export function decodeCsv(bytes: Uint8Array, encoding: 'utf-8' | 'gbk' = 'utf-8'): string {
  if (looksUtf16(bytes)) throw new ImportFileError(msg.utf16());
  if (encoding === 'gbk') return new TextDecoder('gb18030').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    let looksGbk = false;
    try {
      const t = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
      looksGbk = /[\u4e00-\u9fff]/.test(t);
    } catch { /* neither */ }
    throw new ImportFileError(looksGbk ? msg.notUtf8ButGbk() : msg.notText());
  }
}

/** UTF-16 text: a byte-order mark (FF FE / FE FF), or NUL bytes in every other position of the first bytes
 * (ASCII in UTF-16 without a mark). UTF-8 and GBK text has no NUL bytes. */
function looksUtf16(b: Uint8Array): boolean {
  if (b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))) return true;
  const n = Math.min(b.length, 512) & ~1;
  if (n < 4) return false;
  let even = 0, odd = 0;
  for (let i = 0; i < n; i += 2) { if (b[i] === 0) even++; if (b[i + 1] === 0) odd++; }
  return Math.max(even, odd) > n / 2 / 4;
}

const CATEGORY_LOOKUP = new Map<string, IncidentCategory>();
for (const c of INCIDENT_CATEGORIES) {
  CATEGORY_LOOKUP.set(c, c);
  CATEGORY_LOOKUP.set(CATEGORY_INFO[c].zh, c);
  CATEGORY_LOOKUP.set(CATEGORY_INFO[c].en.toLowerCase(), c);
}
for (const [alias, c] of Object.entries({ 诈骗: 'fraud', 纠纷: 'dispute', 刑事案件: 'criminal', 治安: 'public_order', 隐患: 'hazard', 民生: 'livelihood', 交通: 'traffic', 突发: 'emergency' } as const)) CATEGORY_LOOKUP.set(alias, c);
const STATUS_LOOKUP = new Map<string, IncidentStatus>();
for (const s of INCIDENT_STATUSES) STATUS_LOOKUP.set(s, s), STATUS_LOOKUP.set(STATUS_ZH[s], s);
// The words case systems and the seed documents use for the workflow's steps (reported → accepted →
// dispatched → handled → checked → closed), compared after dropping spaces and lower-casing.
const STATUS_ALIASES: Record<string, IncidentStatus> = {
  上报: 'reported', 已上报: 'reported', 登记: 'reported', 待受理: 'reported', 待处理: 'reported', 未处理: 'reported', 新建: 'reported', 待办: 'reported',
  pending: 'reported', new: 'reported', open: 'reported',
  受理: 'accepted', 已接收: 'accepted', 已签收: 'accepted', 签收: 'accepted', 待分派: 'accepted', 待派单: 'accepted', 待派遣: 'accepted',
  处理中: 'dispatched', 办理中: 'dispatched', 处置中: 'dispatched', 已分派: 'dispatched', 分派: 'dispatched', 派遣: 'dispatched', 已派单: 'dispatched', 派单: 'dispatched',
  已派发: 'dispatched', 已转办: 'dispatched', 已交办: 'dispatched', assigned: 'dispatched', inprogress: 'dispatched', in_progress: 'dispatched',
  处置: 'handled', 已处理: 'handled', 待审核: 'handled', 审核中: 'handled',
  审核: 'checked', 已核查: 'checked', 待办结: 'checked',
  办结: 'closed', 已结案: 'closed', 结案: 'closed', 已完成: 'closed', 完成: 'closed', 已解决: 'closed', 已化解: 'closed', 已关闭: 'closed', 关闭: 'closed', 已归档: 'closed',
  done: 'closed', resolved: 'closed',
};
for (const [alias, s] of Object.entries(STATUS_ALIASES)) STATUS_LOOKUP.set(alias, s);
/** A status cell as a workflow status, or undefined when it is none of the known words. */
export const parseStatus = (text: string): IncidentStatus | undefined => {
  const t = text.replace(/\s+/g, '');
  return STATUS_LOOKUP.get(t) ?? STATUS_LOOKUP.get(t.toLowerCase());
};

/** A date-time as UTC ms; no zone means Asia/Shanghai. Null when not a real time. (timestamps.ts) */
export const parseLocalTime = (text: string): number | null => parseTimestamp(text);

export interface ParseOptions {
  crs: CrsId;
  /** Field → header, overriding the automatic mapping. */
  mapping?: Partial<Record<ImportField, string>>;
  /** Latest acceptable report time (UTC ms); later rows are refused as in the future. */
  now?: number;
  /** The zone of times written without one (IANA name); Asia/Shanghai by default. */
  timeZone?: string;
  /** The jurisdiction's category vocabulary and the import's value mapping (value-mapping.ts); the eleven
   * built-in categories and statuses when absent. */
  vocabulary?: { categories: ValueResolver<string>; statuses: ValueResolver<IncidentStatus>; categoryNames: { zh: string[]; codes: string[] } };
}

export function parseIncidentCsv(text: string, geo: GeoServices, options: ParseOptions): ParseOutcome {
  const p = incidentParser(geo, options);
  forEachCsvRow(text, p.step);
  return p.finish();
}

/** The same parse, pausing every `every` rows to report progress and let the event loop answer other requests
 * (progress polls) — a 100,000-row file takes seconds to check and geocode. */
export async function parseIncidentCsvAsync(text: string, geo: GeoServices, options: ParseOptions, onProgress: (rows: number, totalRows: number, geocoded: number) => void, every = 2000): Promise<ParseOutcome> {
  const p = incidentParser(geo, options);
  let total = 0;
  for (let k = text.indexOf('\n'); k !== -1; k = text.indexOf('\n', k + 1)) total++;
  let n = 0;
  await forEachCsvRowAsync(text, (cells, line, raw) => (n++, p.step(cells, line, raw)), every, (rows) => onProgress(rows, Math.max(total, rows), p.geocoded()));
  const out = p.finish();
  onProgress(n, n, p.geocoded());
  return out;
}

function incidentParser(geo: GeoServices, options: ParseOptions) {
  const rows: ParsedIncident[] = [];
  const rejected: RejectedRow[] = [];
  let header: string[] | null = null;
  let mapping: ParseOutcome['mapping'] = [];
  let col: Partial<Record<ImportField, number>> = {};
  let fileError: Msg | null = null;
  const seenIds = new Map<string, number>();
  const ids: { line: number; id: string }[] = [];
  const now = options.now ?? Date.now() + 86400000;
  const geocodeCache = new Map<string, GeocodeResult>();
  let geocodedRows = 0;
  const values: ParseOutcome['values'] = { category: new Map(), status: new Map() };
  const count = (m: Map<string, number>, v: string) => { if (v && (m.size < 5000 || m.has(v))) m.set(v, (m.get(v) ?? 0) + 1); };

  return {
    geocoded: () => geocodedRows,
    /** One CSV row; false stops the reading (a header that cannot be used). */
    step: (cells: string[], line: number, raw: string): boolean | void => {
      if (!header) {
        header = cells.map((h) => h.trim());
        const built = buildMapping(header, options.mapping);
        mapping = built.mapping;
        col = built.col;
        const missing: string[] = [];
        if (col.category === undefined) missing.push('类别/category');
        if (col.reported_at === undefined) missing.push('时间/reported_at');
        if ((col.lon === undefined || col.lat === undefined) && col.address === undefined) missing.push('经度/lon + 纬度/lat, or 地址/address');
        if (missing.length) {
          fileError = msg.missingColumnsFound(missing, header);
          return false;
        }
        return;
      }
      // Misaligned cells make every other check meaningless: that one reason alone.
      if (cells.length !== header.length) return void rejected.push(rowRefusal(line, [msg.fieldCountHint(header.length, cells.length)], raw));
      const get = (f: ImportField) => (col[f] === undefined ? '' : (cells[col[f]!] ?? '').trim());
      count(values.category, get('category'));
      count(values.status, get('status'));
      const { row, problems } = checkRow(get, geo, options, now, geocodeCache);
      // A repeated id is a problem of the file whichever of the two rows is otherwise bad.
      const id = get('id');
      if (id) {
        const first = seenIds.get(id);
        if (first !== undefined) problems.push(msg.duplicateIdInFile(id, first));
        else seenIds.set(id, line);
        ids.push({ line, id });
      }
      if (problems.length || !row) return void rejected.push(rowRefusal(line, problems, raw));
      if (row.geocode) geocodedRows++;
      rows.push({ ...row, line, raw });
    },
    finish: (): ParseOutcome => {
      if (!header && !fileError) fileError = msg.emptyFile();
      else if (!fileError && rows.length === 0 && rejected.length === 0) fileError = msg.headerOnly();
      return { mapping, rows, rejected, ids, fileError: fileError?.en ?? null, fileErrorZh: fileError?.zh ?? null, values };
    },
  };
}

function buildMapping(header: string[], override: ParseOptions['mapping']) {
  const col: Partial<Record<ImportField, number>> = {};
  const mapping: ParseOutcome['mapping'] = header.map((h) => ({ header: h, field: null }));
  const take = (f: ImportField, i: number) => {
    if (col[f] !== undefined || mapping[i].field) return;
    col[f] = i;
    mapping[i].field = f;
  };
  for (const [f, h] of Object.entries(override ?? {}) as [ImportField, string][]) {
    const i = header.findIndex((x) => x === h || normHeader(x) === normHeader(h));
    if (i >= 0) take(f, i);
  }
  header.forEach((h, i) => {
    const n = normHeader(h);
    for (const f of IMPORT_FIELDS) if (HEADER_ALIASES[f].includes(n)) take(f, i);
  });
  return { col, mapping };
}

/** Longest title (描述) and address kept; longer cells are refused with their length. */
export const MAX_TITLE_CHARS = 1000;
export const MAX_ADDRESS_CHARS = 200;

/** Every check of a row's cells: the incident when all pass, otherwise every problem found (a row with a bad
 * status and a swapped point names both). A check that needs an earlier value (the closing time needs the
 * report time) is skipped when that value is already refused. */
function checkRow(get: (f: ImportField) => string, geo: GeoServices, options: ParseOptions, now: number, cache: Map<string, GeocodeResult>): { row: Omit<ParsedIncident, 'line' | 'raw'> | null; problems: Msg[] } {
  const problems: Msg[] = [];
  const crs = options.crs, vocab = options.vocabulary, timeZone = options.timeZone;
  const categoryText = get('category');
  const category = !categoryText ? undefined : vocab ? vocab.categories.resolve(categoryText)?.value : CATEGORY_LOOKUP.get(categoryText) ?? CATEGORY_LOOKUP.get(categoryText.toLowerCase());
  if (!categoryText) problems.push(msg.missingCategory());
  else if (!category) problems.push(vocab ? msg.unknownCategory(categoryText, vocab.categoryNames.zh, vocab.categoryNames.codes) : msg.unknownCategory(categoryText, INCIDENT_CATEGORIES.map((c) => CATEGORY_INFO[c].zh), INCIDENT_CATEGORIES));
  const timeText = get('reported_at');
  let reportedAt: number | null = null;
  if (!timeText) problems.push(msg.missingTime());
  else {
    const t = parseTimestamp(timeText, timeZone);
    if (t === null) problems.push(msg.timeNotDate(timeText));
    else if (t > now) problems.push(msg.timeInFuture(timeText));
    else if (t < Date.UTC(2000, 0, 1)) problems.push(msg.timeBefore2000(timeText));
    else reportedAt = t;
  }
  const statusText = get('status');
  const status = !statusText ? 'reported' : vocab ? vocab.statuses.resolve(statusText)?.value : parseStatus(statusText);
  if (!status) problems.push(msg.unknownStatus(statusText, INCIDENT_STATUSES.map((s) => STATUS_ZH[s])));
  const closedText = get('closed_at');
  let closedAt: number | null = null;
  if (closedText) {
    closedAt = parseTimestamp(closedText, timeZone);
    if (closedAt === null) problems.push(msg.closingNotDate(closedText));
    else if (reportedAt !== null && closedAt < reportedAt) problems.push(msg.closingBeforeReport());
  }
  const title = get('title') || null;
  if (title && title.length > MAX_TITLE_CHARS) problems.push(msg.tooLong('title', '描述', title.length, MAX_TITLE_CHARS));
  const address = get('address') || null;
  if (address && address.length > MAX_ADDRESS_CHARS) problems.push(msg.tooLong('address', '地址', address.length, MAX_ADDRESS_CHARS));
  const place = locateRow(get('lon'), get('lat'), address && address.length <= MAX_ADDRESS_CHARS ? address : null, geo, crs, cache);
  if ('en' in place) problems.push(place);
  if (problems.length || 'en' in place || !category || reportedAt === null || !status) return { row: null, problems };
  const id = get('id');
  return { row: { externalId: id || null, category, title, address, ...place, reportedAt, closedAt, status }, problems };
}

/** The row's point (given, or geocoded from its address) and its grid; or why there is none. */
function locateRow(lonText: string, latText: string, address: string | null, geo: GeoServices, crs: CrsId, cache: Map<string, GeocodeResult>):
  Pick<ParsedIncident, 'lon' | 'lat' | 'gridCode' | 'villageCode' | 'townshipCode' | 'geocode'> | Msg {
  let lon: number, lat: number;
  let geocode: ParsedIncident['geocode'] = null;
  if (lonText || latText) {
    if (!lonText || !latText) return msg.oneCoordinate(lonText, latText);
    const x = Number(lonText), y = Number(latText);
    if (!Number.isFinite(x) || !Number.isFinite(y)) return msg.coordinatesNotNumbers(lonText, latText);
    if (Math.abs(x) > 180 || Math.abs(y) > 90) {
      if (Math.abs(y) <= 180 && Math.abs(x) <= 90) return swapped(x, y, crs, geo);
      return msg.notDegrees(x, y);
    }
    [lon, lat] = toWgs84(x, y, crs);
    if (!geo.inCounty(lon, lat)) {
      const [sx, sy] = toWgs84(y, x, crs);
      if (geo.inCounty(sx, sy)) return swapped(x, y, crs, geo);
      return msg.pointOutside(x, y, crs, geo.countyName);
    }
  } else if (address) {
    // House numbers do not move the point (no address points are known): one geocode per address shape.
    const key = address.replace(/\d+/g, '#');
    let g = cache.get(key);
    if (!g) cache.set(key, (g = geo.geocode(address)));
    if (g.outside) return msg.notGeocodedOutside(address, g.outsideUnit?.name ?? '');
    if (!g.ok || g.confidence < 0.5) return g.ambiguous ? msg.notGeocodedAmbiguous(address) : g.ok ? msg.notGeocodedConfidence(address, g.level, g.confidence) : msg.notGeocoded(address);
    [lon, lat] = [g.lon, g.lat];
    geocode = { level: g.level, confidence: g.confidence };
  } else return msg.noLocation();
  const grid = geo.locate(lon, lat);
  if (!grid) return msg.inNoGrid(lon.toFixed(6), lat.toFixed(6), geo.countyName);
  return { lon, lat, gridCode: grid.code, villageCode: grid.villageCode, townshipCode: grid.townshipCode, geocode };
}

function swapped(x: number, y: number, crs: CrsId, geo: GeoServices): Msg {
  const [sx, sy] = toWgs84(y, x, crs);
  return geo.inCounty(sx, sy) ? msg.swappedInCounty(x, y, geo.countyName) : msg.swappedOutsideEither(x, y, geo.countyName);
}

/** Rejected rows as a CSV the user can fix and import again: the line, the reason in Chinese (原因) and in
 * English (reason), then the raw row. */
export function rejectedCsv(rejected: RejectedRow[]): string {
  // the raw line is the file's own text: formula cells neutralised like every CSV the server writes (http/csv.ts)
  return csvFile([['line', '原因', 'reason', 'raw'], ...rejected.map((r) => [r.line, r.reasonZh, r.reason, r.raw])]);
}

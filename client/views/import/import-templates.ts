// Template files for each kind of import, made in the browser: the header row the importer recognises (in
// Chinese: its aliases accept them) and one example row inside the jurisdiction (at its centre, with a real
// category and camera or site kind), so a filled-in template imports as it is. Incidents and sites as CSV,
// cameras as XLSX or CSV, areas and roads as GeoJSON.
import { strToU8, zipSync } from 'fflate';
import { CAMERA_KIND_INFO, CAMERA_STATUS_INFO } from '../../../shared/domain/cameras';
import { SITE_KIND_INFO } from '../../../shared/domain/sites';
import type { ImportTarget } from './import-api';

export interface TemplateContext {
  /** the jurisdiction's centre and code, and the last day of data (example dates fall in the data range) */
  centre: [number, number];
  countyCode: string;
  lastDay: string;
  /** Chinese name of one of the jurisdiction's categories */
  category: string;
}

export interface TemplateFile { format: 'csv' | 'xlsx' | 'geojson'; filename: string; type: string; data: Uint8Array | string }

const CSV_TYPE = 'text/csv;charset=utf-8';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const GEOJSON_TYPE = 'application/geo+json';

const csvCell = (v: string | number) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
/** UTF-8 with a byte-order mark, so Excel on Windows opens the Chinese headers right. */
const csv = (rows: (string | number)[][]) => `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

function tableOf(target: 'incidents' | 'cameras' | 'sites' | 'stations', c: TemplateContext): (string | number)[][] {
  const [lon, lat] = c.centre.map(r6);
  if (target === 'incidents') return [['编号', '类别', '时间', '经度', '纬度', '地址', '描述', '状态'], ['示例-0001', c.category, `${c.lastDay} 20:30`, lon, lat, '', '示例：电动车被盗', '']];
  if (target === 'cameras') return [['编号', '名称', '类型', '经度', '纬度', '朝向', '视角', '监控距离', '状态', '安装日期'], ['示例-CAM-0001', '示例路口东北角', CAMERA_KIND_INFO.public.zh, lon, lat, 90, 70, 60, CAMERA_STATUS_INFO.online.zh, c.lastDay]];
  if (target === 'stations') return [['名称', '类型', '地址', '经度', '纬度', '警力'], ['示例派出所', '派出所', '', lon, lat, 2]];
  const kind = Object.values(SITE_KIND_INFO)[0].zh;
  return [['名称', '类型', '经度', '纬度'], ['示例场所', kind, lon, lat]];
}

const LEVEL_DIGITS: Record<'township' | 'village' | 'grid', number> = { township: 9, village: 12, grid: 15 };
const LEVEL_NAME: Record<'township' | 'village' | 'grid', string> = { township: '示例乡镇', village: '示例村', grid: '示例网格' };

function geojsonOf(target: 'grid' | 'village' | 'township' | 'roads', c: TemplateContext): string {
  const [x, y] = c.centre;
  const d = 0.002; // ~200 m
  if (target === 'roads') {
    const line = [[x - d, y], [x + d, y]].map((p) => p.map(r6));
    return JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { 名称: '示例路', 等级: '街路' }, geometry: { type: 'LineString', coordinates: line } }] }, null, 2);
  }
  const ring = [[x - d, y - d], [x + d, y - d], [x + d, y + d], [x - d, y + d], [x - d, y - d]].map((p) => p.map(r6));
  const code = c.countyCode.padEnd(LEVEL_DIGITS[target], '0').slice(0, LEVEL_DIGITS[target] - 1) + '1';
  const parent = target === 'township' ? c.countyCode : code.slice(0, target === 'grid' ? 12 : 9);
  return JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { 编码: code, 名称: LEVEL_NAME[target], 上级编码: parent }, geometry: { type: 'Polygon', coordinates: [ring] } }] }, null, 2);
}

/** The template files offered for a target (cameras: XLSX and CSV). */
export function templatesFor(target: ImportTarget, c: TemplateContext, base = `导入模板`): TemplateFile[] {
  const name = (ext: string) => `${base}-${target}.${ext}`;
  if (target === 'incidents' || target === 'sites' || target === 'stations') return [{ format: 'csv', filename: name('csv'), type: CSV_TYPE, data: csv(tableOf(target, c)) }];
  if (target === 'cameras') {
    const rows = tableOf('cameras', c);
    return [{ format: 'xlsx', filename: name('xlsx'), type: XLSX_TYPE, data: xlsx(rows) }, { format: 'csv', filename: name('csv'), type: CSV_TYPE, data: csv(rows) }];
  }
  return [{ format: 'geojson', filename: name('geojson'), type: GEOJSON_TYPE, data: geojsonOf(target, c) }];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const col = (i: number): string => (i < 26 ? String.fromCharCode(65 + i) : col(Math.floor(i / 26) - 1) + String.fromCharCode(65 + (i % 26)));

/** One sheet, inline strings and numbers: the five parts Excel needs, zipped with fflate. */
export function xlsx(rows: (string | number)[][]): Uint8Array {
  const cells = rows
    .map((r, i) => `<row r="${i + 1}">${r.map((v, j) => (typeof v === 'number' ? `<c r="${col(j)}${i + 1}"><v>${v}</v></c>` : `<c r="${col(j)}${i + 1}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`)).join('')}</row>`)
    .join('');
  const x = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
  return zipSync({
    '[Content_Types].xml': strToU8(`${x}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`),
    '_rels/.rels': strToU8(`${x}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    'xl/workbook.xml': strToU8(`${x}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="模板" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    'xl/_rels/workbook.xml.rels': strToU8(`${x}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
    'xl/worksheets/sheet1.xml': strToU8(`${x}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${cells}</sheetData></worksheet>`),
  });
}

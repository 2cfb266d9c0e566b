// Exports of the planner's work: the ledger as CSV (Excel opens UTF-8 with a BOM), a camera plan as CSV or
// as GeoJSON (a point per camera plus its field-of-view sector, for any GIS).
import type { Feature, FeatureCollection } from 'geojson';
import { sectorPolygon } from '../../../shared/geo/camera-sector.js';
import type { Ledger } from '../../../shared/geo/coverage-ledger.js';
import { csvCell as cell } from '../../http/csv.js';
import { COVERAGE_TARGETS, ROAD_CLASS_INFO } from '../../../shared/domain/sites.js';

const BOM = '\uFEFF';

/** A cell of the planner's files: fractions to two decimals, text formula-neutralised (http/csv.ts). */
export function csvCell(v: unknown): string {
  return cell(typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(2) : v);
}
const line = (cells: unknown[]) => cells.map(csvCell).join(',');

const LEDGER_HEAD = {
  zh: ['分项', '编码', '名称', '总数', '已覆盖', '覆盖率(%)', '目标(%)', '缺口'],
  en: ['section', 'key', 'name', 'total', 'covered', 'pct', 'target_pct', 'shortfall'],
};
const LEVEL_ZH: Record<string, string> = { township: '乡镇', village: '村（社区）', grid: '网格' };
const SECTION_ZH = (level: string): Record<string, string> => ({
  category: '目标类别',
  road_m: '道路(米)',
  [`${level}_sites`]: `${LEVEL_ZH[level] ?? level}点位`,
  [`${level}_road_m`]: `${LEVEL_ZH[level] ?? level}道路(米)`,
  border_crossing: '边界道口',
});

/** The ledger as CSV, headers and section names in the reader's language (Chinese unless asked otherwise). */
export function ledgerCsv(ledger: Ledger, lang: 'zh' | 'en' = 'zh'): string {
  const zh = SECTION_ZH(ledger.level);
  const section = (s: string) => (lang === 'zh' ? (zh[s] ?? s) : s);
  const rows = [line(LEDGER_HEAD[lang])];
  for (const c of ledger.categories) rows.push(line([section('category'), c.category, lang === 'zh' ? COVERAGE_TARGETS[c.category].zh : COVERAGE_TARGETS[c.category].en ?? c.category, c.sites, c.covered, c.pct, c.targetPct, c.shortfall]));
  for (const r of ledger.roads) rows.push(line([section('road_m'), r.roadClass, lang === 'zh' ? ROAD_CLASS_INFO[r.roadClass].zh : ROAD_CLASS_INFO[r.roadClass].en, r.lengthM, r.coveredM, r.pct, r.targetPct, r.shortfallM]));
  for (const u of ledger.units) {
    rows.push(line([section(`${ledger.level}_sites`), u.code, u.name, u.sites, u.sitesCovered, u.sites ? (100 * u.sitesCovered) / u.sites : null, null, null]));
    rows.push(line([section(`${ledger.level}_road_m`), u.code, u.name, u.roadM, u.roadCoveredM, u.roadM ? (100 * u.roadCoveredM) / u.roadM : null, null, null]));
  }
  for (const x of ledger.crossings) rows.push(line([section('border_crossing'), x.roadId, `${x.roadName} (${x.lon},${x.lat})`, 1, x.covered ? 1 : 0, x.covered ? 100 : 0, 100, x.covered ? 0 : 1]));
  return BOM + rows.join('\r\n') + '\r\n';
}

/** Content-Disposition for a file name that may be Chinese (RFC 6266: an ASCII fallback and filename*). */
export function attachment(asciiName: string, name: string = asciiName): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export interface ExportCamera {
  id: string;
  kind: string;
  lon: number;
  lat: number;
  bearing: number;
  fov: number;
  rangeM: number;
  costYuan?: number;
  gain?: number;
  newSites?: number;
  newRoadM?: number;
  source?: string;
  /** where it stands, "开通镇 兴隆村 · 长春路旁" */
  place?: string;
}

const COLUMNS: (keyof ExportCamera)[] = ['id', 'kind', 'lon', 'lat', 'bearing', 'fov', 'rangeM', 'costYuan', 'gain', 'newSites', 'newRoadM', 'source', 'place'];

export function planCsv(cameras: readonly ExportCamera[]): string {
  const rows = [line(['order', ...COLUMNS])];
  cameras.forEach((c, i) => rows.push([i + 1, ...COLUMNS.map((k) => (k === 'lon' || k === 'lat' ? c[k].toFixed(6) : c[k]))].map(csvCell).join(',')));
  return BOM + rows.join('\r\n') + '\r\n';
}

export function planGeoJson(cameras: readonly ExportCamera[]): FeatureCollection {
  const features: Feature[] = [];
  cameras.forEach((c, i) => {
    const properties = { order: i + 1, ...c };
    features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [c.lon, c.lat] }, properties: { ...properties, role: 'camera' } });
    features.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [sectorPolygon(c)] }, properties: { ...properties, role: 'sector' } });
  });
  return { type: 'FeatureCollection', features };
}

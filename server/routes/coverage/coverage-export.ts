// Exports of the planner's work: the ledger as CSV (Excel opens UTF-8 with a BOM), a camera plan as CSV or
// as GeoJSON (a point per camera plus its field-of-view sector, for any GIS).
import type { Feature, FeatureCollection } from 'geojson';
import { sectorPolygon } from '../../analysis/camera-sector.js';
import type { Ledger } from '../../analysis/coverage-ledger.js';
import { COVERAGE_TARGETS, ROAD_CLASS_INFO } from '../../domain/sites.js';

const BOM = '\uFEFF';

export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
const line = (cells: unknown[]) => cells.map(csvCell).join(',');

export function ledgerCsv(ledger: Ledger): string {
  const rows = [line(['section', 'key', 'name', 'total', 'covered', 'pct', 'target_pct', 'shortfall'])];
  for (const c of ledger.categories) rows.push(line(['category', c.category, COVERAGE_TARGETS[c.category].zh, c.sites, c.covered, c.pct, c.targetPct, c.shortfall]));
  for (const r of ledger.roads) rows.push(line(['road_m', r.roadClass, ROAD_CLASS_INFO[r.roadClass].zh, r.lengthM, r.coveredM, r.pct, r.targetPct, r.shortfallM]));
  for (const u of ledger.units) {
    rows.push(line([`${ledger.level}_sites`, u.code, u.name, u.sites, u.sitesCovered, u.sites ? (100 * u.sitesCovered) / u.sites : null, null, null]));
    rows.push(line([`${ledger.level}_road_m`, u.code, u.name, u.roadM, u.roadCoveredM, u.roadM ? (100 * u.roadCoveredM) / u.roadM : null, null, null]));
  }
  for (const x of ledger.crossings) rows.push(line(['border_crossing', x.roadId, `${x.roadName} (${x.lon},${x.lat})`, 1, x.covered ? 1 : 0, x.covered ? 100 : 0, 100, x.covered ? 0 : 1]));
  return BOM + rows.join('\r\n') + '\r\n';
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
}

const COLUMNS: (keyof ExportCamera)[] = ['id', 'kind', 'lon', 'lat', 'bearing', 'fov', 'rangeM', 'costYuan', 'gain', 'newSites', 'newRoadM', 'source'];

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

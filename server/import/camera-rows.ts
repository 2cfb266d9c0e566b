// Reads a camera ledger CSV (监控台账): id, name, kind (公共监控/人脸识别/高清卡口/社会监控 or ids), position in a
// declared CRS, bearing, field of view, range, status, install date. Every row checked — ranges of the
// angles and distances, positions inside the county, swapped coordinates, duplicate ids — and refused
// rows reported by line, as for incidents.
import { toWgs84, type CrsId } from '../analysis/crs.js';
import { CAMERA_KIND_INFO, CAMERA_KINDS, CAMERA_STATUSES, type CameraKind, type CameraStatus } from '../../shared/domain/cameras.js';
import { forEachCsvRow } from './csv-lines.js';
import type { GeoServices, RejectedRow } from './incident-rows.js';
import { msg, rowRefusal, type Msg } from './import-messages.js';

import { CAMERA_FIELDS, type CameraField } from '../../shared/domain/import-fields.js';
export { CAMERA_FIELDS };
const ALIASES: Record<CameraField, string[]> = {
  id: ['id', '编号', '设备编号', '点位编号'],
  name: ['name', '名称', '点位名称', '设备名称'],
  kind: ['kind', 'type', '类型', '类别', '设备类型'],
  lon: ['lon', 'lng', 'longitude', '经度'],
  lat: ['lat', 'latitude', '纬度'],
  bearing: ['bearing', 'heading', '朝向', '方向角', '方位角'],
  fov: ['fov', '视角', '视场角'],
  range_m: ['rangem', 'range', '距离', '监控距离', '可视距离'],
  status: ['status', '状态', '在线状态'],
  installed_on: ['installedon', '安装日期', '建设日期'],
};
/** Chinese column names of the fields, for the header refusal and range messages. */
const FIELD_ZH: Record<CameraField, string> = { id: '编号', name: '名称', kind: '类型', lon: '经度', lat: '纬度', bearing: '朝向', fov: '视角', range_m: '监控距离', status: '状态', installed_on: '安装日期' };
const norm = (h: string) => h.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s_\-（）()°]|（?米）?$/g, '');

export interface ParsedCamera { line: number; raw: string; id: string; name: string | null; kind: CameraKind; lon: number; lat: number; bearing: number; fov: number; rangeM: number; status: CameraStatus; installedOn: string | null; gridCode: string | null; villageCode: string | null; townshipCode: string | null }

const KIND = new Map<string, CameraKind>();
for (const k of CAMERA_KINDS) KIND.set(k, k), KIND.set(CAMERA_KIND_INFO[k].zh, k);
for (const [a, k] of Object.entries({ 公共: 'public', 人脸: 'face', 卡口: 'checkpoint', 社会: 'social' } as const)) KIND.set(a, k);
const STATUS = new Map<string, CameraStatus>([...CAMERA_STATUSES.map((s) => [s, s] as const), ['在线', 'online'], ['离线', 'offline'], ['正常', 'online'], ['故障', 'offline']]);

export function parseCameraCsv(text: string, geo: GeoServices, crs: CrsId): { rows: ParsedCamera[]; rejected: RejectedRow[]; fileError: string | null; fileErrorZh: string | null } {
  const rows: ParsedCamera[] = [], rejected: RejectedRow[] = [];
  let col: Partial<Record<CameraField, number>> | null = null;
  let width = 0, fileError: Msg | null = null;
  const seen = new Map<string, number>();
  forEachCsvRow(text, (cells, line, raw) => {
    if (!col) {
      col = {};
      width = cells.length;
      cells.forEach((h, i) => { for (const f of CAMERA_FIELDS) if (col![f] === undefined && ALIASES[f].includes(norm(h))) col![f] = i; });
      const missing = (['id', 'kind', 'lon', 'lat', 'bearing'] as const).filter((f) => col![f] === undefined);
      if (missing.length) { fileError = msg.missingColumns(missing, FIELD_ZH); return false; }
      return;
    }
    const c = col;
    const get = (f: CameraField) => (c[f] === undefined ? '' : (cells[c[f]!] ?? '').trim());
    const reject = (m: Msg) => void rejected.push(rowRefusal(line, m, raw));
    if (cells.length !== width) return reject(msg.fieldCount(width, cells.length));
    const id = get('id');
    if (!id) return reject(msg.missingId());
    const kind = KIND.get(get('kind')) ?? KIND.get(get('kind').toLowerCase());
    if (!kind) return reject(msg.unknownKind(get('kind'), CAMERA_KINDS.map((k) => CAMERA_KIND_INFO[k].zh)));
    const num = (f: CameraField, lo: number, hi: number, dflt?: number): number | Msg => {
      const t = get(f);
      if (!t && dflt !== undefined) return dflt;
      const v = Number(t);
      return Number.isFinite(v) && v >= lo && v <= hi ? v : msg.numberOutOfRange(f, FIELD_ZH[f], t, lo, hi);
    };
    const x = Number(get('lon')), y = Number(get('lat'));
    if (!get('lon') || !get('lat') || !Number.isFinite(x) || !Number.isFinite(y)) return reject(msg.coordinatesNotNumbers(get('lon'), get('lat')));
    const [lon, lat] = toWgs84(x, y, crs);
    if (!geo.inCounty(lon, lat)) {
      const [sx, sy] = toWgs84(y, x, crs);
      return reject(geo.inCounty(sx, sy) ? msg.swapped(x, y) : msg.pointOutside(x, y, crs, geo.countyName));
    }
    const bearing = num('bearing', 0, 360), fov = num('fov', 1, 360, kind === 'checkpoint' ? 40 : 60), rangeM = num('range_m', 1, 1000, kind === 'checkpoint' ? 40 : 60);
    for (const v of [bearing, fov, rangeM]) if (typeof v !== 'number') return reject(v);
    const st = get('status');
    const status = st ? STATUS.get(st) ?? STATUS.get(st.toLowerCase()) : 'online';
    if (!status) return reject(msg.unknownCameraStatus(st));
    let installedOn: string | null = null;
    const d = get('installed_on');
    if (d) {
      const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(d);
      const iso = m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : '';
      if (!m || !new Date(`${iso}T00:00:00Z`).toISOString().startsWith(iso)) return reject(msg.installDateNotDate(d));
      installedOn = iso;
    }
    const first = seen.get(id);
    if (first !== undefined) return reject(msg.duplicateIdInFile(id, first));
    seen.set(id, line);
    const g = geo.locate(lon, lat);
    rows.push({ line, raw, id, name: get('name') || null, kind, lon, lat, bearing: bearing as number, fov: fov as number, rangeM: rangeM as number, status, installedOn, gridCode: g?.code ?? null, villageCode: g?.villageCode ?? null, townshipCode: g?.townshipCode ?? null });
  });
  if (!col && !fileError) fileError = msg.emptyFile();
  return { rows, rejected, fileError: fileError?.en ?? null, fileErrorZh: fileError?.zh ?? null };
}

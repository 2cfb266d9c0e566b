// Imports key sites (重点场所: schools, hospitals, banks, village entrances …) from CSV: 名称/name, 类型/kind
// (Chinese label or id), 经度/纬度 in a declared CRS. Each row checked (kind, in-county, swapped points, a
// duplicate of the same name and kind within 50 m, in the file or the database); one transaction; grid
// codes by point-in-polygon. The geocoder's gazetteer holds site names, so it is rebuilt after a commit.
import type { CrsId } from '../analysis/crs.js';
import { toWgs84 } from '../analysis/crs.js';
import { haversineMeters } from '../../shared/geo/geo.js';
import type { Database } from '../db/database.js';
import { COVERAGE_TARGETS, SITE_KIND_INFO, SITE_KINDS, type SiteKind } from '../../shared/domain/sites.js';
import { countyContext } from './county-context.js';
import { forEachCsvRow } from './csv-lines.js';
import { ImportFileError, rejectedCsv, type RejectedRow } from './incident-rows.js';
import { AREAS_CHANGED, areasChangedSince, areasVersion, withWriteLock } from './write-lock.js';
import { afterImport } from './after-import.js';
import type { CommitAudit } from '../auth/audit.js';
import { decodeTable } from './xlsx-table.js';
import type { SiteField } from '../../shared/domain/import-fields.js';
import { fileErrorOf, msg, rowRefusal, type Msg } from './import-messages.js';

// one entry per shared field (a field added there fails to compile here until it has its header names)
const ALIASES: Record<SiteField, string[]> = { name: ['name', '名称', '场所名称', '单位名称'], kind: ['kind', 'type', '类型', '类别', '场所类型'], lon: ['lon', 'lng', 'longitude', '经度'], lat: ['lat', 'latitude', '纬度'] };
const KIND = new Map<string, SiteKind>(SITE_KINDS.flatMap((k) => [[k, k], [SITE_KIND_INFO[k].zh, k]] as [string, SiteKind][]));
const FIELD_ZH: Record<string, string> = { name: '名称', kind: '类型', lon: '经度', lat: '纬度' };
const norm = (h: string) => h.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s_\-（）()]/g, '');

interface SiteRow { line: number; raw: string; name: string; kind: SiteKind; lon: number; lat: number; grid: { code: string; villageCode: string; townshipCode: string } | undefined }
export interface SiteImportReport { imported: number; valid: number; committed: boolean; rejected: RejectedRow[]; fileError: string | null; fileErrorZh: string | null; rejectedCsv?: string; preview?: Omit<SiteRow, 'raw'>[] }

export async function importSites(db: Database, bytes: Uint8Array, o: { crs: CrsId; partial?: boolean; dryRun?: boolean; encoding?: 'utf-8' | 'gbk'; audit?: CommitAudit }): Promise<SiteImportReport> {
  const areasSeen = areasVersion(db); // before the county context: its grids locate the rows
  const ctx = await countyContext(db);
  const report: SiteImportReport = { imported: 0, valid: 0, committed: false, rejected: [], fileError: null, fileErrorZh: null };
  let text: string;
  try {
    text = await decodeTable(bytes, o.encoding);
  } catch (e) {
    if (e instanceof ImportFileError) return { ...report, ...fileErrorOf(e.msg) };
    throw e;
  }
  const existing = await db.query<{ name: string; kind: string; lon: number; lat: number }>('SELECT name, kind, lon, lat FROM key_sites');
  const rows: SiteRow[] = [];
  let col: Record<string, number> | null = null, width = 0;
  forEachCsvRow(text, (cells, line, raw) => {
    if (!col) {
      col = {};
      width = cells.length;
      cells.forEach((h, i) => { for (const [f, a] of Object.entries(ALIASES)) if (col![f] === undefined && a.includes(norm(h))) col![f] = i; });
      const missing = Object.keys(ALIASES).filter((f) => col![f] === undefined);
      if (missing.length) { Object.assign(report, fileErrorOf(msg.missingColumns(missing, FIELD_ZH))); return false; }
      return;
    }
    const c = col;
    const get = (f: keyof typeof ALIASES) => (cells[c[f]] ?? '').trim();
    const reject = (m: Msg) => void report.rejected.push(rowRefusal(line, m, raw));
    if (cells.length !== width) return reject(msg.fieldCount(width, cells.length));
    const name = get('name');
    if (!name) return reject(msg.missingName());
    const kind = KIND.get(get('kind'));
    if (!kind) return reject(msg.unknownKind(get('kind'), SITE_KINDS.map((k) => SITE_KIND_INFO[k].zh)));
    const x = Number(get('lon')), y = Number(get('lat'));
    if (!get('lon') || !get('lat') || !Number.isFinite(x) || !Number.isFinite(y)) return reject(msg.coordinatesNotNumbers(get('lon'), get('lat')));
    const [lon, lat] = toWgs84(x, y, o.crs);
    if (!ctx.inCounty(lon, lat)) return reject(ctx.inCounty(...toWgs84(y, x, o.crs)) ? msg.swapped(x, y) : msg.pointOutside(x, y, o.crs, ctx.name));
    const same = (s: { name: string; kind: string; lon: number; lat: number }) => s.name === name && s.kind === kind && haversineMeters([s.lon, s.lat], [lon, lat]) < 50;
    const dupFile = rows.find(same);
    if (dupFile) return reject(msg.duplicateOfLine(dupFile.line));
    if (existing.some(same)) return reject(msg.siteInDatabase(name));
    rows.push({ line, raw, name, kind, lon, lat, grid: ctx.grids.locate(lon, lat) });
  });
  if (!col && !report.fileError) Object.assign(report, fileErrorOf(msg.emptyFile()));
  report.valid = rows.length;
  if (report.rejected.length) report.rejectedCsv = rejectedCsv(report.rejected);
  if (report.fileError) return report;
  if (o.dryRun) return { ...report, preview: rows.slice(0, 20).map(({ raw: _raw, ...r }) => r) };
  if ((report.rejected.length && !o.partial) || rows.length === 0) return report;
  return withWriteLock(db, async () => {
    if (areasChangedSince(db, areasSeen)) return { ...report, ...fileErrorOf(AREAS_CHANGED) };
    await db.transaction(async (con) => {
      const [{ m }] = (await con.runAndReadAll('SELECT coalesce(max(id), 0)::INTEGER m FROM key_sites')).getRowObjectsJS() as { m: number }[];
      const a = await con.createAppender('key_sites');
      rows.forEach((r, i) => {
        const cat = SITE_KIND_INFO[r.kind].category;
        a.appendInteger(Number(m) + i + 1);
        a.appendVarchar(r.kind);
        a.appendVarchar(cat);
        a.appendDouble(COVERAGE_TARGETS[cat].targetPct);
        a.appendVarchar(r.name);
        a.appendDouble(r.lon);
        a.appendDouble(r.lat);
        for (const v of [r.grid?.code, r.grid?.villageCode, r.grid?.townshipCode]) if (v) a.appendVarchar(v); else a.appendNull();
        a.endRow();
      });
      a.closeSync();
      await o.audit?.(con, { imported: rows.length, refused: report.rejected.length });
    });
    afterImport(db, ['sites']);
    return { ...report, imported: rows.length, committed: true };
  });
}

// Imports a camera ledger CSV into the cameras table, all or nothing (or the good rows with partial), in one
// transaction on a dedicated connection, like incident imports. Ids already in the table are refused (the
// ledger's id is the camera's identity). Grid, village and township codes by point-in-polygon, h3_r9 as the
// demo build computes it. The coverage views notice new cameras by themselves (they fingerprint the table).
import { dateValue, type DuckDBAppender } from '@duckdb/node-api';
import type { CrsId } from '../analysis/crs.js';
import type { Database } from '../db/database.js';
import { h3Cell } from '../db/load-demo.js';
import { parseCameraCsv, type ParsedCamera } from './camera-rows.js';
import { countyContext } from './county-context.js';
import { ImportFileError, rejectedCsv, type RejectedRow } from './incident-rows.js';
import { AREAS_CHANGED, areasChangedSince, areasVersion, withWriteLock } from './write-lock.js';
import { afterImport } from './after-import.js';
import type { CommitAudit } from '../auth/audit.js';
import { decodeTable } from './xlsx-table.js';
import { fileErrorOf, msg, rowRefusal } from './import-messages.js';

export interface CameraImportReport { imported: number; valid: number; committed: boolean; rejected: RejectedRow[]; fileError: string | null; fileErrorZh: string | null; rejectedCsv?: string; preview?: Omit<ParsedCamera, 'raw'>[] }

export async function importCameras(db: Database, bytes: Uint8Array, o: { crs: CrsId; partial?: boolean; dryRun?: boolean; encoding?: 'utf-8' | 'gbk'; audit?: CommitAudit }): Promise<CameraImportReport> {
  const areasSeen = areasVersion(db); // before the county context: its grids locate the rows
  const ctx = await countyContext(db);
  let text: string;
  try {
    text = await decodeTable(bytes, o.encoding);
  } catch (e) {
    if (e instanceof ImportFileError) return { imported: 0, valid: 0, committed: false, rejected: [], ...fileErrorOf(e.msg) };
    throw e;
  }
  const parsed = parseCameraCsv(text, { countyName: ctx.name, inCounty: ctx.inCounty, locate: (x, y) => ctx.grids.locate(x, y), geocode: ctx.geocode }, o.crs);
  const report: CameraImportReport = { imported: 0, valid: parsed.rows.length, committed: false, rejected: parsed.rejected, fileError: parsed.fileError, fileErrorZh: parsed.fileErrorZh };
  if (parsed.fileError) return report;
  const con = await db.dedicatedConnection();
  try {
    await con.run(`CREATE TEMP TABLE camera_staging (line INTEGER, id VARCHAR, name VARCHAR, kind VARCHAR, lon DOUBLE, lat DOUBLE, bearing DOUBLE, fov DOUBLE, range_m DOUBLE,
      status VARCHAR, installed_on DATE, grid_code VARCHAR, village_code VARCHAR, township_code VARCHAR, h3_r9 UBIGINT)`);
    const a = await con.createAppender('camera_staging', 'main', 'temp');
    for (const r of parsed.rows) append(a, r);
    a.closeSync();
    const byLine = new Map(parsed.rows.map((r) => [r.line, r]));
    const dups = (await con.runAndReadAll('SELECT s.line, s.id FROM camera_staging s JOIN cameras c ON c.id = s.id')).getRowObjectsJS();
    for (const d of dups) report.rejected.push(rowRefusal(Number(d.line), msg.cameraInLedger(String(d.id)), byLine.get(Number(d.line))?.raw ?? ''));
    report.rejected.sort((x, y) => x.line - y.line);
    report.valid -= dups.length;
    if (report.rejected.length) report.rejectedCsv = rejectedCsv(report.rejected);
    if (o.dryRun) {
      const dupLines = new Set(dups.map((d) => Number(d.line)));
      report.preview = parsed.rows.filter((r) => !dupLines.has(r.line)).slice(0, 20).map(({ raw: _raw, ...r }) => r);
      return report;
    }
    if ((report.rejected.length && !o.partial) || report.valid === 0) return report;
    return await withWriteLock(db, async () => {
      if (areasChangedSince(db, areasSeen)) return { ...report, ...fileErrorOf(AREAS_CHANGED) };
      await con.run('BEGIN TRANSACTION');
      try {
        await con.run('DELETE FROM camera_staging WHERE id IN (SELECT id FROM cameras)');
        await con.run(`INSERT INTO cameras (id, name, kind, lon, lat, bearing, fov, range_m, status, installed_on, grid_code, village_code, township_code, h3_r9)
          SELECT id, name, kind, lon, lat, bearing, fov, range_m, status, installed_on, grid_code, village_code, township_code, h3_r9 FROM camera_staging ORDER BY line`);
        await o.audit?.(con, { imported: report.valid, refused: report.rejected.length });
        await con.run('COMMIT');
      } catch (e) {
        await con.run('ROLLBACK').catch(() => {});
        throw e;
      }
      report.imported = report.valid;
      report.committed = true;
      afterImport(db, ['cameras']);
      return report;
    });
  } finally {
    con.closeSync();
  }
}

function append(a: DuckDBAppender, r: ParsedCamera): void {
  a.appendInteger(r.line);
  a.appendVarchar(r.id);
  if (r.name === null) a.appendNull(); else a.appendVarchar(r.name);
  a.appendVarchar(r.kind);
  for (const v of [r.lon, r.lat, r.bearing, r.fov, r.rangeM]) a.appendDouble(v);
  a.appendVarchar(r.status);
  if (r.installedOn === null) a.appendNull(); else a.appendDate(dateValue(Math.round(Date.parse(`${r.installedOn}T00:00:00Z`) / 86400000)));
  for (const v of [r.gridCode, r.villageCode, r.townshipCode]) if (v === null) a.appendNull(); else a.appendVarchar(v);
  a.appendUBigInt(h3Cell(r.lon, r.lat));
  a.endRow();
}

// Imports an incident CSV into the incidents table, all or nothing. Rows are read and checked in memory
// (incident-rows.ts), staged in a connection-local temp table by the appender, and copied into `incidents`
// inside ONE transaction on a dedicated connection, after the ids are checked against the database. A
// failure, a refused row (unless partial), or the process being killed before COMMIT leaves the database as
// it was: DuckDB only makes a transaction durable at COMMIT (its WAL replays committed work only).
//
// Grid, village and township codes come from point-in-polygon against the grids; cell_x/cell_y and h3_r9
// exactly as db/load-demo.ts computes them. Imported rows are appended at the end of the table, so the
// physical order by reported_at that the demo build gives (zone maps skip row groups by time) is not kept
// for them: time filters stay correct, only a little less selective.
import { seedHistory } from '../cases/seed-history.js';
import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import { timestampValue } from '@duckdb/node-api';
import type { CrsId } from '../analysis/crs.js';
import { baseCell } from '../analysis/heat-cells.js';
import type { Database } from '../db/database.js';
import { h3Cell } from '../db/load-demo.js';
import { categories, rememberAliases, rememberedAliases } from '../db/categories.js';
import { INCIDENT_STATUSES, type IncidentStatus } from '../../shared/domain/categories.js';
import { categoryResolver, statusResolver, suggestCategories, suggestStatuses, valueReport, type ValueReport } from './value-mapping.js';
import { countyContext } from './county-context.js';
import { AREAS_CHANGED, areasChangedSince, areasVersion, withWriteLock } from './write-lock.js';
import { afterImport } from './after-import.js';
import type { CommitAudit } from '../auth/audit.js';
import { decodeTable } from './xlsx-table.js';
import { addReason, fileErrorOf, msg, rowRefusal, type Msg } from './import-messages.js';
import { ImportFileError, parseIncidentCsvAsync, rejectedCsv, type ImportField, type ParsedIncident, type RejectedRow } from './incident-rows.js';

export interface ImportOptions {
  crs: CrsId;
  /** Commit the good rows even when some are refused (the refused ones come back as a CSV). */
  partial?: boolean;
  /** Check only: nothing is written; the answer carries a preview of the first rows. */
  dryRun?: boolean;
  encoding?: 'utf-8' | 'gbk';
  mapping?: Partial<Record<ImportField, string>>;
  /** The file's category values → category codes, and status values → statuses (the dialog's value mapping);
   * remembered for the next file when the import commits. */
  categoryMap?: Record<string, string>;
  statusMap?: Record<string, string>;
  /** Called inside the transaction just before COMMIT (tests use it to kill the process there). */
  beforeCommit?: () => Promise<void>;
  /** Writes the commit's audit row inside the transaction, just before COMMIT (auth/audit.ts importCommitAudit). */
  audit?: CommitAudit;
  /** Stage, and items done of total where known (rows checked, rows written). */
  onProgress?: (stage: string, done?: number, total?: number) => void;
  now?: number;
}

export interface ImportReport {
  /** Rows written (0 unless committed). */
  imported: number;
  /** Rows that passed every check (written, or would be). */
  valid: number;
  rejected: RejectedRow[];
  committed: boolean;
  fileError: string | null;
  fileErrorZh: string | null;
  mapping: { header: string; field: ImportField | null }[];
  geocoded: Record<string, number>;
  preview?: (Omit<ParsedIncident, 'reportedAt' | 'closedAt'> & { reportedAt: string; closedAt: string | null })[];
  rejectedCsv?: string;
  /** Every distinct category and status text of the file: rows, what it maps to and how, suggestions. */
  values?: { category: ValueReport<string>[]; status: ValueReport<IncidentStatus>[] };
}

const DAY = 86400000;
const STAGING = `CREATE TEMP TABLE import_staging (line INTEGER, external_id VARCHAR, category VARCHAR, title VARCHAR, address VARCHAR,
  lon DOUBLE, lat DOUBLE, cell_x INTEGER, cell_y INTEGER, grid_code VARCHAR, village_code VARCHAR, township_code VARCHAR, h3_r9 UBIGINT,
  reported_at TIMESTAMP, closed_at TIMESTAMP, due_at TIMESTAMP, status VARCHAR)`;

export async function importIncidents(db: Database, bytes: Uint8Array, options: ImportOptions): Promise<ImportReport> {
  const progress = options.onProgress ?? (() => {});
  const areasSeen = areasVersion(db); // before the county context: its grids locate the rows
  const ctx = await countyContext(db);
  const empty = (m: Msg): ImportReport => ({ imported: 0, valid: 0, rejected: [], committed: false, ...fileErrorOf(m), mapping: [], geocoded: {} });
  let text: string;
  try {
    text = await decodeTable(bytes, options.encoding);
  } catch (e) {
    if (e instanceof ImportFileError) return empty(e.msg);
    throw e;
  }
  progress('parsing');
  const vocab = await categories(db);
  const cats = categoryResolver(vocab, await rememberedAliases(db, 'category'), options.categoryMap);
  const stats = statusResolver(await rememberedAliases(db, 'status'), options.statusMap);
  const vocabulary = { categories: cats, statuses: stats, categoryNames: { zh: vocab.list.map((c) => c.zh), codes: vocab.list.map((c) => c.code) } };
  const parsed = await parseIncidentCsvAsync(text, {
    countyName: ctx.name,
    inCounty: ctx.inCounty,
    locate: (lon, lat) => ctx.grids.locate(lon, lat),
    geocode: ctx.geocode,
  }, { crs: options.crs, mapping: options.mapping, now: options.now, vocabulary }, (done, total, geocoded) => progress(geocoded ? `checking (${geocoded} geocoded)` : 'checking', done, total));
  const geocoded: Record<string, number> = {};
  for (const r of parsed.rows) if (r.geocode) geocoded[r.geocode.level] = (geocoded[r.geocode.level] ?? 0) + 1;
  const report: ImportReport = { imported: 0, valid: parsed.rows.length, rejected: parsed.rejected, committed: false, fileError: parsed.fileError, fileErrorZh: parsed.fileErrorZh, mapping: parsed.mapping, geocoded };
  report.values = {
    category: valueReport(parsed.values.category, cats, (v) => suggestCategories(v, vocab).map((x) => ({ value: x.code, score: x.score }))),
    status: valueReport(parsed.values.status, stats, (v) => suggestStatuses(v).map((x) => ({ value: x.status, score: x.score }))),
  };
  const slaDays = (code: string) => vocab.byCode.get(code)?.slaDays ?? 15;
  if (parsed.fileError) return report;

  progress(`checked ${parsed.rows.length + parsed.rejected.length} rows`);
  const con = await db.dedicatedConnection();
  try {
    await con.run(STAGING);
    const a = await con.createAppender('import_staging', 'main', 'temp');
    for (const r of parsed.rows) appendStaged(a, r, slaDays(r.category));
    a.closeSync();
    // Ids already in the database, of every row (a refused row's stored id is one more of its reasons); read
    // before the transaction and re-checked inside it.
    await con.run('CREATE TEMP TABLE import_ids (line INTEGER, external_id VARCHAR)');
    const ia = await con.createAppender('import_ids', 'main', 'temp');
    for (const r of parsed.ids) { ia.appendInteger(r.line); ia.appendVarchar(r.id); ia.endRow(); }
    ia.closeSync();
    const dupSql = `SELECT DISTINCT s.line, s.external_id FROM import_ids s WHERE s.external_id IN (SELECT external_id FROM incidents WHERE external_id IS NOT NULL)`;
    const validByLine = new Map(parsed.rows.map((r) => [r.line, r]));
    const refusedByLine = new Map(report.rejected.map((r) => [r.line, r]));
    const dupLines = new Set<number>();
    for (const d of (await con.runAndReadAll(dupSql)).getRowObjectsJS()) {
      const line = Number(d.line), m = msg.idInDatabase(String(d.external_id));
      const refused = refusedByLine.get(line);
      if (refused) { addReason(refused, m); continue; }
      dupLines.add(line);
      report.rejected.push(rowRefusal(line, m, validByLine.get(line)?.raw ?? ''));
    }
    report.rejected.sort((x, y) => x.line - y.line);
    report.valid -= dupLines.size;
    if (report.rejected.length) report.rejectedCsv = rejectedCsv(report.rejected);
    if (options.dryRun) {
      report.preview = parsed.rows.filter((r) => !dupLines.has(r.line)).slice(0, 20).map((r) => ({ ...r, reportedAt: new Date(r.reportedAt).toISOString(), closedAt: r.closedAt === null ? null : new Date(r.closedAt).toISOString() }));
      return report;
    }
    if (report.rejected.length && !options.partial) return report;
    if (report.valid === 0) return report;

    progress('writing', 0, report.valid);
    const done = await withWriteLock(db, async () => (areasChangedSince(db, areasSeen) ? { ...report, ...fileErrorOf(AREAS_CHANGED) } : commitStaged(con, report, dupLines, options, progress)));
    if (done.committed) {
      afterImport(db, ['incidents']);
      // The clerk's mapping of this file's values is the county's vocabulary from now on.
      await rememberAliases(db, 'category', Object.fromEntries(Object.entries(options.categoryMap ?? {}).filter(([, c]) => vocab.codes.has(c))));
      await rememberAliases(db, 'status', Object.fromEntries(Object.entries(options.statusMap ?? {}).filter(([, st]) => (INCIDENT_STATUSES as readonly string[]).includes(st))));
    }
    return done;
  } finally {
    con.closeSync();
  }
}

async function commitStaged(con: DuckDBConnection, report: ImportReport, dupLines: Set<number>, options: ImportOptions, progress: NonNullable<ImportOptions["onProgress"]>): Promise<ImportReport> {
  {
    await con.run('BEGIN TRANSACTION');
    try {
      // The rows whose ids are stored, by id (what makes them duplicates), not by line.
      if (dupLines.size) await con.run('DELETE FROM import_staging WHERE external_id IN (SELECT external_id FROM incidents WHERE external_id IS NOT NULL)');
      const inserted = await con.runAndReadAll(`INSERT INTO incidents (id, category, title, address, lon, lat, cell_x, cell_y, grid_code, village_code, township_code, h3_r9,
          reported_at, accepted_at, assigned_at, closed_at, due_at, status, resolved, source, hotspot_id, external_id)
        SELECT (SELECT coalesce(max(id), 0) FROM incidents) + row_number() OVER (ORDER BY line), category, title, address, lon, lat, cell_x, cell_y,
          grid_code, village_code, township_code, h3_r9, reported_at, NULL, NULL, closed_at, due_at, status, NULL, 'import', NULL, external_id
        FROM import_staging ORDER BY line`);
      const n = Number(inserted.getRowObjectsJS()[0]?.['Count'] ?? report.valid);
      // Another import may have committed the same ids since the check above: refuse rather than duplicate.
      const late = (await con.runAndReadAll(`SELECT external_id FROM incidents WHERE external_id IS NOT NULL GROUP BY external_id HAVING count(*) > 1 LIMIT 5`)).getRowObjectsJS();
      if (late.length) throw new ImportFileError(msg.idsImportedMeanwhile(late.map((r) => String(r.external_id))));
      // The imported cases' history (from their status and times) in the same transaction as the rows.
      await seedHistory(con, 'level_due_at IS NULL', [], 'import');
      await options.audit?.(con, { imported: n, refused: report.rejected.length });
      if (options.beforeCommit) await options.beforeCommit();
      await con.run('COMMIT');
      report.imported = n;
      report.committed = true;
    } catch (e) {
      await con.run('ROLLBACK').catch(() => {});
      if (e instanceof ImportFileError) { Object.assign(report, fileErrorOf(e.msg)); return report; }
      throw e;
    }
    progress(`imported ${report.imported}`, report.imported, report.imported);
    return report;
  }
}

const ts = (a: DuckDBAppender, ms: number | null) => (ms === null ? a.appendNull() : a.appendTimestamp(timestampValue(BigInt(Math.round(ms)) * 1000n)));
const str = (a: DuckDBAppender, s: string | null) => (s === null ? a.appendNull() : a.appendVarchar(s));

function appendStaged(a: DuckDBAppender, r: ParsedIncident, slaDays: number): void {
  a.appendInteger(r.line);
  str(a, r.externalId);
  a.appendVarchar(r.category);
  str(a, r.title);
  str(a, r.address);
  a.appendDouble(r.lon);
  a.appendDouble(r.lat);
  a.appendInteger(baseCell(r.lon));
  a.appendInteger(baseCell(r.lat));
  a.appendVarchar(r.gridCode);
  a.appendVarchar(r.villageCode);
  a.appendVarchar(r.townshipCode);
  a.appendUBigInt(h3Cell(r.lon, r.lat));
  ts(a, r.reportedAt);
  ts(a, r.closedAt);
  ts(a, r.reportedAt + slaDays * DAY);
  a.appendVarchar(r.status);
  a.endRow();
}

// Imports one level of the 4-level grid (townships, villages or grids) from a GeoJSON FeatureCollection.
//
// Semantics: the file is the level's complete new set. Importing grids REPLACES every grid of the county (a
// county's new grid set); codes kept from before keep their stored attributes (place name, grid leader,
// members, households, kind) unless the file gives them. Then every incident, camera and key site is
// re-assigned to its grid / village / township by point-in-polygon, in the same transaction, and the report
// says how many points changed unit and how many fell outside every grid. Levels below must stay attached:
// importing townships or villages is refused (file-level) when a stored village or grid would be left
// without its parent code, since a level above is replaced as a whole too.
//
// All or nothing (one DuckDB transaction on a dedicated connection; a killed process leaves the file as it
// was), or with `partial` the valid features only — the refused ones are then NOT in the new set.
import type { MultiPolygon, Polygon } from 'geojson';
import type { SourceCrs } from '../analysis/crs.js';
import type { OverlapTolerance } from '../analysis/polygon-overlaps.js';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../db/database.js';
import { checkAreaFeatures, CODE_LENGTH, kindFromName, type AreaCandidate, type AreaField, type AreaLevel, type FeatureRefusal } from './area-checks.js';
import { afterImport } from './after-import.js';
import type { CommitAudit } from '../auth/audit.js';
import { readAreaFile, type AreaFile } from './area-file.js';
import { breathe, type ProgressFn } from './import-progress.js';
import { buildLocators, reassignPoints, type ReassignReport, type UnitPolygon } from './reassign.js';
import { withWriteLock } from './write-lock.js';
import { fileErrorOf, msg } from './import-messages.js';

export interface AreaImportOptions {
  level: AreaLevel;
  /** The positions' system; undefined: detected (.prj, GeoJSON crs member, magnitudes; area-file.ts). */
  crs?: SourceCrs;
  /** Clip polygons to the jurisdiction outline when at most this share of their area lies outside (0.05). */
  clipMaxShare?: number;
  partial?: boolean;
  dryRun?: boolean;
  encoding?: 'utf-8' | 'gbk';
  mapping?: Partial<Record<AreaField, string>>;
  tolerance?: OverlapTolerance;
  beforeCommit?: () => Promise<void>;
  /** Writes the commit's audit row inside the transaction, just before COMMIT (auth/audit.ts importCommitAudit). */
  audit?: CommitAudit;
  onProgress?: ProgressFn;
}

export interface AreaImportReport {
  level: AreaLevel;
  features: number;
  valid: number;
  imported: number;
  committed: boolean;
  fileError: string | null;
  fileErrorZh: string | null;
  rejected: FeatureRefusal[];
  properties: string[];
  mapping: { property: string; field: AreaField | null }[];
  /** What the file was and how it was read: format, Shapefile layer and attribute encoding, and the
   * coordinate system with where it came from (the dry run shows it for the clerk to confirm). */
  source?: { format: AreaFile['format']; shapefile?: AreaFile['shapefile']; crs: AreaFile['crs'] };
  /** Features cut to the jurisdiction outline (clip), with the area cut off in m². */
  clipped?: { feature: number; code: string; removedM2: number }[];
  /** The valid features (first 500): what would be written. */
  preview?: { feature: number; line: number | null; code: string; name: string; parentCode: string; kind: string; areaKm2: number }[];
  /** Units of the level before and after, and how many codes are kept, removed and new. */
  replaced?: { before: number; after: number; kept: number; removed: number; added: number };
  reassigned?: ReassignReport;
}

const TABLE: Record<AreaLevel, string> = { township: 'townships', village: 'villages', grid: 'grids' };

export async function importAreas(db: Database, bytes: Uint8Array, o: AreaImportOptions): Promise<AreaImportReport> {
  const progress = o.onProgress ?? (() => {});
  const report: AreaImportReport = { level: o.level, features: 0, valid: 0, imported: 0, committed: false, fileError: null, fileErrorZh: null, rejected: [], properties: [], mapping: [] };
  progress('parsing', 0, 1);
  const [county] = await db.query<{ code: string; name: string; geojson: string; min_lon: number; min_lat: number; max_lon: number; max_lat: number }>('SELECT code, name, geojson, min_lon, min_lat, max_lon, max_lat FROM county LIMIT 1');
  if (!county) return { ...report, ...fileErrorOf(msg.noJurisdiction()) };
  const file = readAreaFile(bytes, { encoding: o.encoding, crs: o.crs, bbox: [county.min_lon, county.min_lat, county.max_lon, county.max_lat] });
  if ('refusal' in file) return { ...report, ...fileErrorOf(file.refusal) };
  const { features } = file;
  report.features = features.length;
  report.properties = file.properties;
  report.source = { format: file.format, shapefile: file.shapefile, crs: file.crs };
  const parentTable = o.level === 'grid' ? 'villages' : o.level === 'village' ? 'townships' : null;
  const parentCodes = new Set(parentTable ? (await db.query<{ code: string }>(`SELECT code FROM ${parentTable}`)).map((r) => r.code) : [county.code]);
  const outcome = await checkAreaFeatures(features, {
    level: o.level, crs: file.checkCrs, clipMaxShare: o.clipMaxShare, countyCode: county.code, countyName: county.name, outline: JSON.parse(county.geojson) as Polygon | MultiPolygon,
    countyBBox: [county.min_lon, county.min_lat, county.max_lon, county.max_lat], parentCodes, mapping: o.mapping, tolerance: o.tolerance,
    onProgress: (done, total) => progress('checking', done, total),
  }, report.properties);
  report.rejected = outcome.rejected;
  report.mapping = outcome.mapping;
  report.valid = outcome.valid.length;
  report.clipped = outcome.clipped;
  const existing = await db.query<{ code: string; kind: string; name: string } & Record<string, unknown>>(`SELECT * EXCLUDE (geojson) FROM ${TABLE[o.level]}`);
  const byCode = new Map(existing.map((r) => [r.code, r]));
  const newCodes = new Set(outcome.valid.map((c) => c.code));
  report.preview = outcome.valid.slice(0, 500).map((c) => ({ feature: c.index, line: c.line, code: c.code, name: c.name, parentCode: c.parentCode, kind: c.kind ?? (byCode.get(c.code)?.kind as string | undefined) ?? kindFromName(o.level, c.name), areaKm2: Math.round(c.areaM2 / 1e4) / 100 }));
  const kept = existing.filter((r) => newCodes.has(r.code)).length;
  report.replaced = { before: existing.length, after: newCodes.size, kept, removed: existing.length - kept, added: newCodes.size - kept };

  // Children left without a parent: a whole-file problem (which features would have to be added is known).
  if (o.level !== 'grid' && outcome.valid.length) {
    const children = [
      ...(o.level === 'township' ? (await db.query<{ code: string; parent: string }>('SELECT code, township_code parent FROM villages')).map((r) => ({ tbl: 'village', ...r })) : []),
      ...(await db.query<{ code: string; parent: string }>(`SELECT code, ${o.level === 'township' ? 'township_code' : 'village_code'} parent FROM grids`)).map((r) => ({ tbl: 'grid', ...r })),
    ];
    const orphans = children.filter((r) => !newCodes.has(r.parent));
    if (orphans.length) {
      const parents = [...new Set(orphans.map((r) => r.parent))];
      const what = orphans.every((r) => r.tbl === 'grid') ? 'grids' : 'villages/grids';
      Object.assign(report, fileErrorOf(msg.orphans(orphans.length, what, o.level, parents.slice(0, 5), parents.length > 5, outcome.rejected.some((r) => r.code !== null && parents.includes(r.code)))));
    }
  }
  if (report.fileError || o.dryRun) return report;
  if ((report.rejected.length && !o.partial) || outcome.valid.length === 0) return report;

  return withWriteLock(db, async () => {
    await db.transaction(async (con) => {
      progress('writing', 0, outcome.valid.length);
      await con.run(`DELETE FROM ${TABLE[o.level]}`);
      const a = await con.createAppender(TABLE[o.level]);
      for (const c of outcome.valid) appendUnit(a, o.level, c, byCode.get(c.code));
      a.closeSync();
      // The county's own polygons replace the placeholders an empty jurisdiction (DEMO=none) started with.
      await con.run(`UPDATE meta SET value = array_to_string(list_filter(string_split(value, ','), x -> x <> '${o.level}'), ',') WHERE key = 'provisional_areas'`);
      progress('writing', outcome.valid.length, outcome.valid.length);
      await breathe();
      // The hierarchy as it now stands (inside the transaction), for the locators.
      const read = async (sql: string) => (await con.runAndReadAll(sql)).getRowObjectsJS() as { code: string; parent: string; township: string; geojson: string }[];
      const units = (rows: { code: string; parent: string; township: string; geojson: string }[]): UnitPolygon[] =>
        rows.map((r) => ({ code: r.code, parentCode: r.parent, townshipCode: r.township, geometry: JSON.parse(r.geojson) }));
      const loc = buildLocators(
        units(await read('SELECT code, village_code parent, township_code township, geojson FROM grids')),
        units(await read('SELECT code, township_code parent, township_code township, geojson FROM villages')),
        units(await read('SELECT code, code parent, code township, geojson FROM townships')),
      );
      report.reassigned = await reassignPoints(con, loc, (table, done, total) => progress(`reassigning ${table}`, done, total));
      await o.audit?.(con, { imported: outcome.valid.length, refused: report.rejected.length });
      if (o.beforeCommit) await o.beforeCommit();
    });
    report.imported = outcome.valid.length;
    report.committed = true;
    afterImport(db, ['areas', 'incidents', 'cameras', 'sites']);
    return report;
  });
}

type Appender = Awaited<ReturnType<DuckDBConnection['createAppender']>>;

/** One row in the level's table, columns in schema.sql order; attributes the file lacks keep the stored ones. */
function appendUnit(a: Appender, level: AreaLevel, c: AreaCandidate, old: Record<string, unknown> | undefined): void {
  const str = (s: unknown) => (s === null || s === undefined || s === '' ? a.appendNull() : a.appendVarchar(String(s)));
  const dbl = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? a.appendDouble(x) : a.appendNull());
  const int = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? a.appendInteger(Math.round(x)) : a.appendNull());
  const kind = c.kind ?? (old?.kind as string | undefined) ?? kindFromName(level, c.name);
  const box = () => c.bbox.forEach((x) => a.appendDouble(x));
  const geojson = JSON.stringify(c.geometry);
  a.appendVarchar(c.code);
  a.appendVarchar(c.name);
  if (level === 'township') {
    a.appendVarchar(kind);
    // A seat is not in a polygon file: keep the stored one for a kept code, else the polygon's centre.
    const seat = old && typeof old.seat_lon === 'number' ? [old.seat_lon, old.seat_lat] : c.centre;
    dbl(seat[0]); dbl(seat[1]);
  } else if (level === 'village') {
    str((old?.official_name as string | undefined) && old?.name === c.name ? old.official_name : c.name);
    a.appendVarchar(c.parentCode);
    a.appendVarchar(kind);
    dbl(c.centre[0]); dbl(c.centre[1]);
  } else {
    a.appendVarchar(c.parentCode);
    a.appendVarchar(c.code.slice(0, CODE_LENGTH.township));
    a.appendVarchar(kind);
    str(c.place ?? old?.place_name);
    str(c.leader ?? old?.leader);
    int(c.members ?? old?.members);
    int(c.households ?? old?.households);
    dbl(c.centre[0]); dbl(c.centre[1]);
  }
  box();
  a.appendVarchar(geojson);
  a.endRow();
}

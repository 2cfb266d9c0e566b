// Data in: incident, camera and key-site CSV imports, polygon (township/village/grid) and road imports, a
// jurisdiction's outline; each a multipart upload (field `file`) or the file as the raw body.
//   POST /import/incidents?crs=wgs84|gcj02|bd09&partial=&dryRun=&encoding=utf-8|gbk&mapping={"lon":"X"}
//   POST /import/cameras, /import/sites?crs=…&partial=&dryRun=&encoding=…   (a camera ledger or key-site CSV)
//   POST /import/areas?level=…, /import/roads?mode=…, /import/jurisdiction?code=&name=&seatLon=&seatLat=
//   GET  /import/rejected/:id   the full rejected-rows CSV when an answer lists only the first refusals
//   GET  /import/progress/:job  the server's progress of a running import
// A file that cannot be read, or (unless partial=true) any refused row → 400 with line-level reasons and
// nothing written; a body over MAX_IMPORT_BYTES → 413 (also while it streams: http/body-limits.ts). Each route
// is declared once (http/openapi.ts); the answers' schemas are import-answers.ts. The body is described in the
// document (multipart with a binary `file`, or the file's own media type) but read by upload() here, not by
// the router, so the streaming limit, the zip-bomb and nesting guards of the readers and their answers stay.
import type { Context } from 'hono';
import { createRouter, declareRoute, file, fileUpload, json, refusal, z } from '../../http/openapi.js';
import { ErrorAnswer, errorBody } from '../../http/errors.js';
import {
  AreaImportAnswer, CameraImportAnswer, ImportProgressAnswer, IncidentImportAnswer, JurisdictionImportAnswer, JurisdictionRefusedAnswer, refused, RoadImportAnswer, SiteImportAnswer, StationImportAnswer,
} from './import-answers.js';
// The answers' types, for the client (which may import types from `*.routes` files only).
export type { AreaImportAnswer, CameraImportAnswer, ImportProgressAnswer, IncidentImportAnswer, JurisdictionImportAnswer, RoadImportAnswer, SiteImportAnswer, StationImportAnswer } from './import-answers.js';
import { CRS_IDS, epsgOf, parseSourceCrs, type SourceCrs } from '../../analysis/crs.js';
import { isKnownEpsg } from '../../analysis/epsg.js';
import type { Database } from '../../db/database.js';
import { IMPORT_FIELDS, type ImportField } from '../../import/incident-rows.js';
import { importIncidents } from '../../import/import-incidents.js';
import { importCameras } from '../../import/import-cameras.js';
import { importSites } from '../../import/import-sites.js';
import { importStations } from '../../import/import-stations.js';
import { AREA_FIELDS, AREA_LEVELS, type AreaField } from '../../import/area-checks.js';
import { importAreas } from '../../import/import-areas.js';
import { importJurisdiction } from '../../import/import-jurisdiction.js';
import { importRoads, ROAD_FIELDS, type RoadField } from '../../import/import-roads.js';
import { finishProgress, JOB_ID, jobProgress, progressFor } from '../../import/import-progress.js';
import { msg, type Msg } from '../../import/import-messages.js';
import { compactRowReport, keptRejectedCsv } from '../../import/report-size.js';
import { publish } from '../reports/event-bus.js';
import { auditImport, importCommitAudit } from '../../auth/audit.js';
import { limitWrites } from '../../auth/request-guards.js';

export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
const MAX_MB = MAX_IMPORT_BYTES / 1048576;

/** A refusal as the answer's `error` (English) and `errorZh` (the dialog's default language). */
const refusalOf = (status: number, m: Msg) => errorBody(status, m.en, { errorZh: m.zh });

const flag = z.enum(['true', 'false', '1', '0'], { message: 'expected true or false' }).transform((v) => v === 'true' || v === '1');
const mappingParam = z
  .string()
  .transform((s, ctx) => {
    try {
      const m = JSON.parse(s) as Record<string, unknown>;
      if (!m || typeof m !== 'object' || Array.isArray(m)) throw new Error();
      for (const [k, v] of Object.entries(m)) if (!IMPORT_FIELDS.includes(k as ImportField) || typeof v !== 'string') throw new Error();
      return m as Partial<Record<ImportField, string>>;
    } catch {
      ctx.addIssue({ code: 'custom', message: `expected a JSON object {field: header} with fields among ${IMPORT_FIELDS.join(', ')}` });
      return z.NEVER;
    }
  });

/** {source value: target} for the value mapping of an incident import (categories, statuses). */
const valueMap = z.string().transform((s, ctx) => {
  try {
    const m = JSON.parse(s) as Record<string, unknown>;
    if (!m || typeof m !== 'object' || Array.isArray(m) || Object.values(m).some((v) => typeof v !== 'string')) throw new Error();
    return m as Record<string, string>;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'expected a JSON object {"source value": "code"}' });
    return z.NEVER;
  }
});

const importQuery = z.object({
  crs: z.enum(CRS_IDS, { message: 'crs must be wgs84, gcj02 or bd09' }).default('wgs84'),
  partial: flag.default(false),
  dryRun: flag.default(false),
  encoding: z.enum(['utf-8', 'gbk'], { message: 'encoding must be utf-8 or gbk' }).default('utf-8'),
  mapping: mappingParam.optional(),
  categoryMap: valueMap.optional(),
  statusMap: valueMap.optional(),
  job: z.string().regex(JOB_ID, 'job must be 6–64 letters, digits, - or _').optional(),
});

/** {field: property} for GeoJSON imports, the fields among `fields`. */
const propertyMapping = <F extends string>(fields: readonly F[]) =>
  z.string().transform((s, ctx) => {
    try {
      const m = JSON.parse(s) as Record<string, unknown>;
      if (!m || typeof m !== 'object' || Array.isArray(m)) throw new Error();
      for (const [k, v] of Object.entries(m)) if (!fields.includes(k as F) || typeof v !== 'string') throw new Error();
      return m as Partial<Record<F, string>>;
    } catch {
      ctx.addIssue({ code: 'custom', message: `expected a JSON object {field: property} with fields among ${fields.join(', ')}` });
      return z.NEVER;
    }
  });

const jobParam = z.string().regex(JOB_ID, 'job must be 6–64 letters, digits, - or _').optional();

/** A polygon file's system: the web ones or a listed EPSG code; absent = detected from the file. */
const sourceCrs = z.string().transform((s, ctx): SourceCrs => {
  const c = parseSourceCrs(s);
  const code = c ? epsgOf(c) : null;
  if (!c || (code !== null && !isKnownEpsg(code))) {
    ctx.addIssue({ code: 'custom', message: 'crs must be wgs84, gcj02, bd09 or epsg:NNNN of a CGCS2000, Xian 1980, Beijing 1954 or WGS 84 / UTM system (e.g. epsg:4490, epsg:4527)' });
    return z.NEVER;
  }
  return c;
});

const areaQuery = z.object({
  level: z.enum(AREA_LEVELS, { message: 'level must be township, village or grid' }),
  crs: sourceCrs.optional(),
  clip: flag.default(false),
  clipMaxPercent: z.coerce.number({ message: 'clipMaxPercent must be a number' }).min(0, 'clipMaxPercent must be 0–50').max(50, 'clipMaxPercent must be 0–50').default(5),
  partial: flag.default(false),
  dryRun: flag.default(false),
  encoding: z.enum(['utf-8', 'gbk'], { message: 'encoding must be utf-8 or gbk' }).optional(),
  mapping: propertyMapping<AreaField>(AREA_FIELDS).optional(),
  job: jobParam,
});

const jurisdictionQuery = z.object({
  code: z.string().regex(/^\d{6}$/, 'code must be a 6-digit division code').optional(),
  name: z.string().trim().min(1).max(40, 'name too long (40 characters at most)').optional(),
  seatLon: z.coerce.number().min(-180).max(180).optional(),
  seatLat: z.coerce.number().min(-90).max(90).optional(),
  crs: sourceCrs.optional(),
  encoding: z.enum(['utf-8', 'gbk'], { message: 'encoding must be utf-8 or gbk' }).optional(),
  dryRun: flag.default(false),
});

const roadQuery = z.object({
  crs: importQuery.shape.crs,
  mode: z.enum(['append', 'replace'], { message: 'mode must be append or replace (the classes in the file)' }).default('append'),
  partial: flag.default(false),
  dryRun: flag.default(false),
  encoding: importQuery.shape.encoding,
  mapping: propertyMapping<RoadField>(ROAD_FIELDS).optional(),
  job: jobParam,
});

/** An import's body: the file as a multipart form's `file` or as the raw body, in one of `types`. */
const importBody = (what: string, types: string[]) => ({
  required: true,
  description: `${what}: a multipart form with the field \`file\`, or the file itself as the body. At most ${MAX_MB} MB.`,
  content: { ...fileUpload(what), ...Object.fromEntries(types.map((t) => [t, { schema: { type: 'string' as const, format: 'binary' } }])) },
});
const CSV_TYPES = ['text/csv'];
const stationQuery = z.object({
  ...importQuery.pick({ crs: true, partial: true, dryRun: true, encoding: true, job: true }).shape,
  mode: z.enum(['append', 'replace'], { message: 'mode must be append or replace (the whole station list)' }).default('append'),
});
const GEO_TYPES = ['application/geo+json', 'application/json'];

const REPORT = 'The report: a dry run’s, a partial import’s or a committed import’s.';
const REFUSED = 'The file could not be read, or (unless dryRun or partial) rows were refused and nothing was written: the error beside the whole report; or a parameter, the file field or an empty body was refused.';

/** A file import of rows (incidents, cameras, sites, polygons, roads): the admin's, one at a time, its report the
 * answer, a refused file's 400 the error beside the whole report. */
const rowImportRoute = <P extends string, Q extends z.ZodObject, A extends z.ZodObject>(path: P, summary: { zh: string; en: string }, query: Q, file: { what: string; types: string[] }, answer: A) =>
  declareRoute({
    method: 'post',
    path,
    access: 'data.import',
    guards: [limitWrites()],
    summary,
    request: { query, body: importBody(file.what, file.types) },
    responses: { 200: json(answer, REPORT), 400: json(refused(answer), REFUSED) },
  });

export const incidentImportRoute = rowImportRoute('/import/incidents', { zh: '导入事件（CSV/Excel）', en: 'Import incidents from a CSV or spreadsheet' }, importQuery, { what: 'the incident table (CSV, GBK or UTF-8, or .xlsx)', types: CSV_TYPES }, IncidentImportAnswer);
export const cameraImportRoute = rowImportRoute('/import/cameras', { zh: '导入监控点位台账', en: 'Import the camera ledger' }, importQuery, { what: 'the camera ledger (CSV or .xlsx)', types: CSV_TYPES }, CameraImportAnswer);
export const siteImportRoute = rowImportRoute('/import/sites', { zh: '导入重点场所', en: 'Import key sites' }, importQuery, { what: 'the key-site table (CSV or .xlsx)', types: CSV_TYPES }, SiteImportAnswer);
export const stationImportRoute = rowImportRoute('/import/stations', { zh: '导入派出所（巡逻与出警起点）', en: 'Import police stations (patrol and response starting points)' }, stationQuery, { what: 'the station table (CSV or .xlsx) or GeoJSON points', types: [...CSV_TYPES, ...GEO_TYPES] }, StationImportAnswer);
export const areaImportRoute = rowImportRoute('/import/areas', { zh: '导入乡镇、村、网格边界', en: 'Import township, village or grid polygons' }, areaQuery, { what: 'the polygons (GeoJSON, or a zipped Shapefile)', types: GEO_TYPES }, AreaImportAnswer);
export const roadImportRoute = rowImportRoute('/import/roads', { zh: '导入道路', en: 'Import roads' }, roadQuery, { what: 'the roads (GeoJSON lines)', types: GEO_TYPES }, RoadImportAnswer);

export const jurisdictionImportRoute = declareRoute({
  method: 'post',
  path: '/import/jurisdiction',
  access: 'data.import',
  guards: [limitWrites()],
  summary: { zh: '导入辖区边界（新建辖区）', en: 'Import the jurisdiction’s outline into an empty database' },
  request: { query: jurisdictionQuery, body: importBody('the outline (GeoJSON, or a zipped Shapefile)', GEO_TYPES) },
  responses: {
    200: json(JurisdictionImportAnswer, 'Dry run: the outline as it would be kept.'),
    201: json(JurisdictionImportAnswer, 'The jurisdiction was created.'),
    400: json(z.union([JurisdictionRefusedAnswer, ErrorAnswer]), 'The file or a parameter was refused.'),
    409: json(JurisdictionRefusedAnswer, 'The database already has a jurisdiction.'),
  },
});

export const rejectedCsvRoute = declareRoute({
  method: 'get',
  path: '/import/rejected/{id}',
  access: 'data.import',
  summary: { zh: '下载不合格行（CSV）', en: 'Download an import’s refused rows (CSV)' },
  request: { params: z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' }, description: 'from the report’s rejectedCsvUrl' }) }) },
  responses: {
    200: file('text/csv', 'Every refused row with its reasons in Chinese and English (UTF-8 with BOM).'),
    404: json(ErrorAnswer, 'No such file: they are kept 10 minutes after the import.'),
  },
});

export const importProgressRoute = declareRoute({
  method: 'get',
  path: '/import/progress/{job}',
  access: 'data.import',
  summary: { zh: '导入进度', en: 'Progress of a running import' },
  request: { params: z.object({ job: z.string().regex(JOB_ID, 'job must be 6–64 letters, digits, - or _').openapi({ param: { name: 'job', in: 'path' }, description: 'the job id the import was sent with' }) }) },
  responses: {
    200: json(ImportProgressAnswer, 'The stage and the items done of total.'),
    404: json(ErrorAnswer, 'No such job: jobs are kept 10 minutes after they end.'),
  },
});

export function importRoutes(db: Database) {
  return createRouter()
    .openapi(incidentImportRoute, async (c) => {
      const q = c.req.valid('query');
      const bytes = await upload(c.req.raw);
      if (!(bytes instanceof Uint8Array)) return refusal(c, bytes.status, refusalOf(bytes.status, bytes.refusal));
      const onProgress = progressFor(q.job);
      const report = await importIncidents(db, bytes, { crs: q.crs, partial: q.partial, dryRun: q.dryRun, encoding: q.encoding, mapping: q.mapping, categoryMap: q.categoryMap, statusMap: q.statusMap, audit: importCommitAudit(c, 'incidents'), onProgress: (stage, done, total) => onProgress(stage, done ?? 0, total ?? 0) })
        .finally(() => finishProgress(q.job));
      if (report.committed) publish(db, { type: 'import', imported: report.imported });
      await auditImport(db, c, 'incidents', q.dryRun, report);
      return answer(c, q, compactRowReport(report), () => msg.rowsRefused(report.rejected.length, report.valid));
    })
    .openapi(cameraImportRoute, async (c) => {
      const q = c.req.valid('query');
      const bytes = await upload(c.req.raw);
      if (!(bytes instanceof Uint8Array)) return refusal(c, bytes.status, refusalOf(bytes.status, bytes.refusal));
      progressFor(q.job)('checking', 0, 1);
      const report = await importCameras(db, bytes, { crs: q.crs, partial: q.partial, dryRun: q.dryRun, encoding: q.encoding, audit: importCommitAudit(c, 'cameras') }).finally(() => finishProgress(q.job));
      await auditImport(db, c, 'cameras', q.dryRun, report);
      return answer(c, q, compactRowReport(report), () => msg.rowsRefused(report.rejected.length, report.valid));
    })
    .openapi(siteImportRoute, async (c) => {
      const q = c.req.valid('query');
      const bytes = await upload(c.req.raw);
      if (!(bytes instanceof Uint8Array)) return refusal(c, bytes.status, refusalOf(bytes.status, bytes.refusal));
      progressFor(q.job)('checking', 0, 1);
      const report = await importSites(db, bytes, { crs: q.crs, partial: q.partial, dryRun: q.dryRun, encoding: q.encoding, audit: importCommitAudit(c, 'sites') }).finally(() => finishProgress(q.job));
      await auditImport(db, c, 'sites', q.dryRun, report);
      return answer(c, q, compactRowReport(report), () => msg.rowsRefused(report.rejected.length, report.valid));
    })
    .openapi(stationImportRoute, async (c) => {
      const q = c.req.valid('query');
      const bytes = await upload(c.req.raw);
      if (!(bytes instanceof Uint8Array)) return refusal(c, bytes.status, refusalOf(bytes.status, bytes.refusal));
      progressFor(q.job)('checking', 0, 1);
      const report = await importStations(db, bytes, { crs: q.crs, partial: q.partial, dryRun: q.dryRun, encoding: q.encoding, mode: q.mode, audit: importCommitAudit(c, 'stations') }).finally(() => finishProgress(q.job));
      await auditImport(db, c, 'stations', q.dryRun, report);
      return answer(c, q, compactRowReport(report), () => msg.rowsRefused(report.rejected.length, report.valid));
    })
    // The full rejected-rows CSV of an import whose list was too long to answer inline (kept 10 minutes).
    .openapi(rejectedCsvRoute, (c) => {
      const csv = keptRejectedCsv(c.req.valid('param').id);
      if (csv === undefined) return c.json(errorBody(404, 'No such rejected-rows file (they are kept 10 minutes after the import).', { errorZh: '没有这个不合格行文件（导入后只保留 10 分钟）。' }), 404);
      c.header('Content-Disposition', 'attachment; filename="rejected-rows.csv"');
      return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    })
    .openapi(areaImportRoute, async (c) => {
      const q = c.req.valid('query');
      const bytes = await upload(c.req.raw);
      if (!(bytes instanceof Uint8Array)) return refusal(c, bytes.status, refusalOf(bytes.status, bytes.refusal));
      const report = await importAreas(db, bytes, { level: q.level, crs: q.crs, clipMaxShare: q.clip ? q.clipMaxPercent / 100 : undefined, partial: q.partial, dryRun: q.dryRun, encoding: q.encoding, mapping: q.mapping, audit: importCommitAudit(c, q.level), onProgress: progressFor(q.job) })
        .finally(() => finishProgress(q.job));
      if (report.committed) publish(db, { type: 'import', imported: report.imported, kind: q.level });
      await auditImport(db, c, q.level, q.dryRun, report);
      return answer(c, q, report, () => msg.featuresRefusedReplace(report.rejected.length, q.level, report.valid));
    })
    .openapi(jurisdictionImportRoute, async (c) => {
      const q = c.req.valid('query');
      const bytes = await upload(c.req.raw);
      if (!(bytes instanceof Uint8Array)) return refusal(c, bytes.status, refusalOf(bytes.status, bytes.refusal));
      const seat = q.seatLon !== undefined && q.seatLat !== undefined ? ([q.seatLon, q.seatLat] as [number, number]) : undefined;
      const { status, error, errorZh, ...report } = await importJurisdiction(db, bytes, { code: q.code, name: q.name, seat, crs: q.crs, encoding: q.encoding, dryRun: q.dryRun, audit: importCommitAudit(c, 'jurisdiction') });
      if (status || error) {
        const s = status ?? 400;
        return refusal(c, s, { ...errorBody(s, error ?? 'The outline was refused.', { errorZh }), committed: false, ...(report.source && { source: report.source }) });
      }
      if (report.committed) publish(db, { type: 'import', imported: 1, kind: 'jurisdiction' });
      await auditImport(db, c, 'jurisdiction', q.dryRun, { ...report, imported: report.committed ? 1 : 0 });
      return report.committed ? c.json(report, 201) : c.json(report, 200);
    })
    .openapi(roadImportRoute, async (c) => {
      const q = c.req.valid('query');
      const bytes = await upload(c.req.raw);
      if (!(bytes instanceof Uint8Array)) return refusal(c, bytes.status, refusalOf(bytes.status, bytes.refusal));
      const report = await importRoads(db, bytes, { crs: q.crs, mode: q.mode, partial: q.partial, dryRun: q.dryRun, encoding: q.encoding, mapping: q.mapping, audit: importCommitAudit(c, 'roads'), onProgress: progressFor(q.job) })
        .finally(() => finishProgress(q.job));
      if (report.committed) publish(db, { type: 'import', imported: report.imported, kind: 'roads' });
      await auditImport(db, c, 'roads', q.dryRun, report);
      return answer(c, q, report, () => msg.featuresRefused(report.rejected.length, report.valid));
    })
    .openapi(importProgressRoute, async (c) => {
      const { job } = c.req.valid('param');
      const p = jobProgress(job);
      return p ? c.json(p, 200) : c.json(errorBody(404, `No import job ${job} (jobs are kept 10 minutes after they end).`, { errorZh: `没有导入任务 ${job}（任务结束后只保留 10 分钟）。` }), 404);
    });
}

/** The uploaded file: multipart field "file" or the raw body; otherwise why it was refused, and the status.
 * A declared length over the limit is refused before the body is read. */
async function upload(req: Request): Promise<Uint8Array | { refusal: Msg; status: 400 | 413 }> {
  if (Number(req.headers.get('content-length') ?? 0) > MAX_IMPORT_BYTES) return { refusal: msg.tooLarge(MAX_MB), status: 413 };
  let bytes: Uint8Array;
  if ((req.headers.get('content-type') ?? '').startsWith('multipart/form-data')) {
    const form = await req.formData().catch(() => null);
    const file = form?.get('file');
    if (!file || typeof file === 'string') return { refusal: msg.noFileField(), status: 400 };
    bytes = new Uint8Array(await file.arrayBuffer());
  } else bytes = new Uint8Array(await req.arrayBuffer());
  if (bytes.length > MAX_IMPORT_BYTES) return { refusal: msg.tooLarge(MAX_MB), status: 413 };
  if (bytes.length === 0) return { refusal: msg.emptyBody(), status: 400 };
  return bytes;
}

/** Every import's answer: 400 for a file it could not read, or (unless a dry run or partial) for any refused
 * row or feature — with the whole report either way, so the dialog can list the reasons; 200 otherwise. */
function answer<R extends { fileError?: string | null; fileErrorZh?: string | null; rejected: unknown[] }>(c: Context, q: { dryRun: boolean; partial: boolean }, report: R, refused: () => Msg) {
  const { fileError, fileErrorZh, ...body } = report;
  if (fileError) return c.json({ ...errorBody(400, fileError, { errorZh: fileErrorZh ?? undefined }), ...body }, 400);
  if (!q.dryRun && !q.partial && report.rejected.length) return c.json({ ...refusalOf(400, refused()), ...body }, 400);
  return c.json(body, 200);
}

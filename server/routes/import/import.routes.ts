// Data in: incident CSV import (multipart upload or a text/csv body), forward and reverse geocoding.
//   POST /import/incidents?crs=wgs84|gcj02|bd09&partial=&dryRun=&encoding=utf-8|gbk&mapping={"lon":"X"}
//   POST /import/cameras|sites?crs=…&partial=&dryRun=&encoding=…   (a camera ledger or key-site CSV)
//   GET  /import/rejected/:id   the full rejected-rows CSV when an answer lists only the first refusals
//   GET  /geocode?q=…            GET /reverse-geocode?lon=…&lat=…
// and the live reports, event stream and export of routes/reports (mounted here: one line in app.ts).
// A file that cannot be read, or (unless partial=true) any refused row → 400 with line-level reasons and
// nothing written; a body over MAX_IMPORT_BYTES → 413.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { CRS_IDS, epsgOf, parseSourceCrs, type SourceCrs } from '../../analysis/crs.js';
import { isKnownEpsg } from '../../analysis/epsg.js';
import type { Database } from '../../db/database.js';
import { validQuery } from '../../http/validate.js';
import { countyContext } from '../../import/county-context.js';
import { IMPORT_FIELDS, type ImportField } from '../../import/incident-rows.js';
import { importIncidents } from '../../import/import-incidents.js';
import { importCameras } from '../../import/import-cameras.js';
import { importSites } from '../../import/import-sites.js';
import { AREA_FIELDS, AREA_LEVELS, type AreaField } from '../../import/area-checks.js';
import { importAreas } from '../../import/import-areas.js';
import { importJurisdiction } from '../../import/import-jurisdiction.js';
import { importRoads, ROAD_FIELDS, type RoadField } from '../../import/import-roads.js';
import { finishProgress, JOB_ID, jobProgress, progressFor } from '../../import/import-progress.js';
import { msg, type Msg } from '../../import/import-messages.js';
import { compactRowReport, keptRejectedCsv } from '../../import/report-size.js';
import { publish } from '../reports/event-bus.js';
import { access } from '../../auth/access.js';
import { auditImport } from '../../auth/audit.js';
import { limitWrites } from '../../auth/request-guards.js';

export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
const MAX_MB = MAX_IMPORT_BYTES / 1048576;

/** A refusal as the answer's `error` (English) and `errorZh` (the dialog's default language). */
const errorBody = (m: Msg) => ({ error: m.en, errorZh: m.zh });

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

const lonLat = { lon: z.coerce.number().min(-180).max(180), lat: z.coerce.number().min(-90).max(90) };

export function importRoutes(db: Database) {
  return new Hono()
    .post('/import/incidents', access('data.import'), limitWrites(), validQuery(importQuery), async (c) => {
      const q = c.req.valid('query');
      const bytes = await upload(c.req.raw);
      if (!(bytes instanceof Uint8Array)) return c.json(errorBody(bytes.refusal), bytes.status);
      const onProgress = progressFor(q.job);
      const report = await importIncidents(db, bytes, { crs: q.crs, partial: q.partial, dryRun: q.dryRun, encoding: q.encoding, mapping: q.mapping, categoryMap: q.categoryMap, statusMap: q.statusMap, onProgress: (stage, done, total) => onProgress(stage, done ?? 0, total ?? 0) })
        .finally(() => finishProgress(q.job));
      if (report.committed) publish(db, { type: 'import', imported: report.imported });
      await auditImport(db, c, 'incidents', q.dryRun, report);
      return answer(c, q, compactRowReport(report), () => msg.rowsRefused(report.rejected.length, report.valid));
    })
    .post('/import/:target{cameras|sites}', access('data.import'), limitWrites(), validQuery(importQuery), async (c) => {
      const q = c.req.valid('query');
      const bytes = await upload(c.req.raw);
      if (!(bytes instanceof Uint8Array)) return c.json(errorBody(bytes.refusal), bytes.status);
      const opts = { crs: q.crs, partial: q.partial, dryRun: q.dryRun, encoding: q.encoding };
      progressFor(q.job)('checking', 0, 1);
      const report = await (c.req.param('target') === 'sites' ? importSites(db, bytes, opts) : importCameras(db, bytes, opts)).finally(() => finishProgress(q.job));
      await auditImport(db, c, c.req.param('target'), q.dryRun, report);
      return answer(c, q, compactRowReport(report), () => msg.rowsRefused(report.rejected.length, report.valid));
    })
    // The full rejected-rows CSV of an import whose list was too long to answer inline (kept 10 minutes).
    .get('/import/rejected/:id', access('data.import'), (c) => {
      const csv = keptRejectedCsv(c.req.param('id'));
      if (csv === undefined) return c.json({ error: 'No such rejected-rows file (they are kept 10 minutes after the import).', errorZh: '没有这个不合格行文件（导入后只保留 10 分钟）。' }, 404);
      c.header('Content-Disposition', 'attachment; filename="rejected-rows.csv"');
      return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    })
    .post('/import/areas', access('data.import'), limitWrites(), validQuery(areaQuery), async (c) => {
      const q = c.req.valid('query');
      const bytes = await upload(c.req.raw);
      if (!(bytes instanceof Uint8Array)) return c.json(errorBody(bytes.refusal), bytes.status);
      const report = await importAreas(db, bytes, { level: q.level, crs: q.crs, clipMaxShare: q.clip ? q.clipMaxPercent / 100 : undefined, partial: q.partial, dryRun: q.dryRun, encoding: q.encoding, mapping: q.mapping, onProgress: progressFor(q.job) })
        .finally(() => finishProgress(q.job));
      if (report.committed) publish(db, { type: 'import', imported: report.imported, kind: q.level });
      await auditImport(db, c, q.level, q.dryRun, report);
      return answer(c, q, report, () => msg.featuresRefusedReplace(report.rejected.length, q.level, report.valid));
    })
    .post('/import/jurisdiction', access('data.import'), limitWrites(), validQuery(jurisdictionQuery), async (c) => {
      const q = c.req.valid('query');
      const bytes = await upload(c.req.raw);
      if (!(bytes instanceof Uint8Array)) return c.json(errorBody(bytes.refusal), bytes.status);
      const seat = q.seatLon !== undefined && q.seatLat !== undefined ? ([q.seatLon, q.seatLat] as [number, number]) : undefined;
      const { status, ...report } = await importJurisdiction(db, bytes, { code: q.code, name: q.name, seat, crs: q.crs, encoding: q.encoding, dryRun: q.dryRun });
      if (report.committed) publish(db, { type: 'import', imported: 1, kind: 'jurisdiction' });
      await auditImport(db, c, 'jurisdiction', q.dryRun, { ...report, imported: report.committed ? 1 : 0 });
      return c.json(report, status ?? (report.committed ? 201 : 200));
    })
    .post('/import/roads', access('data.import'), limitWrites(), validQuery(roadQuery), async (c) => {
      const q = c.req.valid('query');
      const bytes = await upload(c.req.raw);
      if (!(bytes instanceof Uint8Array)) return c.json(errorBody(bytes.refusal), bytes.status);
      const report = await importRoads(db, bytes, { crs: q.crs, mode: q.mode, partial: q.partial, dryRun: q.dryRun, encoding: q.encoding, mapping: q.mapping, onProgress: progressFor(q.job) })
        .finally(() => finishProgress(q.job));
      if (report.committed) publish(db, { type: 'import', imported: report.imported, kind: 'roads' });
      await auditImport(db, c, 'roads', q.dryRun, report);
      return answer(c, q, report, () => msg.featuresRefused(report.rejected.length, report.valid));
    })
    .get('/import/progress/:job', access('data.import'), async (c) => {
      const job = c.req.param('job');
      if (!JOB_ID.test(job)) return c.json({ error: 'job must be 6–64 letters, digits, - or _' }, 400);
      const p = jobProgress(job);
      return p ? c.json(p) : c.json({ error: `No import job ${job} (jobs are kept 10 minutes after they end).` }, 404);
    })
    .get('/geocode', access('signed-in'), validQuery(z.object({ q: z.string().trim().min(2, 'give an address of at least 2 characters').max(200, 'address too long (200 characters at most)') })), async (c) => {
      const ctx = await countyContext(db);
      return c.json(ctx.geocode(c.req.valid('query').q));
    })
    .get('/reverse-geocode', access('signed-in'), validQuery(z.object(lonLat)), async (c) => {
      const { lon, lat } = c.req.valid('query');
      const ctx = await countyContext(db);
      return c.json(ctx.reverse.reverse(lon, lat));
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
  if (fileError) return c.json({ error: fileError, errorZh: fileErrorZh, ...body }, 400);
  if (!q.dryRun && !q.partial && report.rejected.length) return c.json({ ...errorBody(refused()), ...body }, 400);
  return c.json(body, 200);
}

// Live reports from grid members' phones, and the event stream that puts them on every open dashboard.
//   POST /reports  JSON { category, title, reportedAt?, lon?, lat?, crs?, address?, reporter? }
//        → 201 { id, incident }: a new case (登记) at village tier, reported by the session's user (geocoded when only an address is given); 400 with the reason otherwise
//   GET  /events   text/event-stream: `report`, `case` and `import` events with ids (Last-Event-ID replays), a ping every 15 s
//   GET  /incidents/export?format=csv|geojson&<incident filters>  → a file of the filtered incidents
import { createRouter, declareRoute, file, json, jsonBody, z } from '../../http/openapi.js';
import { errorBody } from '../../http/errors.js';
import { CRS_IDS, toWgs84 } from '../../analysis/crs.js';
import { baseCell } from '../../analysis/heat-cells.js';
import type { Database } from '../../db/database.js';
import { bumpDataVersion } from '../../db/data-version.js';
import { h3Cell } from '../../db/load-demo.js';
import { STATUS_ZH, type IncidentStatus } from '../../../shared/domain/categories.js';
import { countyContext } from '../../import/county-context.js';
import { knownCategories } from '../../http/category-scope.js';
import { parseLocalTime } from '../../import/incident-rows.js';
import { withWriteLock } from '../../import/write-lock.js';
import { incidentWhere, incidentFilterShape, orderedWindow } from '../filters.js';
import { publish } from './event-bus.js';
import { streamEvents } from './stream-events.js';
import { readCase } from '../../cases/case-store.js';
import { dueAt, levelDueAt } from '../../cases/deadlines.js';
import { caseEventOf } from '../cases/case-events.js';
import { sqlLocal } from '../../../shared/time/clock.js';
import { csvCell } from '../../http/csv.js';
import { audit } from '../../auth/audit.js';
import { limitWrites } from '../../auth/request-guards.js';

export const MAX_EXPORT_ROWS = 200_000;

export const ReportSchema = z
  .object({
    category: z.string().transform((s, ctx) => {
      // The jurisdiction's vocabulary (categories table): a code or its Chinese name.
      const vocab = knownCategories();
      const c = vocab.byCode.get(s) ?? vocab.list.find((x) => x.zh === s);
      if (!c) { ctx.addIssue({ code: 'custom', message: `unknown category; use one of ${[...vocab.codes].join(', ')} or its Chinese label` }); return z.NEVER; }
      return c.code;
    }),
    title: z.string().trim().min(1, 'describe the event').max(200, 'description too long (200 characters at most)'),
    reportedAt: z.string().optional().transform((s, ctx) => {
      if (s === undefined) return Date.now();
      const t = parseLocalTime(s.replace(/\.\d+/, ''));
      if (t === null) { ctx.addIssue({ code: 'custom', message: 'expected a date-time such as 2026-11-20 14:30 (Asia/Shanghai) or ISO 8601' }); return z.NEVER; }
      if (t > Date.now() + 600_000) { ctx.addIssue({ code: 'custom', message: 'report time is in the future' }); return z.NEVER; }
      return t;
    }),
    lon: z.number().min(-180).max(180).optional(),
    lat: z.number().min(-90).max(90).optional(),
    crs: z.enum(CRS_IDS).default('wgs84'),
    address: z.string().trim().min(2).max(200).optional(),
    reporter: z.string().max(50).optional(),
    // A phone's own id for this report: a resend of a report whose answer was lost finds the stored case again.
    clientId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'clientId: 8 to 64 letters, digits or dashes').optional(),
  })
  .refine((r) => (r.lon === undefined) === (r.lat === undefined), { message: 'give both lon and lat, or neither', path: ['lon'] })
  .refine((r) => r.lon !== undefined || r.address, { message: 'give a location: lon and lat, or an address', path: ['address'] });

export const ReportedIncident = z
  .strictObject({
    id: z.number().int(),
    category: z.string().describe('category code'),
    title: z.string(),
    address: z.string().nullable(),
    lon: z.number().describe('WGS-84, degrees'),
    lat: z.number().describe('WGS-84, degrees'),
    gridCode: z.string(),
    reportedAt: z.string().describe('ISO time'),
    status: z.literal('reported'),
    statusZh: z.string(),
    geocode: z.strictObject({ level: z.string(), confidence: z.number().min(0).max(1) }).nullable().describe('how the address was located, when only an address was given'),
  })
  .openapi('ReportedIncident');
export const ReportAnswer = z.strictObject({ id: z.number().int(), incident: ReportedIncident }).openapi('ReportAnswer');
export type ReportAnswer = z.infer<typeof ReportAnswer>;
export const ReportResentAnswer = z.strictObject({ id: z.number().int(), resent: z.literal(true) }).openapi('ReportResentAnswer');
export const ExportQuery = orderedWindow(z.object({ ...incidentFilterShape, format: z.enum(['csv', 'geojson'], { message: 'format must be csv or geojson' }).default('csv') }));

export const reportRoute = declareRoute({
  method: 'post',
  path: '/reports',
  access: 'reports.submit',
  guards: [limitWrites('report')],
  summary: { zh: '上报事件（登记）', en: 'Report an incident from the field' },
  request: { body: jsonBody(ReportSchema) },
  responses: {
    200: json(ReportResentAnswer, 'A resend of a report already stored (same clientId): its id.'),
    201: json(ReportAnswer, 'The new case at village tier.'),
  },
});

export const eventsRoute = declareRoute({
  method: 'get',
  path: '/events',
  access: 'incidents.read',
  summary: { zh: '实时事件流', en: 'Live event stream' },
  request: { query: z.object({ lastEventId: z.string().optional().describe('replay from after this event id (or the Last-Event-ID header)') }) },
  responses: { 200: file('text/event-stream', '`report`, `case` and `import` events with ids, a ping every 15 s.') },
});

export const exportRoute = declareRoute({
  method: 'get',
  path: '/incidents/export',
  access: 'incidents.export',
  summary: { zh: '导出事件', en: 'Export incidents' },
  request: { query: ExportQuery },
  responses: {
    200: {
      description: 'The filtered incidents: CSV (the importer’s headers, UTF-8 with BOM) or GeoJSON.',
      content: { 'text/csv': { schema: z.string() }, 'application/geo+json': { schema: z.string() } },
    },
  },
});

export function reportRoutes(db: Database) {
  return createRouter()
    .openapi(reportRoute, async (c) => {
      const r = c.req.valid('json');
      const ctx = await countyContext(db);
      let lon: number, lat: number, geocode = null as null | { level: string; confidence: number };
      if (r.lon !== undefined && r.lat !== undefined) {
        [lon, lat] = toWgs84(r.lon, r.lat, r.crs);
        if (!ctx.inCounty(lon, lat)) {
          const swapped = ctx.inCounty(...toWgs84(r.lat, r.lon, r.crs));
          return c.json(errorBody(400, `The point ${r.lon}, ${r.lat} (${r.crs}) is outside ${ctx.name}${swapped ? ': latitude and longitude look swapped' : ''}`, { errorZh: `位置 ${r.lon}, ${r.lat}（${r.crs}）不在${ctx.name}${swapped ? '：经纬度似乎颠倒了' : ''}` }), 400);
        }
      } else {
        const g = ctx.geocode(r.address!);
        if (g.outside) return c.json(errorBody(400, `The address "${r.address}" is outside ${ctx.name}: it names ${g.outsideUnit?.name}`, { errorZh: `地址「${r.address}」不在本辖区（${g.outsideUnit?.name}）`, details: { geocode: g } }), 400);
        if (!g.ok || g.confidence < 0.5) return c.json(errorBody(400, `The address "${r.address}" could not be located in ${ctx.name}${g.ambiguous ? ' (the name is shared by several places; add the township or village)' : ''}`, { errorZh: `无法在${ctx.name}定位地址「${r.address}」${g.ambiguous ? '（多处同名，请加上乡镇或村）' : ''}`, details: { geocode: g } }), 400);
        [lon, lat] = [g.lon, g.lat];
        geocode = { level: g.level, confidence: g.confidence };
      }
      const grid = ctx.grids.locate(lon, lat);
      if (!grid) return c.json(errorBody(400, `The point ${lon.toFixed(6)}, ${lat.toFixed(6)} is in no grid of ${ctx.name}`, { errorZh: `位置 ${lon.toFixed(6)}, ${lat.toFixed(6)} 不在${ctx.name}的任何网格内` }), 400);
      const iso = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
      const address = r.address ?? ctx.reverse.reverse(lon, lat).address;
      const user = c.get('user') ?? null;
      if (user && !grid.code.startsWith(user.scopeCode)) return c.json(errorBody(403, 'the place is outside your jurisdiction', { errorZh: '该位置不在您的辖区内', reason: 'jurisdiction' }), 403);
      const reporter = user?.username ?? null;
      // The id is taken and the row written together (the write lock serialises id allocation), with the case's
      // first history row (登记) in the same transaction.
      const externalId = r.clientId ? `phone:${r.clientId}` : null;
      let resent = false;
      const id = await withWriteLock(db, () => db.transaction(async (con) => {
        if (externalId) {
          const seen = (await con.runAndReadAll('SELECT id FROM incidents WHERE external_id = ?', [externalId])).getRows()[0];
          if (seen) { resent = true; return Number(seen[0]); }
        }
        const inserted = await con.runAndReadAll(
          `INSERT INTO incidents (id, category, title, address, lon, lat, cell_x, cell_y, grid_code, village_code, township_code, h3_r9, reported_at, accepted_at, assigned_at, closed_at, due_at, status, resolved, source, hotspot_id, level, level_due_at, supervised, reporter, external_id, history_seq)
           SELECT coalesce(max(id), 0) + 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::UBIGINT, ?::TIMESTAMP, NULL, NULL, NULL, ?::TIMESTAMP, 'reported', NULL, 'grid_member', NULL, 'village', ?::TIMESTAMP, false, ?, ?, 1 FROM incidents RETURNING id`,
          [r.category, r.title, address, lon, lat, baseCell(lon), baseCell(lat), grid.code, grid.villageCode, grid.townshipCode, h3Cell(lon, lat).toString(), iso(r.reportedAt), iso(dueAt(r.category, r.reportedAt)), iso(levelDueAt(r.category, r.reportedAt)), reporter, externalId]);
        const newId = Number(inserted.getRows()[0][0]);
        await con.run(`INSERT INTO case_transitions (case_id, seq, action, from_status, to_status, from_level, to_level, happened_at, actor_id, actor_name, actor_role, note)
          VALUES (?, 1, 'report', NULL, 'reported', NULL, 'village', ?::TIMESTAMP, ?, ?, ?, ?)`,
          [newId, iso(r.reportedAt), user?.id ?? null, user?.displayName ?? r.reporter ?? null, user?.role ?? null, r.reporter && user ? null : r.reporter ? `reporter: ${r.reporter}` : null]);
        return newId;
      }));
      if (resent) return c.json({ id, resent: true as const }, 200);
      bumpDataVersion(db, ['incidents', 'cases']); // cached answers (http/answer-cache.ts) and caches by version see it
      const incident = { id, category: r.category, title: r.title, address, lon, lat, gridCode: grid.code, reportedAt: new Date(r.reportedAt).toISOString(), status: 'reported' as const, statusZh: STATUS_ZH.reported, geocode };
      publish(db, { type: 'report', incident });
      const created = await readCase(db, id);
      if (created) publish(db, caseEventOf(created, 'new', 'report'));
      return c.json({ id, incident }, 201);
    })
    .openapi(eventsRoute, (c) => streamEvents(c, db, c.get('user') ?? null))
    .openapi(exportRoute, async (c) => {
      const q = c.req.valid('query');
      const w = incidentWhere(q);
      const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::INTEGER n FROM incidents ${w.sql}`, w.params);
      if (n > MAX_EXPORT_ROWS) return c.json(errorBody(400, `${n} incidents match; at most ${MAX_EXPORT_ROWS} per export: narrow the time window, categories or area`, { errorZh: `符合条件的事件有 ${n} 条，每次最多导出 ${MAX_EXPORT_ROWS} 条：请缩短时间范围、减少类别或缩小区域` }), 400);
      const rows = await db.query<{ id: number; category: string; title: string | null; address: string | null; lon: number; lat: number; grid_code: string; village_code: string; township_code: string; t: string; closed: string | null; status: string; source: string | null }>(
        `SELECT id, category, title, address, lon, lat, grid_code, village_code, township_code, strftime(${sqlLocal('reported_at')}, '%Y-%m-%d %H:%M:%S') t,
           strftime(${sqlLocal('closed_at')}, '%Y-%m-%d %H:%M:%S') closed, status, source FROM incidents ${w.sql} ORDER BY reported_at, id`, w.params);
      const name = `incidents-${q.from ?? 'all'}-${q.to ?? 'all'}`;
      const petitions = rows.filter((r) => knownCategories().byCode.get(r.category)?.group === 'petition').length;
      await audit(db, c, { action: 'export', detail: `incidents.${q.format} ${rows.length} rows${q.code ? ` of ${q.code}` : ''}, ${q.from ?? '…'}–${q.to ?? '…'}${petitions ? `, ${petitions} petition rows with text` : ''}` });
      if (q.format === 'geojson') {
        const fc = { type: 'FeatureCollection', features: rows.map((r) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [r.lon, r.lat] }, properties: { id: r.id, category: r.category, category_zh: knownCategories().byCode.get(r.category)?.zh, title: r.title, address: r.address, grid_code: r.grid_code, village_code: r.village_code, township_code: r.township_code, reported_at: r.t, closed_at: r.closed, status: r.status, source: r.source } })) };
        return c.body(JSON.stringify(fc), 200, { 'content-type': 'application/geo+json; charset=utf-8', 'content-disposition': `attachment; filename="${name}.geojson"` });
      }
      // Headers the importer reads back (编号, 类别, 时间 in Asia/Shanghai, 经度/纬度 WGS-84 …): export → import round-trips.
      const lines = ['编号,类别,时间,经度,纬度,地址,描述,状态,办结时间,网格,来源'];
      for (const r of rows) lines.push([r.id, knownCategories().byCode.get(r.category)?.zh ?? r.category, r.t, r.lon, r.lat, r.address, r.title, STATUS_ZH[r.status as IncidentStatus] ?? r.status, r.closed, r.grid_code, r.source].map(csvCell).join(',')); // formula cells neutralised (http/csv.ts)
      return c.body('\uFEFF' + lines.join('\r\n') + '\r\n', 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}.csv"` });
    });
}

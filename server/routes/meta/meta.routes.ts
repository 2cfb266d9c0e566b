// GET /api/meta: what the client needs to boot: the jurisdiction (names, time zone, extent), the data's time
// range, what the database holds (so an empty jurisdiction shows empty states, not zeros), vocabularies, basemap.
import type { Database } from '../../db/database.js';
import { localDate } from '../../../shared/time/clock.js';
import { readJurisdiction } from '../../jurisdiction/jurisdiction.js';
import { STATUS_ZH, INCIDENT_STATUSES } from '../../../shared/domain/categories.js';
import { categories } from '../../db/categories.js';
import { groupList } from '../categories/categories.routes.js';
import { CAMERA_KIND_INFO, CAMERA_KINDS } from '../../../shared/domain/cameras.js';
import { createRouter, declareRoute, json, z } from '../../http/openapi.js';
import { BBox, CategoryGroupAnswer, Count, Day, LonLat, Rgb } from '../../http/answer-schemas.js';
import { ErrorAnswer } from '../../http/errors.js';

export interface MetaConfig { basemapStyleUrl: string }


const HELD = ['counties', 'incidents', 'grids', 'cameras', 'roads', 'key_sites', 'police_stations'] as const;

export const JurisdictionAnswer = z
  .strictObject({ code: z.string(), name: z.string(), level: z.enum(['county', 'prefecture']).describe('prefecture: 4-digit code, its county-level units (counts.counties) one level above townships'), province: z.string(), prefecture: z.string(), timeZone: z.string(), centre: LonLat, bbox: BBox })
  .openapi('Jurisdiction');
export const MetaAnswer = z
  .strictObject({
    county: JurisdictionAnswer,
    dataRange: z.strictObject({ from: Day, to: Day }).nullable().describe('first and last day with incidents; null when none'),
    counts: z.strictObject({ counties: Count.describe('county-level units of a prefecture-level jurisdiction'), incidents: Count, grids: Count, cameras: Count, roads: Count, keySites: Count, policeStations: Count }).describe('rows per table; 0 = not imported yet'),
    provisionalAreas: z.array(z.string()).describe('levels whose polygons are generated placeholders'),
    categories: z.array(z.strictObject({ id: z.string(), zh: z.string(), en: z.string(), color: Rgb, group: z.string(), severity: z.number(), slaDays: z.number().int() })),
    categoryGroups: z.array(CategoryGroupAnswer),
    statuses: z.array(z.strictObject({ id: z.string(), zh: z.string() })),
    cameraKinds: z.array(z.strictObject({ id: z.string(), zh: z.string(), en: z.string(), color: Rgb })),
    basemapStyleUrl: z.string(),
  })
  .openapi('Meta');
export type MetaAnswer = z.infer<typeof MetaAnswer>;

export const metaRoute = declareRoute({
  method: 'get',
  path: '/',
  access: 'signed-in',
  summary: { zh: '启动信息：辖区、数据时间范围、词表、底图', en: 'Boot data: jurisdiction, data range, vocabularies, basemap' },
  responses: {
    200: json(MetaAnswer, 'What the client needs to start.'),
    409: json(ErrorAnswer, 'The database has no jurisdiction yet (reason no-jurisdiction).'),
  },
});

export function metaRoutes(db: Database, config: MetaConfig) {
  return createRouter().openapi(metaRoute, async (c) => {
    const county = await readJurisdiction(db);
    if (!county) return c.json({ error: 'The database has no jurisdiction yet (table county): build it with COUNTY=<code>, or sign in as admin and import its outline (POST /api/import/jurisdiction).', errorZh: '数据库尚无辖区：请用 COUNTY=<区划代码> 建库，或以管理员登录后导入辖区边界（POST /api/import/jurisdiction）。', reason: 'no-jurisdiction' } as ErrorAnswer, 409);
    const [range] = await db.query<{ first: Date | null; last: Date | null }>('SELECT min(reported_at) AS first, max(reported_at) AS last FROM incidents');
    const [held] = await db.query<Record<(typeof HELD)[number], number>>(`SELECT ${HELD.map((t) => `(SELECT count(*) FROM ${t})::INTEGER AS ${t}`).join(', ')}`);
    const provisional = (await db.query<{ value: string }>(`SELECT value FROM meta WHERE key = 'provisional_areas'`))[0]?.value;
    return c.json({
      county, // county.level 'prefecture': its county-level units (counts.counties) are a level above townships
      dataRange: range.first && range.last ? { from: localDate(range.first), to: localDate(range.last) } : null,
      /** Rows per table: 0 means "not imported yet" (the UI shows an empty state and the import button). */
      counts: { counties: held.counties, incidents: held.incidents, grids: held.grids, cameras: held.cameras, roads: held.roads, keySites: held.key_sites, policeStations: held.police_stations },
      /** Levels whose polygons are generated placeholders (DEMO=none) until the county imports its own. */
      provisionalAreas: provisional ? provisional.split(',') : [],
      // The jurisdiction's own vocabulary (categories table), in its order, with the parent groups.
      categories: (await categories(db)).list.map((x) => ({ id: x.code, zh: x.zh, en: x.en, color: x.color, group: x.group, severity: x.severity, slaDays: x.slaDays })),
      categoryGroups: groupList(),
      statuses: INCIDENT_STATUSES.map((id) => ({ id, zh: STATUS_ZH[id] })),
      cameraKinds: CAMERA_KINDS.map((id) => ({ id, ...CAMERA_KIND_INFO[id] })),
      basemapStyleUrl: config.basemapStyleUrl,
    }, 200);
  });
}

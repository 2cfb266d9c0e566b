// GET /api/meta: what the client needs to boot: the jurisdiction (names, time zone, extent), the data's time
// range, what the database holds (so an empty jurisdiction shows empty states, not zeros), vocabularies, basemap.
import { Hono } from 'hono';
import type { Database } from '../../db/database.js';
import { localDate } from '../../jurisdiction/clock.js';
import { readJurisdiction } from '../../jurisdiction/jurisdiction.js';
import { STATUS_ZH, INCIDENT_STATUSES } from '../../../shared/domain/categories.js';
import { categories } from '../../db/categories.js';
import { groupList } from '../categories/categories.routes.js';
import { CAMERA_KIND_INFO, CAMERA_KINDS } from '../../../shared/domain/cameras.js';
import { access } from '../../auth/access.js';

export interface MetaConfig { basemapStyleUrl: string }


const HELD = ['incidents', 'grids', 'cameras', 'roads', 'key_sites', 'police_stations'] as const;

export function metaRoutes(db: Database, config: MetaConfig) {
  return new Hono().get('/', access('signed-in'), async (c) => {
    const county = await readJurisdiction(db);
    if (!county) return c.json({ error: 'The database has no jurisdiction yet (table county): build it with COUNTY=<code>, or sign in as admin and import its outline (POST /api/import/jurisdiction).', errorZh: '数据库尚无辖区：请用 COUNTY=<区划代码> 建库，或以管理员登录后导入辖区边界（POST /api/import/jurisdiction）。', reason: 'no-jurisdiction' }, 409);
    const [range] = await db.query<{ first: Date | null; last: Date | null }>('SELECT min(reported_at) AS first, max(reported_at) AS last FROM incidents');
    const [held] = await db.query<Record<(typeof HELD)[number], number>>(`SELECT ${HELD.map((t) => `(SELECT count(*) FROM ${t})::INTEGER AS ${t}`).join(', ')}`);
    const provisional = (await db.query<{ value: string }>(`SELECT value FROM meta WHERE key = 'provisional_areas'`))[0]?.value;
    return c.json({
      county,
      dataRange: range.first && range.last ? { from: localDate(range.first), to: localDate(range.last) } : null,
      /** Rows per table: 0 means "not imported yet" (the UI shows an empty state and the import button). */
      counts: { incidents: held.incidents, grids: held.grids, cameras: held.cameras, roads: held.roads, keySites: held.key_sites, policeStations: held.police_stations },
      /** Levels whose polygons are generated placeholders (DEMO=none) until the county imports its own. */
      provisionalAreas: provisional ? provisional.split(',') : [],
      // The jurisdiction's own vocabulary (categories table), in its order, with the parent groups.
      categories: (await categories(db)).list.map((x) => ({ id: x.code, zh: x.zh, en: x.en, color: x.color, group: x.group, severity: x.severity, slaDays: x.slaDays })),
      categoryGroups: groupList(),
      statuses: INCIDENT_STATUSES.map((id) => ({ id, zh: STATUS_ZH[id] })),
      cameraKinds: CAMERA_KINDS.map((id) => ({ id, ...CAMERA_KIND_INFO[id] })),
      basemapStyleUrl: config.basemapStyleUrl,
    });
  });
}

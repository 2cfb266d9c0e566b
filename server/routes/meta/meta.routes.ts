// GET /api/meta: what the client needs to boot: the county, the data's time range, vocabularies, basemap.
import { Hono } from 'hono';
import type { Database } from '../../db/database.js';
import { CATEGORY_INFO, INCIDENT_CATEGORIES, STATUS_ZH, INCIDENT_STATUSES } from '../../domain/categories.js';
import { CAMERA_KIND_INFO, CAMERA_KINDS } from '../../domain/cameras.js';

export interface MetaConfig { basemapStyleUrl: string }

const toShanghaiDate = (d: Date) => new Date(d.getTime() + 8 * 3600000).toISOString().slice(0, 10);

export function metaRoutes(db: Database, config: MetaConfig) {
  return new Hono().get('/', async (c) => {
    const [county] = await db.query<{ code: string; name: string; seat_lon: number; seat_lat: number; min_lon: number; min_lat: number; max_lon: number; max_lat: number }>(
      'SELECT code, name, seat_lon, seat_lat, min_lon, min_lat, max_lon, max_lat FROM county LIMIT 1',
    );
    const [range] = await db.query<{ first: Date | null; last: Date | null }>('SELECT min(reported_at) AS first, max(reported_at) AS last FROM incidents');
    return c.json({
      county: { code: county.code, name: county.name, centre: [county.seat_lon, county.seat_lat], bbox: [county.min_lon, county.min_lat, county.max_lon, county.max_lat] },
      dataRange: range.first && range.last ? { from: toShanghaiDate(range.first), to: toShanghaiDate(range.last) } : null,
      categories: INCIDENT_CATEGORIES.map((id) => ({ id, zh: CATEGORY_INFO[id].zh, en: CATEGORY_INFO[id].en, color: CATEGORY_INFO[id].color })),
      statuses: INCIDENT_STATUSES.map((id) => ({ id, zh: STATUS_ZH[id] })),
      cameraKinds: CAMERA_KINDS.map((id) => ({ id, ...CAMERA_KIND_INFO[id] })),
      basemapStyleUrl: config.basemapStyleUrl,
    });
  });
}

// The jurisdiction hierarchy ((prefecture → county →) county → township → village → grid): the tree for pickers, each level's
// polygons (static, cached), and incident counts per unit for a filter (the choropleth's data).
import { dataVersion } from '../../db/data-version.js';
import { areaCountsFromTotals } from './area-day-counts.js';
import type { Database } from '../../db/database.js';
import { createRouter, declareRoute, json, z } from '../../http/openapi.js';
import { Count } from '../../http/answer-schemas.js';
import { incidentFilterShape, incidentWhere, orderedWindow, unitVisible } from '../filters.js';
import { coversJurisdiction, townshipParentSql } from '../../jurisdiction/jurisdiction.js';

// `county`: the county-level units of a prefecture-level jurisdiction (table counties; none in a county).
export const LEVELS = ['county', 'township', 'village', 'grid'] as const;
export type Level = (typeof LEVELS)[number];
const levelParam = z.enum(LEVELS, { message: 'level must be county, township, village or grid' });

const GEOMETRY_SQL: Record<Level, string> = {
  county: `SELECT code, name, (SELECT code FROM county LIMIT 1) AS "parentCode", kind, geojson FROM counties ORDER BY code`,
  township: `SELECT code, name, ${townshipParentSql('townships')} AS "parentCode", kind, geojson FROM townships ORDER BY code`,
  village: `SELECT code, name, township_code AS "parentCode", kind, geojson FROM villages ORDER BY code`,
  grid: `SELECT code, name, village_code AS "parentCode", kind, leader, members, households, geojson FROM grids ORDER BY code`,
};
const CODE_COLUMN: Record<Level, string> = { county: 'left(township_code, 6)', township: 'township_code', village: 'village_code', grid: 'grid_code' };

export const RegionsAnswer = z
  .strictObject({
    county: z.strictObject({ code: z.string(), name: z.string() }),
    counties: z.array(z.strictObject({ code: z.string(), name: z.string(), kind: z.string() })).optional().describe('a prefecture-level jurisdiction’s county-level units'),
    townships: z.array(z.strictObject({ code: z.string(), name: z.string(), kind: z.string(), countyCode: z.string().optional().describe('its county (prefecture-level jurisdiction)'), villages: z.array(z.strictObject({ code: z.string(), name: z.string(), grids: Count })) })),
  })
  .openapi('Regions');
export type RegionsAnswer = z.infer<typeof RegionsAnswer>;

/** The polygons of a level as GeoJSON: one Feature per unit, id = its code. */
export const AreaFeatures = z
  .strictObject({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.strictObject({
        type: z.literal('Feature'),
        id: z.string(),
        properties: z.looseObject({ code: z.string(), name: z.string(), parentCode: z.string(), kind: z.string().nullable(), level: levelParam }).describe('grids add leader, members, households'),
        geometry: z.looseObject({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.unknown()) }),
      }),
    ),
  })
  .openapi('AreaFeatures');
export type AreaFeatures = z.infer<typeof AreaFeatures>;

export const AreaCountsQuery = orderedWindow(z.object({ level: levelParam, ...incidentFilterShape }));
export const AreaCountsAnswer = z
  .strictObject({ level: levelParam, counts: z.record(z.string(), Count).describe('incidents per unit code (units without any are absent)'), max: Count, total: Count })
  .openapi('AreaCounts');
export type AreaCountsAnswer = z.infer<typeof AreaCountsAnswer>;

export const regionsRoute = declareRoute({
  method: 'get',
  path: '/regions',
  access: 'signed-in',
  summary: { zh: '辖区层级：乡镇、村、网格数', en: 'The hierarchy: townships, villages, grid counts' },
  responses: { 200: json(RegionsAnswer, 'The townships and villages the caller may see, with their grid counts.') },
});

export const areaGeometryRoute = declareRoute({
  method: 'get',
  path: '/areas/geometry',
  access: 'signed-in',
  summary: { zh: '区划边界（GeoJSON）', en: 'Area polygons (GeoJSON)' },
  request: { query: z.object({ level: levelParam }) },
  responses: { 200: { description: 'The polygons of the level that the caller may see.', content: { 'application/geo+json': { schema: AreaFeatures } } } },
});

export const areaCountsRoute = declareRoute({
  method: 'get',
  path: '/areas/counts',
  access: 'incidents.read',
  summary: { zh: '各区划事件数（分级着色）', en: 'Incidents per area (choropleth)' },
  request: { query: AreaCountsQuery },
  responses: { 200: json(AreaCountsAnswer, 'Counts per township, village or grid for the filter.') },
});

export function regionRoutes(db: Database) {
  // Polygons change only by an import, so each level's features are built once as text per data version; a
  // county-wide caller gets the whole collection, anyone else the features of their scope (filters.ts unitVisible).
  const geometryCache = new Map<Level, { codes: string[]; features: string[]; whole: string }>();
  let geometryVersion = dataVersion(db, 'areas');
  return createRouter()
    .openapi(regionsRoute, async (c) => {
      const [county] = await db.query<{ code: string; name: string }>('SELECT code, name FROM county LIMIT 1');
      const user = c.get('user');
      const townships = (await db.query<{ code: string; name: string; kind: string }>('SELECT code, name, kind FROM townships ORDER BY code')).filter((t) => unitVisible(user, t.code));
      const villages = (await db.query<{ code: string; name: string; township_code: string; grids: number }>(
        // a grid member counts only their own grid
        'SELECT v.code, v.name, v.township_code, count(g.code) FILTER (WHERE starts_with(g.code, ?)) AS grids FROM villages v LEFT JOIN grids g ON g.village_code = v.code GROUP BY ALL ORDER BY v.code',
        [user?.scopeCode && !coversJurisdiction(user.scopeCode) ? user.scopeCode : ''],
      )).filter((v) => unitVisible(user, v.code));
      // A prefecture-level jurisdiction: its counties above the townships (each township names its county).
      const counties = (await db.query<{ code: string; name: string; kind: string }>('SELECT code, name, kind FROM counties ORDER BY code')).filter((k) => unitVisible(user, k.code));
      return c.json({
        county,
        ...(counties.length ? { counties } : {}),
        townships: townships.map((t) => ({ ...t, ...(counties.length ? { countyCode: t.code.slice(0, 6) } : {}), villages: villages.filter((v) => v.township_code === t.code).map(({ code, name, grids }) => ({ code, name, grids })) })),
      }, 200);
    })
    .openapi(areaGeometryRoute, async (c) => {
      const { level } = c.req.valid('query');
      if (geometryVersion !== dataVersion(db, 'areas')) geometryCache.clear(), (geometryVersion = dataVersion(db, 'areas'));
      let built = geometryCache.get(level);
      if (!built) {
        const rows = await db.query<Record<string, unknown> & { geojson: string; code: string }>(GEOMETRY_SQL[level]);
        const features = rows.map(({ geojson, ...props }) => `{"type":"Feature","id":${JSON.stringify(props.code)},"properties":${JSON.stringify({ ...props, level })},"geometry":${geojson}}`);
        built = { codes: rows.map((r) => r.code), features, whole: `{"type":"FeatureCollection","features":[${features.join(',')}]}` };
        geometryCache.set(level, built);
      }
      const user = c.get('user');
      const b = built;
      const body = !user || coversJurisdiction(user.scopeCode) ? b.whole : `{"type":"FeatureCollection","features":[${b.features.filter((_, i) => unitVisible(user, b.codes[i])).join(',')}]}`;
      // Written as text, not c.json: the features are cached as text (AreaFeatures is what the text holds).
      return c.body(body, 200, { 'content-type': 'application/geo+json; charset=utf-8', 'cache-control': 'private, no-cache' }) as never;
    })
    .openapi(areaCountsRoute, async (c) => {
      const q = c.req.valid('query');
      const where = incidentWhere(q);
      // From the running totals per area and day when they serve the filter (area-day-counts.ts), else a scan read
      // as columns, not row objects: a thousand grids' counts without a thousand small objects.
      const totals = areaCountsFromTotals(db, q.level, q);
      const [codes = [], ns = []] = (totals ? [totals.codes, totals.counts] : await db.queryColumns(`SELECT ${CODE_COLUMN[q.level]} AS code, count(*)::INTEGER AS n FROM incidents ${where.sql} GROUP BY 1`, where.params)) as [string[], number[]];
      const counts: Record<string, number> = {};
      let max = 0, total = 0;
      for (let i = 0; i < codes.length; i++) {
        counts[codes[i]] = ns[i];
        if (ns[i] > max) max = ns[i];
        total += ns[i];
      }
      return c.json({ level: q.level, counts, max, total }, 200);
    });
}

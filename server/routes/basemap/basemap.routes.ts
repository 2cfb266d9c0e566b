// The offline basemap: its style and its GeoJSON sources (built once from the database). No glyph route: the
// style names no glyph server, so MapLibre draws every character (CJK, Latin, digits) with the browser's fonts.
// A source's address is /api/basemap/data/<layer>.geojson: the path parameter is the whole last segment
// (`roads.geojson`), one of the layers' file names, so OpenAPI can express it and the style's URLs stay as they are.
import type { Database } from '../../db/database.js';
import { dataVersion } from '../../db/data-version.js';
import { createRouter, declareRoute, json, z } from '../../http/openapi.js';
import { BASEMAP_LAYERS, type BasemapLayer, offlineStyle } from './basemap-style.js';

const LAYER_SQL: Record<BasemapLayer, string> = {
  neighbours: `SELECT name, province, kind, geojson FROM neighbours`,
  county: `SELECT code, name, geojson FROM county`,
  townships: `SELECT code, name, kind, geojson FROM townships`,
  villages: `SELECT code, name, geojson FROM villages`,
  roads: `SELECT id, name, class, geojson FROM roads WHERE class <> 'railway'`,
  railway: `SELECT id, name, class, geojson FROM roads WHERE class = 'railway'`,
  settlements: `SELECT name, kind, population, '{"type":"Point","coordinates":[' || lon || ',' || lat || ']}' AS geojson FROM settlements`,
  'township-labels': `SELECT code, regexp_replace(name, '蒙古族乡$', '乡') AS name, '{"type":"Point","coordinates":[' || seat_lon || ',' || seat_lat || ']}' AS geojson FROM townships WHERE kind IN ('town','township','zone','farm')`,
};

const LAYER_FILES = BASEMAP_LAYERS.map((l) => `${l}.geojson` as const);
const layerFile = z
  .enum(LAYER_FILES as [`${BasemapLayer}.geojson`, ...`${BasemapLayer}.geojson`[]], { message: `no such basemap layer; the layers are ${LAYER_FILES.join(', ')}` })
  .transform((s) => s.replace(/\.geojson$/, '') as BasemapLayer)
  .openapi({ example: 'roads.geojson' });

/** A MapLibre style (style specification v8): what the map reads; its layers' details are MapLibre's. */
export const BasemapStyleAnswer = z
  .looseObject({
    version: z.literal(8),
    name: z.string(),
    sources: z.record(z.string(), z.strictObject({ type: z.literal('geojson'), data: z.string().describe('URL of the layer’s GeoJSON') })),
    layers: z.array(z.looseObject({ id: z.string(), type: z.string() })),
  })
  .openapi('BasemapStyle');

/** A basemap source: the layer's features, their properties as the style reads them. */
export const BasemapFeatures = z
  .strictObject({
    type: z.literal('FeatureCollection'),
    features: z.array(z.strictObject({ type: z.literal('Feature'), properties: z.record(z.string(), z.unknown()), geometry: z.looseObject({ type: z.string() }) })),
  })
  .openapi('BasemapFeatures');

export const basemapStyleRoute = declareRoute({
  method: 'get',
  path: '/style.json',
  access: 'signed-in',
  summary: { zh: '离线底图样式（MapLibre）', en: 'Offline basemap style (MapLibre)' },
  responses: { 200: json(BasemapStyleAnswer, 'The county’s own basemap: its sources are this API’s layers, no token, no internet.') },
});

export const basemapLayerRoute = declareRoute({
  method: 'get',
  path: '/data/{layer}',
  access: 'signed-in',
  summary: { zh: '底图图层数据（GeoJSON）', en: 'A basemap layer (GeoJSON)' },
  request: { params: z.object({ layer: layerFile }) },
  responses: { 200: { description: 'The layer’s features (cached for 5 minutes; rebuilt after an import of areas or roads).', content: { 'application/geo+json': { schema: BasemapFeatures } } } },
});

export function basemapRoutes(db: Database) {
  const cache = new Map<BasemapLayer, string>();
  let version = dataVersion(db, 'areas', 'roads'); // an import of polygons or roads rebuilds the sources
  return createRouter()
    .openapi(basemapStyleRoute, (c) => {
      const url = new URL(c.req.url);
      return c.json(offlineStyle(`${url.protocol}//${url.host}`) as z.infer<typeof BasemapStyleAnswer>, 200);
    })
    .openapi(basemapLayerRoute, async (c) => {
      const { layer } = c.req.valid('param');
      if (version !== dataVersion(db, 'areas', 'roads')) cache.clear(), (version = dataVersion(db, 'areas', 'roads'));
      let body = cache.get(layer);
      if (!body) {
        const rows = await db.query<Record<string, unknown> & { geojson: string }>(LAYER_SQL[layer]);
        body = `{"type":"FeatureCollection","features":[${rows.map(({ geojson, ...p }) => `{"type":"Feature","properties":${JSON.stringify(p)},"geometry":${geojson}}`).join(',')}]}`;
        cache.set(layer, body);
      }
      // Written as text, not c.json: the layer is cached as text (BasemapFeatures is what the text holds).
      return c.body(body, 200, { 'content-type': 'application/geo+json; charset=utf-8', 'cache-control': 'max-age=300' }) as never;
    });
}

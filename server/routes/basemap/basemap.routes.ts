// The offline basemap: its style, its GeoJSON sources (built once from the database) and the glyph stub.
import { Hono } from 'hono';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { dataVersion } from '../../db/data-version.js';
import { validParam } from '../../http/validate.js';
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

export function basemapRoutes(db: Database) {
  const cache = new Map<BasemapLayer, string>();
  let version = dataVersion(db, 'areas', 'roads'); // an import of polygons or roads rebuilds the sources
  return new Hono()
    .get('/style.json', (c) => {
      const url = new URL(c.req.url);
      return c.json(offlineStyle(`${url.protocol}//${url.host}`));
    })
    .get('/data/:layer{[a-z-]+\\.geojson}', validParam(z.object({ layer: z.string().transform((s) => s.replace(/\.geojson$/, '')).pipe(z.enum(BASEMAP_LAYERS)) })), async (c) => {
      const { layer } = c.req.valid('param');
      if (version !== dataVersion(db, 'areas', 'roads')) cache.clear(), (version = dataVersion(db, 'areas', 'roads'));
      let body = cache.get(layer);
      if (!body) {
        const rows = await db.query<Record<string, unknown> & { geojson: string }>(LAYER_SQL[layer]);
        body = `{"type":"FeatureCollection","features":[${rows.map(({ geojson, ...p }) => `{"type":"Feature","properties":${JSON.stringify(p)},"geometry":${geojson}}`).join(',')}]}`;
        cache.set(layer, body);
      }
      return c.body(body, 200, { 'content-type': 'application/geo+json; charset=utf-8', 'cache-control': 'max-age=300' });
    })
    // An empty glyph set is a valid PBF: CJK labels are drawn locally, other characters are simply absent.
    .get('/glyphs/:fontstack/:range', (c) => c.body(new Uint8Array(0), 200, { 'content-type': 'application/x-protobuf' }));
}

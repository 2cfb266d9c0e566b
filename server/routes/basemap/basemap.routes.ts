// The offline basemap: its style, its GeoJSON sources (built once from the database) and the glyph route, which
// answers 404 on purpose so MapLibre draws every character (CJK, Latin, digits) with the browser's fonts.
import { Hono } from 'hono';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { dataVersion } from '../../db/data-version.js';
import { validParam } from '../../http/validate.js';
import { BASEMAP_LAYERS, type BasemapLayer, offlineStyle } from './basemap-style.js';
import { access } from '../../auth/access.js';

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
    .get('/style.json', access('signed-in'), (c) => {
      const url = new URL(c.req.url);
      return c.json(offlineStyle(`${url.protocol}//${url.host}`));
    })
    .get('/data/:layer{[a-z-]+\\.geojson}', access('signed-in'), validParam(z.object({ layer: z.string().transform((s) => s.replace(/\.geojson$/, '')).pipe(z.enum(BASEMAP_LAYERS)) })), async (c) => {
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
    // No server glyphs are shipped: MapLibre draws a character locally (TinySDF, the browser's own fonts) when
    // its range does not load. CJK is always drawn locally; a 404 here makes Latin letters and digits (G111,
    // 3号路) drawn the same way. An empty 200 PBF would make them silently absent.
    .get('/glyphs/:fontstack/:range', access('signed-in'), (c) =>
      c.json({ error: 'No server glyphs: the offline basemap draws every character with the browser’s fonts.' }, 404, { 'cache-control': 'max-age=86400' }));
}

// Pieces several answer schemas share (http/openapi.ts declarations): positions, extents, colours, the
// category vocabulary and the KPI fields, so a shape the client reads is written once.
import { z } from '@hono/zod-openapi';

/** [longitude, latitude] in degrees (WGS-84 as the map draws it). */
export const LonLat = z.tuple([z.number(), z.number()]).describe('[longitude, latitude], degrees');
/** [minLon, minLat, maxLon, maxLat] in degrees. */
export const BBox = z.tuple([z.number(), z.number(), z.number(), z.number()]).describe('[minLon, minLat, maxLon, maxLat], degrees');
/** An RGB colour as the map layers take it. */
export const Rgb = z.tuple([z.number().int(), z.number().int(), z.number().int()]).describe('[r, g, b], 0–255');
export const Count = z.number().int().min(0);
/** A YYYY-MM-DD calendar day of the jurisdiction's time zone. */
export const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('YYYY-MM-DD, the jurisdiction’s calendar');
/** A share 0–1, or null when there is nothing to divide by. */
export const Rate = z.number().min(0).max(1).nullable();

export const CategoryAnswer = z
  .strictObject({ code: z.string(), zh: z.string(), en: z.string(), color: Rgb, severity: z.number(), slaDays: z.number().int(), group: z.string() })
  .openapi('Category');
export const CategoryGroupAnswer = z.strictObject({ code: z.string(), zh: z.string(), en: z.string() }).openapi('CategoryGroup');

/** The KPI fields of a set of incidents (cases/case-kpis.ts kpis()). */
export const kpiFields = {
  total: Count,
  closed: Count,
  closureRate: Rate,
  resolved: Count,
  resolutionRate: Rate,
  open: Count,
  overdue: Count,
  escalated: Count,
  supervised: Count,
  avgCloseDays: z.number().nullable().describe('days'),
};

/** A GeoJSON position: [longitude, latitude] (degrees), more numbers allowed as GeoJSON does. */
const Position = z.array(z.number()).min(2);
/** GeoJSON geometries as the answers carry them; their inferred types are the `geojson` package's, so the map
 * layers take them as they are. */
export const LineStringGeometry = z.strictObject({ type: z.literal('LineString'), coordinates: z.array(Position) }).openapi('LineString');
export const MultiLineStringGeometry = z.strictObject({ type: z.literal('MultiLineString'), coordinates: z.array(z.array(Position)) }).openapi('MultiLineString');
export const PolygonGeometry = z.strictObject({ type: z.literal('Polygon'), coordinates: z.array(z.array(Position)) }).openapi('Polygon');
export const MultiPolygonGeometry = z.strictObject({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(Position))) }).openapi('MultiPolygon');
export const AreaGeometry = z.union([PolygonGeometry, MultiPolygonGeometry]);

/** A place as people name it (shared/geo/place-label.ts placeOf): township and village, and what is near. */
export const PlaceAnswer = z
  .strictObject({
    label: z.string().describe('township and village, or 县外 outside the jurisdiction'),
    near: z.string().nullable().describe('the nearest street within 300 m, else the nearest hamlet within 1.5 km'),
    township: z.string().nullable(),
    village: z.string().nullable(),
    grid: z.strictObject({ code: z.string(), name: z.string() }).nullable(),
  })
  .openapi('Place');

/** Incidents of a set, in all and per category code. */
export const CountsByCategory = z.strictObject({ total: Count, byCategory: z.record(z.string(), Count) });

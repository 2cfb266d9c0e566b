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

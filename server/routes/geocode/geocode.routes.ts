// Forward and reverse geocoding over the jurisdiction's own gazetteer (import/county-context.ts): what the
// import, the phone's report form and the search use, offline.
//   GET /geocode?q=…                → where an address is, how sure, and what of it was recognised
//   GET /reverse-geocode?lon=…&lat=…  → the grid, village, township, nearest street and hamlet, and an address
// Declared once (http/openapi.ts); the phone page's types are these answers.
import { createRouter, declareRoute, json, z } from '../../http/openapi.js';
import type { Database } from '../../db/database.js';
import { countyContext } from '../../import/county-context.js';

const Unit = z.strictObject({ code: z.string(), name: z.string() });

export const GeocodeAnswer = z
  .strictObject({
    ok: z.boolean().describe('the address was located in the jurisdiction'),
    lon: z.number().nullable().describe('WGS-84, degrees; null when not located'),
    lat: z.number().nullable().describe('WGS-84, degrees; null when not located'),
    level: z.enum(['county', 'township', 'village', 'hamlet', 'road', 'site']).describe('the finest level matched'),
    confidence: z.number().min(0).max(1).describe('1 for an exact, complete, unambiguous match'),
    ambiguous: z.boolean().describe('the name is shared by several places'),
    countyCode: z.string().nullable().describe('the county-level unit: the jurisdiction itself, or in a prefecture-level city one of its counties'),
    townshipCode: z.string().nullable(), villageCode: z.string().nullable(), gridCode: z.string().nullable(),
    parts: z.partialRecord(z.enum(['province', 'city', 'county', 'township', 'village', 'hamlet', 'road', 'site', 'number']), z.string()).describe('what was recognised, by level'),
    unmatched: z.string().describe('text that matched nothing'),
    outside: z.boolean().optional().describe('the address names a province, prefecture or county other than this one'),
    outsideUnit: z.strictObject({ code: z.string().nullable(), name: z.string(), level: z.enum(['province', 'prefecture', 'county']) }).nullable().optional(),
  })
  .openapi('Geocode');
export type GeocodeAnswer = z.infer<typeof GeocodeAnswer>;

export const ReverseGeocodeAnswer = z
  .strictObject({
    inside: z.boolean().describe('the point is in a grid of the jurisdiction'),
    grid: Unit.nullable(), village: Unit.nullable(), township: Unit.nullable(),
    county: Unit.nullable().describe('the county-level unit holding the point: the jurisdiction itself, or in a prefecture-level city one of its counties'),
    street: z.strictObject({ name: z.string(), roadClass: z.string(), distanceM: z.number().describe('metres') }).nullable().describe('the nearest named road within 500 m'),
    hamlet: z.strictObject({ name: z.string(), distanceM: z.number().describe('metres') }).nullable(),
    address: z.string().nullable().describe('a readable address, e.g. 吉林省白城市通榆县开通镇富强路附近 (a city names the county: 河南省商丘市睢县城关镇…)'),
  })
  .openapi('ReverseGeocode');
export type ReverseGeocodeAnswer = z.infer<typeof ReverseGeocodeAnswer>;

export const geocodeRoute = declareRoute({
  method: 'get',
  path: '/geocode',
  access: 'signed-in',
  summary: { zh: '地址定位（地理编码）', en: 'Locate an address' },
  request: { query: z.object({ q: z.string().trim().min(2, 'give an address of at least 2 characters').max(200, 'address too long (200 characters at most)').describe('the address, e.g. 开通镇永青村') }) },
  responses: { 200: json(GeocodeAnswer, 'Where the address is (ok false when it could not be located, outside when it names another unit).') },
});

export const reverseGeocodeRoute = declareRoute({
  method: 'get',
  path: '/reverse-geocode',
  access: 'signed-in',
  summary: { zh: '坐标转地址（逆地理编码）', en: 'The place at a point' },
  request: { query: z.object({ lon: z.coerce.number().min(-180).max(180).describe('WGS-84, degrees'), lat: z.coerce.number().min(-90).max(90).describe('WGS-84, degrees') }) },
  responses: { 200: json(ReverseGeocodeAnswer, 'The units holding the point and a readable address (inside false off the jurisdiction).') },
});

export function geocodeRoutes(db: Database) {
  return createRouter()
    .openapi(geocodeRoute, async (c) => {
      const ctx = await countyContext(db);
      return c.json(ctx.geocode(c.req.valid('query').q), 200);
    })
    .openapi(reverseGeocodeRoute, async (c) => {
      const { lon, lat } = c.req.valid('query');
      const ctx = await countyContext(db);
      return c.json(ctx.reverse.reverse(lon, lat), 200);
    });
}

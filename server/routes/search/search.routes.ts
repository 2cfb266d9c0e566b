// GET /api/search?q=&limit=: the dashboard's search box. Places (townships, villages, grids), the address the
// geocoder reads, cameras and case numbers, each with a point (and an area's extent and outline) to fly to;
// limited to the user's jurisdiction (the router scopes `code`, search.queries.ts applies it to every kind).
import type { Database } from '../../db/database.js';
import { createRouter, declareRoute, json, z } from '../../http/openapi.js';
import { BBox } from '../../http/answer-schemas.js';
import { countyContext } from '../../import/county-context.js';
import { jurisdictionCode } from '../filters.js';
import { searchAll, SEARCH_KINDS } from './search.queries.js';

export const SearchQuery = z.object({
  q: z.string().trim().min(1, 'type something to search for').max(50, 'search text too long (50 characters at most)'),
  limit: z.coerce.number({ message: 'limit must be a number' }).int().min(1).max(50, 'at most 50 results').default(12),
  code: jurisdictionCode.optional(),
});

export const SearchHitAnswer = z
  .strictObject({
    kind: z.enum(SEARCH_KINDS),
    id: z.string().describe('division code, camera number or case number'),
    name: z.string(),
    context: z.string().describe('where it is, in place names'),
    detail: z.string().nullable().describe('what it is within its kind'),
    lon: z.number(),
    lat: z.number(),
    bbox: BBox.nullable().describe('areas: their extent'),
    geometry: z.unknown().describe('areas: the outline (GeoJSON geometry)'),
  })
  .openapi('SearchHit');
export const SearchAnswer = z.strictObject({ q: z.string(), hits: z.array(SearchHitAnswer) }).openapi('Search');
export type SearchAnswer = z.infer<typeof SearchAnswer>;

export const searchRoute = declareRoute({
  method: 'get',
  path: '/',
  access: 'signed-in',
  summary: { zh: '搜索地名、地址、摄像头与案件编号', en: 'Search places, addresses, cameras and case numbers' },
  request: { query: SearchQuery },
  responses: { 200: json(SearchAnswer, 'Hits inside the caller’s jurisdiction, exact names and numbers first.') },
});

export function searchRoutes(db: Database) {
  return createRouter().openapi(searchRoute, async (c) => {
    const q = c.req.valid('query');
    const user = c.get('user')!;
    const ctx = await countyContext(db);
    const scope = q.code ?? user.scopeCode;
    const hits = await searchAll(db, user, scope, q.q, ctx.geocode, q.limit);
    return c.json({ q: q.q, hits }, 200);
  });
}

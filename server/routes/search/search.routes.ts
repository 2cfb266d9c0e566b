// GET /api/search?q=&limit=: the dashboard's search box. Places (townships, villages, grids), the address the
// geocoder reads, cameras and case numbers, each with a point (and an area's extent and outline) to fly to;
// limited to the user's jurisdiction (validQuery scopes `code`, search.queries.ts applies it to every kind).
import { Hono } from 'hono';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import type { SessionUser } from '../../../shared/domain/roles.js';
import { validQuery } from '../../http/validate.js';
import { countyContext } from '../../import/county-context.js';
import { jurisdictionCode } from '../filters.js';
import { access } from '../../auth/access.js';
import { searchAll } from './search.queries.js';

const SearchQuery = z.object({
  q: z.string().trim().min(1, 'type something to search for').max(50, 'search text too long (50 characters at most)'),
  limit: z.coerce.number({ message: 'limit must be a number' }).int().min(1).max(50, 'at most 50 results').default(12),
  code: jurisdictionCode.optional(),
});

export function searchRoutes(db: Database) {
  return new Hono<{ Variables: { user?: SessionUser } }>().get('/', access('signed-in'), validQuery(SearchQuery), async (c) => {
    const q = c.req.valid('query');
    const user = c.get('user')!;
    const ctx = await countyContext(db);
    const scope = q.code ?? user.scopeCode;
    const hits = await searchAll(db, user, scope, q.q, ctx.geocode, q.limit);
    return c.json({ q: q.q, hits });
  });
}

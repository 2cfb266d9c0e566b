// Statistics for the leaders' view: the hour-of-day × day-of-week matrix and the township/village ranking.
import { Hono } from 'hono';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { validQuery } from '../../http/validate.js';
import { IncidentFilterSchema, incidentFilterShape, orderedWindow } from '../filters.js';
import { hourWeekdayMatrix, ranking } from './stats.queries.js';
import { access } from '../../auth/access.js';

export function statsRoutes(db: Database) {
  return new Hono()
    .get('/matrix', access('hotspots.read'), validQuery(IncidentFilterSchema), async (c) => c.json(await hourWeekdayMatrix(db, c.req.valid('query'))))
    .get('/ranking', access('hotspots.read'), validQuery(orderedWindow(z.object({ ...incidentFilterShape, level: z.enum(['township', 'village'], { message: 'level must be township or village' }).default('township') }))), async (c) => {
      const q = c.req.valid('query');
      return c.json(await ranking(db, q.level, q));
    });
}

// Statistics for the leaders' view: the hour-of-day × day-of-week matrix, the township/village ranking and the
// supervision figures (督办: open, overdue and escalated cases per unit, the time-to-close distribution).
import { Hono } from 'hono';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { validQuery } from '../../http/validate.js';
import { IncidentFilterSchema, incidentFilterShape, orderedWindow } from '../filters.js';
import { hourWeekdayMatrix, ranking, supervision } from './stats.queries.js';
import { access } from '../../auth/access.js';

const LevelQuery = orderedWindow(z.object({ ...incidentFilterShape, level: z.enum(['township', 'village'], { message: 'level must be township or village' }).default('township') }));

export function statsRoutes(db: Database) {
  return new Hono()
    .get('/matrix', access('hotspots.read'), validQuery(IncidentFilterSchema), async (c) => c.json(await hourWeekdayMatrix(db, c.req.valid('query'))))
    .get('/ranking', access('hotspots.read'), validQuery(LevelQuery), async (c) => {
      const q = c.req.valid('query');
      return c.json(await ranking(db, q.level, q));
    })
    .get('/supervision', access('hotspots.read'), validQuery(LevelQuery), async (c) => {
      const q = c.req.valid('query');
      return c.json(await supervision(db, q.level, q));
    });
}

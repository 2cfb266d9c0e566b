// Incident aggregates for the map and the KPI strip: heatmap cells and summary KPIs for a filter.
import { Hono } from 'hono';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { validQuery } from '../../http/validate.js';
import { IncidentFilterSchema, incidentFilterShape, orderedWindow, previousYear } from '../filters.js';
import { heatCells, summaryKpis } from './incidents.queries.js';
import { heatLevelForZoom } from '../../analysis/heat-cells.js';
import { dataRange } from '../stats/data-range.js';
import { timeSlices } from '../hotspots/hotspots.queries.js';
import { incidentFrames, MAX_FRAMES } from './incident-frames.js';
import { access } from '../../auth/access.js';

export function incidentRoutes(db: Database) {
  return new Hono()
    .get('/heat', access('incidents.read'), validQuery(orderedWindow(z.object({ ...incidentFilterShape, zoom: z.coerce.number().min(0).max(22).default(9) }))), async (c) => {
      const q = c.req.valid('query');
      return c.json(await heatCells(db, q, heatLevelForZoom(q.zoom)));
    })
    .get('/frames', access('incidents.read'), validQuery(orderedWindow(z.object({ ...incidentFilterShape, step: z.enum(['day', 'week', 'month'], { message: 'step must be day, week or month' }).default('week'), level: z.enum(['township', 'village', 'grid'], { message: 'level must be township, village or grid' }).default('grid') }))), async (c) => {
      const q = c.req.valid('query');
      const range = await dataRange(db);
      const from = q.from ?? range.from, to = q.to ?? range.to;
      const n = timeSlices(from, to, q.step).length;
      if (n > MAX_FRAMES) return c.json({ error: `${n} ${q.step} frames is too many to play (at most ${MAX_FRAMES}): shorten the window or use a longer step` }, 400);
      return c.json(await incidentFrames(db, q.step, q.level, { ...q, from, to }));
    })
    .get('/summary', access('incidents.read'), validQuery(IncidentFilterSchema), async (c) => {
      const q = c.req.valid('query');
      const previous = q.from && q.to ? { ...q, from: previousYear(q.from), to: previousYear(q.to) } : null;
      return c.json(await summaryKpis(db, q, previous));
    });
}

// Incident aggregates for the map and the KPI strip: heatmap cells and summary KPIs for a filter.
import { Hono } from 'hono';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { validQuery } from '../../http/validate.js';
import { IncidentFilterSchema, incidentFilterShape, orderedWindow, previousYear } from '../filters.js';
import { heatCells, summaryKpis } from './incidents.queries.js';
import { heatLevelForZoom } from '../../analysis/heat-cells.js';

export function incidentRoutes(db: Database) {
  return new Hono()
    .get('/heat', validQuery(orderedWindow(z.object({ ...incidentFilterShape, zoom: z.coerce.number().min(0).max(22).default(9) }))), async (c) => {
      const q = c.req.valid('query');
      return c.json(await heatCells(db, q, heatLevelForZoom(q.zoom)));
    })
    .get('/summary', validQuery(IncidentFilterSchema), async (c) => {
      const q = c.req.valid('query');
      const previous = q.from && q.to ? { ...q, from: previousYear(q.from), to: previousYear(q.to) } : null;
      return c.json(await summaryKpis(db, q, previous));
    });
}

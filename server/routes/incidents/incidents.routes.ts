// Incident aggregates for the map and the KPI strip: heatmap cells and summary KPIs for a filter.
import { Hono } from 'hono';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { validQuery } from '../../http/validate.js';
import { IncidentFilterSchema, incidentFilterShape, incidentWhere, orderedWindow, previousYear } from '../filters.js';
import { heatCellDegrees, summaryKpis } from './incidents.queries.js';

export function incidentRoutes(db: Database) {
  return new Hono()
    .get('/heat', validQuery(orderedWindow(z.object({ ...incidentFilterShape, zoom: z.coerce.number().min(0).max(22).default(9) }))), async (c) => {
      const q = c.req.valid('query');
      const cell = heatCellDegrees(q.zoom);
      const where = incidentWhere(q);
      // floor(), not a cast: an integer cast rounds, which would shift every cell by half a cell.
      const rows = await db.query<{ cx: number; cy: number; n: number }>(
        `SELECT floor(lon / ?)::INTEGER AS cx, floor(lat / ?)::INTEGER AS cy, count(*)::INTEGER AS n FROM incidents ${where.sql} GROUP BY 1, 2`,
        [cell, cell, ...where.params],
      );
      let max = 0, total = 0;
      const points = rows.map((r) => {
        max = Math.max(max, r.n);
        total += r.n;
        return [round6((r.cx + 0.5) * cell), round6((r.cy + 0.5) * cell), r.n];
      });
      return c.json({ cellDeg: cell, points, max, total });
    })
    .get('/summary', validQuery(IncidentFilterSchema), async (c) => {
      const q = c.req.valid('query');
      const previous = q.from && q.to ? { ...q, from: previousYear(q.from), to: previousYear(q.to) } : null;
      return c.json(await summaryKpis(db, q, previous));
    });
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

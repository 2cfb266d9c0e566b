// Hotspot analysis endpoints of the leaders' view: Gi* significance maps, emerging hot spots and the
// change map. The analyses run over a whole jurisdiction, so the map bbox is not a filter here.
import { Hono } from 'hono';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { validQuery } from '../../http/validate.js';
import { incidentFilterShape, localDate, orderedWindow } from '../filters.js';
import { changeMap, emergingHotspots, giStarMap, wholeSlices } from './hotspots.queries.js';
import { dataRange } from '../stats/data-range.js';
import { access } from '../../auth/access.js';

const { bbox: _bbox, ...filterShape } = incidentFilterShape;
const unit = z.enum(['township', 'village', 'grid', 'h3'], { message: 'unit must be township, village, grid or h3' });
const resolution = z.coerce.number().int().min(5, 'H3 resolution must be 5..9').max(9, 'H3 resolution must be 5..9').default(8);
const MAX_SLICES = 200;

export function hotspotRoutes(db: Database) {
  return new Hono()
    .get('/gistar', access('hotspots.read'), validQuery(orderedWindow(z.object({ ...filterShape, unit: unit.default('grid'), resolution }))), async (c) => {
      const q = c.req.valid('query');
      return c.json(await giStarMap(db, q.unit, q.resolution, q, c.req.raw.signal));
    })
    .get(
      '/emerging',
      access('hotspots.read'),
      validQuery(orderedWindow(z.object({ ...filterShape, unit: z.enum(['grid', 'village', 'h3'], { message: 'unit must be grid, village or h3' }).default('grid'), resolution, step: z.enum(['week', 'month'], { message: 'step must be week or month' }).default('month') }))),
      async (c) => {
        const q = c.req.valid('query');
        const range = await dataRange(db);
        const from = q.from ?? range.from, to = q.to ?? range.to;
        const n = wholeSlices(from, to, q.step).slices.length;
        if (n > MAX_SLICES) return c.json({ error: `${n} ${q.step} slices is too many (at most ${MAX_SLICES}): choose a shorter window or monthly steps` }, 400);
        if (n < 6) return c.json({ error: `only ${n} whole ${q.step} slices: a trend needs at least 6 — choose a longer window or weekly steps` }, 400);
        return c.json(await emergingHotspots(db, q.unit, q.resolution, q.step, { ...q, from, to }, c.req.raw.signal));
      },
    )
    .get('/change', access('hotspots.read'), validQuery(orderedWindow(z.object({ ...filterShape, from: localDate, to: localDate, level: z.enum(['township', 'village', 'grid'], { message: 'level must be township, village or grid' }).default('township') }))), async (c) => {
      const q = c.req.valid('query');
      return c.json(await changeMap(db, q.level, q, await dataRange(db)));
    });
}

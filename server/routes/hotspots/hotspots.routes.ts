// Hotspot analysis endpoints of the leaders' view: Gi* significance maps, emerging hot spots and the
// change map. The analyses run over a whole jurisdiction, so the map bbox is not a filter here.
import type { Database } from '../../db/database.js';
import { createRouter, declareRoute, json, z } from '../../http/openapi.js';
import { Count, Day } from '../../http/answer-schemas.js';
import { errorBody } from '../../http/errors.js';
import { EMERGING_PATTERNS } from '../../../shared/domain/hotspot-patterns.js';
import { incidentFilterShape, localDate, orderedWindow } from '../filters.js';
import { changeMap, emergingHotspots, giStarMap, wholeSlices } from './hotspots.queries.js';
import { dataRange } from '../stats/data-range.js';

const { bbox: _bbox, ...filterShape } = incidentFilterShape;
const unit = z.enum(['county', 'township', 'village', 'grid', 'h3'], { message: 'unit must be county, township, village, grid or h3' });
const resolution = z.coerce.number().int().min(5, 'H3 resolution must be 5..9').max(9, 'H3 resolution must be 5..9').default(8);
const MAX_SLICES = 200;

export const GiStarQuery = orderedWindow(z.object({ ...filterShape, unit: unit.default('grid'), resolution }));
const Significance = z.strictObject({ hot99: Count, hot95: Count, hot90: Count, cold99: Count, cold95: Count, cold90: Count, none: Count, isolated: Count });
export const GiStarAnswer = z
  .strictObject({
    unit,
    resolution: z.number().int().nullable().describe('H3 resolution (unit h3), else null'),
    n: Count.describe('units of the surface'),
    omitted: Count.describe('empty, not significant hexagons left out (unit h3)'),
    cells: z.array(z.strictObject({ id: z.string(), count: Count, z: z.number().nullable(), p: z.number().nullable(), class: z.number().int().min(-3).max(3).describe('±3 = 99 %, ±2 = 95 %, ±1 = 90 % (FDR), 0 none'), isolated: z.boolean() })),
    fdr: z.strictObject({ p90: z.number(), p95: z.number(), p99: z.number() }).describe('the Benjamini–Hochberg critical p at each level'),
    summary: Significance,
  })
  .openapi('GiStar');
export type GiStarAnswer = z.infer<typeof GiStarAnswer>;

export const EmergingQuery = orderedWindow(
  z.object({ ...filterShape, unit: z.enum(['grid', 'village', 'h3'], { message: 'unit must be grid, village or h3' }).default('grid'), resolution, step: z.enum(['week', 'month'], { message: 'step must be week or month' }).default('month') }),
);
const Pattern = z.enum(EMERGING_PATTERNS);
export const EmergingAnswer = z
  .strictObject({
    unit,
    resolution: z.number().int().nullable(),
    step: z.enum(['week', 'month']),
    slices: z.array(z.strictObject({ start: Day, end: Day })),
    cells: z.array(
      z.strictObject({
        id: z.string(),
        pattern: Pattern,
        trend: z.strictObject({ s: z.number(), z: z.number().nullable(), p: z.number().nullable(), direction: z.enum(['up', 'down', 'none']) }).describe('Mann–Kendall trend of the Gi* z series'),
        hotSlices: Count,
        coldSlices: Count,
        finalClass: z.number().int(),
        zSeries: z.array(z.number().nullable()),
      }),
    ),
    summary: z.record(z.string(), Count).describe('units per pattern'),
  })
  .openapi('EmergingHotspots');
export type EmergingAnswer = z.infer<typeof EmergingAnswer>;

export const ChangeQuery = orderedWindow(z.object({ ...filterShape, from: localDate, to: localDate, level: z.enum(['county', 'township', 'village', 'grid'], { message: 'level must be county, township, village or grid' }).default('township') }));
const Window = z.strictObject({ from: Day, to: Day });
export const ChangeAnswer = z
  .strictObject({
    current: Window,
    previous: Window,
    dataRange: Window,
    baseline: z.enum(['none', 'partial', 'full']).describe('how much of last year’s window has data'),
    compared: z.strictObject({ current: Window, previous: Window }).nullable().describe('the days compared, or null when none'),
    criticalP: z.number().nullable(),
    units: z.array(z.strictObject({ code: z.string(), current: Count, previous: Count, changePct: z.number().nullable(), p: z.number().nullable(), class: z.enum(['up', 'down', 'none']), fdr: z.boolean() })),
    summary: z.strictObject({ up: Count, down: Count, none: Count, fdr: Count }),
  })
  .openapi('ChangeMap');
export type ChangeAnswer = z.infer<typeof ChangeAnswer>;

export const gistarRoute = declareRoute({
  method: 'get',
  path: '/gistar',
  access: 'hotspots.read',
  summary: { zh: '热点分析（Gi*）', en: 'Hot spot map (Gi*)' },
  request: { query: GiStarQuery },
  responses: { 200: json(GiStarAnswer, 'Gi* z and p per unit, with FDR-controlled significance classes.') },
});

export const emergingRoute = declareRoute({
  method: 'get',
  path: '/emerging',
  access: 'hotspots.read',
  summary: { zh: '新兴热点', en: 'Emerging hot spots' },
  request: { query: EmergingQuery },
  responses: { 200: json(EmergingAnswer, 'The pattern of each unit over whole weeks or months (new, intensifying, diminishing, …).') },
});

export const changeRoute = declareRoute({
  method: 'get',
  path: '/change',
  access: 'hotspots.read',
  summary: { zh: '同比变化图', en: 'Change on last year' },
  request: { query: ChangeQuery },
  responses: { 200: json(ChangeAnswer, 'This window against the same days last year, per unit, with a test and FDR.') },
});

export function hotspotRoutes(db: Database) {
  return createRouter()
    .openapi(gistarRoute, async (c) => {
      const q = c.req.valid('query');
      return c.json(await giStarMap(db, q.unit, q.resolution, q, c.req.raw.signal), 200);
    })
    .openapi(emergingRoute, async (c) => {
      const q = c.req.valid('query');
      const range = await dataRange(db);
      const from = q.from ?? range.from, to = q.to ?? range.to;
      const n = wholeSlices(from, to, q.step).slices.length;
      if (n > MAX_SLICES) return c.json(errorBody(400, `${n} ${q.step} slices is too many (at most ${MAX_SLICES}): choose a shorter window or monthly steps`, { errorZh: `${n} 个时间片过多（最多 ${MAX_SLICES} 个）：请缩短时间范围或按月分析。` }), 400);
      if (n < 6) return c.json(errorBody(400, `only ${n} whole ${q.step} slices: a trend needs at least 6 — choose a longer window or weekly steps`, { errorZh: `只有 ${n} 个完整时间片，趋势分析至少需要 6 个：请加长时间范围或按周分析。` }), 400);
      return c.json(await emergingHotspots(db, q.unit, q.resolution, q.step, { ...q, from, to }, c.req.raw.signal), 200);
    })
    .openapi(changeRoute, async (c) => {
      const q = c.req.valid('query');
      return c.json(await changeMap(db, q.level, q, await dataRange(db)), 200);
    });
}

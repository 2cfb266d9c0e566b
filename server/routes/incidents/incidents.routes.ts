// Incident aggregates for the map and the KPI strip: heatmap cells, playback frames and summary KPIs for a filter.
import type { Database } from '../../db/database.js';
import { createRouter, declareRoute, json, z } from '../../http/openapi.js';
import { Count, Day, kpiFields } from '../../http/answer-schemas.js';
import { errorBody } from '../../http/errors.js';
import { IncidentFilterSchema, incidentFilterShape, orderedWindow, previousYear } from '../filters.js';
import { heatColumns, heatJson, heatLattice, summaryKpis } from './incidents.queries.js';
import { encodeHeatColumns, HEAT_BINARY_MEDIA_TYPE } from '../../../shared/geo/heat-columns.js';
import { heatLevelForZoom } from '../../analysis/heat-cells.js';
import { dataRange } from '../stats/data-range.js';
import { frameCount } from '../../../shared/time/frames.js';
import { incidentFrames, MAX_FRAMES } from './incident-frames.js';

export const HeatQuery = orderedWindow(
  z.object({
    ...incidentFilterShape,
    zoom: z.coerce.number().min(0).max(22).default(9).describe('map zoom: picks the heat lattice level'),
    format: z
      .enum(['json', 'binary'], { message: 'format must be json or binary' })
      .optional()
      .describe('json: [lon, lat, count] per cell; binary: the cells as columns (application/octet-stream, layout in shared/geo/heat-columns.ts). Without it, Accept decides: application/octet-stream gives binary, anything else JSON'),
  }),
);
export const HeatAnswer = z
  .strictObject({
    cellDeg: z.number().positive().describe('cell size, degrees'),
    level: z.number().int().min(0),
    points: z.array(z.tuple([z.number(), z.number(), Count])).describe('[lon, lat, count] at each non-empty cell’s centre'),
    max: Count,
    total: Count,
  })
  .openapi('HeatCells');
export type HeatAnswer = z.infer<typeof HeatAnswer>;

export const FramesQuery = orderedWindow(
  z.object({
    ...incidentFilterShape,
    step: z.enum(['day', 'week', 'month'], { message: 'step must be day, week or month' }).default('week'),
    level: z.enum(['county', 'township', 'village', 'grid'], { message: 'level must be county, township, village or grid' }).default('grid'),
    window: z.coerce.number().int().min(1).max(30).default(1).describe('steps a frame spans (a moving window moved one step a frame)'),
    zoom: z.coerce.number().min(0).max(22).optional().describe('map zoom: also answer the largest heat cell of any frame at its lattice level'),
  }),
);
export const FramesAnswer = z
  .strictObject({
    step: z.enum(['day', 'week', 'month']),
    level: z.enum(['county', 'township', 'village', 'grid']),
    window: z.number().int().min(1),
    frames: z.array(z.strictObject({ start: Day, end: Day, partial: z.boolean().describe('fewer days than a full window: cut by the window’s start or end'), counts: z.record(z.string(), Count).describe('incidents per unit code'), total: Count })),
    max: Count.describe('the largest count of any unit in any frame (one colour scale for the playback)'),
    heat: z.strictObject({ level: z.number().int().min(0), cellDeg: z.number().positive(), max: Count.describe('the largest heat cell of any frame') }).nullable().describe('with a zoom: the heat layer’s fixed top over all frames'),
  })
  .openapi('IncidentFrames');
export type FramesAnswer = z.infer<typeof FramesAnswer>;

export const SummaryAnswer = z
  .strictObject({
    ...kpiFields,
    byCategory: z.record(z.string(), Count).describe('incidents per category code, every category of the vocabulary'),
    asOf: z.string().nullable().describe('the newest report in the data (ISO time)'),
    previousYear: z.strictObject({ total: Count }).nullable().describe('the same window a year earlier (needs from and to)'),
    yoyPct: z.number().nullable().describe('% change on the year before'),
  })
  .openapi('IncidentSummary');
export type SummaryAnswer = z.infer<typeof SummaryAnswer>;

export const heatRoute = declareRoute({
  method: 'get',
  path: '/heat',
  access: 'incidents.read',
  summary: { zh: '事件热力格网', en: 'Incident heat cells' },
  request: { query: HeatQuery },
  responses: {
    200: {
      description:
        'Counts on the heat lattice at the zoom’s level. JSON: HeatCells. Binary (format=binary or Accept: application/octet-stream), little-endian: ' +
        'Uint32 × 4 (magic 0x31544848, cell count n, level, max), Float64 × 2 (cell size in degrees, total), Float32 × 2n (lon, lat of each cell centre), Float32 × n (count per cell).',
      content: { 'application/json': { schema: HeatAnswer }, [HEAT_BINARY_MEDIA_TYPE]: { schema: z.string().openapi({ format: 'binary' }) } },
    },
  },
});

/** The binary form when asked for by name, or by Accept when no format is named. */
export const wantsBinaryHeat = (format: 'json' | 'binary' | undefined, accept: string | undefined): boolean =>
  format ? format === 'binary' : (accept ?? '').split(',').some((t) => t.split(';')[0].trim().toLowerCase() === HEAT_BINARY_MEDIA_TYPE);

export const framesRoute = declareRoute({
  method: 'get',
  path: '/frames',
  access: 'incidents.read',
  summary: { zh: '事件时序回放帧', en: 'Incident playback frames' },
  request: { query: FramesQuery },
  responses: { 200: json(FramesAnswer, 'Counts per unit for each frame (a day, week or month step; a window of one or more steps) of the window.') },
});

export const summaryRoute = declareRoute({
  method: 'get',
  path: '/summary',
  access: 'incidents.read',
  summary: { zh: '事件汇总指标', en: 'Incident summary KPIs' },
  request: { query: IncidentFilterSchema },
  responses: { 200: json(SummaryAnswer, 'Totals, closure and resolution, overdue, by category, year on year.') },
});

export function incidentRoutes(db: Database) {
  return createRouter()
    .openapi(heatRoute, async (c) => {
      const q = c.req.valid('query');
      const cells = await heatLattice(db, q, heatLevelForZoom(q.zoom));
      // The JSON text is written from the columns (heatJson: the same bytes as c.json(heatPoints(cells))).
      if (!wantsBinaryHeat(q.format, c.req.header('Accept'))) return c.body(heatJson(cells), 200, { 'Content-Type': 'application/json', Vary: 'Accept' });
      return c.body(encodeHeatColumns(heatColumns(cells)), 200, { 'Content-Type': HEAT_BINARY_MEDIA_TYPE, Vary: 'Accept' });
    })
    .openapi(framesRoute, async (c) => {
      const q = c.req.valid('query');
      const range = await dataRange(db);
      const from = q.from ?? range.from, to = q.to ?? range.to;
      const n = frameCount({ from, to }, q.step, q.window);
      if (n > MAX_FRAMES)
        return c.json(errorBody(400, `${n} ${q.step} frames is too many to play (at most ${MAX_FRAMES}): shorten the window or use a longer step`, { errorZh: `${n} 帧过多，无法回放（最多 ${MAX_FRAMES} 帧）：请缩短时间范围或加大步长。` }), 400);
      return c.json(await incidentFrames(db, q.step, q.level, { ...q, from, to }, q.window, q.zoom === undefined ? undefined : heatLevelForZoom(q.zoom)), 200);
    })
    .openapi(summaryRoute, async (c) => {
      const q = c.req.valid('query');
      const previous = q.from && q.to ? { ...q, from: previousYear(q.from), to: previousYear(q.to) } : null;
      return c.json(await summaryKpis(db, q, previous), 200);
    });
}

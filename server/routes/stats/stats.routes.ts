// Statistics for the leaders' view: the hour-of-day × day-of-week matrix, the township/village ranking and the
// supervision figures (督办: open, overdue and escalated cases per unit, the time-to-close distribution).
import type { Database } from '../../db/database.js';
import { createRouter, declareRoute, json, z } from '../../http/openapi.js';
import { Count, kpiFields, Rate } from '../../http/answer-schemas.js';
import { IncidentFilterSchema, incidentFilterShape, orderedWindow } from '../filters.js';
import { hourWeekdayMatrix, ranking, supervision } from './stats.queries.js';

export const MatrixAnswer = z
  .strictObject({
    matrix: z.array(z.array(Count).length(24)).length(7).describe('counts by local weekday (Monday first) × hour 0–23'),
    max: Count,
    total: Count,
  })
  .openapi('HourWeekdayMatrix');
export type MatrixAnswer = z.infer<typeof MatrixAnswer>;

/** A windowed incident filter with the level of the units (ranking, supervision). */
export const LevelQuery = orderedWindow(z.object({ ...incidentFilterShape, level: z.enum(['township', 'village'], { message: 'level must be township or village' }).default('township') }));
/** The ranking's query: `county` too (a prefecture-level jurisdiction's county-level units). */
export const RankingQuery = orderedWindow(z.object({ ...incidentFilterShape, level: z.enum(['county', 'township', 'village'], { message: 'level must be county, township or village' }).default('township') }));
export const RankingRow = z.strictObject({
  code: z.string(),
  name: z.string(),
  parentCode: z.string(),
  households: Count,
  perThousandHouseholds: z.number().nullable().describe('incidents per 1,000 households'),
  previous: Count.nullable().describe('the same window a year earlier (null without from and to)'),
  yoyPct: z.number().nullable().describe('% change on the year before'),
  closureRateEB: Rate.describe('closure rate, empirical-Bayes stabilised'),
  lowConfidence: z.boolean().describe('too few incidents for the raw closure rate to be read alone'),
  total: kpiFields.total,
  closed: kpiFields.closed,
  closureRate: kpiFields.closureRate,
  resolutionRate: kpiFields.resolutionRate,
  open: kpiFields.open,
  overdue: kpiFields.overdue,
  escalated: kpiFields.escalated,
  supervised: kpiFields.supervised,
  avgCloseDays: kpiFields.avgCloseDays,
});
export const RankingAnswer = z.strictObject({ level: z.enum(['county', 'township', 'village']), rows: z.array(RankingRow) }).openapi('Ranking');
export type RankingAnswer = z.infer<typeof RankingAnswer>;

const openCounts = { open: Count, overdue: Count, escalated: Count, escalatedToTownship: Count, escalatedToCounty: Count, supervised: Count, oldestOverdueDays: Count.nullable().describe('days past due of the oldest overdue case') };
export const SupervisionAnswer = z
  .strictObject({
    level: z.enum(['township', 'village']),
    units: z.array(z.strictObject({ code: z.string(), name: z.string(), lon: z.number(), lat: z.number(), ...openCounts })).describe('per unit, at its seat'),
    totals: z.strictObject(openCounts),
    closeTimes: z.strictObject({
      unit: z.literal('day'),
      closed: Count,
      medianDays: z.number().nullable(),
      p90Days: z.number().nullable(),
      meanDays: z.number().nullable(),
      bins: z.array(z.strictObject({ fromDays: Count, toDays: Count.nullable().describe('null: this many days and over'), count: Count })),
    }).describe('time to close of the cases closed in the window, one-day bins'),
  })
  .openapi('Supervision');
export type SupervisionAnswer = z.infer<typeof SupervisionAnswer>;

export const matrixRoute = declareRoute({
  method: 'get',
  path: '/matrix',
  access: 'hotspots.read',
  summary: { zh: '星期 × 小时事件矩阵', en: 'Weekday × hour incident matrix' },
  request: { query: IncidentFilterSchema },
  responses: { 200: json(MatrixAnswer, 'Counts per weekday and hour of the jurisdiction’s clock.') },
});

export const rankingRoute = declareRoute({
  method: 'get',
  path: '/ranking',
  access: 'hotspots.read',
  summary: { zh: '县/乡镇/村事件排名', en: 'County, township or village ranking' },
  request: { query: RankingQuery },
  responses: { 200: json(RankingAnswer, 'One row per unit: counts, year on year, per household, closure and resolution.') },
});

export const supervisionRoute = declareRoute({
  method: 'get',
  path: '/supervision',
  access: 'hotspots.read',
  summary: { zh: '督办：待办、超期、上报与结案时长', en: 'Supervision: open, overdue, escalated, time to close' },
  request: { query: LevelQuery },
  responses: { 200: json(SupervisionAnswer, 'Open, overdue, escalated and supervised cases per unit, and the time-to-close histogram.') },
});

export function statsRoutes(db: Database) {
  return createRouter()
    .openapi(matrixRoute, async (c) => c.json(await hourWeekdayMatrix(db, c.req.valid('query')), 200))
    .openapi(rankingRoute, async (c) => {
      const q = c.req.valid('query');
      return c.json(await ranking(db, q.level, q), 200);
    })
    .openapi(supervisionRoute, async (c) => {
      const q = c.req.valid('query');
      return c.json(await supervision(db, q.level, q), 200);
    });
}

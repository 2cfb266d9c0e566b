// /api/patrol: the dispatchers' view (巡逻防控). Border zones, corridors, shift risk windows, route plans
// (JSON, GeoJSON, GPX), police stations and response isochrones. Every input is validated here; the work
// is in patrol.service.ts.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { formatIssues, HttpError, validQuery } from '../../http/validate.js';
import { ALL_DAYS, WEEKDAYS, WEEKENDS, shiftHours } from '../../analysis/risk-windows.js';
import { ROAD_CLASSES } from '../../../shared/domain/sites.js';
import { categoryCodes, categoryList, incidentFilterShape, jurisdictionCode, localDate, orderedWindow, requireVisible, scopedCode, unitVisible } from '../filters.js';
import { patrolData } from './patrol.data.js';
import { PlanError } from './route-plan.js';
import { borderZones, corridors, isochrones, NotFound, placeNamer, planGeoJson, planGpx, riskWindow, routePlan, type PlanQuery } from './patrol.service.js';
import { localMidnight } from '../../../shared/time/clock.js';
import { access } from '../../auth/access.js';
import { audit } from '../../auth/audit.js';

const int = (min: number, max: number, what: string) => z.coerce.number({ message: `${what} must be a number` }).int(`${what} must be a whole number`).min(min, `${what} must be at least ${min}`).max(max, `${what} must be at most ${max}`);

/** weekdays | weekends | all, or local weekday numbers (0 = Sunday … 6 = Saturday) as a comma list. */
const daysParam = z.union([z.enum(['weekdays', 'weekends', 'all']), z.string().regex(/^[0-6](,[0-6])*$/)], { message: 'days must be weekdays, weekends, all or weekday numbers 0–6 (0 = Sunday) separated by commas' });
const toDays = (d: string): number[] => (d === 'weekdays' ? [...WEEKDAYS] : d === 'weekends' ? [...WEEKENDS] : d === 'all' ? [...ALL_DAYS] : [...new Set(d.split(',').map(Number))]);

const riskShape = {
  start: int(0, 23, 'start (hour)').default(20),
  end: int(0, 24, 'end (hour)').default(2),
  days: daysParam.default('all'),
  lookbackDays: int(7, 1100, 'lookbackDays').default(180),
  halfLifeDays: int(1, 365, 'halfLifeDays').default(60),
  res: int(6, 9, 'res (H3 resolution)').default(8),
  asOf: localDate.optional(),
};
const asOfMs = (d?: string) => (d ? localMidnight(d) + 86399_000 : undefined);

const RiskQuerySchema = z.object({ ...riskShape, categories: categoryList.optional(), code: jurisdictionCode.optional(), top: int(1, 200, 'top').default(20), limit: int(1, 20000, 'limit').default(3000) });

const PlanBodySchema = z
  .object({
    stationId: z.number({ message: 'stationId (a police station id) is required' }).int(),
    start: z.number().int().min(0).max(23).default(20),
    end: z.number().int().min(0).max(24).default(2),
    days: daysParam.default('all'),
    units: z.number().int().min(1, 'units must be at least 1').max(10, 'units must be at most 10').default(1),
    budgetMin: z.number().min(10, 'budgetMin must be at least 10 minutes').max(1440, 'budgetMin must be at most 1440 (a day)').optional(),
    dwellMin: z.number().min(0).max(120, 'dwellMin must be at most 120').default(10),
    candidates: z.number().int().min(2).max(80, 'candidates must be at most 80').default(40),
    seed: z.number().int().optional(),
    speeds: z.partialRecord(z.enum(ROAD_CLASSES), z.number().min(0).max(150, 'speeds are km/h, at most 150')).optional(),
    lookbackDays: z.number().int().min(7).max(1100).default(180),
    halfLifeDays: z.number().int().min(1).max(365).default(60),
    res: z.number().int().min(6).max(9, 'res (H3 resolution) must be at most 9: cells are parents of the stored resolution-9 cell').default(8),
    categories: categoryCodes.optional(),
    code: jurisdictionCode.optional(),
    asOf: localDate.optional(),
  })
  .strict();

/** A police station is the caller's when its township is (filters.ts unitVisible); naming another is refused. */
async function requireStation(db: Database, c: Context, stationId: number | undefined): Promise<void> {
  const station = stationId === undefined ? undefined : (await patrolData(db)).stations.find((s) => s.id === stationId);
  if (station) requireVisible(c.get('user'), station.townshipCode, { en: `Police station ${station.id} (${station.name})`, zh: `派出所「${station.name}」` });
}

async function planBody(db: Database, c: Context): Promise<PlanQuery> {
  let raw: unknown;
  try {
    raw = JSON.parse(await c.req.text());
  } catch {
    throw new HttpError(400, 'The body must be JSON, e.g. {"stationId": 1, "start": 20, "end": 2, "units": 2}');
  }
  const r = PlanBodySchema.safeParse(raw);
  if (!r.success) throw new HttpError(400, `Invalid route request: ${formatIssues(r.error).message}`, formatIssues(r.error).issues);
  const b = { ...r.data, code: scopedCode(c.get('user'), r.data.code) };
  await requireStation(db, c, b.stationId);
  const shift = { startHour: b.start, endHour: b.end, days: toDays(b.days) };
  return { ...b, shift, resolution: b.res, budgetMin: b.budgetMin ?? shiftHours(shift) * 60, filter: { categories: b.categories, code: b.code }, asOfMs: asOfMs(b.asOf) };
}

async function guardNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof NotFound) throw new HttpError(404, err.message);
    if (err instanceof PlanError) throw new HttpError(422, err.message);
    throw err;
  }
}

export function patrolRoutes(db: Database) {
  return new Hono()
    .get('/stations', access('patrol.read'), async (c) => c.json({ stations: (await patrolData(db)).stations.filter((s) => unitVisible(c.get('user'), s.townshipCode)) }))
    .get('/zones', access('patrol.read'), validQuery(orderedWindow(z.object({ ...incidentFilterShape, width: int(100, 20000, 'width (metres)').default(2000), cameraRadius: int(10, 1000, 'cameraRadius (metres)').default(100) }))), async (c) => {
      const q = c.req.valid('query');
      return c.json(await borderZones(db, { widthM: q.width, cameraRadiusM: q.cameraRadius, filter: q }));
    })
    .get(
      '/corridors',
      access('patrol.read'),
      validQuery(orderedWindow(z.object({
        ...incidentFilterShape,
        width: int(50, 5000, 'width (metres)').default(500),
        classes: z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean)).pipe(z.array(z.enum(['railway', 'national', 'provincial'], { message: 'classes must be railway, national and/or provincial' })).min(1)).default(['railway', 'national']),
      }))),
      async (c) => {
        const q = c.req.valid('query');
        return c.json(await corridors(db, { widthM: q.width, classes: q.classes, filter: q }));
      },
    )
    .get('/risk', access('patrol.read'), validQuery(RiskQuerySchema), async (c) => {
      const q = c.req.valid('query');
      const shift = { startHour: q.start, endHour: q.end, days: toDays(q.days) };
      const [r, name] = await Promise.all([riskWindow(db, { shift, lookbackDays: q.lookbackDays, halfLifeDays: q.halfLifeDays, resolution: q.res, filter: { categories: q.categories, code: q.code }, asOfMs: asOfMs(q.asOf) }), placeNamer(db)]);
      return c.json({
        asOf: new Date(r.asOfMs).toISOString(),
        shift,
        shiftHours: shiftHours(shift),
        totalRisk: r.totalRisk,
        incidents: r.incidents,
        cellCount: r.cells.length,
        top: r.cells.slice(0, q.top).map((cell, i) => ({ rank: i + 1, ...cell, share: r.totalRisk > 0 ? cell.risk / r.totalRisk : 0, place: name(cell.focusLon, cell.focusLat) })),
        cells: r.cells.slice(0, q.limit).map((cell) => ({ cell: cell.cell, risk: cell.risk, count: cell.count })),
      });
    })
    .post('/route', access('patrol.read'), async (c) => c.json(await guardNotFound(routePlan(db, await planBody(db, c), c.req.raw.signal))))
    .post('/route.geojson', access('patrol.read'), async (c) => {
      const plan = await guardNotFound(routePlan(db, await planBody(db, c), c.req.raw.signal));
      await audit(db, c, { action: 'export', detail: `patrol route.geojson from station ${plan.station.name}: ${plan.routes.length} routes, ${plan.routes.reduce((n, r) => n + r.stops.length, 0)} stops` });
      c.header('Content-Disposition', 'attachment; filename="patrol-route.geojson"');
      return c.body(JSON.stringify(planGeoJson(plan)), 200, { 'Content-Type': 'application/geo+json; charset=utf-8' });
    })
    .post('/route.gpx', access('patrol.read'), async (c) => {
      const plan = await guardNotFound(routePlan(db, await planBody(db, c), c.req.raw.signal));
      await audit(db, c, { action: 'export', detail: `patrol route.gpx from station ${plan.station.name}: ${plan.routes.length} routes, ${plan.routes.reduce((n, r) => n + r.stops.length, 0)} stops` });
      c.header('Content-Disposition', 'attachment; filename="patrol-route.gpx"');
      return c.body(planGpx(plan), 200, { 'Content-Type': 'application/gpx+xml; charset=utf-8' });
    })
    .get(
      '/isochrones',
      access('patrol.read'),
      validQuery(orderedWindow(z.object({
        ...incidentFilterShape,
        minutes: z.string().regex(/^\d{1,3}(,\d{1,3})*$/, 'minutes must be whole minutes separated by commas, e.g. 5,10,15,30').transform((s) => [...new Set(s.split(',').map(Number))].sort((a, b) => a - b)).pipe(z.array(z.number().min(1, 'each threshold must be at least 1 minute').max(120, 'each threshold must be at most 120 minutes')).max(6, 'at most 6 thresholds')).default([5, 10, 15, 30]),
        stationId: int(1, 1e9, 'stationId').optional(),
      }))),
      async (c) => {
        const q = c.req.valid('query');
        await requireStation(db, c, q.stationId);
        const user = c.get('user');
        return c.json(await guardNotFound(isochrones(db, { minutes: q.minutes, stationId: q.stationId, filter: q, stationVisible: (s) => unitVisible(user, s.townshipCode) })));
      },
    );
}

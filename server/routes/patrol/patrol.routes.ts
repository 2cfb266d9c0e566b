// /api/patrol: the dispatchers' view (巡逻防控). Border zones, corridors, shift risk windows, route plans
// (JSON, GeoJSON, GPX), police stations and response isochrones, each declared once (http/openapi.ts) with its
// request and answer schemas; the client's types are these answers (client/views/patrol/patrol-api.ts). The work
// is in patrol.service.ts.
import type { Context } from 'hono';
import type { Database } from '../../db/database.js';
import { createRouter, declareRoute, file, json, jsonBody, z } from '../../http/openapi.js';
import { AreaGeometry, CountsByCategory, LineStringGeometry, LonLat, MultiLineStringGeometry, PlaceAnswer, Count } from '../../http/answer-schemas.js';
import { ErrorAnswer } from '../../http/errors.js';
import { HttpError } from '../../http/validate.js';
import { ALL_DAYS, WEEKDAYS, WEEKENDS, shiftHours } from '../../analysis/risk-windows.js';
import { ROAD_CLASSES } from '../../../shared/domain/sites.js';
import { categoryCodes, categoryList, incidentFilterShape, jurisdictionCode, localDate, orderedWindow, requireVisible, scopedCode, unitVisible } from '../filters.js';
import { patrolData } from './patrol.data.js';
import { PlanError } from './route-plan.js';
import { borderZones, corridors, isochrones, NotFound, placeNamer, planGeoJson, planGpx, riskWindow, routePlan, type NamedRoutePlan, type PlanQuery } from './patrol.service.js';
import { localMidnight } from '../../../shared/time/clock.js';
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

export const ZonesQuery = orderedWindow(z.object({ ...incidentFilterShape, width: int(100, 20000, 'width (metres)').default(2000), cameraRadius: int(10, 1000, 'cameraRadius (metres)').default(100) }));
export const CorridorsQuery = orderedWindow(z.object({
  ...incidentFilterShape,
  width: int(50, 5000, 'width (metres)').default(500),
  classes: z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean)).pipe(z.array(z.enum(['railway', 'national', 'provincial'], { message: 'classes must be railway, national and/or provincial' })).min(1)).default(['railway', 'national']).describe('comma-separated road classes'),
}));
export const RiskQuery = z.object({ ...riskShape, categories: categoryList.optional(), code: jurisdictionCode.optional(), top: int(1, 200, 'top').default(20), limit: int(1, 20000, 'limit').default(3000) });
export const IsochronesQuery = orderedWindow(z.object({
  ...incidentFilterShape,
  minutes: z.string().regex(/^\d{1,3}(,\d{1,3})*$/, 'minutes must be whole minutes separated by commas, e.g. 5,10,15,30').transform((s) => [...new Set(s.split(',').map(Number))].sort((a, b) => a - b)).pipe(z.array(z.number().min(1, 'each threshold must be at least 1 minute').max(120, 'each threshold must be at most 120 minutes')).max(6, 'at most 6 thresholds')).default([5, 10, 15, 30]).describe('comma-separated thresholds, minutes'),
  stationId: int(1, 1e9, 'stationId').optional(),
}));

export const PlanBody = z
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
  .strict()
  .openapi('PatrolPlanRequest');
/** What the client sends for a plan (defaults filled in by the server). */
export type PlanBody = z.input<typeof PlanBody>;

const Shift = z.strictObject({ startHour: z.number().int(), endHour: z.number().int(), days: z.array(z.number().int().min(0).max(6)).describe('local weekdays the shift starts on, 0 = Sunday') });

export const StationAnswer = z
  .strictObject({ id: z.number().int(), name: z.string(), kind: z.string(), lon: z.number(), lat: z.number(), townshipCode: z.string().nullable(), units: Count.describe('patrol units') })
  .openapi('PoliceStation');
export const StationsAnswer = z.strictObject({ stations: z.array(StationAnswer) }).openapi('PoliceStations');

const WatchAnswer = z.strictObject({
  status: z.enum(['online', 'offline', 'none']).describe('the best police camera within cameraRadius'),
  cameraId: z.string().optional(),
  distanceM: z.number().optional().describe('metres to that camera'),
  nearestM: z.number().optional().describe('none: metres to the nearest camera'),
});
export const ZonesAnswer = z
  .strictObject({
    widthM: z.number(),
    cameraRadiusM: z.number(),
    unsharedKm: z.number().describe('outline length shared with no neighbour, km'),
    neighbours: z.array(z.strictObject({
      code: z.string(),
      name: z.string(),
      kind: z.string().optional(),
      borderKm: z.number(),
      border: MultiLineStringGeometry,
      zone: AreaGeometry.nullable().describe('the zone inside the outline, width metres deep'),
      zoneKm2: z.number(),
      incidents: CountsByCategory,
      crossings: z.array(z.strictObject({ lon: z.number(), lat: z.number(), roadId: z.number().int(), roadName: z.string(), roadClass: z.string(), camera: WatchAnswer })),
    })),
  })
  .openapi('BorderZones');

export const CorridorsAnswer = z
  .strictObject({
    widthM: z.number(),
    corridors: z.array(z.strictObject({
      id: z.number().int(),
      name: z.string(),
      roadClass: z.string(),
      line: LineStringGeometry,
      band: AreaGeometry.nullable(),
      incidents: CountsByCategory,
      keyPoints: z.array(z.strictObject({ kind: z.enum(['bridge', 'level_crossing', 'station']), lon: z.number(), lat: z.number(), name: z.string(), roadId: z.number().int().optional(), roadClass: z.string().optional() })),
    })),
  })
  .openapi('Corridors');

const riskCell = { cell: z.string().describe('H3 cell'), lon: z.number(), lat: z.number(), risk: z.number(), count: Count };
export const RiskAnswer = z
  .strictObject({
    asOf: z.string().describe('ISO time the recency weights count back from'),
    shift: Shift,
    shiftHours: z.number(),
    totalRisk: z.number(),
    incidents: Count,
    cellCount: Count,
    top: z.array(z.strictObject({ rank: z.number().int(), ...riskCell, focusLon: z.number(), focusLat: z.number(), byCategory: z.record(z.string(), Count), share: z.number().describe('of totalRisk'), place: PlaceAnswer })),
    cells: z.array(z.strictObject({ cell: z.string(), risk: z.number(), count: Count })),
  })
  .openapi('ShiftRisk');

export const LeftOutReason = z.enum(['no_road', 'unreachable', 'too_far', 'no_time']).describe('no_road: no road near the cell; unreachable: not connected; too_far: the round trip alone exceeds the shift; no_time: the units’ time went to higher risk per minute');
export const RoutePlanAnswer = z
  .strictObject({
    station: StationAnswer,
    shift: Shift,
    asOfMs: z.number(),
    budgetMin: z.number(),
    dwellMin: z.number(),
    routes: z.array(z.strictObject({
      unit: z.number().int(),
      stops: z.array(z.strictObject({ order: z.number().int(), ...riskCell, byCategory: z.record(z.string(), Count), arriveMin: z.number(), departMin: z.number(), legMin: z.number(), place: PlaceAnswer })),
      path: z.array(LonLat),
      timeMin: z.number(),
      travelMin: z.number(),
      distanceKm: z.number(),
      risk: z.number(),
    })),
    collectedRisk: z.number(),
    candidateRisk: z.number(),
    totalRisk: z.number(),
    shareOfShift: z.number(),
    shareOfCandidates: z.number(),
    leftOut: z.array(z.strictObject({ cell: z.string(), lon: z.number(), lat: z.number(), risk: z.number(), rank: z.number().int(), reason: LeftOutReason, detailMin: z.number().optional().describe('too_far: minutes over the shift'), place: PlaceAnswer })),
  })
  .openapi('PatrolRoutePlan');

const Share = z.strictObject({ minutes: z.number(), reached: Count, total: Count, share: z.number() });
export const IsochronesAnswer = z
  .strictObject({
    minutes: z.array(z.number()),
    resolution: z.number().int(),
    countyCells: Count,
    bands: z.array(z.strictObject({ minutes: z.number(), ring: z.array(z.string()).describe('H3 cells first reached within this threshold'), cells: Count.describe('all cells within it') })),
    villages: z.array(Share),
    incidents: z.array(Share),
    stations: z.array(z.strictObject({ id: z.number().int(), name: z.string(), lon: z.number(), lat: z.number(), villages: z.array(Share) })),
    reason: z.string().optional().describe('why nothing is reached: the jurisdiction has no police station yet'),
    reasonZh: z.string().optional(),
  })
  .openapi('Isochrones');

export type StationsAnswer = z.infer<typeof StationsAnswer>;
export type ZonesAnswer = z.infer<typeof ZonesAnswer>;
export type CorridorsAnswer = z.infer<typeof CorridorsAnswer>;
export type RiskAnswer = z.infer<typeof RiskAnswer>;
export type RoutePlanAnswer = z.infer<typeof RoutePlanAnswer>;
export type IsochronesAnswer = z.infer<typeof IsochronesAnswer>;

/** The plan as GeoJSON: the station, each unit's route and its stops (with their ETA). */
export const RoutePlanFeatures = z
  .strictObject({
    type: z.literal('FeatureCollection'),
    features: z.array(z.strictObject({ type: z.literal('Feature'), geometry: z.looseObject({ type: z.enum(['Point', 'LineString']) }), properties: z.looseObject({ kind: z.enum(['station', 'route', 'stop']) }) })),
  })
  .openapi('PatrolRouteFeatures');

const read = 'patrol.read' as const;
const notFound = (what: string) => json(ErrorAnswer, what);
const cannotPlan = json(ErrorAnswer, 'The request is valid but cannot be planned (e.g. the station is more than 5 km from every road).');

export const stationsRoute = declareRoute({ method: 'get', path: '/stations', access: read, summary: { zh: '派出所', en: 'Police stations' }, responses: { 200: json(StationsAnswer, 'The stations in the caller’s jurisdiction, with their patrol units.') } });
export const zonesRoute = declareRoute({
  method: 'get', path: '/zones', access: read,
  summary: { zh: '边界防控带：各相邻县的边界、防控带、警情与卡口', en: 'Border zones: each neighbour’s border, zone, incidents and crossings' },
  request: { query: ZonesQuery },
  responses: { 200: json(ZonesAnswer, 'One zone per neighbouring county, width metres deep inside the outline; road crossings with their watching camera.') },
});
export const corridorsRoute = declareRoute({
  method: 'get', path: '/corridors', access: read,
  summary: { zh: '交通干线防控带：铁路、国道、省道两侧的警情与要点', en: 'Road and rail corridors: incidents and key points along them' },
  request: { query: CorridorsQuery },
  responses: { 200: json(CorridorsAnswer, 'One band per road of the classes, with its incidents and key points (bridges, level crossings, stations).') },
});
export const riskRoute = declareRoute({
  method: 'get', path: '/risk', access: read,
  summary: { zh: '班次风险：按时段加权的高风险网格', en: 'Shift risk: H3 cells ranked by recency- and severity-weighted incidents of the shift' },
  request: { query: RiskQuery },
  responses: { 200: json(RiskAnswer, 'The shift’s risk per H3 cell, the top cells with their place names.') },
});
export const routePlanRoute = declareRoute({
  method: 'post', path: '/route', access: read,
  summary: { zh: '巡逻路线规划', en: 'Patrol route plan' },
  request: { body: jsonBody(PlanBody) },
  responses: { 200: json(RoutePlanAnswer, 'Each unit’s stops in order with arrival times, its path on the roads, and the high-risk cells left out with the reason.'), 404: notFound('No police station with that id.'), 422: cannotPlan },
});
export const routeGeoJsonRoute = declareRoute({
  method: 'post', path: '/route.geojson', access: read,
  summary: { zh: '巡逻路线导出（GeoJSON）', en: 'Patrol route plan as GeoJSON' },
  request: { body: jsonBody(PlanBody) },
  responses: { 200: { description: 'The plan as a GeoJSON download (audited as an export).', content: { 'application/geo+json': { schema: RoutePlanFeatures } } }, 404: notFound('No police station with that id.'), 422: cannotPlan },
});
export const routeGpxRoute = declareRoute({
  method: 'post', path: '/route.gpx', access: read,
  summary: { zh: '巡逻路线导出（GPX，车载导航）', en: 'Patrol route plan as GPX (for navigation devices)' },
  request: { body: jsonBody(PlanBody) },
  responses: { 200: file('application/gpx+xml', 'One track per unit, its stops as waypoints with ETA (audited as an export).'), 404: notFound('No police station with that id.'), 422: cannotPlan },
});
export const isochronesRoute = declareRoute({
  method: 'get', path: '/isochrones', access: read,
  summary: { zh: '出警时间圈：各派出所在给定分钟内可达的范围', en: 'Response isochrones: what the stations reach within given minutes' },
  request: { query: IsochronesQuery },
  responses: { 200: json(IsochronesAnswer, 'Rings of H3 cells per threshold, and the shares of villages and incidents reached.'), 404: notFound('No such station in the caller’s jurisdiction (without stationId, a jurisdiction with no station answers 200 with empty rings and a reason).') },
});

/** A police station is the caller's when its township is (filters.ts unitVisible); naming another is refused. */
async function requireStation(db: Database, c: Context, stationId: number | undefined): Promise<void> {
  const station = stationId === undefined ? undefined : (await patrolData(db)).stations.find((s) => s.id === stationId);
  if (station) requireVisible(c.get('user'), station.townshipCode, { en: `Police station ${station.id} (${station.name})`, zh: `派出所「${station.name}」` });
}

/** The validated body as the planner takes it: its code scoped to the caller, its station the caller's. */
async function planQuery(db: Database, c: Context, body: z.output<typeof PlanBody>): Promise<PlanQuery> {
  const b = { ...body, code: scopedCode(c.get('user'), body.code) };
  await requireStation(db, c, b.stationId);
  const shift = { startHour: b.start, endHour: b.end, days: toDays(b.days) };
  return { ...b, shift, resolution: b.res, budgetMin: b.budgetMin ?? shiftHours(shift) * 60, filter: { categories: b.categories, code: b.code }, asOfMs: asOfMs(b.asOf) };
}

async function guardNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof NotFound) throw new HttpError(404, err.message, undefined, '没有这个派出所（或辖区内没有派出所）。');
    if (err instanceof PlanError) throw new HttpError(422, err.message, undefined, `无法规划路线：${err.message}`);
    throw err;
  }
}

const EXPORT_TYPES = { geojson: 'application/geo+json; charset=utf-8', gpx: 'application/gpx+xml; charset=utf-8' } as const;

export function patrolRoutes(db: Database) {
  /** The plan of the request's body as a download, audited as an export. */
  const planExport = async (c: Context, kind: keyof typeof EXPORT_TYPES, text: (plan: NamedRoutePlan) => string) => {
    const plan = await guardNotFound(routePlan(db, await planQuery(db, c, c.req.valid('json' as never)), c.req.raw.signal));
    const stops = plan.routes.reduce((n, r) => n + r.stops.length, 0);
    await audit(db, c, { action: 'export', detail: `patrol route.${kind} from station ${plan.station.name}: ${plan.routes.length} routes, ${stops} stops` });
    c.header('Content-Disposition', `attachment; filename="patrol-route.${kind}"`);
    return c.body(text(plan), 200, { 'Content-Type': EXPORT_TYPES[kind] });
  };

  return createRouter()
    .openapi(stationsRoute, async (c) => c.json({ stations: (await patrolData(db)).stations.filter((s) => unitVisible(c.get('user'), s.townshipCode)) }, 200))
    .openapi(zonesRoute, async (c) => {
      const q = c.req.valid('query');
      return c.json(await borderZones(db, { widthM: q.width, cameraRadiusM: q.cameraRadius, filter: q }), 200);
    })
    .openapi(corridorsRoute, async (c) => {
      const q = c.req.valid('query');
      return c.json(await corridors(db, { widthM: q.width, classes: q.classes, filter: q }), 200);
    })
    .openapi(riskRoute, async (c) => {
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
      }, 200);
    })
    .openapi(routePlanRoute, async (c) => {
      const plan = await guardNotFound(routePlan(db, await planQuery(db, c, c.req.valid('json')), c.req.raw.signal));
      return c.json({ ...plan, shift: { ...plan.shift, days: [...plan.shift.days] } }, 200);
    })
    .openapi(routeGeoJsonRoute, async (c) => planExport(c, 'geojson', (plan) => JSON.stringify(planGeoJson(plan))) as never)
    .openapi(routeGpxRoute, async (c) => planExport(c, 'gpx', planGpx))
    .openapi(isochronesRoute, async (c) => {
      const q = c.req.valid('query');
      await requireStation(db, c, q.stationId);
      const user = c.get('user');
      return c.json(await guardNotFound(isochrones(db, { minutes: q.minutes, stationId: q.stationId, filter: q, stationVisible: (s) => unitVisible(user, s.townshipCode) })), 200);
    });
}

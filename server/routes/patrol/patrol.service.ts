// The patrol features composed from the pure analysis steps and the cached data: border zones, corridors,
// risk windows, route plans, isochrones and exports. Handlers in patrol.routes.ts only validate and call these.
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import * as turf from '@turf/turf';
import type { Database } from '../../db/database.js';
import { BorderZoneLocator, borderCrossings, splitBorder, watchStatus, zonePolygon } from '../../analysis/border-zones.js';
import { corridorPolygon, dedupeKeyPoints, railCrossings, withinCorridor, type KeyPoint } from '../../analysis/corridors.js';
import type { LonLat } from '../../../shared/geo/geo.js';
import { toGpx } from '../../analysis/gpx.js';
import { cellSeconds, isochroneBands, reachShares, snapCells, stationReach, STRAIGHT_LINE_ESTIMATE, straightLineCellSeconds, type CellGrid } from '../../analysis/isochrones.js';
import { pointInGeometry } from '../../../shared/geo/point-in-polygon.js';
import type { Shift } from '../../analysis/risk-windows.js';
import { placeOf, placeText, type Place } from '../../../shared/geo/place-label.js';
import { countyContext } from '../../import/county-context.js';
import { categories } from '../../db/categories.js';
import { knownCategories } from '../../http/category-scope.js';
import type { IncidentFilter } from '../filters.js';
import { DEFAULT_SPEEDS, edgeTimes, incidentPoints, lastIncidentMs, patrolData, type IncidentPoints, type PatrolData } from './patrol.data.js';
import { PlanError, type RoutePlan } from './route-plan.js';
import { randomUUID } from 'node:crypto';
import { graphArrays, type RoadGraph } from '../../analysis/road-graph.js';
import { runTask } from '../../workers/pool.js';
import { riskCellsSql } from './risk.queries.js';

/** Severity weights of the jurisdiction's categories (the categories table), by code. */
const severityOf = async (db: Database) => Object.fromEntries((await categories(db)).list.map((c) => [c.code, c.severity]));

function countByCategory(points: IncidentPoints, idx: Iterable<number>): { total: number; byCategory: Record<string, number> } {
  const byCategory: Record<string, number> = {};
  let total = 0;
  for (const i of idx) (byCategory[points.category[i]] = (byCategory[points.category[i]] ?? 0) + 1), total++;
  return { total, byCategory };
}

export async function borderZones(db: Database, o: { widthM: number; cameraRadiusM: number; filter: IncidentFilter }) {
  const data = await patrolData(db);
  const { stretches, unsharedM } = splitBorder(data.outline, data.neighbours);
  const locator = new BorderZoneLocator(stretches, o.widthM);
  const inc = await incidentPoints(db, o.filter);
  const members: number[][] = stretches.map(() => []);
  for (let i = 0; i < inc.lon.length; i++) {
    const z = locator.locate([inc.lon[i], inc.lat[i]]);
    if (z !== undefined && pointInGeometry(inc.lon[i], inc.lat[i], data.outline)) members[z].push(i);
  }
  const crossings = borderCrossings(stretches, data.roads);
  const watch = watchStatus(crossings.map((c) => [c.lon, c.lat] as LonLat), data.cameras, o.cameraRadiusM);
  return {
    widthM: o.widthM,
    cameraRadiusM: o.cameraRadiusM,
    unsharedKm: unsharedM / 1000,
    neighbours: stretches.map((s, i) => ({
      code: s.code,
      name: s.name,
      kind: s.kind,
      borderKm: s.lengthM / 1000,
      border: { type: 'MultiLineString' as const, coordinates: s.lines },
      zone: zonePolygons(data, o.widthM)[i],
      zoneKm2: zoneAreas(data, o.widthM)[i],
      incidents: countByCategory(inc, members[i]),
      crossings: crossings
        .map((c, k) => ({ c, w: watch[k] }))
        .filter(({ c }) => c.stretch === i)
        .map(({ c, w }) => ({ lon: c.lon, lat: c.lat, roadId: c.roadId, roadName: c.roadName, roadClass: c.roadClass, camera: w })),
    })),
  };
}

const zoneCache = new WeakMap<PatrolData, Map<number, (Polygon | MultiPolygon | null)[]>>();
/** Zone polygons per width, kept: buffering the border costs seconds, and widths are few in practice. */
function zonePolygons(data: PatrolData, widthM: number): (Polygon | MultiPolygon | null)[] {
  let byWidth = zoneCache.get(data);
  if (!byWidth) zoneCache.set(data, (byWidth = new Map()));
  let z = byWidth.get(widthM);
  if (!z) {
    const { stretches } = splitBorder(data.outline, data.neighbours);
    z = stretches.map((s) => zonePolygon(s, data.outline, widthM)?.geometry ?? null);
    if (byWidth.size > 16) byWidth.clear();
    byWidth.set(widthM, z);
  }
  return z;
}

const bandCache = new WeakMap<PatrolData, Map<string, Polygon | MultiPolygon | null>>();
function corridorBand(data: PatrolData, road: { id: number; line: readonly LonLat[] }, widthM: number): Polygon | MultiPolygon | null {
  let m = bandCache.get(data);
  if (!m) bandCache.set(data, (m = new Map()));
  const key = `${road.id}:${widthM}`;
  if (!m.has(key)) {
    if (m.size > 64) m.clear();
    m.set(key, corridorPolygon(road.line, widthM, data.outline)?.geometry ?? null);
  }
  return m.get(key)!;
}

function zoneAreas(data: PatrolData, widthM: number): number[] {
  return zonePolygons(data, widthM).map((g) => (g ? turf.area(g) / 1e6 : 0));
}

export async function corridors(db: Database, o: { widthM: number; classes: string[]; filter: IncidentFilter }) {
  const data = await patrolData(db);
  const inc = await incidentPoints(db, o.filter);
  const pts: LonLat[] = Array.from(inc.lon, (lon, i) => [lon, inc.lat[i]]);
  const inCounty = pts.map((p) => pointInGeometry(p[0], p[1], data.outline));
  const stations: LonLat[] = data.railStations.map((s) => [s.lon, s.lat]);
  return {
    widthM: o.widthM,
    corridors: data.roads
      .filter((r) => o.classes.includes(r.roadClass))
      .map((r) => {
        const members = withinCorridor(r.line, pts, o.widthM).filter((i) => inCounty[i]);
        const keyPoints: KeyPoint[] = [
          ...dedupeKeyPoints(railCrossings(r, data.roads)).filter((k) => pointInGeometry(k.lon, k.lat, data.outline)),
          ...withinCorridor(r.line, stations, o.widthM).map((i) => ({ kind: 'station' as const, lon: data.railStations[i].lon, lat: data.railStations[i].lat, name: data.railStations[i].name })),
        ];
        return {
          id: r.id,
          name: r.name,
          roadClass: r.roadClass,
          line: { type: 'LineString' as const, coordinates: [...r.line] },
          band: corridorBand(data, r, o.widthM),
          incidents: countByCategory(inc, members),
          keyPoints,
        };
      }),
  };
}

export interface RiskQuery { shift: Shift; lookbackDays: number; halfLifeDays: number; resolution: number; filter: IncidentFilter; asOfMs?: number }

export async function riskWindow(db: Database, q: RiskQuery) {
  const asOfMs = q.asOfMs ?? (await lastIncidentMs(db));
  // Aggregated in SQL (risk.queries.ts; the same sum as analysis/risk-windows.ts rankRiskCells, its test oracle).
  return { asOfMs, ...(await riskCellsSql(db, { shift: q.shift, asOfMs, lookbackDays: q.lookbackDays, halfLifeDays: q.halfLifeDays, resolution: q.resolution, severity: await severityOf(db), filter: q.filter })) };
}

/** Names a point the way the room does (township, village, nearest street or hamlet): ~25 µs a point. */
export async function placeNamer(db: Database): Promise<(lon: number, lat: number) => Place> {
  const { reverse } = await countyContext(db);
  return (lon, lat) => placeOf(reverse.reverse(lon, lat));
}

export interface PlanQuery extends RiskQuery { stationId: number; units: number; budgetMin: number; dwellMin: number; candidates: number; seed?: number; speeds?: Record<string, number> }

export class NotFound extends Error {}

type Placed<T> = T & { place: Place };
export type NamedRoutePlan = Omit<RoutePlan, 'routes' | 'leftOut'> & {
  routes: (Omit<RoutePlan['routes'][number], 'stops'> & { stops: Placed<RoutePlan['routes'][number]['stops'][number]>[] })[];
  leftOut: Placed<RoutePlan['leftOut'][number]>[];
  asOfMs: number;
  shift: Shift;
};

/** The plan with a place name on every stop and left-out cell (one reverse geocode each). */
export async function routePlan(db: Database, q: PlanQuery, signal?: AbortSignal): Promise<NamedRoutePlan> {
  const [plan, name] = await Promise.all([unnamedRoutePlan(db, q, signal), placeNamer(db)]);
  return {
    ...plan,
    routes: plan.routes.map((r) => ({ ...r, stops: r.stops.map((s) => ({ ...s, place: name(s.lon, s.lat) })) })),
    leftOut: plan.leftOut.map((l) => ({ ...l, place: name(l.lon, l.lat) })),
  };
}

const graphIds = new WeakMap<RoadGraph, string>();
/** A graph's id for the worker threads, which keep the graph they rebuilt under it. */
const graphId = (g: RoadGraph) => graphIds.get(g) ?? (graphIds.set(g, randomUUID()), graphIds.get(g)!);

async function unnamedRoutePlan(db: Database, q: PlanQuery, signal?: AbortSignal): Promise<RoutePlan & { asOfMs: number; shift: Shift }> {
  const data = await patrolData(db);
  const station = data.stations.find((s) => s.id === q.stationId);
  if (!station) throw new NotFound(`no police station with id ${q.stationId}; GET /api/patrol/stations lists them`);
  const risk = await riskWindow(db, q);
  const weights = q.speeds ? edgeTimes(data.graph, { ...DEFAULT_SPEEDS, ...q.speeds }) : data.graph.timeS;
  const input = { station, cells: risk.cells, totalRisk: risk.totalRisk, budgetMin: q.budgetMin, dwellMin: q.dwellMin, units: q.units, candidates: q.candidates, seed: q.seed, weights };
  // Dijkstra per candidate + orienteering: up to seconds at the limits, so on the pool, cancelled with the request.
  const done = await runTask('patrolPlan', { graphId: graphId(data.graph), graph: graphArrays(data.graph), input }, { signal });
  if ('planError' in done) throw new PlanError(done.planError);
  return { ...done.plan, asOfMs: risk.asOfMs, shift: q.shift };
}

const pad = (n: number) => String(n).padStart(2, '0');
/** "HH:MM" of a shift-relative minute (the shift starts at shift.startHour local time). */
export function clockAt(shift: Shift, minute: number): string {
  const m = Math.round(shift.startHour * 60 + minute) % 1440;
  return `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

export function planGeoJson(plan: NamedRoutePlan): FeatureCollection {
  const features: Feature[] = [
    { type: 'Feature', geometry: { type: 'Point', coordinates: [plan.station.lon, plan.station.lat] }, properties: { kind: 'station', name: plan.station.name } },
  ];
  for (const r of plan.routes) {
    features.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: r.path }, properties: { kind: 'route', unit: r.unit, timeMin: r.timeMin, distanceKm: r.distanceKm, risk: r.risk } });
    for (const s of r.stops)
      features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [s.lon, s.lat] }, properties: { kind: 'stop', unit: r.unit, order: s.order, name: placeText(s.place), eta: clockAt(plan.shift, s.arriveMin), arriveMin: s.arriveMin, risk: s.risk, cell: s.cell } });
  }
  return { type: 'FeatureCollection', features };
}

// Chinese names from the jurisdiction's vocabulary of the request being served (http/category-scope.ts).
const categoriesZh = (by: Record<string, number>) => Object.entries(by).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${knownCategories().byCode.get(k)?.zh ?? k}${n}起`).join('、');

export function planGpx(plan: NamedRoutePlan): string {
  return toGpx(
    plan.routes.map((r) => ({
      name: `${plan.station.name} 第${r.unit}组`,
      points: r.path,
      stops: r.stops.map((s) => ({ name: `${r.unit}-${s.order} ${clockAt(plan.shift, s.arriveMin)} ${placeText(s.place)}`, lon: s.lon, lat: s.lat, description: `${clockAt(plan.shift, s.arriveMin)} 到，停留至 ${clockAt(plan.shift, s.departMin)}；近期同时段警情 ${s.count} 起（${categoriesZh(s.byCategory)}）；风险 ${s.risk.toFixed(2)}` })),
    })),
    { name: `${plan.station.name} 巡逻路线 ${pad(plan.shift.startHour)}:00–${pad(plan.shift.endHour % 24)}:00` },
  );
}

export async function isochrones(db: Database, o: { minutes: number[]; stationId?: number; filter: IncidentFilter; stationVisible?: (s: PatrolData['stations'][number]) => boolean }) {
  const data = await patrolData(db);
  const mine = o.stationVisible ? data.stations.filter(o.stationVisible) : data.stations;
  const stations = o.stationId === undefined ? mine : mine.filter((s) => s.id === o.stationId);
  // No station at all (an empty jurisdiction, or none imported yet): the patrol tab's own request, answered with
  // empty rings and the reason (a 404 would read as a broken page); naming a station that does not exist is refused.
  if (!stations.length && o.stationId === undefined) return noStations(o.minutes);
  if (!stations.length) throw new NotFound(`no police station with id ${o.stationId}; GET /api/patrol/stations lists them`);
  const grid = countyCells(data);
  // No roads imported yet: the rings are estimated from straight lines (said in the answer's reason).
  const noRoads = data.graph.nodeCount === 0;
  const perStation = noRoads
    ? stations.map((s) => straightLineCellSeconds(grid, [s.lon, s.lat]))
    : (() => { const reach = stationReach(data.graph, stations.map((s) => [s.lon, s.lat]), { maxSeconds: Math.max(...o.minutes) * 60 }); return [cellSeconds(grid, reach.best), ...reach.perStation.map((r) => cellSeconds(grid, r))]; })();
  const seconds = noRoads ? perStation.reduce((best, s) => best.map((v, i) => Math.min(v, s[i])), new Float64Array(grid.cells.length).fill(Infinity)) : perStation[0];
  const ofStation = noRoads ? perStation : perStation.slice(1);
  const inc = await incidentPoints(db, o.filter);
  const incPts: LonLat[] = Array.from(inc.lon, (lon, i) => [lon, inc.lat[i]]);
  const villagePts: LonLat[] = data.villages.map((v) => [v.lon, v.lat]);
  return {
    minutes: o.minutes,
    resolution: grid.resolution,
    countyCells: grid.cells.length,
    bands: isochroneBands(grid, seconds, o.minutes),
    villages: reachShares(grid, seconds, villagePts, o.minutes),
    incidents: reachShares(grid, seconds, incPts, o.minutes),
    stations: stations.map((s, i) => ({ id: s.id, name: s.name, lon: s.lon, lat: s.lat, villages: reachShares(grid, ofStation[i], villagePts, o.minutes) })),
    ...(noRoads ? {
      reason: `No roads imported yet: the rings are estimated from straight-line distance × ${STRAIGHT_LINE_ESTIMATE.detour} at ${STRAIGHT_LINE_ESTIMATE.kmh} km/h; import the roads for times along them.`,
      reasonZh: `尚未导入道路：出警圈按直线距离 × ${STRAIGHT_LINE_ESTIMATE.detour}、车速 ${STRAIGHT_LINE_ESTIMATE.kmh} 公里/小时估算；导入道路后按路网计算。`,
    } : {}),
  };
}

/** Isochrones of a jurisdiction without police stations: nothing reached, and why. */
function noStations(minutes: number[]) {
  const none = minutes.map((m) => ({ minutes: m, reached: 0, total: 0, share: 0 }));
  return {
    minutes, resolution: 8, countyCells: 0,
    bands: minutes.map((m) => ({ minutes: m, ring: [] as string[], cells: 0 })),
    villages: none, incidents: none, stations: [],
    reason: 'No police station in your jurisdiction yet: response rings are measured from the stations.',
    reasonZh: '辖区内尚无派出所数据：出警响应圈从派出所位置算起。',
  };
}

const gridCache = new WeakMap<PatrolData, CellGrid>();
/** The county's H3 cells snapped to the road graph: built on first use (about a second), then kept. */
export function countyCells(data: PatrolData): CellGrid {
  let g = gridCache.get(data);
  if (!g) gridCache.set(data, (g = snapCells(data.graph, data.outline, 8)));
  return g;
}

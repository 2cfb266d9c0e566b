// Typed calls to /api/patrol (shapes mirror server/routes/patrol/*.ts).
import type { MultiLineString, MultiPolygon, Polygon, LineString } from 'geojson';
import { ApiError, getJson, type IncidentFilter } from '../../api';
import type { Place } from '../../../shared/geo/place-label';
export type { Place };

type Counts = { total: number; byCategory: Record<string, number> };
export interface Station { id: number; name: string; kind: string; lon: number; lat: number; townshipCode: string | null; units: number }
export interface Crossing { lon: number; lat: number; roadId: number; roadName: string; roadClass: string; camera: { status: 'online' | 'offline' | 'none'; cameraId?: string; distanceM?: number; nearestM?: number } }
export interface BorderNeighbour { code: string; name: string; kind?: string; borderKm: number; border: MultiLineString; zone: Polygon | MultiPolygon | null; zoneKm2: number; incidents: Counts; crossings: Crossing[] }
export interface Zones { widthM: number; cameraRadiusM: number; unsharedKm: number; neighbours: BorderNeighbour[] }
export interface KeyPoint { kind: 'bridge' | 'level_crossing' | 'station'; lon: number; lat: number; name: string; roadClass?: string }
export interface Corridor { id: number; name: string; roadClass: string; line: LineString; band: Polygon | MultiPolygon | null; incidents: Counts; keyPoints: KeyPoint[] }
export interface Corridors { widthM: number; corridors: Corridor[] }
export interface RiskTop { rank: number; cell: string; lon: number; lat: number; focusLon: number; focusLat: number; risk: number; count: number; byCategory: Record<string, number>; share: number; place: Place }
export interface Risk { asOf: string; shiftHours: number; totalRisk: number; incidents: number; cellCount: number; top: RiskTop[]; cells: { cell: string; risk: number; count: number }[] }
export interface PlannedStop { order: number; cell: string; lon: number; lat: number; risk: number; count: number; byCategory: Record<string, number>; arriveMin: number; departMin: number; legMin: number; place: Place }
export interface PlannedRoute { unit: number; stops: PlannedStop[]; path: [number, number][]; timeMin: number; travelMin: number; distanceKm: number; risk: number }
export type LeftOutReason = 'no_road' | 'unreachable' | 'too_far' | 'no_time';
export interface RoutePlan {
  station: Station;
  shift: { startHour: number; endHour: number; days: number[] };
  asOfMs: number;
  budgetMin: number;
  dwellMin: number;
  routes: PlannedRoute[];
  collectedRisk: number;
  candidateRisk: number;
  totalRisk: number;
  shareOfShift: number;
  shareOfCandidates: number;
  leftOut: { cell: string; lon: number; lat: number; risk: number; rank: number; reason: LeftOutReason; detailMin?: number; place: Place }[];
}
export type Share = { minutes: number; reached: number; total: number; share: number };
export interface Isochrones { minutes: number[]; resolution: number; countyCells: number; bands: { minutes: number; ring: string[]; cells: number }[]; villages: Share[]; incidents: Share[]; stations: { id: number; name: string; villages: Share[] }[] }

export type Days = 'weekdays' | 'weekends' | 'all';
export interface ShiftChoice { start: number; end: number; days: Days }
export interface PlanRequest extends ShiftChoice { stationId: number; units: number; budgetMin?: number; dwellMin: number; seed?: number; speeds?: Record<string, number>; categories?: string[]; code?: string }

function incidentParams(f: IncidentFilter, allCategories: number) {
  return { from: f.from, to: f.to, code: f.code, categories: f.categories.length === allCategories ? undefined : f.categories.join(',') };
}

async function post(path: string, body: unknown): Promise<Response> {
  const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) {
    const err = (await res.json().catch(() => null)) as { error?: string } | null;
    throw new ApiError(err?.error ?? `${res.status} ${res.statusText}`, res.status);
  }
  return res;
}

export const patrolApi = {
  stations: () => getJson<{ stations: Station[] }>('/api/patrol/stations'),
  zones: (widthM: number, f: IncidentFilter, all: number, onlyTheft: boolean) =>
    getJson<Zones>('/api/patrol/zones', { width: widthM, ...incidentParams(f, all), ...(onlyTheft ? { categories: 'theft' } : {}) }),
  corridors: (widthM: number, f: IncidentFilter, all: number) => getJson<Corridors>('/api/patrol/corridors', { width: widthM, classes: 'railway,national', ...incidentParams(f, all) }),
  risk: (s: ShiftChoice, f: IncidentFilter, all: number) =>
    getJson<Risk>('/api/patrol/risk', { start: s.start, end: s.end, days: s.days, top: 20, code: f.code, categories: f.categories.length === all ? undefined : f.categories.join(',') }),
  plan: async (r: PlanRequest) => (await post('/api/patrol/route', r)).json() as Promise<RoutePlan>,
  exportText: async (r: PlanRequest, kind: 'gpx' | 'geojson') => (await post(`/api/patrol/route.${kind}`, r)).text(),
  isochrones: (f: IncidentFilter, all: number) => getJson<Isochrones>('/api/patrol/isochrones', { minutes: '5,10,15,30', ...incidentParams(f, all) }),
};

// Typed calls to /api/patrol. The answers' types are the routes' declarations (server/routes/patrol/
// patrol.routes.ts, type-only: nothing of the server is bundled), so a changed field fails to compile here.
import type { CorridorsAnswer, IsochronesAnswer, PlanBody, RiskAnswer, RoutePlanAnswer, StationsAnswer, ZonesAnswer } from '../../../server/routes/patrol/patrol.routes';
import { ApiError, getJson, type IncidentFilter } from '../../api';
import type { Place } from '../../../shared/geo/place-label';
export type { Place };

export type Station = StationsAnswer['stations'][number];
export type Zones = ZonesAnswer;
export type Corridors = CorridorsAnswer;
export type Risk = RiskAnswer;
export type RoutePlan = RoutePlanAnswer;
export type Isochrones = IsochronesAnswer;

export type Days = 'weekdays' | 'weekends' | 'all';
export interface ShiftChoice { start: number; end: number; days: Days }
/** The plan request as the panel fills it (the body's schema is the declaration's). */
export type PlanRequest = PlanBody & ShiftChoice & { units: number; dwellMin: number };

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
  stations: () => getJson<StationsAnswer>('/api/patrol/stations'),
  zones: (widthM: number, f: IncidentFilter, all: number, onlyTheft: boolean) =>
    getJson<Zones>('/api/patrol/zones', { width: widthM, ...incidentParams(f, all), ...(onlyTheft ? { categories: 'theft' } : {}) }),
  corridors: (widthM: number, f: IncidentFilter, all: number) => getJson<Corridors>('/api/patrol/corridors', { width: widthM, classes: 'railway,national', ...incidentParams(f, all) }),
  risk: (s: ShiftChoice, f: IncidentFilter, all: number) =>
    getJson<Risk>('/api/patrol/risk', { start: s.start, end: s.end, days: s.days, top: 20, code: f.code, categories: f.categories.length === all ? undefined : f.categories.join(',') }),
  plan: async (r: PlanRequest) => (await post('/api/patrol/route', r)).json() as Promise<RoutePlan>,
  exportText: async (r: PlanRequest, kind: 'gpx' | 'geojson') => (await post(`/api/patrol/route.${kind}`, r)).text(),
  isochrones: (f: IncidentFilter, all: number) => getJson<Isochrones>('/api/patrol/isochrones', { minutes: '5,10,15,30', ...incidentParams(f, all) }),
};

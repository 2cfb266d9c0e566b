// Typed fetch wrapper for the /api endpoints. One place names the response shapes, turns a
// non-2xx answer into an Error carrying the server's own message, and counts requests in flight
// (the page shows a loading indicator and sets body[data-busy] from that count).

import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
// The answers' shapes are the routes' declarations (zod schemas, z.infer), not copies: a field changed on the
// server fails the client's type-check. `import type` is erased by the build: no server code reaches the page.
import type { CameraColumnsAnswer, CamerasAnswer } from '../server/routes/cameras/cameras.routes';
import type { HeatAnswer, SummaryAnswer } from '../server/routes/incidents/incidents.routes';
import type { MetaAnswer } from '../server/routes/meta/meta.routes';
import type { Box } from './layers/heat-extent';
import { decodeHeatColumns, HEAT_BINARY_MEDIA_TYPE, type HeatColumns } from '../shared/geo/heat-columns';
import type { AreaCountsAnswer, RegionsAnswer } from '../server/routes/regions/regions.routes';

export type Rgb = [number, number, number];
export type AreaLevel = AreaCountsAnswer['level'];
export type Bbox = [number, number, number, number];

/** What the client holds after boot: GET /api/meta's answer, its data range filled in (today when the server says
 * null: an empty jurisdiction; main.ts). */
export type Meta = Omit<MetaAnswer, 'dataRange'> & { dataRange: NonNullable<MetaAnswer['dataRange']> };
export type LabelledColour = MetaAnswer['cameraKinds'][number];

export type Regions = RegionsAnswer;

/** A unit's polygon as GeoJSON (the library's types, for the layers), with the properties AreaFeatures declares. */
export interface AreaProperties {
  code: string;
  name: string;
  parentCode: string;
  level: AreaLevel;
  leader?: string;
  members?: number | string[];
  households?: number;
  kind?: string;
}
export type AreaFeature = Feature<Polygon | MultiPolygon, AreaProperties>;
export type AreaCollection = FeatureCollection<Polygon | MultiPolygon, AreaProperties>;

export type AreaCounts = AreaCountsAnswer;

/** [lon, lat, count] per heat cell: the JSON form, for API users; the page asks for the binary columns (Heat). */
export type HeatPoint = HeatAnswer['points'][number];
/** Heat cells as columns (GET /api/incidents/heat?format=binary): views on the received bytes, drawn as they are. */
export type Heat = HeatColumns;
export type Summary = SummaryAnswer;
export type Camera = CamerasAnswer['cameras'][number];
export type Cameras = CamerasAnswer;
/** GET /api/cameras?format=columns: one array per field (camera i is entry i of every column). */
export type CameraColumns = CameraColumnsAnswer;

/** Filter shared by every incident endpoint (server validates the same names). */
export interface IncidentFilter {
  from: string;
  to: string;
  /** Category ids; an empty list means "no category selected" and is never sent. */
  categories: string[];
  code: string;
}

type Params = Record<string, string | number | undefined>;

let inFlight = 0;
const inFlightListeners = new Set<(count: number) => void>();
export function onInFlightChange(fn: (count: number) => void): void {
  inFlightListeners.add(fn);
}
function setInFlight(delta: number): void {
  inFlight += delta;
  for (const fn of inFlightListeners) fn(inFlight);
}

export class ApiError extends Error {
  /** `reason`: the server's machine-readable reason, e.g. 'no-jurisdiction' (GET /api/meta on an empty database). */
  constructor(message: string, readonly status: number, readonly issues?: unknown, readonly reason?: string) {
    super(message);
    this.name = 'ApiError';
  }
}

/** GET with the query, counted in flight; a non-2xx answer becomes an ApiError with the server's own message. */
async function get<T>(path: string, params: Params, accept: string, signal: AbortSignal | undefined, read: (res: Response) => Promise<T>): Promise<T> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') query.set(key, String(value));
  const qs = query.toString();
  setInFlight(+1);
  try {
    const res = await fetch(qs ? `${path}?${qs}` : path, { signal, headers: { accept } });
    if (res.status === 401) window.location.reload(); // the session ended (expiry, logout elsewhere): sign in again
    if (!res.ok) {
      const body: unknown = await res.json().catch(() => null);
      const err = body && typeof body === 'object' ? (body as { error?: unknown; issues?: unknown; reason?: unknown }) : {};
      const message = typeof err.error === 'string' ? err.error : `${res.status} ${res.statusText} (${path})`;
      throw new ApiError(message, res.status, err.issues, typeof err.reason === 'string' ? err.reason : undefined);
    }
    return await read(res);
  } finally {
    setInFlight(-1);
  }
}

export function getJson<T>(path: string, params: Params = {}, signal?: AbortSignal): Promise<T> {
  return get(path, params, 'application/json', signal, async (res) => (await res.json().catch(() => null)) as T);
}

/** The heat cells in their binary form (shared/geo/heat-columns.ts). */
function getHeatColumns(params: Params, signal?: AbortSignal): Promise<Heat> {
  return get('/api/incidents/heat', { ...params, format: 'binary' }, HEAT_BINARY_MEDIA_TYPE, signal, async (res) => decodeHeatColumns(await res.arrayBuffer()));
}

/** Query params for the common incident filter; `categories` is omitted when all are selected. */
export function filterParams(f: IncidentFilter, allCategories: number): Params {
  return {
    from: f.from,
    to: f.to,
    code: f.code,
    categories: f.categories.length === allCategories ? undefined : f.categories.join(','),
  };
}

export const api = {
  meta: () => getJson<MetaAnswer>('/api/meta'),
  regions: () => getJson<Regions>('/api/regions'),
  geometry: (level: AreaLevel, signal?: AbortSignal) => getJson<AreaCollection>('/api/areas/geometry', { level }, signal),
  counts: (level: AreaLevel, p: Params, signal?: AbortSignal) => getJson<AreaCounts>('/api/areas/counts', { level, ...p }, signal),
  /** Heat cells at a zoom band, of the whole jurisdiction or (box) of a part of it (client/layers/heat-extent.ts). */
  heat: (zoom: number, p: Params, box: Box | null, signal?: AbortSignal) => getHeatColumns({ ...p, zoom, bbox: box ? box.join(',') : undefined }, signal),
  summary: (p: Params, signal?: AbortSignal) => getJson<Summary>('/api/incidents/summary', p, signal),
  cameras: (code: string, signal?: AbortSignal) => getJson<Cameras>('/api/cameras', { code }, signal),
  /** The cameras of a box (west,south,east,north) in columns: what the camera layer of the current view needs. */
  cameraColumns: (code: string, bbox: readonly number[], signal?: AbortSignal) => getJson<CameraColumns>('/api/cameras', { code, bbox: bbox.map((x) => x.toFixed(5)).join(','), format: 'columns' }, signal),
};

export function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}

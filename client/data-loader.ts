// Fetches what the layers and panels show for the current view state. Each kind of request has
// its own AbortController: a newer filter cancels the older request of the same kind, so a slow
// answer for an old filter can never overwrite a newer one. Geometry is cached per level (it does
// not depend on the filter), which keeps the GeoJsonLayer's data reference stable.

import type { HeatAsked } from './layers/heat-extent';
import {
  api,
  filterParams,
  type AreaCollection,
  type AreaCounts,
  type AreaLevel,
  type Camera,
  type Heat,
  type IncidentFilter,
  type Summary,
} from './api';

export interface IncidentData {
  summary: Summary;
  counts: AreaCounts;
  heat: Heat;
}

const EMPTY_SUMMARY: Summary = {
  total: 0,
  byCategory: {},
  closed: 0,
  closureRate: null,
  resolved: 0,
  resolutionRate: null,
  open: 0,
  overdue: 0,
  escalated: 0,
  supervised: 0,
  avgCloseDays: null,
  asOf: null,
  previousYear: null,
  yoyPct: null,
};
const EMPTY_HEAT: Heat = { cellDeg: 0, level: 0, count: 0, positions: new Float32Array(0), weights: new Float32Array(0), max: 0, total: 0 };

/** Playback frames kept (a year of days is 366; a frame is three small answers). */
const FRAME_CACHE_SIZE = 400;

export class DataLoader {
  private controllers = new Map<string, AbortController>();
  private geometry = new Map<AreaLevel, Promise<AreaCollection>>();
  /** Answers of playback frames by request, shown or fetched ahead: stepping back and forth asks nothing twice. */
  private frames = new Map<string, Promise<IncidentData>>();

  constructor(private readonly categoryCount: number) {}

  /** Aborts the previous request of the same kind and returns a signal for the new one. */
  private signal(kind: string): AbortSignal {
    this.controllers.get(kind)?.abort();
    const controller = new AbortController();
    this.controllers.set(kind, controller);
    return controller.signal;
  }

  /** The summary, counts and heat of a filter; the heat at the band and box `ask` names (heat-extent.ts). */
  async incidents(filter: IncidentFilter, level: AreaLevel, ask: HeatAsked): Promise<IncidentData> {
    const signal = this.signal('incidents');
    this.controllers.get('heat')?.abort(); // a zoom-only heat refresh is superseded too
    return this.fetchIncidents(filter, level, ask, signal);
  }

  /** A playback frame's answers, from the cache or fetched into it (never aborted: a later frame may want them). */
  frameIncidents(filter: IncidentFilter, level: AreaLevel, ask: HeatAsked): Promise<IncidentData> {
    this.controllers.get('incidents')?.abort();
    this.controllers.get('heat')?.abort();
    const key = JSON.stringify([filterParams(filter, this.categoryCount), level, ask.band, ask.box]);
    let cached = this.frames.get(key);
    if (!cached) {
      cached = this.fetchIncidents(filter, level, ask);
      cached.catch(() => this.frames.delete(key)); // a failed frame is asked again when shown
      this.frames.set(key, cached);
      if (this.frames.size > FRAME_CACHE_SIZE) this.frames.delete(this.frames.keys().next().value!);
    }
    return cached;
  }

  /** Forget the frames (the filters changed, or playback ended). */
  clearFrames(): void {
    this.frames.clear();
  }

  private async fetchIncidents(filter: IncidentFilter, level: AreaLevel, ask: HeatAsked, signal?: AbortSignal): Promise<IncidentData> {
    // No category selected: nothing can match, and the API has no way to say "none".
    if (filter.categories.length === 0) {
      return {
        summary: EMPTY_SUMMARY,
        counts: { level, counts: {}, max: 0, total: 0 },
        heat: EMPTY_HEAT,
      };
    }
    const p = filterParams(filter, this.categoryCount);
    const [summary, counts, heat] = await Promise.all([
      api.summary(p, signal),
      api.counts(level, p, signal),
      api.heat(ask.band, p, ask.box, signal),
    ]);
    return { summary, counts, heat };
  }

  /** Heat only, when the zoom changed enough for the server to bin differently or the view left the box asked. */
  async heat(filter: IncidentFilter, ask: HeatAsked): Promise<Heat> {
    const signal = this.signal('heat');
    if (filter.categories.length === 0) return EMPTY_HEAT;
    return api.heat(ask.band, filterParams(filter, this.categoryCount), ask.box, signal);
  }

  /** Counts only, when the choropleth level changed but the filter did not. */
  async counts(filter: IncidentFilter, level: AreaLevel): Promise<AreaCounts> {
    const signal = this.signal('counts');
    if (filter.categories.length === 0) return { level, counts: {}, max: 0, total: 0 };
    return api.counts(level, filterParams(filter, this.categoryCount), signal);
  }

  geometryFor(level: AreaLevel): Promise<AreaCollection> {
    let cached = this.geometry.get(level);
    if (!cached) {
      cached = api.geometry(level);
      // A failed download must not poison the cache: the next attempt should retry.
      cached.catch(() => this.geometry.delete(level));
      this.geometry.set(level, cached);
    }
    return cached;
  }

  /**
   * Sorted once here (not per render, which would look like new data to deck.gl): the numerous
   * social cameras first, so the public-network ones are drawn on top of them.
   */
  async cameras(code: string, bbox: readonly number[]): Promise<Camera[]> {
    // Columns on the wire (half the bytes, a fraction of the parsing of 18,000 keyed objects); the layer's
    // objects are made here once per load.
    const { count, columns: c } = await api.cameraColumns(code, bbox, this.signal('cameras'));
    const cameras: Camera[] = new Array(count);
    for (let i = 0; i < count; i++) cameras[i] = { id: c.id[i], name: c.name[i], kind: c.kind[i], lon: c.lon[i], lat: c.lat[i], bearing: c.bearing[i], fov: c.fov[i], rangeM: c.rangeM[i], status: c.status[i], gridCode: c.gridCode[i] };
    const rank = (cam: Camera) => (cam.kind === 'social' ? 0 : 1);
    return cameras.sort((a, b) => rank(a) - rank(b));
  }
}

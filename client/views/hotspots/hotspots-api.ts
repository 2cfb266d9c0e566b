// Typed requests for the hotspot-analysis endpoints (server/routes/hotspots, stats, incidents/frames).
// The statistics and playback shapes are their routes' declarations (z.infer of the answer schemas); the hotspot
// analyses' shapes are written here until their routes are declared. The common incident filter goes through `filterParams` so that
// "all categories" is never spelled out and server caches see stable query strings.

import type { FramesAnswer } from '../../../server/routes/incidents/incidents.routes';
import type { MatrixAnswer, RankingAnswer, SupervisionAnswer } from '../../../server/routes/stats/stats.routes';
import { filterParams, getJson, type AreaLevel, type Bbox, type IncidentFilter, type Summary } from '../../api';

export type GistarUnit = AreaLevel | 'h3';
export type GistarClass = -3 | -2 | -1 | 0 | 1 | 2 | 3;

export interface GistarCell {
  /** Unit code, or the H3 index as a hex string. */
  id: string;
  count: number;
  z: number | null;
  p: number | null;
  class: GistarClass;
  /** No neighbour under the contiguity weights: Gi* is undefined there and the unit is not classed. */
  isolated: boolean;
}

export interface GistarSummary {
  hot99: number;
  hot95: number;
  hot90: number;
  cold99: number;
  cold95: number;
  cold90: number;
  none: number;
  isolated: number;
}

export interface Gistar {
  unit: GistarUnit;
  resolution: number | null;
  n: number;
  cells: GistarCell[];
  /** FDR-adjusted critical p-values (Benjamini–Hochberg) for the 90/95/99 % classes. */
  fdr: { p90: number | null; p95: number | null; p99: number | null };
  summary: GistarSummary;
}

export const EMERGING_PATTERNS = [
  'new_hot',
  'consecutive_hot',
  'intensifying_hot',
  'persistent_hot',
  'diminishing_hot',
  'sporadic_hot',
  'oscillating_hot',
  'historical_hot',
  'new_cold',
  'consecutive_cold',
  'intensifying_cold',
  'persistent_cold',
  'diminishing_cold',
  'sporadic_cold',
  'oscillating_cold',
  'historical_cold',
  'none',
] as const;
export type EmergingPattern = (typeof EMERGING_PATTERNS)[number];

export type EmergingStep = 'week' | 'month';

export interface EmergingCell {
  id: string;
  pattern: EmergingPattern;
  trend: { s: number; z: number; p: number; direction: 'up' | 'down' | 'none' };
  hotSlices: number;
  coldSlices: number;
  finalClass: number;
  zSeries: (number | null)[];
}

export interface Emerging {
  unit: 'grid' | 'h3';
  resolution: number | null;
  step: EmergingStep;
  slices: { start: string; end: string }[];
  cells: EmergingCell[];
  summary: Partial<Record<EmergingPattern, number>>;
}

export interface ChangeUnit {
  code: string;
  current: number;
  previous: number;
  changePct: number | null;
  p: number | null;
  class: 'up' | 'down' | 'none';
}
export interface DayWindow { from: string; to: string }
export interface Change {
  current: DayWindow;
  previous: DayWindow;
  dataRange: DayWindow;
  /** How much of the comparison window has data; with 'none' nothing is tested (every p is null). */
  baseline: 'none' | 'partial' | 'full';
  /** The days actually compared (both within the data), or null when nothing could be compared. */
  compared: { current: DayWindow; previous: DayWindow } | null;
  units: ChangeUnit[];
  summary: { up: number; down: number; none: number };
}

export type Matrix = MatrixAnswer;
export type Ranking = RankingAnswer;
export type RankingRow = RankingAnswer['rows'][number];
/** Supervision figures (督办) per unit and the time-to-close histogram. */
export type Supervision = SupervisionAnswer;
export type SupervisionUnit = SupervisionAnswer['units'][number];
export type CloseTimes = SupervisionAnswer['closeTimes'];
export type Frames = FramesAnswer;
export type FrameStep = FramesAnswer['step'];
export type Frame = FramesAnswer['frames'][number];

type Params = Record<string, string | number | undefined>;

export class HotspotsApi {
  constructor(private readonly categoryCount: number) {}

  private params(f: IncidentFilter, extra: Params = {}): Params {
    return { ...filterParams(f, this.categoryCount), ...extra };
  }

  gistar(f: IncidentFilter, unit: GistarUnit, resolution: number | undefined, bbox: Bbox | undefined, signal?: AbortSignal) {
    return getJson<Gistar>('/api/hotspots/gistar', this.params(f, { unit, resolution, bbox: bbox?.join(',') }), signal);
  }

  emerging(f: IncidentFilter, unit: 'grid' | 'h3', resolution: number | undefined, step: EmergingStep, signal?: AbortSignal) {
    return getJson<Emerging>('/api/hotspots/emerging', this.params(f, { unit, resolution, step }), signal);
  }

  change(f: IncidentFilter, level: AreaLevel, signal?: AbortSignal) {
    return getJson<Change>('/api/hotspots/change', this.params(f, { level }), signal);
  }

  matrix(f: IncidentFilter, signal?: AbortSignal) {
    return getJson<Matrix>('/api/stats/matrix', this.params(f), signal);
  }

  ranking(f: IncidentFilter, level: 'township' | 'village', signal?: AbortSignal) {
    return getJson<Ranking>('/api/stats/ranking', this.params(f, { level }), signal);
  }

  supervision(f: IncidentFilter, level: 'township' | 'village', signal?: AbortSignal) {
    return getJson<Supervision>('/api/stats/supervision', this.params(f, { level }), signal);
  }

  frames(f: IncidentFilter, step: FrameStep, level: AreaLevel, signal?: AbortSignal) {
    return getJson<Frames>('/api/incidents/frames', this.params(f, { step, level }), signal);
  }

  summary(f: IncidentFilter, signal?: AbortSignal) {
    return getJson<Summary>('/api/incidents/summary', this.params(f), signal);
  }
}

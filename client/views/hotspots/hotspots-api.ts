// Typed requests for the hotspot-analysis endpoints (server/routes/hotspots, stats, incidents/frames).
// The shapes mirror the server's JSON; the common incident filter goes through `filterParams` so that
// "all categories" is never spelled out and server caches see stable query strings.

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

export interface Matrix {
  /** Monday..Sunday × hour 0..23, Asia/Shanghai. */
  matrix: number[][];
  max: number;
  total: number;
}

export interface RankingRow {
  code: string;
  name: string;
  parentCode: string;
  total: number;
  households: number;
  perThousandHouseholds: number | null;
  previous: number;
  yoyPct: number | null;
  closed: number;
  closureRate: number | null;
  /** Empirical-Bayes stabilised closure rate (shrunk towards the county rate on small counts). */
  closureRateEB: number | null;
  resolutionRate: number | null;
  open: number;
  overdue: number;
  /** Open cases escalated above village tier (上报 to the township or the county). */
  escalated: number;
  supervised: number;
  avgCloseDays: number | null;
  lowConfidence: boolean;
}
export interface Ranking { level: 'township' | 'village'; rows: RankingRow[] }

/** Supervision figures of one unit (督办): open cases, overdue, escalated (上报), at the unit's seat. */
export interface SupervisionUnit {
  code: string;
  name: string;
  lon: number;
  lat: number;
  open: number;
  overdue: number;
  escalated: number;
  escalatedToTownship: number;
  escalatedToCounty: number;
  supervised: number;
  /** Days the longest-overdue open case is past its deadline, or null when none is overdue. */
  oldestOverdueDays: number | null;
}
/** Time-to-close histogram: one-day bins from 0; the last bin (toDays null) holds every slower closure. */
export interface CloseTimes {
  unit: 'day';
  closed: number;
  medianDays: number | null;
  p90Days: number | null;
  meanDays: number | null;
  bins: { fromDays: number; toDays: number | null; count: number }[];
}
export interface Supervision {
  level: 'township' | 'village';
  units: SupervisionUnit[];
  totals: { open: number; overdue: number; escalated: number; escalatedToTownship: number; escalatedToCounty: number; supervised: number; oldestOverdueDays: number | null };
  closeTimes: CloseTimes;
}

export type FrameStep = 'day' | 'week' | 'month';
export interface Frame { start: string; end: string; counts: Record<string, number>; total: number }
export interface Frames { step: FrameStep; frames: Frame[]; max: number }

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

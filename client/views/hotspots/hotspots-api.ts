// Typed requests for the hotspot-analysis endpoints (server/routes/hotspots, stats, incidents/frames).
// The answers' shapes are their routes' declarations (z.infer of the answer schemas: hotspots, stats, incident
// frames), the pattern vocabulary is shared/. The common incident filter goes through `filterParams` so that
// "all categories" is never spelled out and server caches see stable query strings.

import type { ChangeAnswer, EmergingAnswer, GiStarAnswer } from '../../../server/routes/hotspots/hotspots.routes';
import type { FramesAnswer } from '../../../server/routes/incidents/incidents.routes';
import { EMERGING_PATTERNS, type EmergingPattern, type GistarClass } from '../../../shared/domain/hotspot-patterns';
import type { MatrixAnswer, RankingAnswer, SupervisionAnswer } from '../../../server/routes/stats/stats.routes';
import { filterParams, getJson, type AreaLevel, type Bbox, type IncidentFilter, type Summary } from '../../api';

export type GistarUnit = GiStarAnswer['unit'];
export type { EmergingPattern, GistarClass };
export { EMERGING_PATTERNS };
export type Gistar = GiStarAnswer;
export type GistarCell = GiStarAnswer['cells'][number];
export type GistarSummary = GiStarAnswer['summary'];
export type EmergingStep = EmergingAnswer['step'];
export type Emerging = EmergingAnswer;
export type EmergingCell = EmergingAnswer['cells'][number];
export type Change = ChangeAnswer;
export type ChangeUnit = ChangeAnswer['units'][number];
export type DayWindow = ChangeAnswer['current'];
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

  ranking(f: IncidentFilter, level: 'county' | 'township' | 'village', signal?: AbortSignal) {
    return getJson<Ranking>('/api/stats/ranking', this.params(f, { level }), signal);
  }

  supervision(f: IncidentFilter, level: 'township' | 'village', signal?: AbortSignal) {
    return getJson<Supervision>('/api/stats/supervision', this.params(f, { level }), signal);
  }

  frames(f: IncidentFilter, step: FrameStep, level: AreaLevel, signal?: AbortSignal, window = 1, zoom?: number) {
    return getJson<Frames>('/api/incidents/frames', this.params(f, { step, level, window: window === 1 ? undefined : window, zoom }), signal);
  }

  summary(f: IncidentFilter, signal?: AbortSignal) {
    return getJson<Summary>('/api/incidents/summary', this.params(f), signal);
  }
}

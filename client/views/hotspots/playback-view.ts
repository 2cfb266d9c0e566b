// Playback's part of the leaders' view: the Playback controller, the time slider under the map, the frames
// answer behind the fixed colour scales, and the frames fetched ahead. The frame itself is in the view state
// (state.playback): the App reloads the heat, the KPIs and the choropleth counts for it, the view its ranking.

import type { IncidentFilter } from '../../api';
import { heatZoomFor } from '../../layers/heat-layer';
import { shownFilter, type AppState } from '../../state';
import type { FixedScale, TabViewContext } from '../tab-view';
import { frameLabel, type PlaybackFrame } from '../../../shared/time/frames';
import type { HotspotsApi, Frames, Ranking } from './hotspots-api';
import { Playback } from './playback';
import { Resource } from './resource';
import { Timeline } from './timeline';
import { ht } from './hotspots-i18n';

/** Ranking answers of frames by request (shown or fetched ahead). */
const RANKING_CACHE_SIZE = 400;

export class PlaybackView {
  readonly playback: Playback;
  readonly frames: Resource<Frames>;
  private readonly timeline: Timeline;
  private rankings = new Map<string, Promise<Ranking>>();
  private rankingsFor = '';

  constructor(
    private readonly ctx: TabViewContext,
    private readonly api: HotspotsApi,
    /** The ranking's level and filter for a filter (the view's rule: townships of a county, villages of a township). */
    private readonly rankingQuery: (f: IncidentFilter) => { level: 'county' | 'township' | 'village'; filter: IncidentFilter },
    /** The ranking resource's data has landed for the frame on screen. */
    private readonly rankingLanded: () => boolean,
  ) {
    const store = ctx.store;
    this.playback = new Playback(store, {
      changed: () => ctx.rerender(),
      prefetch: (frame) => this.prefetch(frame),
      landed: () => ctx.incidentsShown(shownFilter(store.state)) && this.rankingLanded(),
    });
    this.frames = new Resource<Frames>(() => {
      this.playback.setFrames(this.frames.data);
      ctx.rerender();
    }, (busy) => ctx.setBusy('hotspots-frames', busy));
    this.timeline = new Timeline(document.getElementById('stage')!, this.playback, () => store.state.tab === 'hotspots', () => ctx.map.toolActive);
  }

  private frameFilter(frame: PlaybackFrame): IncidentFilter {
    return { ...this.ctx.store.state.filter, from: frame.from, to: frame.to };
  }

  private prefetch(frame: PlaybackFrame): void {
    const f = this.frameFilter(frame);
    if (f.categories.length === 0) return;
    this.ctx.prefetch(f);
    const rq = this.rankingQuery(f);
    void this.ranking(rq.filter, rq.level).catch(() => undefined);
  }

  /** A frame's ranking, from the frames' cache or fetched into it (kept while the filters stay the same). */
  ranking(filter: IncidentFilter, level: 'county' | 'township' | 'village'): Promise<Ranking> {
    const base = JSON.stringify([this.ctx.store.state.filter, level]);
    if (base !== this.rankingsFor) (this.rankings.clear(), (this.rankingsFor = base));
    const key = JSON.stringify([filter.from, filter.to, filter.code]);
    let cached = this.rankings.get(key);
    if (!cached) {
      cached = this.api.ranking(filter, level);
      cached.catch(() => this.rankings.delete(key));
      this.rankings.set(key, cached);
      if (this.rankings.size > RANKING_CACHE_SIZE) this.rankings.delete(this.rankings.keys().next().value!);
    }
    return cached;
  }

  /** The frames answer behind the fixed scales: the choropleth's level, the heat's zoom band, the step and window. */
  ensureData(state: AppState, geometryOf: (level: AppState['level']) => unknown): void {
    const p = this.playback;
    if (!p.active || state.filter.categories.length === 0) return;
    geometryOf(state.level);
    const f = state.filter;
    const zoom = heatZoomFor(this.ctx.map.zoom());
    const key = JSON.stringify([f.from, f.to, f.categories, f.code, p.step, p.window, state.level, zoom]);
    this.frames.ensure(key, (s) => this.api.frames(f, p.step, state.level, s, p.window, zoom));
  }

  /** One scale over every frame while playing: the frames answer's class breaks and heat top. */
  fixedScale(state: AppState): FixedScale | null {
    const p = this.playback;
    const d = this.frames.data;
    if (!p.active || !d || d.step !== p.step || d.window !== p.window || d.level !== state.level) return null;
    return {
      breaks: p.breaks,
      // the heat top of the zoom band on screen (another band's cells are of another size)
      heatMax: d.heat && (JSON.parse(this.frames.dataKey ?? '[]') as unknown[])[7] === heatZoomFor(this.ctx.map.zoom()) ? d.heat.max : null,
      note: ht(state.lang, 'play.fixed', { n: d.frames.length }),
      key: this.frames.dataKey ?? '',
    };
  }

  /** "乡镇排名 · 2026-03-01 至 03-07" while a frame is shown. */
  rankingTitle(state: AppState, level: string): string {
    const frame = this.playback.current();
    if (!frame) return ht(state.lang, 'ranking.title', { level });
    return ht(state.lang, 'ranking.frame', { level, range: frameLabel(frame, ht(state.lang, 'play.to')) });
  }

  render(state: AppState, on: boolean, total: number | null): void {
    this.timeline.show(on);
    if (!on) {
      this.playback.pause();
      return;
    }
    const p = this.playback;
    this.timeline.sync(state.lang, {
      frames: p.frames(state),
      index: p.index,
      active: p.active,
      playing: p.playing,
      step: p.step,
      window: p.window,
      speed: p.speed,
      total: p.active && this.ctx.incidentsShown(shownFilter(state)) ? total : null,
    });
  }
}

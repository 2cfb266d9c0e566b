// The leaders' view (热点研判). On top of the base heatmap + choropleth it adds: the analysis modes
// (density / Gi* significance / emerging space-time trend / year-on-year change), drill-down with a
// breadcrumb, an H3 hexagon surface, time playback on a fixed scale, the weekday × hour matrix, the
// township / village ranking and the briefing. Data is fetched only while the tab is active and
// only when a request's parameters changed (Resource keys).

import type { Layer, PickingInfo } from '@deck.gl/core';
import type { AreaCollection, AreaFeature, AreaLevel, IncidentFilter } from '../../api';
import { t } from '../../i18n';
import { quantileBreaks, type ClassBreaks } from '../../layers/colour-scale';
import { EMERGING_LAYER_ID } from '../../layers/emerging-layer';
import { GRIDS_LAYER_ID } from '../../layers/grids-layer';
import type { AppState } from '../../state';
import type { TabView, TabViewContext } from '../tab-view';
import { h } from '../dom';
import { cellToLatLng } from 'h3-js';
import { placeAt } from '../../map/place-lookup';
import { breadcrumb, childLevel, drillTarget, h3ResolutionForZoom } from './drill';
import { HotspotsApi, type Change, type Emerging, type EmergingStep, type Gistar, type Matrix, type Ranking, type Supervision } from './hotspots-api';
import { hotspotsLayers } from './hotspots-layers';
import { ht } from './hotspots-i18n';
import { breaksLegend, changeLegend, emergingLegend, gistarLegend } from './hotspots-legend';
import { PlaybackView } from './playback-view';
import type { FixedScale } from '../tab-view';
import { HotspotsPanel, type Mode, type Surface } from './hotspots-panel';
import { renderMatrix } from './matrix';
import { RankingDock } from './ranking-dock';
import { ensureHotspotsData, hotspotsStatus } from './hotspots-data';
import { renderExplanation } from './explain-panel';
import { Resource } from './resource';
import { loadableState, markStale } from '../panel-state';
import { hotspotsTooltip } from './hotspots-tooltip';
import { openBriefing, exportPng } from './briefing-actions';
import { renderSupervision, SupervisionBadges } from './supervision';
import { onCaseEvent } from '../import/live-reports';
import './hotspots.css';

/** An H3 cell by its place name (known once it was hovered), with its code. */
function hexPlace(cell: string): string {
  const [lat, lon] = cellToLatLng(cell);
  const place = placeAt(`h3:${cell}`, lon, lat);
  return place ? `${place}（H3 ${cell}）` : `H3 ${cell}`;
}

export class HotspotsView implements TabView {
  readonly tab = 'hotspots' as const;
  ctx!: TabViewContext;
  api!: HotspotsApi;
  mode: Mode = 'density';
  surface: Surface = 'area';
  emergingStep: EmergingStep = 'week';
  selectedCell: string | null = null;
  private savedBase: { heat: boolean; grids: boolean } | null = null;
  readonly geometry: Partial<Record<AreaLevel, AreaCollection>> = {};
  private geometryRequested = new Set<AreaLevel>();
  private panel!: HotspotsPanel;
  private dock!: RankingDock;
  private explainBox!: HTMLElement;
  private densityBreaks: { key: string | null; breaks: ClassBreaks } = { key: null, breaks: { upper: [], colours: [] } };

  gistar!: Resource<Gistar>;
  emerging!: Resource<Emerging>;
  change!: Resource<Change>;
  matrix!: Resource<Matrix>;
  ranking!: Resource<Ranking>;
  supervision!: Resource<Supervision>;
  /** Badges of overdue / escalated cases per unit on the map (督办), on by default. */
  showBadges = true;
  private badges!: SupervisionBadges;
  /** Time playback: the slider under the map, the frame in the view state, the fixed scales. */
  playbackView!: PlaybackView;
  get playback() {
    return this.playbackView.playback;
  }

  mount(container: HTMLElement, ctx: TabViewContext): void {
    this.ctx = ctx;
    this.api = new HotspotsApi(ctx.meta.categories.length);
    const resource = <T>(name: string) => new Resource<T>(() => ctx.rerender(), (busy) => ctx.setBusy(`hotspots-${name}`, busy));
    this.gistar = resource('gistar');
    this.emerging = resource('emerging');
    this.change = resource('change');
    this.matrix = resource('matrix');
    this.ranking = resource('ranking');
    this.supervision = resource('supervision');
    this.playbackView = new PlaybackView(ctx, this.api, (f) => this.rankingQuery(f), () => !this.ranking.loading);

    this.panel = new HotspotsPanel(container, {
      mode: (m) => this.setMode(m),
      surface: (s) => {
        this.surface = s;
        this.applyBase();
        ctx.rerender();
      },
      emergingStep: (s) => {
        this.emergingStep = s;
        ctx.rerender();
      },
      crumb: (code) => this.drillTo(code),
      exportPng: () => void exportPng(this),
      openBriefing: () => void openBriefing(this),
      badges: (on) => {
        this.showBadges = on;
        ctx.rerender();
      },
    });
    this.badges = new SupervisionBadges(ctx.map.map, (code) => this.drillTo(code));
    // A case moved on somewhere (live stream): the ranking's rates and the supervision figures are refetched
    // (the server's answer cache keeps them until a case changes, so this is one query each).
    onCaseEvent(() => {
      this.ranking.invalidate();
      this.supervision.invalidate();
      ctx.rerender();
    });

    // The ranking and the emerging-hotspot explanation sit over the map (the panel is too narrow for a table).
    this.dock = new RankingDock(document.getElementById('stage')!, () => ctx.rerender(), (code) => this.drillTo(code));
    this.explainBox = h('div', { id: 'hotspots-explain', class: 'hs-explain', hidden: true });
    document.getElementById('stage')!.append(this.explainBox);

    ctx.map.map.on('click', (e) => { if (!ctx.map.toolActive) this.onMapClick(e.point.x, e.point.y); });
    ctx.map.map.on('moveend', () => {
      if (this.surface === 'h3' && this.ctx.store.state.tab === 'hotspots') ctx.rerender();
    });
  }

  // ---- state changes -------------------------------------------------------------------------

  private setMode(m: Mode): void {
    this.mode = m;
    if (m !== 'density' && this.playback.active) this.playback.stop();
    if (m !== 'emerging') this.selectedCell = null;
    this.applyBase();
    this.ctx.rerender();
  }

  /** A frame is drawn by the base heat and choropleth: playback shows density on admin areas. */
  private keepPlaybackMode(): void {
    if (!this.playback.active || (this.mode === 'density' && this.surface === 'area')) return;
    this.mode = 'density';
    this.surface = 'area';
    this.selectedCell = null;
    queueMicrotask(() => this.applyBase());
  }

  /** The base heat + choropleth show only in plain density mode; other modes draw their own layer. */
  private applyBase(): void {
    const { store } = this.ctx;
    const s = store.state;
    if (s.tab !== this.tab) return;
    const want = this.mode === 'density' && this.surface === 'area';
    if (!want && (s.layers.heat || s.layers.grids)) {
      this.savedBase = { heat: s.layers.heat, grids: s.layers.grids };
      store.update({ layers: { ...s.layers, heat: false, grids: false } });
    } else if (want && this.savedBase) {
      const saved = this.savedBase;
      this.savedBase = null;
      store.update({ layers: { ...s.layers, ...saved } });
    }
  }

  drillTo(code: string): void {
    const { store } = this.ctx;
    this.selectedCell = null;
    store.update({ filter: { ...store.state.filter, code }, level: childLevel(code) });
  }

  private onMapClick(x: number, y: number): void {
    const state = this.ctx.store.state;
    if (state.tab !== this.tab) return;
    const info = this.ctx.map.overlay.pickObject({ x, y, radius: 1 });
    if (!info?.object || !info.layer) return;
    const id = info.layer.id;
    if (id.startsWith(EMERGING_LAYER_ID)) {
      const obj = info.object as AreaFeature | { id: string };
      this.selectedCell = 'properties' in obj ? obj.properties.code : obj.id;
      this.ctx.rerender();
      return;
    }
    if (id === GRIDS_LAYER_ID || id.endsWith('-area') || id.startsWith('hotspots-change')) {
      const target = drillTarget(state.filter.code, (info.object as AreaFeature).properties.code);
      if (target) this.drillTo(target);
    }
  }

  onActivate(): void {
    // After the header reset the layer toggles for this tab: hide the base again if needed.
    queueMicrotask(() => this.applyBase());
  }

  // ---- data ----------------------------------------------------------------------------------

  h3Resolution(): 7 | 8 | 9 {
    return h3ResolutionForZoom(this.ctx.map.zoom());
  }

  gistarUnit(state: AppState): { unit: AreaLevel | 'h3'; res: number | undefined } {
    return this.surface === 'h3' ? { unit: 'h3', res: this.h3Resolution() } : { unit: state.level, res: undefined };
  }

  emergingUnit(): { unit: 'grid' | 'h3'; res: number | undefined } {
    return this.surface === 'h3' ? { unit: 'h3', res: Math.min(8, this.h3Resolution()) } : { unit: 'grid', res: undefined };
  }

  /** Ranking level: the counties of a prefecture-level jurisdiction, townships of a county, else villages of
   * the township being looked at. */
  rankingQuery(filter: IncidentFilter): { level: 'county' | 'township' | 'village'; filter: IncidentFilter } {
    if (filter.code.length < 6 && this.ctx.meta.county.level === 'prefecture') return { level: 'county', filter };
    if (filter.code.length <= 6) return { level: 'township', filter };
    return { level: 'village', filter: { ...filter, code: filter.code.slice(0, 9) } };
  }

  geometryOf(level: AreaLevel): AreaCollection | null {
    if (!this.geometry[level] && !this.geometryRequested.has(level)) {
      this.geometryRequested.add(level);
      this.ctx.setBusy(`hotspots-geometry-${level}`, true);
      this.ctx.geometry(level).then(
        (g) => {
          this.geometry[level] = g;
          this.ctx.setBusy(`hotspots-geometry-${level}`, false);
          this.ctx.rerender();
        },
        () => {
          this.geometryRequested.delete(level);
          this.ctx.setBusy(`hotspots-geometry-${level}`, false);
        },
      );
    }
    return this.geometry[level] ?? null;
  }

  /** Name of a unit code from the loaded outlines (grids carry their own names). */
  unitName(code: string): string {
    for (const level of ['grid', 'village', 'township'] as AreaLevel[]) {
      const f = this.geometry[level]?.features.find((x) => x.properties.code === code);
      if (f) return f.properties.name;
    }
    return code;
  }

  /** "Township · village · grid" for the briefing's hotspot table. */
  placeName(code: string): string {
    const crumbs = breadcrumb(code, this.ctx.regions, (c) => this.unitName(c));
    return crumbs.slice(1).map((c) => c.name).join(' · ') || code;
  }

  // ---- rendering -----------------------------------------------------------------------------

  render(state: AppState): void {
    const on = state.tab === this.tab;
    this.dock.el.hidden = !on;
    this.badges.show(state.lang, this.supervision.data, on && this.showBadges && state.filter.categories.length > 0);
    this.playbackView.render(state, on, this.playback.currentData()?.total ?? null);
    if (!on) {
      this.explainBox.hidden = true;
      return;
    }
    this.keepPlaybackMode();
    ensureHotspotsData(this, state);
    const { lang } = state;
    this.panel.sync(lang, {
      mode: this.mode,
      surface: this.surface,
      h3Res: this.h3Resolution(),
      emergingStep: this.emergingStep,
      crumbs: breadcrumb(state.filter.code, this.ctx.regions, (c) => this.unitName(c)),
      status: hotspotsStatus(this, lang, state),
      badges: this.showBadges,
    });
    const noCategories = state.filter.categories.length === 0;
    // with no category the held data answers an older filter: never shown (issue 16 item 12)
    const matrixState = loadableState(lang, this.matrix, { noCategories, isEmpty: (m) => m.total === 0 });
    if (matrixState) this.panel.matrixBox.replaceChildren(matrixState);
    else renderMatrix(this.panel.matrixBox, lang, this.matrix.data, this.matrix.loading);
    markStale(this.panel.matrixBox, !matrixState && this.matrix.loading);
    renderSupervision(this.panel.supervisionBox, lang, this.supervision.data, this.supervision.loading);
    const rq = this.rankingQuery(state.filter);
    this.dock.render(lang, this.playbackView.rankingTitle(state, t(lang, `level.${rq.level}`)), this.ranking, {
      noCategories, noData: this.ctx.meta.counts?.incidents === 0, selectedCode: state.filter.code,
    });
    const em = this.emerging.data;
    const cell = this.mode === 'emerging' && this.selectedCell ? em?.cells.find((c) => c.id === this.selectedCell) ?? null : null;
    renderExplanation(this.explainBox, lang, em, cell, cell ? (em?.unit === 'h3' ? hexPlace(cell.id) : this.placeName(cell.id)) : '', () => {
      this.selectedCell = null;
      this.ctx.rerender();
    });
  }

  densityH3Breaks(): ClassBreaks {
    if (this.densityBreaks.key !== this.gistar.dataKey) {
      this.densityBreaks = { key: this.gistar.dataKey, breaks: quantileBreaks((this.gistar.data?.cells ?? []).map((c) => c.count)) };
    }
    return this.densityBreaks.breaks;
  }

  layers(state: AppState): Layer[] {
    return hotspotsLayers(this, state);
  }

  legend(state: AppState): HTMLElement[] {
    if (state.tab !== this.tab) return [];
    const { lang } = state;
    if (this.mode === 'density' && this.surface === 'h3' && this.gistar.data?.unit === 'h3') {
      return [breaksLegend('density-h3', lang, ht(lang, 'density.h3Legend', { res: this.gistar.data.resolution ?? '' }), this.densityH3Breaks())];
    }
    if (this.mode === 'gistar' && this.gistar.data) return [gistarLegend(lang, this.gistar.data)];
    if (this.mode === 'emerging' && this.emerging.data) return [emergingLegend(lang, this.emerging.data)];
    if (this.mode === 'change' && this.change.data) return [changeLegend(lang, this.change.data)];
    return [];
  }

  fixedScale(state: AppState): FixedScale | null {
    return state.tab === this.tab ? this.playbackView.fixedScale(state) : null;
  }

  onFilterChange(): void {
    queueMicrotask(() => this.playback.refit()); // the frame on screen, re-found in the new window
  }

  tooltip(info: PickingInfo, state: AppState) {
    return hotspotsTooltip(this, info, state);
  }
}

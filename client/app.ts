// Wires the view state to the data and the views: a filter change reloads the incident data, a
// level change swaps the outlines, everything else re-renders from what is already loaded.
// Layers are rebuilt as cheap descriptors on every render; their data arrays keep their identity
// so deck.gl only updates what changed.

import type { Layer } from '@deck.gl/core';
import {
  api,
  isAbort,
  type AreaCollection,
  type Camera,
  type Heat,
  type IncidentFilter,
  type Meta,
  type Regions,
  type Rgb,
  type Summary,
} from './api';
import { setBusy, whenSettled } from './busy';
import { DataLoader } from './data-loader';
import { createCamerasLayer } from './layers/cameras-layer';
import { quantileBreaks, type ClassBreaks } from './layers/colour-scale';
import { createGridsLayer } from './layers/grids-layer';
import { createHeatLayer, heatZoomFor } from './layers/heat-layer';
import { heatAskFor, heatServes, type Box, type HeatAsked } from './layers/heat-extent';
import { jurisdictionBbox } from './map/bbox';
import { onlineStyleUrl } from './map/basemap';
import type { MapController } from './map/map-controller';
import { gridsFilled, samePlayback, shownFilter, type AppState, type LayerId, type Store } from './state';
import { FilterPanel } from './views/filter-panel';
import { HeaderView } from './views/header';
import type { ImportTarget } from './views/import/import-api';
import { renderKpis } from './views/kpis';
import { renderLegend, type HeatRange } from './views/legend';
import { renderStatus } from './views/status';
import { matchingPreset, presetRange } from './time-window';
import type { FixedScale, TabView, TabViewContext } from './views/tab-view';

/** Filter edits (checkbox clicks, typing a date) often come in bursts; wait this long before asking. */
const RELOAD_DEBOUNCE_MS = 120;

export class App {
  summary: Summary | null = null;
  counts: Record<string, number> = {};
  private countsVersion = 0;
  private breaks: ClassBreaks = { upper: [], colours: [] };
  private heat: Heat | null = null;
  /** The zoom band and box the heat on screen was asked for (heat-extent.ts); band -1 until the first load. */
  private heatAsked: HeatAsked = { band: -1, box: null };
  /** The filter (as a request key) the summary, counts and heat on screen answer. */
  private shownKey = '';
  cameras: Camera[] = [];
  private geometry: AreaCollection | null = null;
  private error: string | null = null;
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private labelLayerId: string | undefined;
  /** Layers are handed to the overlay only once the basemap style is in (beforeId needs its layers). */
  private mapReady = false;
  private readonly loader: DataLoader;
  private readonly header: HeaderView;
  private readonly panel: FilterPanel;
  private readonly kindColours: Record<string, Rgb>;
  readonly views: TabView[];
  private readonly viewPanels = new Map<TabView, HTMLElement>();
  /** Map tools over every tab (search highlight, measuring): drawn above the views' layers. */
  private readonly overlays: { layers(state: AppState): Layer[] }[] = [];

  constructor(
    private readonly meta: Meta,
    regions: Regions,
    private readonly store: Store,
    private readonly map: MapController,
    views: TabView[] = [],
  ) {
    this.loader = new DataLoader(meta.categories.length);
    this.header = new HeaderView(store, meta.county.name);
    this.panel = new FilterPanel(document.getElementById('filters')!, store, meta, regions, onlineStyleUrl(meta) !== null);
    this.views = views;
    const ctx: TabViewContext = {
      meta,
      regions,
      store,
      map,
      rerender: () => this.render(),
      setBusy: (key, busy) => setBusy(`view:${key}`, busy),
      labelLayerId: () => this.labelLayerId,
      geometry: (level) => this.loader.geometryFor(level),
      prefetch: (filter) => void this.loader.frameIncidents(filter, this.store.state.level, heatAskFor(heatZoomFor(this.map.zoom()), this.view())).catch(() => undefined),
      incidentsShown: (filter) => this.shownKey === JSON.stringify(filter),
    };
    const panels = document.getElementById('tab-panels')!;
    for (const view of views) {
      const section = document.createElement('div');
      section.id = `view-${view.tab}`;
      section.className = 'tab-panel';
      panels.append(section);
      this.viewPanels.set(view, section);
      view.mount(section, ctx);
    }
    this.kindColours = Object.fromEntries(meta.cameraKinds.map((k) => [k.id, k.color]));
    store.subscribe((state, prev) => this.onChange(state, prev));
    map.onIdleChange((idle) => setBusy('map', !idle));
    setBusy('map', !map.isIdle());
    map.map.on('moveend', () => this.onMoveEnd());
    // The leaders' supervision badges (HTML markers) keep the basemap's place names from printing under them.
    map.labelSpace.followMarkers('supervision-badges', '.sup-badge');
  }

  /** The import dialog, opened on a kind of data (the first-run screen's ?import=township|village|grid). */
  openImport(target?: ImportTarget): void {
    this.header.openImport(target);
  }

  /** First load: what the open tab shows (cameras only once their layer is on), then wait for the map to draw it. */
  async start(): Promise<void> {
    this.render(); // panel and header first, so the page is usable while data arrives
    // the first tab's view loads as a tab switch would have it (a shared link or a role may open on any tab)
    for (const v of this.views) if (v.tab === this.store.state.tab) v.onActivate?.(this.store.state);
    // Requests go out while the basemap style loads; each load records its own failure.
    const loads = Promise.all([this.reloadGeometry(), this.reloadIncidents(), this.ensureCameras()]);
    await this.map.whenLoaded();
    this.labelLayerId = this.map.labelLayerId();
    this.mapReady = true;
    await loads;
    this.render();
    await this.map.nextIdle();
  }

  /** Adds a map tool's layers (drawn on every tab, above the views' own). */
  addOverlay(overlay: { layers(state: AppState): Layer[] }): void {
    this.overlays.push(overlay);
  }

  setFilter(patch: Partial<IncidentFilter>): Promise<void> {
    this.store.updateFilter(patch);
    return whenSettled();
  }

  private onChange(state: AppState, prev: AppState): void {
    if (state.filter !== prev.filter) {
      this.loader.clearFrames();
      this.scheduleReload(state.filter.code !== prev.filter.code);
      for (const v of this.views) v.onFilterChange?.(state.filter, state);
    } else if (!samePlayback(state.playback, prev.playback)) {
      // a playback frame: answered from the frame cache when it was fetched ahead, so without the debounce
      if (!state.playback) this.loader.clearFrames();
      void this.reloadIncidents();
    }
    if (state.tab !== prev.tab) for (const v of this.views) if (v.tab === state.tab) v.onActivate?.(state);
    if (state.layers.cameras && !prev.layers.cameras) void this.ensureCameras();
    if (state.level !== prev.level) void this.reloadLevel();
    this.render();
  }

  private scheduleReload(codeChanged: boolean): void {
    setBusy('pending', true);
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => {
      void this.reloadIncidents();
      if (codeChanged) void this.ensureCameras();
      setBusy('pending', false); // after the requests above are in flight, so busy never blinks off
    }, RELOAD_DEBOUNCE_MS);
    if (codeChanged) this.zoomToJurisdiction();
  }

  private async reloadIncidents(): Promise<void> {
    const { level } = this.store.state;
    const filter = shownFilter(this.store.state);
    const playing = !!this.store.state.playback;
    const ask = heatAskFor(heatZoomFor(this.map.zoom()), this.view());
    // An empty jurisdiction's panels show "尚无事件数据" from meta.counts: after an import (which reloads through
    // here), read the counts again so the first incidents replace the empty states.
    if (this.meta.counts?.incidents === 0) {
      const fresh = await api.meta().catch(() => null);
      const preset = matchingPreset(filter, this.meta.dataRange);
      if (fresh) Object.assign(this.meta, { counts: fresh.counts, ...(fresh.dataRange ? { dataRange: fresh.dataRange } : {}) });
      // The presets count back from the end of the data (time-window.ts); the page opened with none, so its window
      // was counted from today. The first incidents (perhaps last year's history) end elsewhere: the same preset
      // over their range, which loads again through here.
      const window = preset && fresh?.dataRange ? presetRange(preset, fresh.dataRange) : null;
      if (window && (window.from !== filter.from || window.to !== filter.to)) return this.store.updateFilter(window);
    }
    await this.guard(async () => {
      const { summary, counts, heat } = await (playing ? this.loader.frameIncidents(filter, level, ask) : this.loader.incidents(filter, level, ask));
      if (this.store.state.level !== level) return; // a level switch is fetching its own counts
      const key = JSON.stringify(filter);
      if (playing && key !== JSON.stringify(shownFilter(this.store.state))) return; // a later frame is being shown
      this.applyIncidents(summary, counts.counts, heat);
      this.shownKey = key;
      this.heatAsked = ask;
    });
    // The camera may have flown to the new jurisdiction while this was loading.
    this.refreshHeatForView();
  }

  private async reloadLevel(): Promise<void> {
    const { level } = this.store.state;
    const filter = shownFilter(this.store.state);
    await Promise.all([
      this.reloadGeometry(),
      this.guard(async () => {
        const counts = await this.loader.counts(filter, level);
        if (this.store.state.level === level) this.setCounts(counts.counts);
      }),
    ]);
  }

  private async reloadGeometry(): Promise<void> {
    const level = this.store.state.level;
    await this.guard(async () => {
      const geometry = await this.loader.geometryFor(level);
      if (this.store.state.level === level) this.geometry = geometry;
    });
  }

  /** Jurisdiction and box whose cameras are loaded (or loading): none until the camera layer is first switched on. */
  private camerasCode: string | null = null;
  private camerasBox: [number, number, number, number] | null = null;

  /** Loads the cameras of the current view (padded by half a view each side) when the camera layer is on and
   * the view has left the box loaded last (18k cameras are megabytes: the first tab hides them, so the first
   * load does not fetch them, and a street-level view fetches only its street's). */
  private async ensureCameras(): Promise<void> {
    const { filter, layers } = this.store.state;
    if (!layers.cameras) return;
    const [w, s, e, n] = this.view();
    const box = this.camerasBox;
    if (this.camerasCode === filter.code && box && w >= box[0] && s >= box[1] && e <= box[2] && n <= box[3]) return;
    const dx = (e - w) / 2, dy = (n - s) / 2;
    const next: [number, number, number, number] = [Math.max(-180, w - dx), Math.max(-90, s - dy), Math.min(180, e + dx), Math.min(90, n + dy)];
    this.camerasCode = filter.code;
    this.camerasBox = next;
    await this.guard(async () => {
      try {
        this.cameras = await this.loader.cameras(filter.code, next);
      } catch (err) {
        if (this.camerasBox === next) (this.camerasCode = null), (this.camerasBox = null); // a failed load is retried next time
        throw err;
      }
    });
  }

  private onMoveEnd(): void {
    this.refreshHeatForView();
    void this.ensureCameras();
  }

  /** The map's view as [west, south, east, north]. */
  private view(): Box {
    const b = this.map.map.getBounds();
    return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
  }

  /** The server bins heat cells by zoom band, and from band 12 on sends the view's (heat-extent.ts): refetch the
   * heat when the band changes or the view leaves the box asked for. */
  private refreshHeatForView(): void {
    const view = this.view();
    if (this.heatAsked.band < 0 || heatServes(this.heatAsked, heatZoomFor(this.map.zoom()), view)) return;
    const ask = (this.heatAsked = heatAskFor(heatZoomFor(this.map.zoom()), view));
    void this.guard(async () => {
      this.heat = await this.loader.heat(shownFilter(this.store.state), ask);
    });
  }

  /** Runs a load, records a failure for the banner (ignoring superseded requests), re-renders. */
  private async guard(load: () => Promise<void>): Promise<void> {
    try {
      await load();
      this.error = null;
    } catch (err) {
      if (isAbort(err)) return;
      this.error = err instanceof Error ? err.message : String(err);
    }
    this.render();
  }

  private applyIncidents(summary: Summary, counts: Record<string, number>, heat: Heat): void {
    this.summary = summary;
    this.heat = heat;
    this.setCounts(counts);
  }

  private setCounts(counts: Record<string, number>): void {
    this.counts = counts;
    this.countsVersion++;
    this.breaks = quantileBreaks(Object.values(counts));
  }

  private zoomToJurisdiction(): void {
    const code = this.store.state.filter.code;
    const bbox = code === this.meta.county.code || !this.geometry ? this.meta.county.bbox : jurisdictionBbox(this.geometry, code);
    if (bbox) this.map.fitBbox(bbox);
  }

  private heatRange(): HeatRange | null {
    if (!this.heat) return null;
    let min = Infinity;
    for (const w of this.heat.weights) if (w < min) min = w;
    return { min: min === Infinity ? 0 : min, max: this.heat.max, cellDeg: this.heat.cellDeg, lat: this.meta.county.centre[1] };
  }

  /** The scale the active tab's view holds fixed (playback), if any. */
  private fixedScale(state: AppState): FixedScale | null {
    return this.views.find((v) => v.tab === state.tab)?.fixedScale?.(state) ?? null;
  }

  private layers(state: AppState): Layer[] {
    const fixed = this.fixedScale(state);
    // a fixed heat top: the frame is drawn as bright as its busiest cell is against the busiest of all frames
    const heatMax = this.heat?.max ?? 0;
    const intensity = fixed?.heatMax && heatMax > 0 ? Math.min(1, heatMax / fixed.heatMax) : 1;
    const base: Record<LayerId, Layer> = {
      grids: createGridsLayer({
        geometry: this.geometry,
        counts: this.counts,
        breaks: fixed?.breaks ?? this.breaks,
        countsVersion: fixed?.breaks ? `${this.countsVersion}|${fixed.key}` : this.countsVersion,
        code: state.filter.code,
        filled: gridsFilled(state.tab),
        visible: state.layers.grids,
        beforeId: this.labelLayerId,
      }),
      heat: createHeatLayer({ cells: this.heat, visible: state.layers.heat, beforeId: this.labelLayerId, intensity }),
      cameras: createCamerasLayer({
        cameras: this.cameras,
        kindColours: this.kindColours,
        visible: state.layers.cameras && !this.views.some((v) => v.hidesCameraDots?.(state)),
        beforeId: this.labelLayerId,
      }),
    };
    // The layer list's order (bottom first) and opacity; deck.gl draws layers of one beforeId in array order.
    const ordered = state.layerOrder.map((id) => {
      const layer = base[id];
      const opacity = state.opacity[id] ?? 1;
      return opacity === 1 ? layer : layer.clone({ opacity: (layer.props.opacity ?? 1) * opacity });
    });
    return [
      ...ordered,
      ...this.views.flatMap((v) => v.layers(state)),
      ...this.overlays.flatMap((o) => o.layers(state)),
    ];
  }

  /** The basemap style was swapped (layer list): deck layers go beneath the new style's first label layer. */
  onBasemapLoaded(): void {
    this.labelLayerId = this.map.labelLayerId();
    this.render();
  }

  render(): void {
    const state = this.store.state;
    this.header.render(state);
    this.panel.render(state, this.summary);
    renderKpis(document.getElementById('kpis')!, state.lang, this.meta.counts?.incidents === 0 ? 'no-incidents' : this.summary);
    const fixed = this.fixedScale(state);
    const heatRange = this.heatRange();
    renderLegend(document.getElementById('legend')!, {
      state,
      heat: heatRange && fixed?.heatMax ? { ...heatRange, min: Math.min(1, fixed.heatMax), max: fixed.heatMax } : heatRange,
      breaks: fixed?.breaks ?? this.breaks,
      fixedNote: fixed?.note,
      cameras: this.cameras,
      cameraKinds: this.meta.cameraKinds,
      provisional: this.meta.provisionalAreas,
      none: { incidents: this.meta.counts?.incidents === 0, cameras: this.meta.counts?.cameras === 0 && this.cameras.length === 0 },
    });
    const legend = document.getElementById('legend')!;
    for (const v of this.views) legend.append(...v.legend(state));
    legend.hidden = legend.childElementCount === 0; // a view may show a legend while the base layers are off
    for (const [v, panel] of this.viewPanels) {
      panel.hidden = v.tab !== state.tab;
      v.render(state);
    }
    renderStatus(state.lang, {
      // an empty playback frame says so on its own date label (本期无事件)
      empty: this.summary !== null && this.summary.total === 0 && this.error === null && !state.playback,
      error: this.error,
    });
    // a view that answers hover and click on the CPU turns deck.gl's picking off while its tab is active
    if (this.mapReady) this.map.setLayers(this.layers(state), { gpuPicking: !this.views.some((v) => v.tab === state.tab && v.pickOnCpu) });
  }
}

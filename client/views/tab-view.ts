// The extension point for the role views (热点研判 / 监控覆盖 / 巡逻防控): each tab's own panel section,
// deck.gl layers, legend and tooltips plug in here, so a feature lives in its own files and the App only
// collects them. A view keeps its layer data stable and hides its layers with `visible`, never by
// dropping them (deck.gl performance guide).

import type { Layer, PickingInfo } from '@deck.gl/core';
import type { AreaCollection, AreaLevel, IncidentFilter, Meta, Regions } from '../api';
import type { ClassBreaks } from '../layers/colour-scale';
import type { MapController } from '../map/map-controller';
import type { AppState, Store, Tab } from '../state';

export interface TabViewContext {
  meta: Meta;
  regions: Regions;
  store: Store;
  map: MapController;
  /** Ask the app to re-render (after a view's own data arrived). */
  rerender(): void;
  /** Mark the view as loading (drives the page's busy flag and the loading indicator). */
  setBusy(key: string, busy: boolean): void;
  /** Id of the first basemap label layer: deck layers go beneath it so labels stay readable. */
  labelLayerId(): string | undefined;
  /** Area outlines of a level, shared with the base choropleth (downloaded once per level). */
  geometry(level: AreaLevel): Promise<AreaCollection>;
  /** Fetch the map's and KPIs' answers for a filter ahead of showing it (a playback frame), into a cache. */
  prefetch(filter: IncidentFilter): void;
  /** True once the KPIs and the heat on screen answer this filter (a playback frame has landed). */
  incidentsShown(filter: IncidentFilter): boolean;
}

/** Colour scales a view holds fixed (playback: one scale over every frame, so frames compare). */
export interface FixedScale {
  /** Class breaks for the base choropleth, or null to keep its own. */
  breaks: ClassBreaks | null;
  /** The heat layer's top (incidents in one heat cell), or null to keep it scaled to what is shown. */
  heatMax: number | null;
  /** What the legend says about it. */
  note: string;
  /** Changes whenever the scale does (a layer's colours are recomputed). */
  key: string;
}

export interface TabView {
  readonly tab: Tab;
  /** Called once; `container` is this view's own panel section (shown only while its tab is active). */
  mount(container: HTMLElement, ctx: TabViewContext): void;
  /** Update the panel from the state (language, filter) and the view's data. */
  render(state: AppState): void;
  /** Extra deck.gl layers; pass `visible: state.tab === this.tab` (and the view's own toggles). */
  layers(state: AppState): Layer[];
  /** This view's legend sections for the map legend, or nothing. */
  legend(state: AppState): HTMLElement[];
  /** Tooltip for a picked object of one of this view's layers (escape any text you put in html), or null. */
  tooltip?(info: PickingInfo, state: AppState): { html: string; className: string } | null;
  /**
   * Picking on the CPU. A view that has this turns deck.gl's picking off while its tab is active (the base
   * layers' too: MapController.setLayers), because each deck.gl pick draws every pickable layer into a
   * picking buffer and reads it back, waiting for the frame being drawn — seconds per pointer event in a
   * software-rendered browser. Hover tooltips then come from this: the info of what lies under the pointer
   * (any of the map's layers, e.g. the base grid outlines), or null for nothing.
   */
  pickOnCpu?(info: PickingInfo, state: AppState): PickingInfo | null;
  /** True when this view draws the cameras itself (the base camera dots are hidden meanwhile). */
  hidesCameraDots?(state: AppState): boolean;
  /** The shared incident filter changed (time window, categories, jurisdiction). */
  onFilterChange?(filter: IncidentFilter, state: AppState): void;
  /** The colour scales this view holds fixed while its tab is active, or null. */
  fixedScale?(state: AppState): FixedScale | null;
  /** This view's tab became active: load lazily here. */
  onActivate?(state: AppState): void;
}

// The view state: everything the user chose (filter, tab, language, layers). Views read it and
// call `update`; the app reacts to changes. Data loaded from the server lives elsewhere
// (data-loader.ts) so that this stays small and serialisable (tests read window.__pingan.state).

import type { AreaLevel, IncidentFilter } from './api';
import type { Lang } from './i18n';
import type { FrameStep } from '../shared/time/frames';

export type Tab = 'hotspots' | 'coverage' | 'patrol';
export const TABS: Tab[] = ['hotspots', 'coverage', 'patrol'];

export interface LayerToggles { heat: boolean; grids: boolean; cameras: boolean }
export type LayerId = keyof LayerToggles;
export const LAYER_IDS: LayerId[] = ['heat', 'grids', 'cameras'];
/** Drawing order of the base layers, bottom first (the layer list's ↑↓ change it). */
export const DEFAULT_LAYER_ORDER: LayerId[] = ['grids', 'heat', 'cameras'];
export const DEFAULT_OPACITY: Record<LayerId, number> = { heat: 1, grids: 1, cameras: 1 };
/** offline: the county's own basemap (always there); online: BASEMAP_STYLE_URL, offered only when configured. */
export type Basemap = 'offline' | 'online';

export interface AppState {
  lang: Lang;
  tab: Tab;
  filter: IncidentFilter;
  layers: LayerToggles;
  /** Unit of the choropleth (and of the outlines on the coverage tab). */
  level: AreaLevel;
  /** Opacity of each base layer, 0–1 (kept across tabs). */
  opacity: Record<LayerId, number>;
  /** Drawing order of the base layers, bottom first. */
  layerOrder: LayerId[];
  basemap: Basemap;
  /** The playback frame on screen (热点研判's time slider), or none: the map, the KPIs and the ranking then show the
   * filters' window. Optional so that a state written before playback existed stays valid. */
  playback?: PlaybackView | null;
}

/** A playback position: the frame's days and the step and window that made it (a link reopens it). */
export interface PlaybackView { step: FrameStep; window: number; from: string; to: string }

export const samePlayback = (a: PlaybackView | null | undefined, b: PlaybackView | null | undefined): boolean =>
  (a ?? null) === (b ?? null) || (!!a && !!b && a.from === b.from && a.to === b.to && a.step === b.step && a.window === b.window);

/** The filter the map, KPIs and ranking answer: the filters' own, or their categories and area over the frame's days. */
export function shownFilter(state: AppState): IncidentFilter {
  const p = state.playback;
  return p ? { ...state.filter, from: p.from, to: p.to } : state.filter;
}

/**
 * Which layers each tab turns on. Coverage shows grid outlines without the choropleth fill:
 * planners look at where cameras are, not at incident counts.
 */
export const TAB_LAYERS: Record<Tab, LayerToggles> = {
  hotspots: { heat: true, grids: true, cameras: false },
  coverage: { heat: false, grids: true, cameras: true },
  patrol: { heat: true, grids: false, cameras: true },
};

/** The grids layer is a filled choropleth everywhere except on the coverage tab. */
export function gridsFilled(tab: Tab): boolean {
  return tab !== 'coverage';
}

export type Listener = (state: AppState, prev: AppState) => void;

export class Store {
  private listeners = new Set<Listener>();
  constructor(private current: AppState) {}

  get state(): AppState {
    return this.current;
  }

  update(patch: Partial<AppState>): void {
    const prev = this.current;
    this.current = { ...prev, ...patch };
    for (const fn of this.listeners) fn(this.current, prev);
  }

  updateFilter(patch: Partial<IncidentFilter>): void {
    this.update({ filter: { ...this.current.filter, ...patch } });
  }

  subscribe(fn: Listener): void {
    this.listeners.add(fn);
  }
}

// Shareable links: the page's URL holds the tab, the filters (days, categories, area), the unit level, the layer
// list (on/off, opacity, order, basemap), the language and the view (centre, zoom); opening the link restores them.
// Pure: encode from the state, decode into a patch that only holds what is valid for this user and county (a bad
// or foreign value is dropped, not guessed), so a hand-edited link cannot break the page.
import type { IncidentFilter } from '../api';
import type { Lang } from '../i18n';
import { parseDay } from '../i18n';
import { DEFAULT_LAYER_ORDER, LAYER_IDS, type AppState, type Basemap, type LayerId, type LayerToggles, type PlaybackView, type Tab } from '../state';
import { FRAME_STEPS, FRAME_WINDOWS, type FrameStep } from '../../shared/time/frames';

export interface MapView { center: [number, number]; zoom: number }

export interface UrlState {
  tab?: Tab;
  lang?: Lang;
  filter?: Partial<IncidentFilter>;
  level?: AppState['level'];
  layers?: LayerToggles;
  opacity?: Partial<Record<LayerId, number>>;
  layerOrder?: LayerId[];
  basemap?: Basemap;
  view?: MapView;
  /** A playback frame (热点研判): `frame=2026-03-02..2026-03-08&fstep=week&fwin=1`. */
  playback?: PlaybackView;
}

/** What a decoded value is checked against. */
export interface UrlContext {
  tabs: readonly Tab[];
  categories: readonly string[];
  dataRange: { from: string; to: string };
  /** The user may look at this area code (a unit of the county inside their jurisdiction). */
  codeAllowed(code: string): boolean;
  bbox: [number, number, number, number];
  onlineBasemap: boolean;
}

const LEVELS = ['township', 'village', 'grid'] as const;
const round = (x: number, digits: number) => Number(x.toFixed(digits));

export function encodeUrlState(state: AppState, view: MapView, allCategories: readonly string[]): URLSearchParams {
  const p = new URLSearchParams();
  p.set('tab', state.tab);
  if (state.lang !== 'zh') p.set('lang', state.lang);
  p.set('from', state.filter.from);
  p.set('to', state.filter.to);
  if (state.filter.categories.length !== allCategories.length) p.set('cats', state.filter.categories.join(',') || '-');
  p.set('code', state.filter.code);
  p.set('level', state.level);
  p.set('layers', LAYER_IDS.filter((id) => state.layers[id]).join(',') || '-');
  const op = LAYER_IDS.filter((id) => state.opacity[id] !== 1).map((id) => `${id}:${round(state.opacity[id], 2)}`);
  if (op.length) p.set('opacity', op.join(','));
  if (state.layerOrder.join(',') !== DEFAULT_LAYER_ORDER.join(',')) p.set('order', state.layerOrder.join(','));
  if (state.basemap !== 'offline') p.set('basemap', state.basemap);
  if (state.playback) {
    p.set('frame', `${state.playback.from}..${state.playback.to}`);
    p.set('fstep', state.playback.step);
    if (state.playback.window !== 1) p.set('fwin', String(state.playback.window));
  }
  p.set('c', `${round(view.center[0], 5)},${round(view.center[1], 5)}`);
  p.set('z', String(round(view.zoom, 2)));
  return p;
}

export function decodeUrlState(p: URLSearchParams, ctx: UrlContext): UrlState {
  const out: UrlState = {};
  const tab = p.get('tab');
  if (tab && (ctx.tabs as string[]).includes(tab)) out.tab = tab as Tab;
  const lang = p.get('lang');
  if (lang === 'zh' || lang === 'en') out.lang = lang;

  const filter: Partial<IncidentFilter> = {};
  const inRange = (d: string | null) => {
    const day = d ? parseDay(d) : null;
    return day && day >= ctx.dataRange.from && day <= ctx.dataRange.to ? day : null;
  };
  const from = inRange(p.get('from')), to = inRange(p.get('to'));
  if (from && to && from <= to) Object.assign(filter, { from, to });
  const cats = p.get('cats');
  if (cats === '-') filter.categories = [];
  else if (cats) {
    const wanted = new Set(cats.split(','));
    const known = ctx.categories.filter((c) => wanted.has(c)); // kept in the county's order (stable queries)
    if (known.length) filter.categories = known;
  }
  const code = p.get('code');
  if (code && /^\d{6,15}$/.test(code) && ctx.codeAllowed(code)) filter.code = code;
  if (Object.keys(filter).length) out.filter = filter;

  const level = p.get('level');
  if (level && (LEVELS as readonly string[]).includes(level)) out.level = level as AppState['level'];
  const layers = p.get('layers');
  if (layers !== null) {
    const on = new Set(layers.split(','));
    if (layers === '-' || [...on].every((id) => (LAYER_IDS as string[]).includes(id))) {
      out.layers = Object.fromEntries(LAYER_IDS.map((id) => [id, on.has(id)])) as unknown as LayerToggles;
    }
  }
  const opacity = p.get('opacity');
  if (opacity) {
    const o: Partial<Record<LayerId, number>> = {};
    for (const part of opacity.split(',')) {
      const [id, v] = part.split(':');
      const n = Number(v);
      if ((LAYER_IDS as string[]).includes(id) && v !== '' && Number.isFinite(n) && n >= 0 && n <= 1) o[id as LayerId] = n;
    }
    if (Object.keys(o).length) out.opacity = o;
  }
  const order = p.get('order')?.split(',');
  if (order && order.length === LAYER_IDS.length && LAYER_IDS.every((id) => order.includes(id))) out.layerOrder = order as LayerId[];
  const basemap = p.get('basemap');
  if (basemap === 'online' && ctx.onlineBasemap) out.basemap = 'online';

  const [ff, ft] = (p.get('frame') ?? '').split('..');
  const fstep = p.get('fstep') as FrameStep | null;
  const fwin = Number(p.get('fwin') ?? '1');
  const frameFrom = inRange(ff ?? null), frameTo = inRange(ft ?? null);
  if (frameFrom && frameTo && frameFrom <= frameTo && fstep && FRAME_STEPS.includes(fstep) && FRAME_WINDOWS[fstep].includes(fwin)) {
    out.playback = { step: fstep, window: fwin, from: frameFrom, to: frameTo };
  }

  const [lon, lat] = (p.get('c') ?? '').split(',').map(Number);
  const zoom = Number(p.get('z'));
  const [w, s, e, n] = ctx.bbox;
  const margin = Math.max(e - w, n - s); // a view a little beyond the county is fine; one across the world is not
  if (Number.isFinite(lon) && Number.isFinite(lat) && p.get('c') && Number.isFinite(zoom) && p.get('z') !== null && zoom >= 3 && zoom <= 20
    && lon >= w - margin && lon <= e + margin && lat >= s - margin && lat <= n + margin) {
    out.view = { center: [lon, lat], zoom };
  }
  return out;
}

// The one map of the page: a MapLibre basemap with a single deck.gl MapboxOverlay in interleaved
// mode (deck layers are drawn inside MapLibre's own WebGL pass, so they can sit beneath the
// basemap's labels). Both are created once; later changes only call overlay.setProps.

import maplibregl, { type Map as MapLibreMap } from 'maplibre-gl';
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { Layer, PickingInfo } from '@deck.gl/core';
import type { Bbox } from '../api';
import type { Lang } from '../i18n';
import { HEAT_DEBOUNCE_MS } from '../layers/heat-layer';
import { LabelSpace } from './label-space';
import { freeAreaPadding, type Padding, type PanelBox } from './free-area';

/** CJK glyphs are drawn from these local fonts (the offline style names no glyph server: every character is drawn locally). */
export const LOCAL_IDEOGRAPH_FONT_FAMILY = "'WenQuanYi Micro Hei', 'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', sans-serif";

/** Room for the KPI strip over the top of the map and the map's own controls; panels add to it (free-area.ts). */
const FIT_PADDING = { top: 96, bottom: 24, left: 24, right: 56 };
/** What lies over the map and must not cover what is fitted: the KPI cards (as one strip), the legend, the
 * ranking dock, the case desk. */
const PANEL_SELECTORS = ['#kpis', '#legend', '#hotspots-dock', '#case-desk'];

/** Animation frames without a map frame, after MapLibre's 'idle', before the picture counts as final. */
const QUIET_FRAMES = 3;

function afterFrames(n: number, fn: () => void): void {
  if (n <= 0) fn();
  else requestAnimationFrame(() => afterFrames(n - 1, fn));
}

/** MapLibre's own control labels (tooltips, the scale bar's units) in Chinese; English is MapLibre's default. */
export const MAP_LOCALE_ZH: Record<string, string> = {
  'AttributionControl.ToggleAttribution': '显示/隐藏数据来源',
  'AttributionControl.MapFeedback': '地图反馈',
  'FullscreenControl.Enter': '全屏',
  'FullscreenControl.Exit': '退出全屏',
  'GeolocateControl.FindMyLocation': '定位我的位置',
  'GeolocateControl.LocationNotAvailable': '无法定位',
  'LogoControl.Title': 'MapLibre 标志',
  'Map.Title': '地图',
  'Marker.Title': '地图标记',
  'NavigationControl.ResetBearing': '拖动旋转地图，单击恢复正北',
  'NavigationControl.ZoomIn': '放大',
  'NavigationControl.ZoomOut': '缩小',
  'Popup.Close': '关闭',
  'ScaleControl.Feet': '英尺',
  'ScaleControl.Meters': '米',
  'ScaleControl.Kilometers': '公里',
  'ScaleControl.Miles': '英里',
  'ScaleControl.NauticalMiles': '海里',
  'GlobeControl.Enable': '球面视图',
  'GlobeControl.Disable': '平面视图',
  'TerrainControl.Enable': '显示地形',
  'TerrainControl.Disable': '隐藏地形',
  'CooperativeGesturesHandler.WindowsHelpText': '按住 Ctrl 并滚动以缩放地图',
  'CooperativeGesturesHandler.MacHelpText': '按住 ⌘ 并滚动以缩放地图',
  'CooperativeGesturesHandler.MobileHelpText': '用两根手指移动地图',
};

type Tooltip = (info: PickingInfo) => { html: string; className: string } | null;

export interface MapControllerOptions {
  container: HTMLElement;
  styleUrl: string;
  bbox: Bbox;
  getTooltip: Tooltip;
  lang?: Lang;
  /** Open at this centre and zoom (a shared link) instead of fitting the jurisdiction. */
  view?: { center: [number, number]; zoom: number };
}

/** Style and tile URLs may be root-relative ('/api/basemap/...'); MapLibre's workers need absolute ones. */
function absolute(url: string): string {
  return new URL(url, window.location.href).href;
}

export class MapController {
  readonly map: MapLibreMap;
  readonly overlay: MapboxOverlay;
  /** Room the basemap's labels give way to (route stops, badges): label-space.ts. */
  readonly labelSpace: LabelSpace;
  private idle = false;
  /** True between a camera stop and the end of the heatmap's re-aggregation debounce. */
  private settling = false;
  private settleTimer: ReturnType<typeof setTimeout> | undefined;
  /** Map frames drawn so far; lets the idle check see whether anything was drawn meanwhile. */
  private frames = 0;
  private idleListeners = new Set<(idle: boolean) => void>();
  private loaded: Promise<void>;
  /** the layers last handed to deck.gl, so a view that picks on the CPU can name the layer it hit */
  private layers: Layer[] = [];

  private readonly englishLocale: Record<string, string>;
  private controls: maplibregl.IControl[] = [];
  private lang: Lang;
  /** The box fitted last (the jurisdiction, a route) while nothing else has moved the map since: when a panel
   * opens, closes or changes size it is fitted again into the area the panels leave free. */
  private home: Bbox | null;
  /** True while the map moves by a fit of its own (so 'movestart' does not forget `home`). */
  private ownMove = false;
  private lastPadding: Padding | null = null;
  /** True while atBbox holds the map on a box for a print or a snapshot. */
  private holding = false;

  constructor({ container, styleUrl, bbox, getTooltip, lang = 'zh', view }: MapControllerOptions) {
    this.lang = lang;
    this.home = view ? null : bbox;
    this.map = new maplibregl.Map({
      container,
      style: absolute(styleUrl),
      ...(view ? { center: view.center, zoom: view.zoom } : { bounds: [bbox[0], bbox[1], bbox[2], bbox[3]] as [number, number, number, number], fitBoundsOptions: { padding: FIT_PADDING } }),
      localIdeographFontFamily: LOCAL_IDEOGRAPH_FONT_FAMILY,
      transformRequest: (url) => ({ url: url.startsWith('/') ? absolute(url) : url }),
      attributionControl: false, // added with the other controls, in the page's language
      // The map follows its container's size itself (watchPanels): MapLibre's tracking skips the first change and
      // its resize counts as a move that would forget the fitted view.
      trackResize: false,
      // Tests take screenshots of the WebGL canvas; keep the last frame readable.
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    // Created without a locale, the map holds MapLibre's own English table: kept for switching back.
    this.englishLocale = { ...this.map._locale };
    this.applyLocale();
    this.addControls();

    this.labelSpace = new LabelSpace(this.map);
    this.overlay = new MapboxOverlay({ interleaved: true, layers: [], getTooltip });
    this.map.addControl(this.overlay);

    this.loaded = new Promise((resolve) => this.map.once('load', () => resolve()));
    // "Idle" for tests and the busy flag means the picture is final, which takes more than
    // MapLibre's 'idle' event: in interleaved mode deck.gl updates its layers for a new viewport in
    // its own animation frame AFTER the map frame that drew it, then asks the map for one more
    // frame. So idle is declared only when a few animation frames pass after 'idle' with no new
    // map frame (counting frames, not milliseconds, holds on slow software-GL machines too).
    this.map.on('render', () => {
      this.frames++;
      this.setIdle(false);
    });
    this.map.on('idle', () => {
      if (this.settling) return;
      const seen = this.frames;
      afterFrames(QUIET_FRAMES, () => {
        if (this.frames === seen && !this.settling) this.setIdle(true);
      });
    });
    // The heatmap re-aggregates only after the camera has rested for its debounce period.
    this.map.on('moveend', () => {
      clearTimeout(this.settleTimer);
      this.settling = true;
      this.settleTimer = setTimeout(() => {
        this.settling = false;
        this.map.triggerRepaint(); // the next 'idle' comes after the re-aggregated frame
      }, HEAT_DEBOUNCE_MS + 50);
    });
    for (const busyEvent of ['movestart', 'dataloading'] as const) this.map.on(busyEvent, () => this.setIdle(false));
    this.map.on('movestart', () => { if (!this.ownMove) this.home = null; });
    this.watchPanels(container);
    this.map.on('error', (e) => console.error('map error', e.error));
    this.map.on('mousemove', (e) => (this.lastPointer = { x: e.originalEvent.clientX, y: e.originalEvent.clientY }));
    this.map.on('mouseout', () => (this.lastPointer = null));
  }

  private lastPointer: { x: number; y: number } | null = null;

  /** Hovers the same spot again, so the tooltip is drawn anew (a place name it waited for has arrived). */
  repeatHover(): void {
    if (!this.lastPointer) return;
    const { x, y } = this.lastPointer;
    this.map.getCanvas().dispatchEvent(new MouseEvent('mousemove', { clientX: x, clientY: y, bubbles: true }));
  }

  /** Zoom buttons and the scale bar, labelled in the current language (MapLibre reads its locale when a control is added). */
  private addControls(): void {
    for (const c of this.controls) this.map.removeControl(c);
    this.controls = [new maplibregl.NavigationControl({ showCompass: false }), new maplibregl.ScaleControl({ unit: 'metric' }), new maplibregl.AttributionControl({ compact: true })];
    this.map.addControl(this.controls[0], 'top-right');
    this.map.addControl(this.controls[1], 'bottom-right');
    this.map.addControl(this.controls[2], 'bottom-right');
  }

  private applyLocale(): void {
    this.map._locale = this.lang === 'zh' ? { ...this.englishLocale, ...MAP_LOCALE_ZH } : { ...this.englishLocale };
    this.map.getCanvas().setAttribute('aria-label', this.map._getUIString('Map.Title'));
  }

  /** Switches MapLibre's own labels (control tooltips, scale units) to the language. */
  setLang(lang: Lang): void {
    if (lang === this.lang) return;
    this.lang = lang;
    this.applyLocale();
    this.addControls();
  }

  /** True while a map tool (measuring) takes the map's clicks: views' own click actions stand aside, and HTML
   * markers let clicks through to the map (styles.css: .map-tool-active). */
  toolActive = false;
  setToolActive(active: boolean): void {
    this.toolActive = active;
    this.map.getContainer().classList.toggle('map-tool-active', active);
  }

  /** Swaps the basemap style; resolves once the new style is in (deck.gl's overlay re-adds its layers itself). */
  setBasemap(styleUrl: string): Promise<void> {
    return new Promise((resolve) => {
      this.map.once('style.load', () => resolve());
      this.map.setStyle(absolute(styleUrl));
    });
  }

  whenLoaded(): Promise<void> {
    return this.loaded;
  }

  /** First symbol layer of the basemap: deck layers go beneath it so place names stay on top. */
  labelLayerId(): string | undefined {
    return this.map.getStyle().layers.find((l) => l.type === 'symbol')?.id;
  }

  /**
   * gpuPicking false turns deck.gl's picking off as a whole (its `_pickable` prop), hidden layers included:
   * deck.gl's picking pass takes every layer with `pickable` set, visible or not, and its read-back waits for
   * the frame being drawn even when nothing visible is drawn into it. Hover still calls getTooltip (with an
   * info that has a coordinate and no object), so a view can answer it on the CPU (TabView.pickOnCpu).
   */
  setLayers(layers: Layer[], { gpuPicking = true }: { gpuPicking?: boolean } = {}): void {
    this.layers = layers;
    this.setIdle(false);
    this.overlay.setProps({ layers, _pickable: gpuPicking });
    // Guarantee a frame (and therefore a later 'idle' event) even if deck decides nothing moved.
    this.map.triggerRepaint();
  }

  /** The current layer with this id (for picking infos built on the CPU), if it is on the map. */
  layerById(id: string): Layer | undefined {
    return this.layers.find((l) => l.id === id);
  }

  isIdle(): boolean {
    return this.idle;
  }

  onIdleChange(fn: (idle: boolean) => void): void {
    this.idleListeners.add(fn);
  }

  /** Resolves once everything scheduled so far has been drawn and the map is idle again. */
  nextIdle(): Promise<void> {
    return new Promise((resolve) => {
      const listener = (idle: boolean) => {
        if (!idle) return;
        this.idleListeners.delete(listener);
        resolve();
      };
      this.idleListeners.add(listener);
      this.setIdle(false);
      this.map.triggerRepaint();
    });
  }

  /** Fits a box into the part of the map the panels over it leave free, and keeps it there as they change. */
  fitBbox(bbox: Bbox, duration = 600): void {
    const padding = this.freePadding(bbox);
    this.lastPadding = padding;
    this.ownMove = true;
    try {
      this.map.fitBounds([bbox[0], bbox[1], bbox[2], bbox[3]], { padding, duration, maxZoom: 14 });
    } finally {
      this.ownMove = false;
    }
    this.home = bbox;
  }

  /** The padding that keeps `bbox`, fitted, clear of every panel over the map (free-area.ts). */
  freePadding(bbox: Bbox): Padding {
    const container = this.map.getContainer();
    const at = container.getBoundingClientRect();
    const panels: PanelBox[] = [];
    for (const selector of PANEL_SELECTORS) {
      const el = document.querySelector<HTMLElement>(selector);
      if (!el || el.hidden) continue;
      // The KPI strip spans the map's width; its cards are what covers the map.
      const parts = selector === '#kpis' ? [...el.children] : [el];
      let box: PanelBox | null = null;
      for (const part of parts) {
        const r = part.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        box = box ? { left: Math.min(box.left, r.left), top: Math.min(box.top, r.top), right: Math.max(box.right, r.right), bottom: Math.max(box.bottom, r.bottom) } : { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      }
      if (box) panels.push({ left: box.left - at.left, top: box.top - at.top, right: box.right - at.left, bottom: box.bottom - at.top });
    }
    const sw = this.map.project([bbox[0], bbox[1]]), ne = this.map.project([bbox[2], bbox[3]]);
    const aspect = Math.max(1e-6, Math.abs(ne.x - sw.x)) / Math.max(1e-6, Math.abs(sw.y - ne.y));
    return freeAreaPadding(container.clientWidth, container.clientHeight, panels, aspect, FIT_PADDING);
  }

  /** Panels opening, closing or changing size fit the home box again (once per frame, only if the padding changed). */
  private watchPanels(container: HTMLElement): void {
    const stage = container.parentElement;
    if (!stage || typeof ResizeObserver === 'undefined') return;
    let queued = false;
    const refit = () => {
      if (queued) return;
      queued = true;
      requestAnimationFrame(() => {
        queued = false;
        // The canvas follows the container (MapLibre's own tracking, off, skipped the container's first change: the
        // time bar appearing on the first render left the canvas 50 px taller than the map, its bottom under the bar).
        const canvas = this.map.getCanvas();
        if (canvas.clientWidth !== container.clientWidth || canvas.clientHeight !== container.clientHeight) {
          this.ownMove = true; // a resize fires 'movestart' too; it is not the user moving the map
          try { this.map.resize(); } finally { this.ownMove = false; }
        }
        if (!this.home || this.holding) return;
        const next = this.freePadding(this.home);
        const prev = this.lastPadding;
        if (prev && Math.abs(prev.top - next.top) < 4 && Math.abs(prev.bottom - next.bottom) < 4 && Math.abs(prev.left - next.left) < 4 && Math.abs(prev.right - next.right) < 4) return;
        this.fitBbox(this.home, 0);
      });
    };
    const resizes = new ResizeObserver(refit);
    const observed = new Set<Element>();
    const observe = () => {
      for (const selector of PANEL_SELECTORS) {
        const el = document.querySelector(selector);
        if (el && !observed.has(el)) { observed.add(el); resizes.observe(el); }
      }
      resizes.observe(container);
    };
    observe();
    // The ranking dock and the case desk are added to the stage later (folding, `hidden` and content are sizes).
    new MutationObserver(() => { observe(); refit(); }).observe(stage, { childList: true });
  }

  /**
   * Runs `work` with the map fitted to a box (drawn and idle), then puts the view back: printed documents show
   * the whole route or jurisdiction, not what the screen happens to show.
   */
  async atBbox<T>(bbox: Bbox, work: () => Promise<T>, padding = 24): Promise<T> {
    const before = { center: this.map.getCenter(), zoom: this.map.getZoom(), bearing: this.map.getBearing(), pitch: this.map.getPitch() };
    const ownMove = (move: () => void) => { this.ownMove = true; try { move(); } finally { this.ownMove = false; } };
    this.holding = true;
    try {
      ownMove(() => this.map.fitBounds([bbox[0], bbox[1], bbox[2], bbox[3]], { padding, duration: 0, maxZoom: 15 }));
      await this.nextIdle();
      return await work();
    } finally {
      ownMove(() => this.map.jumpTo(before));
      this.holding = false;
    }
  }

  /** A PNG (data URL) of the map fitted to a box (see atBbox). */
  snapshot(bbox: Bbox, padding = 24): Promise<string> {
    return this.atBbox(bbox, async () => {
      const src = this.map.getCanvas();
      const copy = document.createElement('canvas');
      copy.width = src.width;
      copy.height = src.height;
      copy.getContext('2d')!.drawImage(src, 0, 0); // the drawing buffer is preserved (see the constructor)
      return copy.toDataURL('image/png');
    }, padding);
  }

  zoom(): number {
    return this.map.getZoom();
  }

  private setIdle(idle: boolean): void {
    if (idle === this.idle) return;
    this.idle = idle;
    for (const fn of this.idleListeners) fn(idle);
  }
}

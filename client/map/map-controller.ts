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

/** CJK glyphs are drawn from local fonts, so no glyph server is needed for Chinese labels. */
export const LOCAL_IDEOGRAPH_FONT_FAMILY = "'WenQuanYi Micro Hei', 'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', sans-serif";

/** Room for the KPI strip over the top of the map, so the fitted area is not hidden beneath it. */
const FIT_PADDING = { top: 96, bottom: 24, left: 24, right: 56 };

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

  constructor({ container, styleUrl, bbox, getTooltip, lang = 'zh', view }: MapControllerOptions) {
    this.lang = lang;
    this.map = new maplibregl.Map({
      container,
      style: absolute(styleUrl),
      ...(view ? { center: view.center, zoom: view.zoom } : { bounds: [bbox[0], bbox[1], bbox[2], bbox[3]] as [number, number, number, number], fitBoundsOptions: { padding: FIT_PADDING } }),
      localIdeographFontFamily: LOCAL_IDEOGRAPH_FONT_FAMILY,
      transformRequest: (url) => ({ url: url.startsWith('/') ? absolute(url) : url }),
      attributionControl: false, // added with the other controls, in the page's language
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

  fitBbox(bbox: Bbox): void {
    this.map.fitBounds([bbox[0], bbox[1], bbox[2], bbox[3]], { padding: FIT_PADDING, duration: 600, maxZoom: 14 });
  }

  /**
   * Runs `work` with the map fitted to a box (drawn and idle), then puts the view back: printed documents show
   * the whole route or jurisdiction, not what the screen happens to show.
   */
  async atBbox<T>(bbox: Bbox, work: () => Promise<T>, padding = 24): Promise<T> {
    const before = { center: this.map.getCenter(), zoom: this.map.getZoom(), bearing: this.map.getBearing(), pitch: this.map.getPitch() };
    this.map.fitBounds([bbox[0], bbox[1], bbox[2], bbox[3]], { padding, duration: 0, maxZoom: 15 });
    await this.nextIdle();
    try {
      return await work();
    } finally {
      this.map.jumpTo(before);
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

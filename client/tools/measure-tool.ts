// Measuring on the map: distance (a path of clicks) or area (a ring of clicks). Click adds a point, the pointer
// draws the next leg, double-click or Enter finishes, Backspace undoes, Esc cancels. While it runs the map's
// other click actions (drill-down, what-if cameras) stand aside (MapController.toolActive) and double-click
// does not zoom. Figures are geodesic (measure.ts) and shown in 米/公里, 平方公里/亩.
import { PathLayer, PolygonLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { MapMouseEvent } from 'maplibre-gl';
import type { MapController } from '../map/map-controller';
import type { Store } from '../state';
import { h } from '../views/dom';
import { formatArea, formatDistance, pathLengthM, polygonAreaM2, type LonLat } from './measure';
import { tt } from './tools-i18n';

export type MeasureMode = 'distance' | 'area';
const COLOUR: [number, number, number] = [255, 111, 0];
/** Two clicks closer than this (pixels) are one point (the double-click that ends a measure clicks twice). */
const SAME_POINT_PX = 4;

export class MeasureTool {
  mode: MeasureMode | null = null;
  points: LonLat[] = [];
  /** Done: the measure stays on the map until cleared or a new one starts. */
  finished = false;
  private hover: LonLat | null = null;
  readonly readout: HTMLElement;

  constructor(
    private readonly map: MapController,
    private readonly store: Store,
    private readonly redraw: () => void,
  ) {
    this.readout = h('div', { id: 'measure-readout', class: 'measure-readout', role: 'status', 'aria-live': 'polite', hidden: true });
    const m = map.map;
    m.on('click', (e) => this.onClick(e));
    m.on('dblclick', (e) => { if (this.mode && !this.finished) e.preventDefault(), this.finish(); });
    m.on('mousemove', (e) => { if (this.mode && !this.finished && this.points.length) (this.hover = [e.lngLat.lng, e.lngLat.lat]), this.update(); });
    document.addEventListener('keydown', (e) => {
      if (!this.mode) return;
      const typing = (e.target as HTMLElement | null)?.tagName === 'INPUT';
      if (e.key === 'Escape') this.stop();
      else if (e.key === 'Enter' && !typing) this.finish();
      else if (e.key === 'Backspace' && !typing && !this.finished) e.preventDefault(), this.points.pop(), this.update();
    });
    store.subscribe((s, prev) => { if (s.lang !== prev.lang) this.update(); });
  }

  start(mode: MeasureMode): void {
    this.mode = mode;
    this.points = [];
    this.hover = null;
    this.finished = false;
    this.map.setToolActive(true);
    this.map.map.doubleClickZoom.disable();
    this.map.map.getCanvas().style.cursor = 'crosshair';
    this.update();
  }

  stop(): void {
    this.mode = null;
    this.points = [];
    this.hover = null;
    this.finished = false;
    this.release();
    this.update();
  }

  finish(): void {
    if (!this.mode || this.finished) return;
    this.finished = true;
    this.hover = null;
    this.release();
    this.update();
  }

  private release(): void {
    this.map.setToolActive(false);
    this.map.map.getCanvas().style.cursor = '';
    setTimeout(() => this.map.map.doubleClickZoom.enable(), 300); // after the finishing double-click's own zoom
  }

  private onClick(e: MapMouseEvent): void {
    if (!this.mode || this.finished) return;
    const p: LonLat = [e.lngLat.lng, e.lngLat.lat];
    const last = this.points[this.points.length - 1];
    if (last) {
      const a = this.map.map.project(last), b = e.point;
      if (Math.hypot(a.x - b.x, a.y - b.y) < SAME_POINT_PX) return;
    }
    this.points.push(p);
    this.update();
  }

  /** The figures of what is drawn (the pointer's leg included while measuring). */
  figures(): { metres: number; m2: number | null } {
    const pts = this.hover ? [...this.points, this.hover] : this.points;
    if (this.mode === 'area') return { metres: pts.length >= 3 ? pathLengthM([...pts, pts[0]]) : pathLengthM(pts), m2: polygonAreaM2(pts) };
    return { metres: pathLengthM(pts), m2: null };
  }

  private update(): void {
    const lang = this.store.state.lang;
    this.readout.hidden = !this.mode;
    if (this.mode) {
      const { metres, m2 } = this.figures();
      const clear = h('button', { type: 'button', class: 'measure-clear', id: 'measure-clear' }, tt(lang, 'measure.clear'));
      clear.addEventListener('click', () => this.stop());
      const value = this.points.length === 0 ? tt(lang, 'measure.start')
        : this.mode === 'area' ? `${tt(lang, 'measure.areaValue', { a: formatArea(lang, m2 ?? 0) })} · ${tt(lang, 'measure.perimeter', { d: formatDistance(lang, metres) })}`
          : tt(lang, 'measure.length', { d: formatDistance(lang, metres) });
      this.readout.replaceChildren(
        h('span', { class: 'measure-value', id: 'measure-value', 'data-metres': metres.toFixed(1), 'data-m2': m2 === null ? undefined : m2.toFixed(0) }, value),
        this.finished ? '' : h('span', { class: 'measure-hint' }, tt(lang, 'measure.hint')),
        clear,
      );
    }
    this.redraw();
  }

  layers(): Layer[] {
    const pts = this.hover ? [...this.points, this.hover] : this.points;
    const on = this.mode !== null && pts.length > 0;
    const ring = this.mode === 'area' && pts.length >= 3;
    return [
      new PolygonLayer<{ ring: LonLat[] }>({
        id: 'measure-area',
        data: ring ? [{ ring: pts }] : [],
        visible: on && ring,
        getPolygon: (d) => d.ring,
        getFillColor: [...COLOUR, 50],
        stroked: false,
        pickable: false,
      }),
      new PathLayer<{ path: LonLat[] }>({
        id: 'measure-path',
        data: on ? [{ path: ring ? [...pts, pts[0]] : pts }] : [],
        visible: on,
        getPath: (d) => d.path,
        getColor: [...COLOUR, 255],
        getWidth: 3,
        widthUnits: 'pixels',
        pickable: false,
      }),
      new ScatterplotLayer<LonLat>({
        id: 'measure-points',
        data: on ? this.points : [],
        visible: on,
        getPosition: (p) => p,
        getRadius: 5,
        radiusUnits: 'pixels',
        stroked: true,
        getFillColor: [255, 255, 255, 255],
        getLineColor: [...COLOUR, 255],
        getLineWidth: 2,
        lineWidthUnits: 'pixels',
        pickable: false,
      }),
    ];
  }
}

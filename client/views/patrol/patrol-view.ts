// The dispatchers' view (巡逻防控): plan tonight's patrols from a station (routes that collect the most
// shift risk, with ETAs, exports and a printable card), see the shift's risk cells, the border zones with
// their crossings and camera status (平安边界), the rail / national-road corridors (护路联防) and the
// response isochrones of all stations.
import type { Layer, PickingInfo } from '@deck.gl/core';
import type { FeatureCollection, Geometry } from 'geojson';
import { isAbort } from '../../api';
import { formatNumber, type Lang } from '../../i18n';
import { createPatrolAreaLayers, type CrossingDatum, type IsoCellDatum, type KeyPointDatum, type RiskCellDatum } from '../../layers/patrol-zone-layers';
import { createRouteLayers, type RouteDatum, type StopDatum, type StopMarker } from '../../layers/route-layer';
import { clusterStops } from '../../layers/stop-clusters';
import type { AppState } from '../../state';
import { h } from '../dom';
import type { TabView, TabViewContext } from '../tab-view';
import { patrolApi, type Corridors, type Days, type Isochrones, type PlanRequest, type Risk, type RoutePlan, type ShiftChoice, type Station, type Zones } from './patrol-api';
import { pt, type PatrolKey } from './patrol-i18n';
import { borderList, corridorList, isoTable, planResult, riskList } from './patrol-panel';
import { patrolLegend } from './patrol-legend';
import { patrolTooltip } from './patrol-tooltip';
import { clock, routeCardHtml } from './route-card';
import { placeText } from '../../../shared/geo/place-label';
import { ROAD_CLASS_INFO, type RoadClass } from '../../../shared/domain/sites';
import './patrol.css';

const DRIVABLE: RoadClass[] = ['national', 'provincial', 'county', 'village', 'street'];

const shiftLength = (s: ShiftChoice) => ((s.end - s.start + 24) % 24 || 24) * 60;
type Toggles = { risk: boolean; routes: boolean; border: boolean; corridors: boolean; iso: boolean };

export class PatrolView implements TabView {
  readonly tab = 'patrol' as const;
  private ctx!: TabViewContext;
  private lang: Lang = 'zh';
  private stations: Station[] = [];
  private shift: ShiftChoice = { start: 20, end: 2, days: 'weekdays' };
  private units = 2;
  private budgetMin: number | null = null;
  private dwellMin = 10;
  private randomise = false;
  private borderWidth = 2000;
  private corridorWidth = 500;
  private onlyTheft = false;
  private toggles: Toggles = { risk: true, routes: true, border: true, corridors: true, iso: false };
  private plan: RoutePlan | null = null;
  private planRequest: PlanRequest | null = null;
  private risk: Risk | null = null;
  private zones: Zones | null = null;
  private corridors: Corridors | null = null;
  private iso: Isochrones | null = null;
  private error: string | null = null;
  private planning = false;
  private loaded = false;
  // Layer data, rebuilt only when its source data changes (deck.gl compares by identity).
  private riskCells: RiskCellDatum[] = [];
  private riskMax = 0;
  private routeData: RouteDatum[] = [];
  private stopData: StopDatum[] = [];
  /** the stops' markers at the zoom they were clustered for (stop-clusters.ts) */
  private markers: { zoom: number; stops: StopDatum[]; markers: StopMarker[] } | null = null;
  private zoneFeatures: FeatureCollection<Geometry, { name: string; incidents: number; kind: 'zone' }> | null = null;
  private crossings: CrossingDatum[] = [];
  private corridorFeatures: FeatureCollection<Geometry, { name: string; incidents: number; kind: 'corridor' }> | null = null;
  private keyPoints: KeyPointDatum[] = [];
  private isoCells: IsoCellDatum[] = [];
  private el!: Record<'station' | 'start' | 'end' | 'days' | 'units' | 'budget' | 'dwell' | 'random' | 'go' | 'result' | 'risk' | 'border' | 'corridors' | 'iso' | 'error' | 'exports' | 'borderWidth' | 'corridorWidth' | 'theft', HTMLElement>;
  private labels: [HTMLElement, PatrolKey][] = [];
  private speedInputs = new Map<RoadClass, HTMLInputElement>();
  private speedLabels = new Map<RoadClass, HTMLElement>();

  mount(container: HTMLElement, ctx: TabViewContext): void {
    this.ctx = ctx;
    const L = (key: PatrolKey, tag: 'h2' | 'span' | 'div' | 'button' = 'span', attrs: Record<string, string> = {}) => {
      const e = h(tag, attrs, pt('zh', key));
      this.labels.push([e, key]);
      return e;
    };
    const hours = (id: string, max: number) => h('select', { id }, ...Array.from({ length: max + 1 }, (_, i) => h('option', { value: i }, `${String(i).padStart(2, '0')}:00`)));
    const num = (id: string, value: number, min: number, max: number) => h('input', { id, type: 'number', value, min, max, step: 1 });
    const days = h('select', { id: 'patrol-days' }, ...(['weekdays', 'weekends', 'all'] as const).map((d) => { const o = h('option', { value: d }); this.labels.push([o, `days.${d}`]); return o; }));
    const preset = (key: PatrolKey, s: ShiftChoice) => {
      const b = L(key, 'button', { type: 'button', class: 'preset', 'data-preset': `${s.start}-${s.end}` });
      b.addEventListener('click', () => this.setShift(s));
      return b;
    };
    const tonight = (): Days => ([0, 6].includes(new Date().getDay()) ? 'weekends' : 'weekdays');
    const check = (id: string, checked: boolean) => h('input', { id, type: 'checkbox', checked });
    this.el = {
      station: h('select', { id: 'patrol-station' }),
      start: hours('patrol-start', 23),
      end: hours('patrol-end', 24),
      days,
      units: num('patrol-units', this.units, 1, 10),
      budget: num('patrol-budget', shiftLength(this.shift), 10, 1440),
      dwell: num('patrol-dwell', this.dwellMin, 0, 120),
      random: check('patrol-random', false),
      go: L('plan.go', 'button', { id: 'patrol-plan-go', type: 'button', class: 'pt-button' }),
      result: h('div', { id: 'patrol-result' }),
      risk: h('div', { id: 'patrol-risk' }),
      border: h('div', { id: 'patrol-border' }),
      corridors: h('div', { id: 'patrol-corridors' }),
      iso: h('div', { id: 'patrol-iso' }),
      error: h('div', { id: 'patrol-error', class: 'pt-error', hidden: true }),
      exports: h('div', { class: 'pt-actions', id: 'patrol-exports', hidden: true }),
      borderWidth: num('patrol-border-width', this.borderWidth, 100, 20000),
      corridorWidth: num('patrol-corridor-width', this.corridorWidth, 50, 5000),
      theft: check('patrol-theft', false),
    };
    const field = (key: PatrolKey, input: HTMLElement) => h('label', { class: 'pt-field' }, L(key), input);
    const layerToggle = (key: keyof Toggles, label: PatrolKey) => {
      const box = check(`patrol-layer-${key}`, this.toggles[key]) as HTMLInputElement;
      box.addEventListener('change', () => {
        this.toggles[key] = box.checked;
        if (key === 'iso' && box.checked && !this.iso) void this.loadIso();
        ctx.rerender();
      });
      return h('label', { class: 'pt-check' }, box, L(label));
    };
    for (const key of ['gpx', 'geojson', 'card'] as const) {
      const b = L(`export.${key}`, 'button', { type: 'button', class: 'pt-link', id: `patrol-export-${key}` });
      b.addEventListener('click', () => void this.export(key));
      this.el.exports.append(b);
    }
    container.append(
      h('section', { class: 'panel-section' },
        L('plan.title', 'h2'),
        field('plan.station', this.el.station),
        h('div', { class: 'pt-sub' }, L('plan.shift')),
        h('div', { class: 'presets' }, preset('plan.tonight', { start: 20, end: 2, days: tonight() }), preset('plan.day', { start: 8, end: 16, days: tonight() }), preset('plan.evening', { start: 16, end: 24, days: tonight() })),
        h('div', { class: 'pt-row' }, field('plan.start', this.el.start), field('plan.end', this.el.end)),
        field('plan.days', this.el.days),
        h('div', { class: 'pt-row' }, field('plan.units', this.el.units), field('plan.dwell', this.el.dwell)),
        field('plan.budget', this.el.budget),
        this.speedsBox(L),
        h('label', { class: 'pt-check' }, this.el.random, L('plan.random')),
        this.el.go,
        this.el.error,
        this.el.result,
        this.el.exports),
      h('section', { class: 'panel-section' }, L('layers.title', 'h2'),
        h('div', { class: 'pt-layers' }, layerToggle('risk', 'layer.risk'), layerToggle('routes', 'layer.routes'), layerToggle('border', 'layer.border'), layerToggle('corridors', 'layer.corridors'), layerToggle('iso', 'iso.title'))),
      h('section', { class: 'panel-section' }, L('risk.title', 'h2'), this.el.risk),
      h('section', { class: 'panel-section' }, L('border.title', 'h2'), h('div', { class: 'pt-row' }, field('border.width', this.el.borderWidth), h('label', { class: 'pt-check' }, this.el.theft, L('border.theft'))), this.el.border),
      h('section', { class: 'panel-section' }, L('corr.title', 'h2'), field('corr.width', this.el.corridorWidth), this.el.corridors),
      h('section', { class: 'panel-section' }, L('iso.title', 'h2'), this.el.iso),
    );
    const sel = (e: HTMLElement) => e as HTMLSelectElement;
    sel(this.el.start).value = String(this.shift.start);
    sel(this.el.end).value = String(this.shift.end);
    sel(this.el.days).value = this.shift.days;
    const onShift = () => this.setShift({ start: Number(sel(this.el.start).value), end: Number(sel(this.el.end).value), days: sel(this.el.days).value as Days });
    for (const e of [this.el.start, this.el.end, this.el.days]) e.addEventListener('change', onShift);
    this.el.go.addEventListener('click', () => void this.planRoutes());
    // Stops that overlap are clustered per zoom: re-cluster after a zoom.
    ctx.map.map.on('zoomend', () => { if (this.stopData.length && ctx.store.state.tab === this.tab) ctx.rerender(); });
    this.el.borderWidth.addEventListener('change', () => { this.borderWidth = this.numberOf(this.el.borderWidth, 2000); void this.loadZones(); });
    this.el.corridorWidth.addEventListener('change', () => { this.corridorWidth = this.numberOf(this.el.corridorWidth, 500); void this.loadCorridors(); });
    this.el.theft.addEventListener('change', () => { this.onlyTheft = (this.el.theft as HTMLInputElement).checked; void this.loadZones(); });
  }

  /** Travel speed per road class (km/h), prefilled with the defaults; sent only when changed. */
  private speedsBox(L: (key: PatrolKey, tag?: 'span') => HTMLElement): HTMLElement {
    const grid = h('div', { class: 'pt-speeds' });
    for (const c of DRIVABLE) {
      const input = h('input', { id: `patrol-speed-${c}`, type: 'number', min: 5, max: 150, step: 5, value: ROAD_CLASS_INFO[c].speedKmh });
      const label = h('span', {}, ROAD_CLASS_INFO[c].zh);
      this.speedInputs.set(c, input);
      this.speedLabels.set(c, label);
      grid.append(h('label', { class: 'pt-field' }, label, input));
    }
    return h('details', { class: 'pt-details' }, h('summary', {}, L('plan.speeds')), grid);
  }

  private speeds(): Partial<Record<RoadClass, number>> | undefined {
    const out: Partial<Record<RoadClass, number>> = {};
    for (const [c, input] of this.speedInputs) {
      const v = Number(input.value);
      if (Number.isFinite(v) && v > 0 && v !== ROAD_CLASS_INFO[c].speedKmh) out[c] = v;
    }
    return Object.keys(out).length ? out : undefined;
  }

  private numberOf(e: HTMLElement, fallback: number): number {
    const v = Number((e as HTMLInputElement).value);
    return Number.isFinite(v) ? v : fallback;
  }

  private setShift(s: ShiftChoice): void {
    this.shift = s;
    (this.el.start as HTMLSelectElement).value = String(s.start);
    (this.el.end as HTMLSelectElement).value = String(s.end);
    (this.el.days as HTMLSelectElement).value = s.days;
    (this.el.budget as HTMLInputElement).value = String(shiftLength(s));
    void this.loadRisk();
  }

  onActivate(): void {
    if (this.loaded) return;
    this.loaded = true;
    void this.guard('patrol-stations', async () => {
      this.stations = (await patrolApi.stations()).stations;
      const sel = this.el.station as HTMLSelectElement;
      sel.replaceChildren(...this.stations.map((s) => h('option', { value: s.id, 'data-name': s.name, 'data-units': s.units }, pt(this.lang, 'plan.stationOption', { name: s.name, units: s.units }))));
    });
    void this.loadRisk();
    void this.loadZones();
    void this.loadCorridors();
    void this.loadIso();
  }

  onFilterChange(): void {
    if (!this.loaded) return;
    void this.loadRisk();
    void this.loadZones();
    void this.loadCorridors();
    if (this.iso) void this.loadIso();
  }

  private allCategories(): number {
    return this.ctx.meta.categories.length;
  }

  private async guard(key: string, work: () => Promise<void>): Promise<void> {
    this.ctx.setBusy(key, true);
    try {
      await work();
      this.error = null;
    } catch (err) {
      if (!isAbort(err)) this.error = err instanceof Error ? err.message : String(err);
    } finally {
      this.ctx.setBusy(key, false);
      this.ctx.rerender();
    }
  }

  private loadRisk(): Promise<void> {
    this.el.risk.replaceChildren(h('p', { class: 'pt-muted' }, pt(this.lang, 'loading')));
    return this.guard('patrol-risk', async () => {
      const shift = { ...this.shift };
      const risk = await patrolApi.risk(shift, this.ctx.store.state.filter, this.allCategories());
      if (JSON.stringify(shift) !== JSON.stringify(this.shift)) return;
      this.risk = risk;
      const top = new Map(risk.top.map((c) => [c.cell, c]));
      this.riskCells = risk.cells.map((c) => ({ ...c, rank: top.get(c.cell)?.rank, place: top.get(c.cell)?.place }));
      this.riskMax = risk.cells[0]?.risk ?? 0;
    });
  }

  private loadZones(): Promise<void> {
    return this.guard('patrol-zones', async () => {
      const z = await patrolApi.zones(this.borderWidth, this.ctx.store.state.filter, this.allCategories(), this.onlyTheft);
      this.zones = z;
      this.zoneFeatures = {
        type: 'FeatureCollection',
        features: z.neighbours.flatMap((n) => [
          ...(n.zone ? [{ type: 'Feature' as const, geometry: n.zone, properties: { name: n.name, incidents: n.incidents.total, kind: 'zone' as const } }] : []),
          { type: 'Feature' as const, geometry: n.border, properties: { name: n.name, incidents: n.incidents.total, kind: 'zone' as const } },
        ]),
      };
      this.crossings = z.neighbours.flatMap((n) => n.crossings.map((c) => ({ lon: c.lon, lat: c.lat, roadName: c.roadName, neighbour: n.name, status: c.camera.status, nearestM: c.camera.nearestM, distanceM: c.camera.distanceM })));
    });
  }

  private loadCorridors(): Promise<void> {
    return this.guard('patrol-corridors', async () => {
      const c = await patrolApi.corridors(this.corridorWidth, this.ctx.store.state.filter, this.allCategories());
      this.corridors = c;
      this.corridorFeatures = {
        type: 'FeatureCollection',
        features: c.corridors.filter((x) => x.band).map((x) => ({ type: 'Feature' as const, geometry: x.band!, properties: { name: x.name, incidents: x.incidents.total, kind: 'corridor' as const } })),
      };
      this.keyPoints = c.corridors.flatMap((x) => x.keyPoints.map((k) => ({ ...k, corridor: x.name })));
    });
  }

  private loadIso(): Promise<void> {
    this.el.iso.replaceChildren(h('p', { class: 'pt-muted' }, pt(this.lang, 'loading')));
    return this.guard('patrol-iso', async () => {
      const iso = await patrolApi.isochrones(this.ctx.store.state.filter, this.allCategories());
      this.iso = iso;
      this.isoCells = iso.bands.flatMap((b, band) => b.ring.map((cell) => ({ cell, band, minutes: b.minutes })));
    });
  }

  private request(): PlanRequest | null {
    const stationId = Number((this.el.station as HTMLSelectElement).value);
    if (!stationId) return null;
    const f = this.ctx.store.state.filter;
    this.units = Math.round(this.numberOf(this.el.units, 2));
    this.dwellMin = this.numberOf(this.el.dwell, 10);
    this.budgetMin = this.numberOf(this.el.budget, shiftLength(this.shift));
    this.randomise = (this.el.random as HTMLInputElement).checked;
    const speeds = this.speeds();
    return {
      ...(speeds ? { speeds } : {}),
      stationId, ...this.shift, units: this.units, budgetMin: this.budgetMin, dwellMin: this.dwellMin,
      ...(this.randomise ? { seed: Math.floor(Math.random() * 1e9) } : {}),
      ...(f.categories.length !== this.allCategories() ? { categories: f.categories } : {}),
      ...(f.code ? { code: f.code } : {}),
    };
  }

  private async planRoutes(): Promise<void> {
    const req = this.request();
    if (!req || this.planning) return;
    this.planning = true;
    (this.el.go as HTMLButtonElement).disabled = true;
    this.el.go.textContent = pt(this.lang, 'plan.running');
    await this.guard('patrol-plan', async () => {
      const plan = await patrolApi.plan(req);
      this.plan = plan;
      this.planRequest = req;
      this.routeData = plan.routes.map((r) => ({ unit: r.unit, path: r.path }));
      this.stopData = plan.routes.flatMap((r) => r.stops.map((s) => ({ unit: r.unit, order: s.order, lon: s.lon, lat: s.lat, label: String(s.order), place: placeText(s.place), risk: s.risk, count: s.count, eta: clock(plan.shift.startHour, s.arriveMin), leave: clock(plan.shift.startHour, s.departMin) })));
      const pts = [...plan.routes.flatMap((r) => r.path), [plan.station.lon, plan.station.lat] as [number, number]];
      if (pts.length > 1) {
        const xs = pts.map((p) => p[0]), ys = pts.map((p) => p[1]);
        this.ctx.map.fitBbox([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]);
      }
    });
    this.planning = false;
    (this.el.go as HTMLButtonElement).disabled = false;
    this.el.go.textContent = pt(this.lang, 'plan.go');
    this.ctx.rerender();
  }

  private async export(kind: 'gpx' | 'geojson' | 'card'): Promise<void> {
    if (!this.plan || !this.planRequest) return;
    if (kind === 'card') {
      const w = window.open('', '_blank'); // opened in the click itself, or the browser blocks it
      if (!w) return;
      w.document.write('<!doctype html><meta charset="utf-8"><p style="font-family:sans-serif">正在生成路线卡…</p>');
      const plan = this.plan;
      let image: string | null = null;
      await this.guard('patrol-card', async () => {
        const pts = [...plan.routes.flatMap((r) => r.path), [plan.station.lon, plan.station.lat] as [number, number]];
        const xs = pts.map((p) => p[0]), ys = pts.map((p) => p[1]);
        image = await this.ctx.map.snapshot([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)], 40);
      });
      w.document.open();
      w.document.write(routeCardHtml(plan, new Date(), image));
      w.document.close();
      w.focus(); // the card shows first; its own button prints it
      return;
    }
    // Same request (same seed) as the plan on screen, so the file matches what is drawn.
    await this.guard('patrol-export', async () => {
      const text = await patrolApi.exportText(this.planRequest!, kind);
      const blob = new Blob([text], { type: kind === 'gpx' ? 'application/gpx+xml' : 'application/geo+json' });
      const a = h('a', { href: URL.createObjectURL(blob), download: `patrol-${this.plan!.station.id}.${kind}` });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.getAttribute('href')!), 10_000);
    });
  }

  private flyTo = (lon: number, lat: number) => this.ctx.map.map.flyTo({ center: [lon, lat], zoom: 13 });

  render(state: AppState): void {
    this.lang = state.lang;
    for (const [e, key] of this.labels) e.textContent = pt(state.lang, key);
    for (const [c, e] of this.speedLabels) e.textContent = state.lang === 'zh' ? ROAD_CLASS_INFO[c].zh : ROAD_CLASS_INFO[c].en;
    for (const o of Array.from((this.el.station as HTMLSelectElement).options)) o.textContent = pt(state.lang, 'plan.stationOption', { name: o.dataset.name ?? '', units: o.dataset.units ?? '' });
    if (this.planning) this.el.go.textContent = pt(state.lang, 'plan.running');
    this.el.error.hidden = !this.error;
    this.el.error.textContent = this.error ? pt(state.lang, 'error', { msg: this.error }) : '';
    this.el.result.replaceChildren(this.plan ? planResult(state.lang, this.plan, this.flyTo) : h('p', { class: 'pt-muted' }, pt(state.lang, 'plan.empty')));
    this.el.exports.hidden = !this.plan;
    if (this.risk) {
      const days = pt(state.lang, `days.${this.shift.days}`);
      this.el.risk.replaceChildren(h('p', { class: 'pt-note' }, pt(state.lang, 'risk.note', { shift: `${clock(this.shift.start, 0)}–${clock(this.shift.end, 0)}`, days, n: formatNumber(state.lang, this.risk.incidents) })), riskList(state.lang, this.risk, this.flyTo));
    }
    if (this.zones) this.el.border.replaceChildren(borderList(state.lang, this.zones, this.flyTo));
    if (this.corridors) this.el.corridors.replaceChildren(corridorList(state.lang, this.corridors));
    if (this.iso) this.el.iso.replaceChildren(isoTable(state.lang, this.iso));
  }

  /** The stop markers at the map's zoom, re-clustered only when the zoom or the stops changed. */
  private stopMarkers(): StopMarker[] {
    const zoom = this.ctx.map.map.getZoom();
    if (!this.markers || this.markers.stops !== this.stopData || Math.abs(this.markers.zoom - zoom) > 1e-3)
      this.markers = { zoom, stops: this.stopData, markers: clusterStops(this.stopData, zoom) };
    return this.markers.markers;
  }

  layers(state: AppState): Layer[] {
    const on = state.tab === this.tab;
    const station = this.plan ? { lon: this.plan.station.lon, lat: this.plan.station.lat, name: this.plan.station.name } : null;
    const stops = this.stopMarkers();
    // The place names give way to the drawn stops and the station (map/label-space.ts).
    const shown = on && this.toggles.routes;
    this.ctx.map.labelSpace.reserve('patrol-stops', shown ? [
      ...stops.map((m) => ({ lon: m.lon, lat: m.lat, w: 2 * m.radiusPx + 4, h: 2 * m.radiusPx + 4 })),
      ...(station ? [{ lon: station.lon, lat: station.lat, w: 28, h: 28 }] : []),
    ] : []);
    return [
      ...createPatrolAreaLayers({
        risk: { cells: this.riskCells, max: this.riskMax, visible: on && this.toggles.risk },
        zones: { features: this.zoneFeatures, crossings: this.crossings, visible: on && this.toggles.border },
        corridors: { features: this.corridorFeatures, keyPoints: this.keyPoints, visible: on && this.toggles.corridors },
        iso: { cells: this.isoCells, visible: on && this.toggles.iso },
        beforeId: this.ctx.labelLayerId(),
      }),
      ...createRouteLayers({ routes: this.routeData, stops, station, visible: on && this.toggles.routes, beforeId: this.ctx.labelLayerId() }),
    ];
  }

  legend(state: AppState): HTMLElement[] {
    if (state.tab !== this.tab) return [];
    return patrolLegend(state.lang, {
      plan: this.toggles.routes ? this.plan : null,
      risk: this.toggles.risk ? this.risk : null,
      riskCells: this.riskCells,
      riskMax: this.riskMax,
      zones: this.toggles.border ? this.zones : null,
      crossings: this.crossings,
      corridors: this.toggles.corridors ? this.corridors : null,
      keyPoints: this.keyPoints,
      iso: this.toggles.iso ? this.iso : null,
    });
  }

  tooltip(info: PickingInfo, state: AppState): { html: string; className: string } | null {
    return patrolTooltip(info, state.lang, this.plan);
  }
}

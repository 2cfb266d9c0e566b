// The dispatchers' view (巡逻防控): plan tonight's patrols from a station (routes that collect the most
// shift risk, with ETAs, exports and a printable card), see the shift's risk cells, the border zones with
// their crossings and camera status (平安边界), the rail / national-road corridors (护路联防) and the
// response isochrones of all stations. The form is patrol-form.ts, the layer data patrol-layer-data.ts, the
// exports patrol-exports.ts; this file loads the answers and puts the pieces on the page and the map.
import type { Layer, PickingInfo } from '@deck.gl/core';
import { isAbort } from '../../api';
import { formatNumber, type Lang } from '../../i18n';
import { createPatrolAreaLayers } from '../../layers/patrol-zone-layers';
import { createRouteLayers, type StopDatum, type StopMarker } from '../../layers/route-layer';
import { clusterStops } from '../../layers/stop-clusters';
import type { AppState } from '../../state';
import { h } from '../dom';
import type { TabView, TabViewContext } from '../tab-view';
import { patrolApi, type PlanRequest, type ShiftChoice, type Station } from './patrol-api';
import { downloadRoutes, openRouteCard, type ExportKind } from './patrol-exports';
import { PatrolForm, shiftLength, type Toggles } from './patrol-form';
import { pt } from './patrol-i18n';
import { PatrolLayerData } from './patrol-layer-data';
import { borderList, corridorList, isoTable, planResult, riskList } from './patrol-panel';
import { patrolLegend } from './patrol-legend';
import { patrolTooltip } from './patrol-tooltip';
import { clock, useJurisdictionCategories } from './route-card';
import './patrol.css';

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
  private planRequest: PlanRequest | null = null;
  private data = new PatrolLayerData();
  private error: string | null = null;
  private planning = false;
  private loaded = false;
  /** the stops' markers at the zoom they were clustered for (stop-clusters.ts) */
  private markers: { zoom: number; stops: StopDatum[]; markers: StopMarker[] } | null = null;
  private form!: PatrolForm;

  mount(container: HTMLElement, ctx: TabViewContext): void {
    this.ctx = ctx;
    useJurisdictionCategories(ctx.meta.categories);
    this.form = new PatrolForm(container, { shift: this.shift, units: this.units, dwellMin: this.dwellMin, borderWidth: this.borderWidth, corridorWidth: this.corridorWidth }, this.toggles, {
      setShift: (s) => this.setShift(s),
      plan: () => void this.planRoutes(),
      exportAs: (kind) => void this.export(kind),
      toggled: (key, on) => {
        if (key === 'iso' && on && !this.data.iso) void this.loadIso();
        ctx.rerender();
      },
      borderWidth: () => { this.borderWidth = this.form.numberOf('borderWidth', 2000); void this.loadZones(); },
      corridorWidth: () => { this.corridorWidth = this.form.numberOf('corridorWidth', 500); void this.loadCorridors(); },
      onlyTheft: (on) => { this.onlyTheft = on; void this.loadZones(); },
    });
    // Stops that overlap are clustered per zoom: re-cluster after a zoom.
    ctx.map.map.on('zoomend', () => { if (this.data.stopData.length && ctx.store.state.tab === this.tab) ctx.rerender(); });
  }

  private get el() {
    return this.form.el;
  }

  private setShift(s: ShiftChoice): void {
    this.shift = s;
    this.form.showShift(s);
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
    if (this.data.iso) void this.loadIso();
  }

  private allCategories(): number {
    return this.ctx.meta.categories.length;
  }

  private guard = async (key: string, work: () => Promise<void>): Promise<void> => {
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
  };

  private loadRisk(): Promise<void> {
    this.el.risk.replaceChildren(h('p', { class: 'pt-muted' }, pt(this.lang, 'loading')));
    return this.guard('patrol-risk', async () => {
      const shift = { ...this.shift };
      const risk = await patrolApi.risk(shift, this.ctx.store.state.filter, this.allCategories());
      if (JSON.stringify(shift) !== JSON.stringify(this.shift)) return;
      this.data.setRisk(risk);
    });
  }

  private loadZones(): Promise<void> {
    return this.guard('patrol-zones', async () => {
      this.data.setZones(await patrolApi.zones(this.borderWidth, this.ctx.store.state.filter, this.allCategories(), this.onlyTheft));
    });
  }

  private loadCorridors(): Promise<void> {
    return this.guard('patrol-corridors', async () => {
      this.data.setCorridors(await patrolApi.corridors(this.corridorWidth, this.ctx.store.state.filter, this.allCategories()));
    });
  }

  private loadIso(): Promise<void> {
    this.el.iso.replaceChildren(h('p', { class: 'pt-muted' }, pt(this.lang, 'loading')));
    return this.guard('patrol-iso', async () => {
      this.data.setIso(await patrolApi.isochrones(this.ctx.store.state.filter, this.allCategories()));
    });
  }

  private request(): PlanRequest | null {
    const stationId = Number((this.el.station as HTMLSelectElement).value);
    if (!stationId) return null;
    const f = this.ctx.store.state.filter;
    this.units = Math.round(this.form.numberOf('units', 2));
    this.dwellMin = this.form.numberOf('dwell', 10);
    this.budgetMin = this.form.numberOf('budget', shiftLength(this.shift));
    this.randomise = (this.el.random as HTMLInputElement).checked;
    const speeds = this.form.speeds();
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
      this.data.setPlan(plan);
      this.planRequest = req;
      const bbox = this.data.planBbox();
      if (bbox && plan.routes.some((r) => r.path.length > 0)) this.ctx.map.fitBbox(bbox);
    });
    this.planning = false;
    (this.el.go as HTMLButtonElement).disabled = false;
    this.el.go.textContent = pt(this.lang, 'plan.go');
    this.ctx.rerender();
  }

  private async export(kind: ExportKind): Promise<void> {
    const plan = this.data.plan;
    if (!plan || !this.planRequest) return;
    if (kind === 'card') return openRouteCard(plan, this.data.planBbox()!, this.ctx.map, this.guard);
    return downloadRoutes(plan, this.planRequest, kind, this.guard);
  }

  private flyTo = (lon: number, lat: number) => this.ctx.map.map.flyTo({ center: [lon, lat], zoom: 13 });

  render(state: AppState): void {
    this.lang = state.lang;
    this.form.relabel(state.lang);
    if (this.planning) this.el.go.textContent = pt(state.lang, 'plan.running');
    this.el.error.hidden = !this.error;
    this.el.error.textContent = this.error ? pt(state.lang, 'error', { msg: this.error }) : '';
    const { plan, risk, zones, corridors, iso } = this.data;
    this.el.result.replaceChildren(plan ? planResult(state.lang, plan, this.flyTo) : h('p', { class: 'pt-muted' }, pt(state.lang, 'plan.empty')));
    this.el.exports.hidden = !plan;
    if (risk) {
      const days = pt(state.lang, `days.${this.shift.days}`);
      this.el.risk.replaceChildren(h('p', { class: 'pt-note' }, pt(state.lang, 'risk.note', { shift: `${clock(this.shift.start, 0)}–${clock(this.shift.end, 0)}`, days, n: formatNumber(state.lang, risk.incidents) })), riskList(state.lang, risk, this.flyTo));
    }
    if (zones) this.el.border.replaceChildren(borderList(state.lang, zones, this.flyTo));
    if (corridors) this.el.corridors.replaceChildren(corridorList(state.lang, corridors));
    if (iso) this.el.iso.replaceChildren(isoTable(state.lang, iso));
  }

  /** The stop markers at the map's zoom, re-clustered only when the zoom or the stops changed. */
  private stopMarkers(): StopMarker[] {
    const zoom = this.ctx.map.map.getZoom();
    const stops = this.data.stopData;
    if (!this.markers || this.markers.stops !== stops || Math.abs(this.markers.zoom - zoom) > 1e-3)
      this.markers = { zoom, stops, markers: clusterStops(stops, zoom) };
    return this.markers.markers;
  }

  layers(state: AppState): Layer[] {
    const on = state.tab === this.tab;
    const d = this.data;
    const station = d.plan ? { lon: d.plan.station.lon, lat: d.plan.station.lat, name: d.plan.station.name } : null;
    const stops = this.stopMarkers();
    // The place names give way to the drawn stops and the station (map/label-space.ts).
    const shown = on && this.toggles.routes;
    this.ctx.map.labelSpace.reserve('patrol-stops', shown ? [
      ...stops.map((m) => ({ lon: m.lon, lat: m.lat, w: 2 * m.radiusPx + 4, h: 2 * m.radiusPx + 4 })),
      ...(station ? [{ lon: station.lon, lat: station.lat, w: 28, h: 28 }] : []),
    ] : []);
    return [
      ...createPatrolAreaLayers({
        risk: { cells: d.riskCells, max: d.riskMax, visible: on && this.toggles.risk },
        zones: { features: d.zoneFeatures, crossings: d.crossings, visible: on && this.toggles.border },
        corridors: { features: d.corridorFeatures, keyPoints: d.keyPoints, visible: on && this.toggles.corridors },
        iso: { cells: d.isoCells, visible: on && this.toggles.iso },
        beforeId: this.ctx.labelLayerId(),
      }),
      ...createRouteLayers({ routes: d.routeData, stops, station, visible: shown, beforeId: this.ctx.labelLayerId() }),
    ];
  }

  legend(state: AppState): HTMLElement[] {
    if (state.tab !== this.tab) return [];
    const d = this.data;
    return patrolLegend(state.lang, {
      plan: this.toggles.routes ? d.plan : null,
      risk: this.toggles.risk ? d.risk : null,
      riskCells: d.riskCells,
      riskMax: d.riskMax,
      zones: this.toggles.border ? d.zones : null,
      crossings: d.crossings,
      corridors: this.toggles.corridors ? d.corridors : null,
      keyPoints: d.keyPoints,
      iso: this.toggles.iso ? d.iso : null,
    });
  }

  tooltip(info: PickingInfo, state: AppState): { html: string; className: string } | null {
    return patrolTooltip(info, state.lang, this.data.plan);
  }
}

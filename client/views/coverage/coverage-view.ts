// The planners' view (监控覆盖): camera sectors on the map, the coverage ledger against the targets with
// its gaps, the siting optimiser, and what-if editing (add, drag, rotate, switch off) held as a scenario of
// edits — the server recomputes the ledger for every edit; the cameras table is never written.
import type { Layer, PickingInfo } from '@deck.gl/core';
import type { MapLayerMouseEvent } from 'maplibre-gl';
import { isAbort, type Rgb } from '../../api';
import { formatNumber, type Lang } from '../../i18n';
import { createGapLayers, CROSSINGS_LAYER_ID, GAP_COLOUR, COVERED_COLOUR, GAP_ROADS_LAYER_ID, GAP_SITES_LAYER_ID, HANDLES_LAYER_ID, type Handle } from '../../layers/coverage-gap-layers';
import { createProposedPointsLayer, createSectorLayer, EDITED_SECTOR_LAYER_ID, OFFLINE_SECTOR, PROPOSED_POINTS_LAYER_ID, PROPOSED_COLOUR, SECTOR_LAYER_ID, toSectorData, type SectorCamera, type SectorDatum } from '../../layers/sector-layer';
import { rgbCss } from '../../layers/colour-scale';
import type { AppState } from '../../state';
import { h } from '../dom';
import type { TabView, TabViewContext } from '../tab-view';
import { bearingDeg, offsetMeters } from '../../../server/analysis/geo';
import { FACE_SITE_KINDS, NEW_CAMERA_SPECS, PLANNABLE_KINDS, type PlannableKind } from '../../../server/domain/coverage';
import { coverageApi, type CameraEdit, type CrossingRow, type Ledger, type PlanResponse, type RoadGap, type SiteGap } from './coverage-api';
import { ct } from './coverage-i18n';
import { ledgerTables, planTable, totalShortfall } from './coverage-panel';
import './coverage.css';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const WHATIF_DEBOUNCE_MS = 40;
/** Sectors are tens of metres: below this zoom they are sub-pixel, so the 18,000 polygons are not drawn. */
export const SECTOR_MIN_ZOOM = 12;

/** Applies scenario edits to the stored cameras, as the server does, for drawing. */
export function applyEditsLocally(base: readonly SectorCamera[], edits: readonly CameraEdit[]): SectorCamera[] {
  const byId = new Map(base.map((c) => [c.id, c] as [string, SectorCamera | null]));
  for (const e of edits) {
    if (e.op === 'add') byId.set(e.id, { id: e.id, kind: e.kind, status: e.status ?? 'online', lon: e.lon, lat: e.lat, bearing: e.bearing, fov: e.fov, rangeM: e.rangeM, proposed: true });
    else if (e.op === 'remove') byId.set(e.id, null);
    else {
      const c = byId.get(e.id);
      if (c) byId.set(e.id, { ...c, ...Object.fromEntries(Object.entries(e).filter(([k, v]) => k !== 'op' && v !== undefined)), proposed: true } as SectorCamera);
    }
  }
  return [...byId.values()].filter((c): c is SectorCamera => c !== null);
}

export class CoverageView implements TabView {
  readonly tab = 'coverage' as const;
  private ctx!: TabViewContext;
  private root!: HTMLElement;
  private base: SectorCamera[] = [];
  private baseCode: string | null = null;
  private edits: CameraEdit[] = [];
  /** stored cameras' sectors: built once per jurisdiction, never rebuilt by edits */
  private baseSectors: SectorDatum[] = [];
  /** the network as the scenario has it (for the legend) */
  private current: SectorCamera[] = [];
  /** added or changed cameras in their scenario state */
  private edited: SectorDatum[] = [];
  private hidden = new Set<string>();
  private baseIds = new Set<string>();
  private hiddenVersion = 0;
  private proposed: SectorDatum[] = [];
  private combined: { edited: SectorDatum[]; proposed: SectorDatum[]; selectedId: string | null; all: SectorDatum[]; points: SectorDatum[] } | null = null;
  private ledger: Ledger | null = null;
  private ledgerMs = 0;
  private ledgerKey = '';
  private version = 0;
  private plan: PlanResponse | null = null;
  private planning = false;
  private accepted: { predicted: number; recomputed: number | null } | null = null;
  private double = false;
  private mode: 'idle' | 'add' = 'idle';
  private selectedId: string | null = null;
  private dragging: Handle['role'] | null = null;
  private error: string | null = null;
  private message: string | null = null;
  private whatIfAbort: AbortController | null = null;
  private whatIfTimer: ReturnType<typeof setTimeout> | undefined;
  private addCount = 0;
  private sectorsShown = false;
  private planRound = 0;
  private k = 20;
  private budgetMode = false;
  private budget = 500000;
  private kinds = new Set<PlannableKind>(['public']);
  private kindColours: Record<string, Rgb> = {};
  private empty: { roads: RoadGap[]; sites: SiteGap[]; crossings: CrossingRow[] } = { roads: [], sites: [], crossings: [] };

  mount(container: HTMLElement, ctx: TabViewContext): void {
    this.ctx = ctx;
    this.root = container;
    this.kindColours = Object.fromEntries(ctx.meta.cameraKinds.map((k) => [k.id, k.color]));
    const map = ctx.map.map;
    map.on('click', (e) => this.onMapClick(e));
    map.on('mousedown', (e) => this.onMouseDown(e));
    map.on('mousemove', (e) => this.onMouseMove(e));
    map.on('mouseup', () => this.onMouseUp());
    map.on('zoomend', () => {
      const show = map.getZoom() >= SECTOR_MIN_ZOOM;
      if (show !== this.sectorsShown) (this.sectorsShown = show), this.active && ctx.rerender();
    });
    this.sectorsShown = map.getZoom() >= SECTOR_MIN_ZOOM;
  }

  onActivate(state: AppState): void {
    void this.ensureData(state);
  }

  onFilterChange(_filter: unknown, state: AppState): void {
    if (state.tab === this.tab) void this.ensureData(state);
  }

  private get active(): boolean {
    return this.ctx.store.state.tab === this.tab;
  }

  /** Cameras of the jurisdiction and the ledger for the current options, loaded when they changed. */
  private async ensureData(state: AppState): Promise<void> {
    const code = state.filter.code;
    if (this.baseCode !== code) {
      this.baseCode = code;
      this.ctx.setBusy('coverage-cameras', true);
      try {
        const { cameras } = await coverageApi.cameras(code);
        if (this.baseCode !== code) return;
        this.base = cameras.map((c) => ({ id: c.id, kind: c.kind, status: c.status, lon: c.lon, lat: c.lat, bearing: c.bearing, fov: c.fov, rangeM: c.rangeM, name: c.name }));
        this.baseSectors = toSectorData(this.base);
        this.baseIds = new Set(this.base.map((c) => c.id));
        this.rebuildSectors();
      } catch (err) {
        if (!isAbort(err)) this.error = err instanceof Error ? err.message : String(err);
      } finally {
        this.ctx.setBusy('coverage-cameras', false);
      }
    }
    this.refreshLedger(true);
  }

  private request() {
    const s = this.ctx.store.state;
    return { code: s.filter.code, level: s.level, double: this.double ? [...FACE_SITE_KINDS] : undefined, edits: this.edits };
  }

  /** Asks for the ledger of the current scenario; during a drag requests are debounced and superseded. */
  private refreshLedger(force = false): void {
    const req = this.request();
    const key = JSON.stringify(req);
    if (!force && key === this.ledgerKey) return;
    if (key === this.ledgerKey && this.ledger) return;
    this.ledgerKey = key;
    clearTimeout(this.whatIfTimer);
    this.ctx.setBusy('coverage-ledger', true);
    this.whatIfTimer = setTimeout(async () => {
      this.whatIfAbort?.abort();
      const abort = (this.whatIfAbort = new AbortController());
      const t0 = performance.now();
      try {
        const r = await coverageApi.whatIf(req, abort.signal);
        if (abort.signal.aborted) return;
        this.ledger = r.ledger;
        this.ledgerMs = performance.now() - t0;
        this.version++;
        this.error = null;
        if (this.accepted && this.accepted.recomputed === null) this.accepted.recomputed = totalShortfall(r.ledger);
      } catch (err) {
        if (!isAbort(err)) this.error = err instanceof Error ? err.message : String(err);
      } finally {
        if (this.whatIfAbort === abort) this.ctx.setBusy('coverage-ledger', false);
        this.ctx.rerender();
      }
    }, this.dragging ? WHATIF_DEBOUNCE_MS : 0);
  }

  private rebuildSectors(): void {
    this.current = applyEditsLocally(this.base, this.edits);
    const touched = new Set(this.edits.map((e) => e.id));
    this.edited = toSectorData(this.current.filter((c) => touched.has(c.id)));
    // Only stored cameras are hidden in the big layer; re-colouring its 18,000 sectors is the expensive
    // part of an edit, so it happens only when that set changes (not while a new camera is dragged).
    const hidden = new Set([...touched].filter((id) => this.baseIds.has(id)));
    if (hidden.size !== this.hidden.size || [...hidden].some((id) => !this.hidden.has(id))) {
      this.hidden = hidden;
      this.hiddenVersion++;
    }
  }

  private setEdits(edits: CameraEdit[]): void {
    this.edits = edits;
    this.rebuildSectors();
    this.refreshLedger();
    this.ctx.rerender();
  }

  /** Changes one camera: edits an 'add' in place, merges into a trailing update, or appends an update. */
  private patchCamera(id: string, patch: Partial<Pick<SectorCamera, 'lon' | 'lat' | 'bearing' | 'status'>>): void {
    const edits = [...this.edits];
    const addIdx = edits.findIndex((e) => e.op === 'add' && e.id === id);
    const last = edits[edits.length - 1];
    if (addIdx >= 0) edits[addIdx] = { ...(edits[addIdx] as Extract<CameraEdit, { op: 'add' }>), ...patch };
    else if (last && last.op === 'update' && last.id === id) edits[edits.length - 1] = { ...last, ...patch };
    else edits.push({ op: 'update', id, ...patch });
    this.setEdits(edits);
  }

  private selected(): SectorDatum | undefined {
    if (!this.selectedId) return undefined;
    return this.overlayData().find((s) => s.id === this.selectedId);
  }

  private handles(): Handle[] {
    const c = this.selected();
    if (!c) return [];
    return [
      { role: 'move', position: [c.lon, c.lat] },
      { role: 'rotate', position: offsetMeters([c.lon, c.lat], c.rangeM * 1.15, c.bearing) },
    ];
  }

  private pick(x: number, y: number, layerIds: string[]): PickingInfo | null {
    return this.ctx.map.overlay.pickObject({ x, y, radius: 4, layerIds });
  }

  private onMapClick(e: MapLayerMouseEvent): void {
    if (!this.active) return;
    if (this.mode === 'add') {
      const id = `NEW-${String(++this.addCount).padStart(3, '0')}`;
      const spec = NEW_CAMERA_SPECS.public;
      this.mode = 'idle';
      this.selectedId = id;
      this.setEdits([...this.edits, { op: 'add', id, kind: 'public', lon: e.lngLat.lng, lat: e.lngLat.lat, bearing: 0, fov: spec.fov, rangeM: spec.rangeM }]);
      return;
    }
    const hit = this.pick(e.point.x, e.point.y, [PROPOSED_POINTS_LAYER_ID, EDITED_SECTOR_LAYER_ID, SECTOR_LAYER_ID]);
    if (hit?.object) {
      this.selectedId = (hit.object as SectorDatum).id;
      this.ctx.rerender();
    }
  }

  private onMouseDown(e: MapLayerMouseEvent): void {
    if (!this.active || !this.selectedId) return;
    const hit = this.pick(e.point.x, e.point.y, [HANDLES_LAYER_ID]);
    if (!hit?.object) return;
    this.dragging = (hit.object as Handle).role;
    this.ctx.map.map.dragPan.disable();
    e.preventDefault();
  }

  private onMouseMove(e: MapLayerMouseEvent): void {
    if (!this.dragging || !this.selectedId) return;
    const c = this.selected();
    if (!c) return;
    if (this.dragging === 'move') this.patchCamera(c.id, { lon: e.lngLat.lng, lat: e.lngLat.lat });
    else this.patchCamera(c.id, { bearing: Math.round(bearingDeg([c.lon, c.lat], [e.lngLat.lng, e.lngLat.lat])) });
  }

  private onMouseUp(): void {
    if (!this.dragging) return;
    this.dragging = null;
    this.ctx.map.map.dragPan.enable();
    this.refreshLedger(true);
  }

  private async suggest(): Promise<void> {
    const req = { ...this.request(), kinds: [...this.kinds], ...(this.budgetMode ? { budgetYuan: this.budget } : { k: this.k }) };
    this.planning = true;
    this.plan = null;
    this.proposed = [];
    this.ctx.setBusy('coverage-plan', true);
    this.ctx.rerender();
    try {
      this.plan = await coverageApi.plan(req);
      this.planRound++;
      this.proposed = toSectorData(this.plan.plan.cameras.map((c) => ({ ...c, id: `P${this.planRound}-${c.id.replace('PLAN-', '')}`, status: 'online' as const, proposed: true })));
      this.error = null;
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    } finally {
      this.planning = false;
      this.ctx.setBusy('coverage-plan', false);
      this.ctx.rerender();
    }
  }

  private acceptPlan(): void {
    if (!this.plan) return;
    const adds: CameraEdit[] = this.proposed.map((c) => ({ op: 'add', id: c.id, kind: c.kind, lon: c.lon, lat: c.lat, bearing: c.bearing, fov: c.fov, rangeM: c.rangeM }));
    this.accepted = { predicted: totalShortfall(this.plan.predicted), recomputed: null };
    this.plan = null;
    this.proposed = [];
    this.setEdits([...this.edits, ...adds]);
  }

  private exportPlan(format: 'csv' | 'geojson'): void {
    const cams = this.plan ? this.plan.plan.cameras : this.edited.map(({ polygon: _p, proposed: _x, status: _s, name: _n, ...c }) => c);
    if (!cams.length) return;
    void coverageApi.download('/api/coverage/plan/export', `camera-plan.${format}`, { format, cameras: cams }).catch((err: unknown) => {
      this.error = err instanceof Error ? err.message : String(err);
      this.ctx.rerender();
    });
  }

  private async saveScenario(name: string): Promise<void> {
    try {
      const r = await coverageApi.saveScenario(name, this.edits);
      this.message = ct(this.ctx.store.state.lang, 'saved', { id: r.id });
      this.error = null;
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    }
    this.ctx.rerender();
  }

  // ---- rendering ----

  render(state: AppState): void {
    if (!this.root || state.tab !== this.tab) return;
    if (this.ledger && !this.dragging) this.refreshLedger(); // level or options changed
    const lang = state.lang;
    const sections: HTMLElement[] = [this.ledgerSection(lang), this.optimiserSection(lang), this.whatIfSection(lang)];
    this.root.replaceChildren(...sections);
  }

  private ledgerSection(lang: Lang): HTMLElement {
    const double = h('input', { type: 'checkbox', id: 'cov-double', checked: this.double });
    double.addEventListener('change', () => {
      this.double = double.checked;
      this.refreshLedger();
    });
    const s = this.ctx.store.state;
    const csv = h('a', { class: 'link-button', id: 'cov-export-ledger', href: `/api/coverage/ledger.csv?code=${s.filter.code}&level=${s.level}${this.double ? `&double=${FACE_SITE_KINDS.join(',')}` : ''}`, download: 'coverage-ledger.csv' }, ct(lang, 'exportCsv'));
    const body = this.ledger
      ? ledgerTables(lang, this.ledger, (code) => this.ctx.store.updateFilter({ code }))
      : [h('div', { class: 'cov-note', id: 'cov-loading' }, ct(lang, 'loadingLedger'))];
    return h(
      'section',
      { class: 'panel-section', id: 'cov-ledger', 'data-version': String(this.version) },
      h('h2', {}, ct(lang, 'ledger'), ' ', csv),
      h('div', { class: 'cov-note' }, ct(lang, 'ledgerNote'), this.ledger ? ` · ${ct(lang, 'ledgerMs', { ms: Math.round(this.ledgerMs) })}` : ''),
      h('label', { class: 'layer-toggle' }, double, ct(lang, 'doubleFace')),
      ...(this.error ? [h('div', { class: 'cov-error', role: 'alert' }, this.error)] : []),
      ...body,
    );
  }

  private optimiserSection(lang: Lang): HTMLElement {
    const modeK = h('button', { type: 'button', class: `preset${this.budgetMode ? '' : ' active'}` }, ct(lang, 'modeK'));
    const modeB = h('button', { type: 'button', class: `preset${this.budgetMode ? ' active' : ''}` }, ct(lang, 'modeBudget'));
    modeK.addEventListener('click', () => ((this.budgetMode = false), this.ctx.rerender()));
    modeB.addEventListener('click', () => ((this.budgetMode = true), this.ctx.rerender()));
    const input = this.budgetMode
      ? h('input', { type: 'number', id: 'cov-budget', min: 1000, step: 1000, value: this.budget })
      : h('input', { type: 'number', id: 'cov-k', min: 1, max: 500, value: this.k });
    input.addEventListener('change', () => {
      const v = Number(input.value);
      if (!(v > 0)) return;
      if (this.budgetMode) this.budget = v;
      else this.k = Math.min(500, Math.round(v));
      this.ctx.rerender();
    });
    const kinds = PLANNABLE_KINDS.map((k) => {
      const box = h('input', { type: 'checkbox', checked: this.kinds.has(k), 'data-kind': k });
      box.addEventListener('change', () => {
        if (box.checked) this.kinds.add(k);
        else if (this.kinds.size > 1) this.kinds.delete(k);
        this.ctx.rerender();
      });
      const meta = this.ctx.meta.cameraKinds.find((x) => x.id === k);
      return h('label', { class: 'cov-kind' }, box, `${meta ? (lang === 'zh' ? meta.zh : meta.en) : k} ¥${formatNumber(lang, NEW_CAMERA_SPECS[k].costYuan)}`);
    });
    const go = h('button', { type: 'button', id: 'cov-suggest', class: 'cov-button', disabled: this.planning }, this.planning ? ct(lang, 'planning') : this.budgetMode ? ct(lang, 'suggestBudget') : ct(lang, 'suggest', { k: this.k }));
    go.addEventListener('click', () => void this.suggest());
    const result: HTMLElement[] = [];
    if (this.plan) {
      const accept = h('button', { type: 'button', id: 'cov-accept', class: 'cov-button' }, ct(lang, 'accept'));
      accept.addEventListener('click', () => this.acceptPlan());
      result.push(...planTable(lang, this.plan), h('div', { class: 'cov-actions' }, accept, this.exportButton(lang, 'csv'), this.exportButton(lang, 'geojson')));
    }
    if (this.accepted) {
      const r = this.accepted.recomputed;
      result.push(h('div', { class: 'cov-predicted', id: 'cov-recomputed', 'data-predicted': String(this.accepted.predicted), 'data-recomputed': r === null ? '' : String(r) },
        lang === 'zh' ? `已采纳: 预测缺口 ${this.accepted.predicted} · 重新计算 ${r ?? '…'}` : `Accepted: predicted shortfall ${this.accepted.predicted} · recomputed ${r ?? '…'}`));
    }
    return h(
      'section',
      { class: 'panel-section', id: 'cov-optimiser' },
      h('h2', {}, ct(lang, 'optimiser')),
      h('div', { class: 'presets' }, modeK, modeB),
      h('label', { class: 'cov-field' }, this.budgetMode ? ct(lang, 'budget') : ct(lang, 'count'), input),
      h('div', { class: 'cov-kinds' }, ...kinds),
      go,
      ...result,
    );
  }

  private exportButton(lang: Lang, format: 'csv' | 'geojson'): HTMLElement {
    const b = h('button', { type: 'button', class: 'link-button', id: `cov-export-${format}` }, format === 'csv' ? ct(lang, 'exportPlanCsv') : ct(lang, 'exportPlanGeo'));
    b.addEventListener('click', () => this.exportPlan(format));
    return b;
  }

  private whatIfSection(lang: Lang): HTMLElement {
    const add = h('button', { type: 'button', id: 'cov-add', class: `preset${this.mode === 'add' ? ' active' : ''}` }, ct(lang, 'addCamera'));
    add.addEventListener('click', () => ((this.mode = this.mode === 'add' ? 'idle' : 'add'), this.ctx.rerender()));
    const reset = h('button', { type: 'button', id: 'cov-reset', class: 'preset', disabled: this.edits.length === 0 }, ct(lang, 'reset'));
    reset.addEventListener('click', () => ((this.selectedId = null), (this.accepted = null), this.setEdits([])));
    const name = h('input', { type: 'text', id: 'cov-scenario-name', placeholder: ct(lang, 'scenarioName'), value: '' });
    const save = h('button', { type: 'button', id: 'cov-save', class: 'preset', disabled: this.edits.length === 0 }, ct(lang, 'save'));
    save.addEventListener('click', () => void this.saveScenario(name.value.trim() || new Date().toISOString().slice(0, 16)));
    const rows: HTMLElement[] = [
      h('div', { class: 'cov-note' }, ct(lang, 'whatifHelp')),
      h('div', { class: 'presets' }, add, reset),
      ...(this.mode === 'add' ? [h('div', { class: 'cov-hint' }, ct(lang, 'addHint'))] : []),
      h('div', { class: 'cov-note', id: 'cov-edits', 'data-edits': String(this.edits.length) }, this.edits.length ? ct(lang, 'edits', { n: this.edits.length }) : ct(lang, 'noEdits')),
    ];
    const sel = this.selected();
    if (sel) {
      const bearing = h('input', { type: 'range', id: 'cov-bearing', min: 0, max: 359, value: Math.round(sel.bearing) });
      bearing.addEventListener('input', () => this.patchCamera(sel.id, { bearing: Number(bearing.value) }));
      const online = h('input', { type: 'checkbox', id: 'cov-online', checked: sel.status === 'online' });
      online.addEventListener('change', () => this.patchCamera(sel.id, { status: online.checked ? 'online' : 'offline' }));
      const remove = h('button', { type: 'button', class: 'link-button', id: 'cov-remove' }, ct(lang, 'remove'));
      remove.addEventListener('click', () => {
        const isNew = this.edits.some((e) => e.op === 'add' && e.id === sel.id);
        this.selectedId = null;
        this.setEdits(isNew ? this.edits.filter((e) => e.id !== sel.id) : [...this.edits, { op: 'remove', id: sel.id }]);
      });
      const deselect = h('button', { type: 'button', class: 'link-button' }, ct(lang, 'deselect'));
      deselect.addEventListener('click', () => ((this.selectedId = null), this.ctx.rerender()));
      rows.push(
        h('div', { class: 'cov-selected', id: 'cov-selected', 'data-id': sel.id, 'data-lon': sel.lon.toFixed(6), 'data-lat': sel.lat.toFixed(6), 'data-bearing': String(Math.round(sel.bearing)), 'data-status': sel.status },
          h('strong', {}, ct(lang, 'selected', { id: sel.id })),
          h('label', { class: 'cov-field' }, `${ct(lang, 'bearing')} ${Math.round(sel.bearing)}°`, bearing),
          h('label', { class: 'layer-toggle' }, online, ct(lang, 'online')),
          h('div', { class: 'cov-actions' }, remove, deselect)),
      );
    }
    rows.push(h('div', { class: 'cov-actions' }, name, save));
    if (this.message) rows.push(h('div', { class: 'cov-note', id: 'cov-message' }, this.message));
    return h('section', { class: 'panel-section', id: 'cov-whatif' }, h('h2', {}, ct(lang, 'whatif')), ...rows);
  }

  /**
   * The small layer over the stored sectors: scenario cameras, the proposed plan, and the selected camera
   * (so selecting never re-colours the big layer). The same array until one of them changes.
   */
  private overlayData(): SectorDatum[] {
    const sel = this.selectedId;
    const c = this.combined;
    if (c && c.edited === this.edited && c.proposed === this.proposed && c.selectedId === sel) return c.all;
    const all = [...this.edited, ...this.proposed];
    if (sel && !all.some((s) => s.id === sel)) {
      const stored = this.baseSectors.find((s) => s.id === sel);
      if (stored) all.push(stored);
    }
    this.combined = { edited: this.edited, proposed: this.proposed, selectedId: sel, all, points: all.filter((s) => s.proposed) };
    return all;
  }

  layers(state: AppState): Layer[] {
    const visible = state.tab === this.tab;
    const gaps = this.ledger?.gaps;
    return [
      createSectorLayer({ data: this.baseSectors, hidden: this.hidden, hiddenVersion: this.hiddenVersion, kindColours: this.kindColours, visible: visible && (this.sectorsShown || this.mode === 'add' || this.selectedId !== null), selectedId: null, beforeId: this.ctx.labelLayerId() }),
      createSectorLayer({ id: EDITED_SECTOR_LAYER_ID, data: this.overlayData(), kindColours: this.kindColours, visible, selectedId: this.selectedId }),
      createProposedPointsLayer({ data: (this.overlayData(), this.combined!.points), visible }),
      ...createGapLayers({
        roads: gaps?.roads ?? this.empty.roads,
        sites: gaps?.sites ?? this.empty.sites,
        crossings: this.ledger?.crossings ?? this.empty.crossings,
        handles: this.handles(),
        visible,
        version: this.version,
        beforeId: this.ctx.labelLayerId(),
      }),
    ];
  }

  legend(state: AppState): HTMLElement[] {
    if (state.tab !== this.tab) return [];
    const lang = state.lang;
    const online = new Map<string, number>();
    let offline = 0;
    for (const s of this.current) s.status === 'offline' ? offline++ : online.set(s.kind, (online.get(s.kind) ?? 0) + 1);
    const item = (swatch: string, text: string, attrs: Record<string, string> = {}) => h('div', { class: 'legend-item', ...attrs }, h('span', { class: 'swatch', style: swatch }), h('span', { class: 'legend-label' }, text));
    const sectors = h('section', { class: 'legend-section', id: 'legend-sectors', 'data-layer': 'sectors' },
      h('h3', {}, ct(lang, 'legendSectors')),
      ...this.ctx.meta.cameraKinds.map((k) => item(`background:${rgbCss(k.color)};opacity:.6`, `${lang === 'zh' ? k.zh : k.en} ${formatNumber(lang, online.get(k.id) ?? 0)}`, { 'data-kind': k.id })),
      item(`background:transparent;border:1.5px solid ${rgbCss(OFFLINE_SECTOR)}`, `${ct(lang, 'legendOffline')} ${formatNumber(lang, offline)}`, { 'data-kind': 'offline' }),
      item(`background:transparent;border:2px solid ${rgbCss(PROPOSED_COLOUR)}`, ct(lang, 'legendPlan', { n: (this.overlayData(), this.combined!.points.length) })),
      h('div', { class: 'cov-note' }, ct(lang, 'zoomForSectors')));
    const g = this.ledger?.gaps;
    const crossed = this.ledger?.crossings.filter((c) => c.covered).length ?? 0;
    const gapKm = (g?.roads.reduce((s, r) => s + r.lengthM, 0) ?? 0) / 1000;
    const gaps = h('section', { class: 'legend-section', id: 'legend-gaps', 'data-layer': 'gaps' },
      h('h3', {}, ct(lang, 'legendGaps')),
      item(`background:transparent;border:2.5px solid ${rgbCss(GAP_COLOUR)};border-radius:50%`, ct(lang, 'legendGapSites', { n: g?.sites.length ?? 0 }), { 'data-value': String(g?.sites.length ?? 0) }),
      item(`background:${rgbCss(GAP_COLOUR)};height:3px`, ct(lang, 'legendGapRoads', { km: gapKm.toFixed(1) }), { 'data-value': gapKm.toFixed(1) }),
      item(`background:linear-gradient(90deg, ${rgbCss(COVERED_COLOUR)} 50%, ${rgbCss(GAP_COLOUR)} 50%);border-radius:50%`, ct(lang, 'legendCrossings', { covered: crossed, total: this.ledger?.crossings.length ?? 0 })));
    return [sectors, gaps];
  }

  tooltip(info: PickingInfo, state: AppState): { html: string; className: string } | null {
    if (!info.object || !info.layer || state.tab !== this.tab) return null;
    const lang = state.lang;
    const row = (k: string, v: string) => `<div><span class="tip-key">${escape(k)}</span> ${escape(v)}</div>`;
    const id = info.layer.id;
    if (id === SECTOR_LAYER_ID || id === EDITED_SECTOR_LAYER_ID || id === PROPOSED_POINTS_LAYER_ID) {
      const c = info.object as SectorDatum;
      const kind = this.ctx.meta.cameraKinds.find((k) => k.id === c.kind);
      return { className: 'map-tooltip', html: [`<strong>${escape(c.id)}</strong>`, c.name ? `<div>${escape(c.name)}</div>` : '', row(lang === 'zh' ? '类型' : 'Kind', kind ? (lang === 'zh' ? kind.zh : kind.en) : c.kind), row(ct(lang, 'tipBearing'), `${Math.round(c.bearing)}° / ${Math.round(c.fov)}° / ${Math.round(c.rangeM)} m`), row(ct(lang, 'online'), c.status === 'online' ? ct(lang, 'yes') : ct(lang, 'no'))].join('') };
    }
    if (id === GAP_SITES_LAYER_ID) {
      const s = info.object as SiteGap;
      return { className: 'map-tooltip', html: [`<strong>${escape(ct(lang, 'tipSite'))}</strong>`, `<div>${escape(s.name)}</div>`, row(ct(lang, 'tipCameras'), `${s.cameras} (${ct(lang, 'tipNeed')} ${s.need})`)].join('') };
    }
    if (id === GAP_ROADS_LAYER_ID) {
      const r = info.object as RoadGap;
      return { className: 'map-tooltip', html: [`<strong>${escape(ct(lang, 'tipRoad'))}</strong>`, `<div>${escape(r.name)}</div>`, row(ct(lang, 'tipLength'), `${Math.round(r.lengthM)} m`)].join('') };
    }
    if (id === CROSSINGS_LAYER_ID) {
      const c = info.object as CrossingRow;
      return { className: 'map-tooltip', html: [`<strong>${escape(ct(lang, 'tipCrossing'))}</strong>`, `<div>${escape(c.roadName)}</div>`, row(ct(lang, 'tipCameras'), String(c.cameras))].join('') };
    }
    return null;
  }
}

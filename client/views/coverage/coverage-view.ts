// The planners' view (监控覆盖): camera sectors on the map, the coverage ledger against the targets with
// its gaps, the siting optimiser, and what-if editing (add, drag, rotate, switch off) held as a scenario of
// edits — the server recomputes the ledger for every edit; the cameras table is never written.
//
// An edit must show within 200 ms even in a software-rendered browser, so it touches little: the stored
// sectors stay one fill layer whose data never changes (an edit only re-colours it when the set of hidden
// stored cameras changes), the edited cameras are a small layer of their own, gap layers keep their data
// when a new ledger has the same gaps, and only the panel section whose content changed is rebuilt.
// The stored cameras are stored-cameras.ts, the ledger requests coverage-ledger-feed.ts.
import type { Layer, PickingInfo } from '@deck.gl/core';
import { isAbort, type AreaCollection, type AreaLevel, type Rgb } from '../../api';
import { createGapLayers, type Handle } from '../../layers/coverage-gap-layers';
import { createEditedSectorLayer, createProposedPointsLayer, createStoredSectorLayer, type SectorCamera, type SectorDatum } from '../../layers/sector-layer';
import type { AppState } from '../../state';
import type { TabView, TabViewContext } from '../tab-view';
import { FACE_SITE_KINDS, NEW_CAMERA_SPECS } from '../../../shared/domain/coverage';
import { coverageApi, type CameraEdit, type LedgerRequest } from './coverage-api';
import { ct } from './coverage-i18n';
import { coverageLegend, coverageTooltip } from './coverage-legend';
import { CoveragePicker, type DrawnCoverage, type Projection } from './coverage-picker';
import { ledgerKey, ledgerSection, type LedgerModel } from './coverage-ledger-section';
import { CoverageOptimiser } from './coverage-optimiser';
import { PanelSlot } from './coverage-panel';
import { drawScenario, patchEdits, removeCamera, sameIds } from './coverage-scenario';
import { CoverageScenarios } from './coverage-scenarios';
import { WhatIfMapEditing } from './coverage-whatif-map';
import { showSelected, whatIfKey, whatIfSection, type WhatIfModel } from './coverage-whatif-section';
import { GapFocus } from './gap-focus';
import { gapsKey, gapsSection } from './coverage-gaps-section';
import { LedgerFeed } from './coverage-ledger-feed';
import { StoredCameras } from './stored-cameras';
import './coverage.css';

/** Longest an edit waits for its ledger before the map draws it anyway. */
const MAP_WAIT_MS = 250;
/** Sectors are tens of metres: below this zoom they are sub-pixel, so the 18,000 polygons are not drawn. */
export const SECTOR_MIN_ZOOM = 12;

export class CoverageView implements TabView {
  readonly tab = 'coverage' as const;
  private ctx!: TabViewContext;
  private root!: HTMLElement;
  private edits: CameraEdit[] = [];
  /** stored cameras by id, and their sectors: built once per jurisdiction, never rebuilt by edits */
  private cameras = new StoredCameras();
  /** the scenario's touched cameras, the stored ones hidden for them, and the legend's counts */
  private scenario = drawScenario(new Map(), this.cameras.counts, []);
  private hidden = new Set<string>();
  private hiddenVersion = 0;
  private overlay: { key: unknown[]; all: SectorDatum[]; points: SectorDatum[] } | null = null;
  private feed!: LedgerFeed;
  private gapFocus = new GapFocus();
  private showAllGaps = false;
  private double = false;
  private selectedId: string | null = null;
  private error: string | null = null;
  private message: string | null = null;
  private mapTimer: ReturnType<typeof setTimeout> | undefined;
  private addCount = 0;
  private sectorsShown = false;
  private kindColours: Record<string, Rgb> = {};
  private optimiser!: CoverageOptimiser;
  private scenarios!: CoverageScenarios;
  private editing!: WhatIfMapEditing;
  private slots = { ledger: new PanelSlot(), gaps: new PanelSlot(), optimiser: new PanelSlot(), whatIf: new PanelSlot(), scenarios: new PanelSlot() };
  private picker = new CoveragePicker();
  private projection!: Projection;
  /** the area outlines the base layer draws, by level, once downloaded (for hover on the CPU) */
  private areas = new Map<AreaLevel, AreaCollection | null>();

  mount(container: HTMLElement, ctx: TabViewContext): void {
    this.ctx = ctx;
    this.root = container;
    this.root.replaceChildren(this.slots.ledger.el, this.slots.gaps.el, this.slots.optimiser.el, this.slots.whatIf.el, this.slots.scenarios.el);
    this.kindColours = Object.fromEntries(ctx.meta.cameraKinds.map((k) => [k.id, k.color]));
    this.feed = new LedgerFeed({
      ctx,
      request: () => this.request(),
      dragging: () => !!this.editing?.dragging,
      onLedger: (ledger) => this.optimiser.onLedger(ledger),
      setError: (message) => (this.error = message),
      settled: () => (clearTimeout(this.mapTimer), ctx.rerender()),
    });
    this.optimiser = new CoverageOptimiser({
      ctx,
      request: () => this.request(),
      addEdits: (adds) => this.setEdits([...this.edits, ...adds]),
      scenarioCameras: () => this.scenario.edited,
      setError: (message) => (this.error = message),
    });
    this.scenarios = new CoverageScenarios({
      ctx,
      request: () => this.request(),
      open: (name, edits) => this.openScenario(name, edits),
    });
    this.editing = new WhatIfMapEditing({
      map: ctx.map,
      isActive: () => this.active,
      selected: () => this.selected(),
      add: (lon, lat) => this.addCamera(lon, lat),
      storedAt: (lon, lat) => this.storedAt(lon, lat),
      editedAt: (x, y) => this.picker.editedOrProposedAt(x, y, { edited: this.overlayData().all, proposed: this.overlayData().points }, this.projection),
      handleAt: (x, y) => this.picker.handleAt(x, y, this.editing.handles(), this.projection),
      select: (id) => ((this.selectedId = id), ctx.rerender()),
      patch: (id, patch) => this.patchCamera(id, patch),
      dragEnded: () => this.feed.refresh(true),
    });
    const map = ctx.map.map;
    this.projection = {
      project: (p) => map.project(p),
      unproject: (x, y) => {
        const ll = map.unproject([x, y]);
        return [ll.lng, ll.lat];
      },
    };
    map.on('zoomend', () => {
      const show = map.getZoom() >= SECTOR_MIN_ZOOM;
      if (show !== this.sectorsShown) (this.sectorsShown = show), this.active && ctx.rerender();
    });
    this.sectorsShown = map.getZoom() >= SECTOR_MIN_ZOOM;
  }

  onActivate(state: AppState): void {
    this.scenarios.ensureLoaded();
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
    if (this.cameras.code !== code) {
      this.ctx.setBusy('coverage-cameras', true);
      try {
        if ((await this.cameras.load(code)) === 'stale') return;
        this.redrawScenario();
      } catch (err) {
        if (!isAbort(err)) this.error = err instanceof Error ? err.message : String(err);
      } finally {
        this.ctx.setBusy('coverage-cameras', false);
      }
    }
    this.feed.refresh(true);
  }

  private request(): LedgerRequest {
    const s = this.ctx.store.state;
    // The ledger's units go down from townships: a prefecture's county level shows its townships.
    return { code: s.filter.code, level: s.level === 'county' ? ('township' as const) : s.level, double: this.double ? [...FACE_SITE_KINDS] : undefined, edits: this.edits };
  }

  private redrawScenario(): void {
    this.scenario = drawScenario(this.cameras.byId, this.cameras.counts, this.edits);
    // re-colouring the 18,000 stored sectors is the one costly part of an edit: only when the hidden set changes
    if (!sameIds(this.scenario.hidden, this.hidden)) (this.hidden = this.scenario.hidden), this.hiddenVersion++;
  }

  private setEdits(edits: CameraEdit[]): void {
    this.edits = edits;
    this.redrawScenario();
    this.feed.refresh();
    if (this.editing.dragging) return this.ctx.rerender(); // the camera follows the pointer at once
    // Otherwise the map waits for the ledger (one frame with the edit and its gaps, not two: a frame costs
    // hundreds of ms in software GL) or MAP_WAIT_MS, whichever comes first; the panel shows the edit now.
    this.render(this.ctx.store.state);
    clearTimeout(this.mapTimer);
    this.mapTimer = setTimeout(() => this.ctx.rerender(), MAP_WAIT_MS);
  }

  private patchCamera(id: string, patch: Partial<Pick<SectorCamera, 'lon' | 'lat' | 'bearing' | 'status'>>): void {
    this.setEdits(patchEdits(this.edits, id, patch));
  }

  private addCamera(lon: number, lat: number): void {
    const id = `NEW-${String(++this.addCount).padStart(3, '0')}`;
    const spec = NEW_CAMERA_SPECS.public;
    this.selectedId = id;
    this.setEdits([...this.edits, { op: 'add', id, kind: 'public', lon, lat, bearing: 0, fov: spec.fov, rangeM: spec.rangeM }]);
  }

  /** The stored camera drawn under a point (not hidden by the scenario), while stored sectors are drawn. */
  private storedAt(lon: number, lat: number): SectorDatum | undefined {
    if (!this.storedSectorsVisible()) return undefined;
    for (const i of this.cameras.index.at(lon, lat)) if (!this.hidden.has(this.cameras.sectors[i].id)) return this.cameras.sectors[i];
    return undefined;
  }

  private storedSectorsVisible(): boolean {
    return this.active && (this.sectorsShown || this.editing.adding || this.selectedId !== null);
  }

  /**
   * Add mode shows the stored sectors at any zoom; when they are drawn already the map has nothing new to
   * draw, so only the panel changes: a map frame of every sector costs software GL about a second of CPU,
   * which the ledger request of the click that follows would have to share.
   */
  private toggleAdd(): void {
    const shown = this.storedSectorsVisible();
    this.editing.adding = !this.editing.adding;
    if (shown === this.storedSectorsVisible()) this.render(this.ctx.store.state);
    else this.ctx.rerender();
  }

  private selected(): SectorDatum | undefined {
    if (!this.selectedId) return undefined;
    return this.overlayData().all.find((s) => s.id === this.selectedId);
  }

  private async saveScenario(name: string): Promise<void> {
    try {
      const r = await coverageApi.saveScenario(name, this.edits);
      this.message = ct(this.ctx.store.state.lang, 'saved', { name: r.name });
      this.scenarios.openName = r.name;
      this.error = null;
      void this.scenarios.refresh();
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    }
    this.ctx.rerender();
  }

  /** Replaces the scenario by a saved one; new cameras added after it get ids its own do not use. */
  private openScenario(name: string, edits: CameraEdit[]): void {
    this.selectedId = null;
    this.editing.adding = false;
    this.optimiser.forgetAccepted();
    this.optimiser.continueAfter(edits.map((e) => e.id));
    const used = edits.map((e) => /^NEW-(\d+)$/.exec(e.id)).filter((m) => m !== null).map((m) => Number(m[1]));
    this.addCount = Math.max(0, ...used);
    this.message = ct(this.ctx.store.state.lang, 'scenarioOpened', { name });
    this.setEdits(edits);
  }

  // ---- rendering ----

  render(state: AppState): void {
    if (!this.root || state.tab !== this.tab) return;
    if (this.feed.ledger && !this.editing.dragging) this.feed.refresh(); // level or options changed
    const lang = state.lang;
    const s = this.ctx.store.state;
    const ledger: LedgerModel = {
      ledger: this.feed.ledger,
      version: this.feed.version,
      ledgerMs: this.feed.ms,
      error: this.error,
      double: this.double,
      csvHref: `/api/coverage/ledger.csv?code=${s.filter.code}&level=${s.level}${this.double ? `&double=${FACE_SITE_KINDS.join(',')}` : ''}`,
      cameras: { online: [...this.scenario.online.values()].reduce((a, b) => a + b, 0), offline: this.scenario.offline },
    };
    this.slots.ledger.update(ledgerKey(lang, ledger), () =>
      ledgerSection(lang, ledger, { setDouble: (on) => ((this.double = on), this.feed.refresh()), drillInto: (code) => this.ctx.store.updateFilter({ code }) }),
    );
    this.slots.optimiser.update(this.optimiser.key(lang), () => this.optimiser.section(lang));
    const focus = this.focusedGaps();
    this.slots.gaps.update(gapsKey(lang, { focus, all: this.showAllGaps, version: this.feed.version }), () =>
      gapsSection(lang, { focus, all: this.showAllGaps, version: this.feed.version }, {
        toggleAll: () => ((this.showAllGaps = !this.showAllGaps), this.ctx.rerender()),
        flyTo: (lon, lat) => this.ctx.map.map.flyTo({ center: [lon, lat], zoom: Math.max(16, this.ctx.map.map.getZoom()) }),
      }),
    );
    const whatIf: WhatIfModel = { adding: this.editing.adding, edits: this.edits.length, selected: this.selected(), message: this.message, change: this.feed.lastChange };
    this.slots.whatIf.update(whatIfKey(lang, whatIf), () =>
      whatIfSection(lang, whatIf, {
        toggleAdd: () => this.toggleAdd(),
        reset: () => ((this.selectedId = null), (this.message = null), (this.scenarios.openName = null), this.optimiser.forgetAccepted(), this.setEdits([])),
        save: (name) => void this.saveScenario(name),
        setBearing: (id, bearing) => this.patchCamera(id, { bearing }),
        setOnline: (id, online) => this.patchCamera(id, { status: online ? 'online' : 'offline' }),
        remove: (id) => ((this.selectedId = null), this.setEdits(removeCamera(this.edits, id))),
        deselect: () => ((this.selectedId = null), this.ctx.rerender()),
      }),
    );
    showSelected(this.slots.whatIf.el, lang, whatIf.selected);
    this.slots.scenarios.update(this.scenarios.key(lang), () => this.scenarios.section(lang));
  }

  /**
   * The small layer over the stored sectors: scenario cameras, the proposed plan, and the selected camera
   * (so selecting never re-colours the big layer). The same arrays until one of them changes.
   */
  private overlayData(): { all: SectorDatum[]; points: SectorDatum[] } {
    const key = [this.scenario.edited, this.optimiser.proposed, this.selectedId, this.cameras.sectors];
    const o = this.overlay;
    if (o && o.key.every((k, i) => k === key[i])) return o;
    const all = [...this.scenario.edited, ...this.optimiser.proposed];
    const sel = this.selectedId;
    if (sel && !all.some((s) => s.id === sel)) {
      const stored = this.hidden.has(sel) ? undefined : this.cameras.sectors.find((s) => s.id === sel);
      if (stored) all.push(stored);
    }
    this.overlay = { key, all, points: all.filter((s) => s.proposed) };
    return this.overlay;
  }

  layers(state: AppState): Layer[] {
    const visible = state.tab === this.tab;
    const overlay = this.overlayData();
    const handles: Handle[] = this.editing.handles();
    const focus = this.focusedGaps();
    return [
      createStoredSectorLayer({ data: this.cameras.sectors, hidden: this.hidden, hiddenVersion: this.hiddenVersion, kindColours: this.kindColours, visible: visible && this.storedSectorsVisible(), beforeId: this.ctx.labelLayerId() }),
      createEditedSectorLayer({ data: overlay.all, kindColours: this.kindColours, visible, selectedId: this.selectedId }),
      createProposedPointsLayer({ data: overlay.points, visible }),
      ...createGapLayers({ roads: focus.roads, sites: focus.sites, focused: !this.showAllGaps, crossings: this.feed.gaps.crossings, handles, visible, beforeId: this.ctx.labelLayerId() }),
    ];
  }

  /** The gaps the map draws: the top ones, or all on demand (same arrays while nothing changed). */
  private focusedGaps() {
    return this.gapFocus.of(this.feed.gaps.roads, this.feed.gaps.sites, this.showAllGaps);
  }

  /** Where the stored sectors are drawn they show every camera: the camera dots would only bury street labels. */
  hidesCameraDots(state: AppState): boolean {
    return state.tab === this.tab && this.storedSectorsVisible();
  }

  legend(state: AppState): HTMLElement[] {
    if (state.tab !== this.tab) return [];
    return coverageLegend(state.lang, { kinds: this.ctx.meta.cameraKinds, online: this.scenario.online, offline: this.scenario.offline, proposed: this.overlayData().points.length, ledger: this.feed.ledger, gapsShown: this.showAllGaps ? null : this.focusedGaps().top.length });
  }

  tooltip(info: PickingInfo, state: AppState): { html: string; className: string } | null {
    if (state.tab !== this.tab) return null;
    return coverageTooltip(info, state.lang, this.ctx.meta.cameraKinds);
  }

  /** No layer is GPU-pickable on this tab (see coverage-picker.ts): what is under the pointer, found on the CPU. */
  pickOnCpu(info: PickingInfo, state: AppState): PickingInfo | null {
    if (state.tab !== this.tab) return null;
    const hit = this.picker.pick(info.x, info.y, this.drawn(state), this.projection);
    const layer = hit && this.ctx.map.layerById(hit.layerId);
    return hit && layer ? { ...info, picked: true, index: 0, layer, object: hit.object } : null;
  }

  private drawn(state: AppState): DrawnCoverage {
    const overlay = this.overlayData();
    const focus = this.focusedGaps();
    return {
      handles: this.editing.handles(),
      edited: overlay.all,
      proposed: overlay.points,
      sites: focus.sites,
      crossings: this.feed.gaps.crossings,
      roads: focus.roads,
      storedAt: (lon, lat) => this.storedAt(lon, lat),
      cameraDots: state.layers.cameras ? this.cameras.sectors : [],
      areas: state.layers.grids ? this.areasOf(state.level) : null,
    };
  }

  /** The level's outlines from the shared download; null until they arrive (the next hover has them). */
  private areasOf(level: AreaLevel): AreaCollection | null {
    if (!this.areas.has(level)) {
      this.areas.set(level, null);
      this.ctx.geometry(level).then(
        (c) => this.areas.set(level, c),
        () => this.areas.delete(level),
      );
    }
    return this.areas.get(level) ?? null;
  }
}

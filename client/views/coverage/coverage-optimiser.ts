// The siting optimiser of the coverage panel: k cameras or what a budget buys, of the chosen kinds; the plan
// with each camera's marginal gain, its predicted ledger, export, and accepting it into the scenario (after
// which the recomputed shortfall is shown beside the prediction).
import { formatNumber, type Lang } from '../../i18n';
import { toSectorData, type SectorDatum } from '../../layers/sector-layer';
import { NEW_CAMERA_SPECS, PLANNABLE_KINDS, type PlannableKind } from '../../../shared/domain/coverage';
import { h } from '../dom';
import type { TabViewContext } from '../tab-view';
import { coverageApi, type CameraEdit, type Ledger, type LedgerRequest, type PlanResponse } from './coverage-api';
import { ct } from './coverage-i18n';
import { planTable, totalShortfall } from './coverage-panel';

export interface OptimiserHost {
  ctx: TabViewContext;
  /** the ledger request of the current scenario (the plan keeps its edits fixed) */
  request(): LedgerRequest;
  /** adds the accepted plan's cameras to the scenario */
  addEdits(adds: CameraEdit[]): void;
  /** the scenario's own cameras, exported when there is no plan */
  scenarioCameras(): SectorDatum[];
  setError(message: string | null): void;
}

export class CoverageOptimiser {
  plan: PlanResponse | null = null;
  /** the plan's cameras as sectors (purple), until accepted */
  proposed: SectorDatum[] = [];
  private planning = false;
  private accepted: { predicted: number; recomputed: number | null } | null = null;
  private planRound = 0;
  private k = 20;
  private budgetMode = false;
  private budget = 500000;
  private kinds = new Set<PlannableKind>(['public']);

  constructor(private readonly host: OptimiserHost) {}

  /** A new ledger arrived: the first one after accepting a plan is its recomputation. */
  onLedger(ledger: Ledger): void {
    if (this.accepted && this.accepted.recomputed === null) this.accepted.recomputed = totalShortfall(ledger);
  }

  forgetAccepted(): void {
    this.accepted = null;
  }

  /** A reopened scenario holds cameras of earlier plans (P<round>-<n>): later plans number past them. */
  continueAfter(ids: readonly string[]): void {
    for (const id of ids) {
      const m = /^P(\d+)-/.exec(id);
      if (m) this.planRound = Math.max(this.planRound, Number(m[1]));
    }
  }

  private rerender(): void {
    this.host.ctx.rerender();
  }

  private async suggest(): Promise<void> {
    const req = { ...this.host.request(), kinds: [...this.kinds], ...(this.budgetMode ? { budgetYuan: this.budget } : { k: this.k }) };
    this.planning = true;
    this.plan = null;
    this.proposed = [];
    this.host.ctx.setBusy('coverage-plan', true);
    this.rerender();
    try {
      this.plan = await coverageApi.plan(req);
      this.planRound++;
      this.proposed = toSectorData(this.plan.plan.cameras.map((c) => ({ ...c, id: `P${this.planRound}-${c.id.replace('PLAN-', '')}`, status: 'online' as const, proposed: true })));
      this.host.setError(null);
    } catch (err) {
      this.host.setError(err instanceof Error ? err.message : String(err));
    } finally {
      this.planning = false;
      this.host.ctx.setBusy('coverage-plan', false);
      this.rerender();
    }
  }

  private accept(): void {
    if (!this.plan) return;
    const adds: CameraEdit[] = this.proposed.map((c) => ({ op: 'add', id: c.id, kind: c.kind as PlannableKind /* proposed cameras come from the plan's */, lon: c.lon, lat: c.lat, bearing: c.bearing, fov: c.fov, rangeM: c.rangeM }));
    this.accepted = { predicted: totalShortfall(this.plan.predicted), recomputed: null };
    this.plan = null;
    this.proposed = [];
    this.host.addEdits(adds);
  }

  private export(format: 'csv' | 'geojson'): void {
    const cams = this.plan ? this.plan.plan.cameras : this.host.scenarioCameras().map(({ polygon: _p, proposed: _x, status: _s, name: _n, ...c }) => c);
    if (!cams.length) return;
    void coverageApi.download('/api/coverage/plan/export', `camera-plan.${format}`, { format, cameras: cams }).catch((err: unknown) => {
      this.host.setError(err instanceof Error ? err.message : String(err));
      this.rerender();
    });
  }

  /** Re-render the section when this changes. */
  key(lang: Lang): string {
    return [lang, this.planning, this.planRound, this.plan ? 1 : 0, this.budgetMode, this.budget, this.k, [...this.kinds].join(','), JSON.stringify(this.accepted)].join('|');
  }

  section(lang: Lang): HTMLElement {
    const modeK = h('button', { type: 'button', class: `preset${this.budgetMode ? '' : ' active'}` }, ct(lang, 'modeK'));
    const modeB = h('button', { type: 'button', class: `preset${this.budgetMode ? ' active' : ''}` }, ct(lang, 'modeBudget'));
    modeK.addEventListener('click', () => ((this.budgetMode = false), this.rerender()));
    modeB.addEventListener('click', () => ((this.budgetMode = true), this.rerender()));
    const input = this.budgetMode
      ? h('input', { type: 'number', id: 'cov-budget', min: 1000, step: 1000, value: this.budget })
      : h('input', { type: 'number', id: 'cov-k', min: 1, max: 500, value: this.k });
    input.addEventListener('change', () => {
      const v = Number(input.value);
      if (!(v > 0)) return;
      if (this.budgetMode) this.budget = v;
      else this.k = Math.min(500, Math.round(v));
      this.rerender();
    });
    const kinds = PLANNABLE_KINDS.map((k) => {
      const box = h('input', { type: 'checkbox', checked: this.kinds.has(k), 'data-kind': k });
      box.addEventListener('change', () => {
        if (box.checked) this.kinds.add(k);
        else if (this.kinds.size > 1) this.kinds.delete(k);
        this.rerender();
      });
      const meta = this.host.ctx.meta.cameraKinds.find((x) => x.id === k);
      return h('label', { class: 'cov-kind' }, box, `${meta ? (lang === 'zh' ? meta.zh : meta.en) : k} ¥${formatNumber(lang, NEW_CAMERA_SPECS[k].costYuan)}`);
    });
    const go = h('button', { type: 'button', id: 'cov-suggest', class: 'cov-button', disabled: this.planning }, this.planning ? ct(lang, 'planning') : this.budgetMode ? ct(lang, 'suggestBudget') : ct(lang, 'suggest', { k: this.k }));
    go.addEventListener('click', () => void this.suggest());
    const result: HTMLElement[] = [];
    if (this.plan) {
      const accept = h('button', { type: 'button', id: 'cov-accept', class: 'cov-button' }, ct(lang, 'accept'));
      accept.addEventListener('click', () => this.accept());
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
    b.addEventListener('click', () => this.export(format));
    return b;
  }
}

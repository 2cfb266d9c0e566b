// The saved what-if scenarios of the coverage panel: the list (name, when saved, how many edits), reopening
// one into the editor, comparing two (their ledgers side by side, recomputed by the server for the current
// area level), and deleting one (a second press confirms). The scenarios live in the coverage_scenarios
// table behind /api/coverage/scenarios; the cameras table is never written.
import { formatNumber, localDateTime, type Lang } from '../../i18n';
import { h } from '../dom';
import type { TabViewContext } from '../tab-view';
import { coverageApi, type CameraEdit, type Ledger, type LedgerRequest } from './coverage-api';
import { ct, type CoverageKey } from './coverage-i18n';
import { compareLedgers } from './scenario-compare';

export interface SavedScenario { id: string; name: string; createdAt: string; edits: number }

export interface ScenariosHost {
  ctx: TabViewContext;
  /** the current ledger request (code, level, double coverage): comparisons use its options */
  request(): LedgerRequest;
  /** replaces the editor's scenario by a saved one */
  open(name: string, edits: CameraEdit[]): void;
}

interface Comparison { a: { name: string; ledger: Ledger }; b: { name: string; ledger: Ledger } }

export class CoverageScenarios {
  private list: SavedScenario[] | null = null;
  private loading = false;
  private error: string | null = null;
  private confirmDelete: string | null = null;
  private picked: string[] = [];
  private comparison: Comparison | null = null;
  private comparing = false;
  /** the scenario last reopened (its name shows in the what-if section until the edits are reset) */
  openName: string | null = null;
  private round = 0;

  constructor(private readonly host: ScenariosHost) {}

  private rerender(): void {
    this.round++;
    this.host.ctx.rerender();
  }

  private fail(err: unknown): void {
    this.error = err instanceof Error ? err.message : String(err);
  }

  /** Loads the list (first time the tab opens, after a save and after a delete). */
  async refresh(): Promise<void> {
    this.loading = true;
    this.rerender();
    try {
      this.list = (await coverageApi.scenarios()).scenarios;
      this.error = null;
      this.picked = this.picked.filter((id) => this.list!.some((s) => s.id === id));
    } catch (err) {
      this.fail(err);
    } finally {
      this.loading = false;
      this.rerender();
    }
  }

  ensureLoaded(): void {
    if (this.list === null && !this.loading) void this.refresh();
  }

  private async open(s: SavedScenario): Promise<void> {
    try {
      const full = await coverageApi.scenario(s.id);
      this.openName = full.name;
      this.error = null;
      this.host.open(full.name, full.edits);
    } catch (err) {
      this.fail(err);
    }
    this.rerender();
  }

  private async remove(s: SavedScenario): Promise<void> {
    if (this.confirmDelete !== s.id) {
      this.confirmDelete = s.id;
      return this.rerender();
    }
    this.confirmDelete = null;
    try {
      await coverageApi.deleteScenario(s.id);
      if (this.comparison && [this.comparison.a.name, this.comparison.b.name].includes(s.name)) this.comparison = null;
      this.error = null;
    } catch (err) {
      this.fail(err);
    }
    await this.refresh();
  }

  private pick(id: string, on: boolean): void {
    this.picked = on ? [...this.picked.filter((x) => x !== id), id].slice(-2) : this.picked.filter((x) => x !== id);
    this.rerender();
  }

  private async compare(): Promise<void> {
    const chosen = this.picked.map((id) => this.list?.find((s) => s.id === id)).filter((s): s is SavedScenario => !!s);
    if (chosen.length !== 2) return;
    this.comparing = true;
    this.comparison = null;
    this.host.ctx.setBusy('coverage-compare', true);
    this.rerender();
    try {
      const base = this.host.request();
      const [a, b] = await Promise.all(
        chosen.map(async (s) => {
          const full = await coverageApi.scenario(s.id);
          const { ledger } = await coverageApi.ledgerOf({ ...base, edits: full.edits });
          return { name: full.name, ledger };
        }),
      );
      this.comparison = { a, b };
      this.error = null;
    } catch (err) {
      this.fail(err);
    } finally {
      this.comparing = false;
      this.host.ctx.setBusy('coverage-compare', false);
      this.rerender();
      // the table is below the list: bring it into the panel's view
      document.getElementById('cov-compare-table')?.scrollIntoView({ block: 'nearest' });
    }
  }

  key(lang: Lang): string {
    return [lang, this.round].join('|');
  }

  section(lang: Lang): HTMLElement {
    const body: HTMLElement[] = [];
    if (this.error) body.push(h('div', { class: 'cov-error', role: 'alert' }, this.error));
    if (this.list === null) body.push(h('div', { class: 'cov-note', id: 'cov-scenarios-loading' }, ct(lang, this.loading ? 'scenariosLoading' : 'scenariosNone')));
    else if (!this.list.length) body.push(h('div', { class: 'cov-note empty-state', id: 'cov-scenarios-empty' }, ct(lang, 'scenariosNone')));
    else {
      const rows = this.list.map((s) => {
        const pick = h('input', { type: 'checkbox', class: 'cov-scenario-pick', checked: this.picked.includes(s.id), title: ct(lang, 'scenarioPick') });
        pick.addEventListener('change', () => this.pick(s.id, pick.checked));
        const open = h('button', { type: 'button', class: 'link-button cov-scenario-open' }, ct(lang, 'scenarioOpen'));
        open.addEventListener('click', () => void this.open(s));
        const del = h('button', { type: 'button', class: `link-button cov-scenario-delete${this.confirmDelete === s.id ? ' danger' : ''}` }, ct(lang, this.confirmDelete === s.id ? 'scenarioConfirmDelete' : 'remove'));
        del.addEventListener('click', () => void this.remove(s));
        return h('li', { class: 'cov-scenario', 'data-id': s.id },
          h('label', { class: 'cov-scenario-name' }, pick, h('strong', {}, s.name)),
          h('span', { class: 'cov-note' }, ct(lang, 'scenarioMeta', { at: localDateTime(s.createdAt), n: s.edits })),
          h('span', { class: 'cov-actions' }, open, del));
      });
      const go = h('button', { type: 'button', id: 'cov-compare', class: 'preset', disabled: this.picked.length !== 2 || this.comparing }, this.comparing ? ct(lang, 'planning') : ct(lang, 'scenarioCompare'));
      go.addEventListener('click', () => void this.compare());
      body.push(h('ul', { class: 'cov-scenarios', id: 'cov-scenario-list' }, ...rows), h('div', { class: 'cov-actions' }, go, h('span', { class: 'cov-note' }, ct(lang, 'scenarioCompareHint'))));
    }
    if (this.comparison) body.push(comparisonTable(lang, this.comparison));
    return h('section', { class: 'panel-section', id: 'cov-scenarios' }, h('h2', {}, ct(lang, 'scenarios')), ...body);
  }
}

function comparisonTable(lang: Lang, c: Comparison): HTMLElement {
  const signed = (x: number, digits = 0) => (x > 0 ? '+' : x < 0 ? '−' : '±') + formatNumber(lang, Number(Math.abs(x).toFixed(digits)));
  const rows = compareLedgers(c.a.ledger, c.b.ledger).map((r) => {
    const digits = r.kind === 'roads' ? 1 : 0;
    const fig = (x: number) => `${formatNumber(lang, Number(x.toFixed(digits)))}${r.of === null ? '' : ` / ${formatNumber(lang, r.of)}`}`;
    const label = r.kind === 'category' ? ct(lang, `cat_${r.category}` as CoverageKey) : ct(lang, r.kind === 'roads' ? 'compareRoads' : r.kind === 'crossings' ? 'compareCrossings' : 'compareShortfall');
    // fewer is better only for the shortfall
    const better = r.kind === 'shortfall' ? r.delta < 0 : r.delta > 0;
    return h('tr', { 'data-kind': r.kind, 'data-category': r.category, 'data-a': String(r.a), 'data-b': String(r.b) },
      h('td', {}, label), h('td', {}, fig(r.a)), h('td', {}, fig(r.b)), h('td', { class: r.delta === 0 ? '' : better ? 'cov-better' : 'cov-worse' }, signed(r.delta, digits)));
  });
  return h('table', { class: 'cov-table', id: 'cov-compare-table' },
    h('thead', {}, h('tr', {}, h('th', {}, ct(lang, 'category')), h('th', { title: c.a.name }, `A ${c.a.name}`), h('th', { title: c.b.name }, `B ${c.b.name}`), h('th', {}, 'B − A'))),
    h('tbody', {}, ...rows));
}

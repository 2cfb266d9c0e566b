// The coverage panel's tables: the ledger (target categories, road classes, areas, border crossings) and
// the optimiser's plan with each camera's marginal gain. Pure rendering from data to elements.
import { formatNumber, type Lang } from '../../i18n';
import { h } from '../dom';
import type { Ledger, PlanResponse } from './coverage-api';
import { ct, type CoverageKey } from './coverage-i18n';
import { placeText } from '../../../shared/geo/place-label';

const ROAD_NAMES: Record<string, [string, string]> = {
  national: ['国道', 'National'],
  provincial: ['省道', 'Provincial'],
  county: ['县道', 'County'],
  village: ['村道', 'Village'],
  street: ['街路', 'Street'],
  railway: ['铁路', 'Railway'],
};
const KIND_NAMES: Record<string, [string, string]> = { public: ['公共', 'Public'], face: ['人脸', 'Face'], checkpoint: ['卡口', 'Checkpoint'], social: ['社会', 'Social'] };
const nm = (lang: Lang, pair: [string, string] | undefined, fallback: string) => (pair ? pair[lang === 'zh' ? 0 : 1] : fallback);

export const pctText = (p: number | null) => (p === null ? '–' : `${p.toFixed(1)}%`);
const km = (m: number) => (m / 1000).toFixed(1);

export function totalShortfall(l: Ledger): number {
  return l.categories.reduce((s, c) => s + c.shortfall, 0);
}

function table(head: string[], rows: (string | number)[][], attrs: Record<string, string> = {}, rowAttrs?: (i: number) => Record<string, string>): HTMLTableElement {
  return h(
    'table',
    { class: 'cov-table', ...attrs },
    h('thead', {}, h('tr', {}, ...head.map((x) => h('th', {}, x)))),
    h('tbody', {}, ...rows.map((r, i) => h('tr', rowAttrs?.(i) ?? {}, ...r.map((x) => h('td', {}, String(x)))))),
  );
}

export function ledgerTables(lang: Lang, l: Ledger, onUnit: (code: string) => void): HTMLElement[] {
  const cats = table(
    [ct(lang, 'category'), ct(lang, 'sites'), ct(lang, 'covered'), ct(lang, 'pct'), ct(lang, 'target'), ct(lang, 'shortfall')],
    l.categories.map((c) => [ct(lang, `cat_${c.category}` as CoverageKey), c.sites, c.covered, pctText(c.pct), `${c.targetPct}%`, c.shortfall]),
    { id: 'cov-categories' },
    (i) => ({ 'data-category': l.categories[i].category, 'data-shortfall': String(l.categories[i].shortfall), class: l.categories[i].shortfall > 0 ? 'cov-short' : 'cov-met' }),
  );
  const roads = table(
    [ct(lang, 'roadClass'), ct(lang, 'lengthKm'), ct(lang, 'coveredKm'), ct(lang, 'pct'), ct(lang, 'target')],
    l.roads.filter((r) => r.lengthM > 0).map((r) => [nm(lang, ROAD_NAMES[r.roadClass], r.roadClass), km(r.lengthM), km(r.coveredM), pctText(r.pct), r.targetPct === null ? '–' : `${r.targetPct}%`]),
    { id: 'cov-roads' },
  );
  // Worst first: the areas a planner should look at; click to drill into one.
  const units = [...l.units].sort((a, b) => a.sitesCovered / Math.max(1, a.sites) - b.sitesCovered / Math.max(1, b.sites) || b.sites - a.sites);
  const shown = units.slice(0, 25);
  const unitTable = table(
    [ct(lang, 'unitName'), ct(lang, 'siteCov'), ct(lang, 'roadCov')],
    shown.map((u) => [u.name, `${u.sitesCovered}/${u.sites}`, pctText(u.roadM > 0 ? (100 * u.roadCoveredM) / u.roadM : null)]),
    { id: 'cov-units' },
    (i) => ({ 'data-code': shown[i].code, class: 'cov-unit-row', title: shown[i].code }),
  );
  unitTable.addEventListener('click', (e) => {
    const code = (e.target as HTMLElement).closest('tr')?.dataset.code;
    if (code) onUnit(code);
  });
  const crossed = l.crossings.filter((c) => c.covered).length;
  return [
    cats,
    h('h3', { class: 'cov-sub' }, ct(lang, 'roads')),
    roads,
    h('h3', { class: 'cov-sub' }, `${ct(lang, 'crossings')}: ${ct(lang, 'crossingsLine', { covered: crossed, total: l.crossings.length })}`),
    h('h3', { class: 'cov-sub' }, `${ct(lang, 'units')} (${units.length > shown.length ? `${shown.length}/${units.length}` : units.length})`),
    unitTable,
  ];
}

export function planTable(lang: Lang, r: PlanResponse): HTMLElement[] {
  const p = r.plan;
  const rows = p.cameras.map((c, i) => [i + 1, nm(lang, KIND_NAMES[c.kind], c.kind), placeText(c.place), c.gain.toFixed(1), c.newSites, Math.round(c.newRoadM)]);
  return [
    h('div', { class: 'cov-note', id: 'cov-plan-summary' }, ct(lang, 'planSummary', { candidates: formatNumber(lang, p.candidates), demand: formatNumber(lang, p.demandPoints), swaps: p.swaps, ms: Math.round(r.computeMs) })),
    h('div', { class: 'cov-note' }, ct(lang, 'planCost', { n: p.cameras.length, cost: formatNumber(lang, p.costYuan) })),
    h('div', { class: 'cov-predicted', id: 'cov-predicted', 'data-before': String(totalShortfall(r.before)), 'data-after': String(totalShortfall(r.predicted)) },
      ct(lang, 'predicted', { before: totalShortfall(r.before), after: totalShortfall(r.predicted) })),
    h('div', { class: 'cov-plan-scroll' }, table([ct(lang, 'order'), ct(lang, 'kind'), ct(lang, 'place'), ct(lang, 'gain'), ct(lang, 'newSites'), ct(lang, 'newRoad')], rows, { id: 'cov-plan' })),
    h('div', { class: 'cov-note', id: 'cov-gain-note' }, ct(lang, 'gainNote')),
  ];
}

/**
 * One section of the panel, rebuilt only when its key changes: a new ledger replaces the ledger section and
 * leaves the optimiser and what-if sections (and a slider being dragged in them) alone.
 */
export class PanelSlot {
  el: HTMLElement = document.createElement('section');
  private key: string | null = null;

  update(key: string, build: () => HTMLElement): void {
    if (key === this.key) return;
    this.key = key;
    const next = build();
    this.el.replaceWith(next);
    this.el = next;
  }
}

// Legend sections of the leaders' view, with the numbers as text (counts per class, the fixed
// playback breaks), in the same markup as the base legend (legend-section / legend-item) so the
// PNG export and the tests read every legend the same way.

import { formatNumber, t, type Lang } from '../../i18n';
import { classRanges, rgbCss, ZERO_COLOUR, type ClassBreaks } from '../../layers/colour-scale';
import { CHANGE_COLOURS } from '../../layers/change-layer';
import { PATTERN_COLOURS } from '../../layers/emerging-layer';
import { GISTAR_COLOURS, GISTAR_ORDER } from '../../layers/gistar-layer';
import type { AreaLevel } from '../../api';
import { h } from '../dom';
import { EMERGING_PATTERNS, type Change, type Emerging, type Gistar, type GistarClass, type GistarSummary } from './hotspots-api';
import { ht, patternName, type HotspotsKey } from './hotspots-i18n';
import { formatP } from './explain-panel';

function section(id: string, title: string, ...rows: (HTMLElement | null)[]): HTMLElement {
  return h('section', { class: 'legend-section', id: `legend-${id}`, 'data-layer': id }, h('h3', {}, title), ...rows);
}

function item(colour: string, text: string, attrs: Record<string, string | number> = {}, extra = ''): HTMLElement {
  return h('div', { class: 'legend-item', ...attrs },
    h('span', { class: `swatch ${extra}`.trim(), style: `background:${colour}` }),
    h('span', { class: 'legend-label' }, text));
}

const CLASS_KEY: Record<GistarClass, { key: HotspotsKey; summary: keyof GistarSummary }> = {
  3: { key: 'gistar.hot99', summary: 'hot99' },
  2: { key: 'gistar.hot95', summary: 'hot95' },
  1: { key: 'gistar.hot90', summary: 'hot90' },
  0: { key: 'gistar.none', summary: 'none' },
  [-1]: { key: 'gistar.cold90', summary: 'cold90' },
  [-2]: { key: 'gistar.cold95', summary: 'cold95' },
  [-3]: { key: 'gistar.cold99', summary: 'cold99' },
};

export function unitLabel(lang: Lang, unit: AreaLevel | 'h3', resolution: number | null): string {
  return unit === 'h3' ? `H3 ${resolution ?? ''}`.trim() : t(lang, `level.${unit}`);
}

export function gistarLegend(lang: Lang, g: Gistar): HTMLElement {
  const p = (v: number | null) => (v === null ? '—' : formatP(v));
  return section(
    'gistar',
    ht(lang, 'gistar.legend', { unit: unitLabel(lang, g.unit, g.resolution) }),
    ...GISTAR_ORDER.map((c) => {
      const n = g.summary[CLASS_KEY[c].summary];
      return item(GISTAR_COLOURS[c], `${ht(lang, CLASS_KEY[c].key)} ${formatNumber(lang, n)}`, { 'data-class': c, 'data-count': n });
    }),
    g.summary.isolated > 0
      ? item('transparent', `${ht(lang, 'gistar.isolated')} ${formatNumber(lang, g.summary.isolated)}`, { 'data-class': 'isolated', 'data-count': g.summary.isolated }, 'hs-swatch-isolated')
      : null,
    h('div', { class: 'legend-note', id: 'gistar-fdr' }, ht(lang, 'gistar.fdr')),
    h('div', { class: 'legend-note' }, ht(lang, 'gistar.fdrP', { p99: p(g.fdr.p99), p95: p(g.fdr.p95), p90: p(g.fdr.p90) })),
  );
}

export function emergingLegend(lang: Lang, e: Emerging): HTMLElement {
  const stepLabel = ht(lang, e.step === 'week' ? 'step.week' : 'step.month');
  const rows = EMERGING_PATTERNS.filter((p) => p === 'none' || (e.summary[p] ?? 0) > 0).map((p) =>
    item(PATTERN_COLOURS[p], `${patternName(lang, p)} ${formatNumber(lang, e.summary[p] ?? 0)}`, { 'data-pattern': p, 'data-count': e.summary[p] ?? 0 }),
  );
  return section('emerging', ht(lang, 'emerging.legend', { step: stepLabel, n: e.slices.length }), ...rows,
    h('div', { class: 'legend-note' }, ht(lang, 'emerging.clickHint')));
}

/** What the change map could compare, in words; null when it compared the whole chosen window. */
export function changeBaselineNote(lang: Lang, c: Change): string | null {
  const range = (r: { from: string; to: string }) => `${r.from}~${r.to}`;
  if (c.baseline === 'none') return ht(lang, 'change.noBaseline', { start: c.dataRange.from });
  if (!c.compared) return ht(lang, 'change.noCurrent', { end: c.dataRange.to });
  const cmp = { cur: range(c.compared.current), prev: range(c.compared.previous) };
  if (c.baseline === 'partial') return ht(lang, 'change.partial', { start: c.dataRange.from, ...cmp });
  if (c.compared.current.to !== c.current.to || c.compared.current.from !== c.current.from) return ht(lang, 'change.cut', { end: c.dataRange.to, ...cmp });
  return null;
}

export function changeLegend(lang: Lang, c: Change): HTMLElement {
  const range = (r: { from: string; to: string }) => `${r.from}~${r.to}`;
  const note = changeBaselineNote(lang, c);
  const warning = note ? h('div', { class: 'legend-note hs-warning', id: 'change-baseline', 'data-baseline': c.baseline }, note) : null;
  const title = ht(lang, 'change.legend', { cur: range(c.current), prev: range(c.previous) });
  if (!c.compared) // nothing was tested: no class is claimed, not even "no change"
    return section('change', title, warning,
      item(CHANGE_COLOURS.none, `${ht(lang, 'change.untested')} ${formatNumber(lang, c.summary.none)}`, { 'data-class': 'untested', 'data-count': c.summary.none }));
  return section('change', title, warning,
    item(CHANGE_COLOURS.up, `${ht(lang, 'change.up')} ${formatNumber(lang, c.summary.up)}`, { 'data-class': 'up', 'data-count': c.summary.up }),
    item(CHANGE_COLOURS.none, `${ht(lang, 'change.none')} ${formatNumber(lang, c.summary.none)}`, { 'data-class': 'none', 'data-count': c.summary.none }),
    item(CHANGE_COLOURS.down, `${ht(lang, 'change.down')} ${formatNumber(lang, c.summary.down)}`, { 'data-class': 'down', 'data-count': c.summary.down }));
}

/** Class breaks as numbers (shared by the hexagon density and the playback legends). */
export function breaksLegend(id: string, lang: Lang, title: string, breaks: ClassBreaks): HTMLElement {
  return section(id, title,
    item(rgbCss(ZERO_COLOUR), `0 ${t(lang, 'legend.noData')}`, { 'data-min': 0, 'data-max': 0 }, 'swatch-zero'),
    ...classRanges(breaks).map(([lo, hi], i) =>
      item(rgbCss(breaks.colours[i]), lo === hi ? formatNumber(lang, lo) : `${formatNumber(lang, lo)}–${formatNumber(lang, hi)}`, { 'data-min': lo, 'data-max': hi })));
}

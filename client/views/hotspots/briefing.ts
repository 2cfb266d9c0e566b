// The one-page printable briefing (研判简报): title with county and window, the map as an image,
// the KPIs, the ten strongest significant hotspots with their space-time trend, and the ranking.
// It is an overlay (#briefing) with print styles; window.print() runs only when the user asks.

import { formatNumber, formatPercent, formatTime, type Lang } from '../../i18n';
import { h } from '../dom';
import type { Summary } from '../../api';
import type { Emerging, Gistar, Ranking } from './hotspots-api';
import { ht, patternName } from './hotspots-i18n';
import { formatP } from './explain-panel';
import { GISTAR_COLOURS } from '../../layers/gistar-layer';

export interface BriefingData {
  lang: Lang;
  title: string;
  windowLine: string;
  mapImage: string | null;
  summary: Summary | null;
  gistar: Gistar | null;
  emerging: Emerging | null;
  ranking: Ranking | null;
  /** Name and parent path of a grid (or any unit) code, for the hotspot table. */
  placeName: (code: string) => string;
}

const CLASS_LABEL: Record<number, { zh: string; en: string }> = {
  3: { zh: '99%', en: '99%' },
  2: { zh: '95%', en: '95%' },
  1: { zh: '90%', en: '90%' },
};

function kpiBlock(lang: Lang, s: Summary | null): HTMLElement {
  const cards: [string, string, string][] = s
    ? [
        ['total', ht(lang, 'kpi.total'), formatNumber(lang, s.total)],
        ['yoy', ht(lang, 'kpi.yoy'), s.yoyPct === null ? '—' : `${s.yoyPct > 0 ? '+' : ''}${s.yoyPct.toFixed(1)}%`],
        ['closure', ht(lang, 'kpi.closure'), s.closureRate === null ? '—' : formatPercent(lang, s.closureRate)],
        ['resolution', ht(lang, 'kpi.resolution'), s.resolutionRate == null ? '—' : formatPercent(lang, s.resolutionRate)],
        ['open', ht(lang, 'kpi.open'), formatNumber(lang, s.open)],
        ['overdue', ht(lang, 'kpi.overdue'), formatNumber(lang, s.overdue)],
      ]
    : [];
  return h('div', { class: 'brief-kpis' }, ...cards.map(([id, name, value]) =>
    h('div', { class: 'brief-kpi', 'data-kpi': id }, h('div', { class: 'brief-kpi-value' }, value), h('div', { class: 'brief-kpi-label' }, name))));
}

function topTable(d: BriefingData): HTMLElement {
  const { lang, gistar, emerging } = d;
  const trend = new Map((emerging?.cells ?? []).map((c) => [c.id, c.pattern]));
  const hot = (gistar?.cells ?? []).filter((c) => c.class > 0 && c.z !== null).sort((a, b) => (b.z ?? 0) - (a.z ?? 0)).slice(0, 10);
  if (hot.length === 0) return h('p', { class: 'hs-note' }, ht(lang, 'brief.noHot'));
  return h('table', { class: 'brief-table' },
    h('thead', {}, h('tr', {},
      h('th', {}, ht(lang, 'brief.rank')), h('th', {}, ht(lang, 'brief.place')), h('th', { class: 'num' }, ht(lang, 'tip.count')),
      h('th', { class: 'num' }, 'z'), h('th', { class: 'num' }, 'p'), h('th', {}, ht(lang, 'tip.class')), h('th', {}, ht(lang, 'brief.trend')))),
    h('tbody', {}, ...hot.map((c, i) => h('tr', { 'data-code': c.id },
      h('td', {}, String(i + 1)),
      h('td', {}, d.placeName(c.id)),
      h('td', { class: 'num' }, formatNumber(lang, c.count)),
      h('td', { class: 'num' }, (c.z ?? 0).toFixed(2)),
      h('td', { class: 'num' }, formatP(c.p)),
      h('td', {}, h('span', { class: 'swatch', style: `background:${GISTAR_COLOURS[c.class]}` }), ` ${lang === 'zh' ? '热点' : 'hot'} ${CLASS_LABEL[c.class]?.[lang] ?? ''}`),
      h('td', { 'data-pattern': trend.get(c.id) ?? 'none' }, patternName(lang, trend.get(c.id) ?? 'none'))))));
}

function rankingTable(d: BriefingData): HTMLElement {
  const { lang, ranking } = d;
  const rows = [...(ranking?.rows ?? [])].sort((a, b) => b.total - a.total);
  const pct = (r: number | null) => (r === null ? '—' : formatPercent(lang, r));
  return h('table', { class: 'brief-table' },
    h('thead', {}, h('tr', {},
      h('th', {}, ht(lang, 'brief.rank')), h('th', {}, ht(lang, 'ranking.name')), h('th', { class: 'num' }, ht(lang, 'ranking.total')),
      h('th', { class: 'num' }, ht(lang, 'ranking.perK')), h('th', { class: 'num' }, ht(lang, 'ranking.yoy')),
      h('th', { class: 'num' }, ht(lang, 'ranking.closure')), h('th', { class: 'num' }, ht(lang, 'ranking.resolution')),
      h('th', { class: 'num' }, ht(lang, 'ranking.open')), h('th', { class: 'num' }, ht(lang, 'ranking.overdue')))),
    h('tbody', {}, ...rows.map((r, i) => h('tr', { 'data-code': r.code },
      h('td', {}, String(i + 1)), h('td', {}, r.name), h('td', { class: 'num' }, formatNumber(lang, r.total)),
      h('td', { class: 'num' }, r.perThousandHouseholds === null ? '—' : r.perThousandHouseholds.toFixed(1)),
      h('td', { class: 'num' }, r.yoyPct === null ? '—' : `${r.yoyPct > 0 ? '+' : ''}${r.yoyPct.toFixed(1)}%`),
      h('td', { class: 'num' }, pct(r.closureRateEB), r.lowConfidence && r.total > 0 ? ' ⚠' : ''),
      h('td', { class: 'num' }, pct(r.resolutionRate)),
      h('td', { class: 'num' }, formatNumber(lang, r.open)),
      h('td', { class: 'num' }, formatNumber(lang, r.overdue))))));
}

/** Shows the overlay at once (with a loading line) and returns a function that fills it in. */
export function openBriefingShell(lang: Lang, onClose: () => void): { root: HTMLElement; fill(d: BriefingData): void } {
  document.getElementById('briefing')?.remove();
  const close = h('button', { type: 'button', id: 'briefing-close' }, ht(lang, 'brief.close'));
  const print = h('button', { type: 'button', id: 'briefing-print', class: 'primary' }, ht(lang, 'brief.doPrint'));
  const page = h('article', { class: 'brief-page' }, h('p', { class: 'hs-note' }, ht(lang, 'loading')));
  const root = h('div', { id: 'briefing', role: 'dialog', 'aria-modal': 'true', 'data-ready': 'false' },
    h('div', { class: 'brief-toolbar no-print' }, print, close), page);
  close.addEventListener('click', () => {
    root.remove();
    onClose();
  });
  print.addEventListener('click', () => window.print());
  document.body.append(root);
  return {
    root,
    fill(d: BriefingData) {
      const { lang: l } = d;
      page.replaceChildren(
        h('header', { class: 'brief-head' }, h('h1', {}, d.title), h('p', {}, d.windowLine)),
        h('section', { id: 'briefing-map' }, d.mapImage ? h('img', { src: d.mapImage, alt: d.title }) : h('p', { class: 'hs-note' }, '—')),
        h('section', { id: 'briefing-kpis' }, h('h2', {}, ht(l, 'brief.kpis')), kpiBlock(l, d.summary)),
        h('section', { id: 'briefing-top' }, h('h2', {}, ht(l, 'brief.top')), topTable(d)),
        h('section', { id: 'briefing-ranking' }, h('h2', {}, ht(l, 'ranking.title', { level: d.ranking?.level === 'village' ? (l === 'zh' ? '村/社区' : 'Village') : (l === 'zh' ? '乡镇' : 'Township') })), rankingTable(d)),
        h('footer', { class: 'brief-foot' }, ht(l, 'brief.generated', { time: formatTime(l, new Date()) })),
      );
      root.dataset.ready = 'true';
    },
  };
}

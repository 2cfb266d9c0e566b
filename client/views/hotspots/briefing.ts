// The one-page printable briefing (研判简报): title with county and window, the map as an image,
// the KPIs, the open-case backlog (待办与超期), the ten strongest significant hotspots with their space-time trend, and the ranking.
// It is an overlay (#briefing) with print styles; window.print() runs only when the user asks.

import { formatNumber, formatPercent, formatTime, type Lang } from '../../i18n';
import { h } from '../dom';
import type { Summary } from '../../api';
import type { Emerging, Gistar, GistarClass, Ranking, Supervision } from './hotspots-api';
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
  /** Open, overdue and escalated cases per unit and the time-to-close distribution (督办). */
  supervision: Supervision | null;
  /** Name and parent path of a grid (or any unit) code, for the hotspot table. */
  placeName: (code: string) => string;
  /** the issuing unit, "通榆县公安局" */
  issuer: string;
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
      h('td', {}, h('span', { class: 'swatch', style: `background:${GISTAR_COLOURS[c.class as GistarClass]}` }), ` ${lang === 'zh' ? '热点' : 'hot'} ${CLASS_LABEL[c.class]?.[lang] ?? ''}`),
      h('td', { 'data-pattern': trend.get(c.id) ?? 'none' }, patternName(lang, trend.get(c.id) ?? 'none'))))));
}

function rankingTable(d: BriefingData): HTMLElement {
  const { lang, ranking } = d;
  const rows = [...(ranking?.rows ?? [])].sort((a, b) => b.total - a.total).slice(0, 10); // the page holds ten
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

const signed = (v: number) => `${Math.abs(v).toFixed(1)}%`;

/** The key findings as sentences from the figures (nothing claimed that the figures do not show). */
export function findings(d: BriefingData): string[] {
  const zh = d.lang === 'zh';
  const out: string[] = [];
  const s = d.summary;
  if (s) {
    const yoy = s.yoyPct === null ? '' : zh ? `，较去年同期${s.yoyPct >= 0 ? '上升' : '下降'} ${signed(s.yoyPct)}` : `, ${s.yoyPct >= 0 ? 'up' : 'down'} ${signed(s.yoyPct)} on the same period last year`;
    const closure = s.closureRate === null ? '' : zh ? `；办结率 ${formatPercent('zh', s.closureRate)}，超期未办结 ${formatNumber('zh', s.overdue)} 起` : `; ${formatPercent('en', s.closureRate)} closed, ${formatNumber('en', s.overdue)} overdue`;
    out.push(zh ? `期内共接报事件 ${formatNumber('zh', s.total)} 起${yoy}${closure}。` : `${formatNumber('en', s.total)} incidents in the window${yoy}${closure}.`);
  }
  const rows = d.ranking?.rows ?? [];
  const total = rows.reduce((n, r) => n + r.total, 0);
  const most = [...rows].sort((a, b) => b.total - a.total)[0];
  if (most && total > 0)
    out.push(zh ? `事件最多的是${most.name}，${formatNumber('zh', most.total)} 起，占 ${formatPercent('zh', most.total / total)}。` : `Most incidents: ${most.name}, ${formatNumber('en', most.total)} (${formatPercent('en', most.total / total)}).`);
  // Year-on-year only where the counts are large enough to mean something (≥ 30 this period).
  const rise = rows.filter((r) => r.total >= 30 && r.yoyPct !== null && r.yoyPct > 0).sort((a, b) => (b.yoyPct ?? 0) - (a.yoyPct ?? 0))[0];
  if (rise) out.push(zh ? `同比上升最多的是${rise.name}，${formatNumber('zh', rise.total)} 起，较去年同期上升 ${signed(rise.yoyPct!)}。` : `Largest rise: ${rise.name}, ${formatNumber('en', rise.total)}, up ${signed(rise.yoyPct!)} on last year.`);
  const hot = (d.gistar?.cells ?? []).filter((c) => c.class > 0 && c.z !== null).sort((a, b) => (b.z ?? 0) - (a.z ?? 0));
  if (hot.length)
    out.push(zh ? `显著热点网格 ${hot.length} 个（置信度 90% 以上，已控制错误发现率），最强的在${d.placeName(hot[0].id)}。` : `${hot.length} significant hot-spot grids (≥ 90 %, FDR-controlled); the strongest in ${d.placeName(hot[0].id)}.`);
  else out.push(zh ? '期内无统计显著的热点网格。' : 'No statistically significant hot-spot grid in the window.');
  return out;
}

/** "待办与超期": the open-case backlog as sentences from the supervision figures (nothing the figures do not show). */
export function backlogFindings(lang: Lang, s: Supervision | null): string[] {
  if (!s) return [];
  const zh = lang === 'zh';
  const n = (x: number) => formatNumber(lang, x);
  const t = s.totals;
  const out: string[] = [];
  if (t.open === 0) out.push(zh ? '所选范围内没有未办结事件。' : 'No open case in the selection.');
  else {
    const share = formatPercent(lang, t.overdue / t.open);
    const oldest = t.oldestOverdueDays === null ? '' : zh ? `，超期最久的已超出办理时限 ${n(t.oldestOverdueDays)} 天` : `; the longest is ${n(t.oldestOverdueDays)} days past its deadline`;
    out.push(t.overdue > 0
      ? zh ? `未办结事件 ${n(t.open)} 起，其中超期 ${n(t.overdue)} 起，占 ${share}${oldest}。` : `${n(t.open)} open cases, ${n(t.overdue)} of them overdue (${share})${oldest}.`
      : zh ? `未办结事件 ${n(t.open)} 起，均未超期。` : `${n(t.open)} open cases, none overdue.`);
    out.push(zh
      ? `已上报乡镇级 ${n(t.escalatedToTownship)} 起、县级 ${n(t.escalatedToCounty)} 起；督办中 ${n(t.supervised)} 起。`
      : `Escalated: ${n(t.escalatedToTownship)} to the township, ${n(t.escalatedToCounty)} to the county; ${n(t.supervised)} under supervision.`);
    const worst = [...s.units].filter((u) => u.overdue > 0).sort((a, b) => b.overdue - a.overdue || a.code.localeCompare(b.code)).slice(0, 3);
    if (worst.length)
      out.push(zh
        ? `超期最多的是${worst.map((u) => `${u.name}（${n(u.overdue)} 起）`).join('、')}，应重点督办。`
        : `Most overdue: ${worst.map((u) => `${u.name} (${n(u.overdue)})`).join(', ')}.`);
  }
  const ct = s.closeTimes;
  if (ct.closed > 0 && ct.medianDays !== null)
    out.push(zh
      ? `期内已办结 ${n(ct.closed)} 起，办结用时中位数 ${ct.medianDays} 天，90% 在 ${ct.p90Days} 天内办结，平均 ${ct.meanDays} 天。`
      : `${n(ct.closed)} closed in the window: median ${ct.medianDays} days to close, 90% within ${ct.p90Days} days, mean ${ct.meanDays} days.`);
  return out;
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
        h('section', { id: 'briefing-findings' }, h('h2', {}, ht(l, 'brief.findings')), h('ol', { class: 'brief-findings' }, ...findings(d).map((x) => h('li', {}, x)))),
        h('section', { id: 'briefing-backlog' }, h('h2', {}, ht(l, 'brief.backlog')), h('ol', { class: 'brief-findings' }, ...backlogFindings(l, d.supervision).map((x) => h('li', {}, x)))),
        h('section', { id: 'briefing-map' }, d.mapImage ? h('img', { src: d.mapImage, alt: d.title }) : h('p', { class: 'hs-note' }, '—')),
        h('section', { id: 'briefing-kpis' }, h('h2', {}, ht(l, 'brief.kpis')), kpiBlock(l, d.summary)),
        h('section', { id: 'briefing-top' }, h('h2', {}, ht(l, 'brief.top')), topTable(d)),
        h('section', { id: 'briefing-ranking' }, h('h2', {}, ht(l, 'ranking.title', { level: d.ranking?.level === 'village' ? (l === 'zh' ? '村/社区' : 'Village') : (l === 'zh' ? '乡镇' : 'Township') })), rankingTable(d)),
        h('footer', { class: 'brief-foot', id: 'briefing-issued' }, ht(l, 'brief.issued', { unit: d.issuer, date: formatTime(l, new Date()).slice(0, 10) }), ' · ', ht(l, 'brief.generated', { time: formatTime(l, new Date()) })),
      );
      root.dataset.ready = 'true';
    },
  };
}

// Sortable township / village ranking. The closure rate shown is the Empirical-Bayes stabilised one
// (small units are pulled towards the county rate); units the server flags as low-confidence carry a
// ⚠ whose tooltip gives the raw rate and its counts, so nobody is praised or blamed for 2 cases of 2.

import { formatNumber, formatPercent, type Lang } from '../../i18n';
import { h } from '../dom';
import type { Ranking, RankingRow } from './hotspots-api';
import { ht, type HotspotsKey } from './hotspots-i18n';

export type SortKey = 'name' | 'total' | 'perThousandHouseholds' | 'yoyPct' | 'closureRateEB' | 'resolutionRate' | 'open' | 'overdue' | 'escalated';

const COLUMNS: { key: SortKey; label: HotspotsKey; numeric: boolean }[] = [
  { key: 'name', label: 'ranking.name', numeric: false },
  { key: 'total', label: 'ranking.total', numeric: true },
  { key: 'perThousandHouseholds', label: 'ranking.perK', numeric: true },
  { key: 'yoyPct', label: 'ranking.yoy', numeric: true },
  { key: 'closureRateEB', label: 'ranking.closure', numeric: true },
  { key: 'resolutionRate', label: 'ranking.resolution', numeric: true },
  { key: 'open', label: 'ranking.open', numeric: true },
  { key: 'overdue', label: 'ranking.overdue', numeric: true },
  { key: 'escalated', label: 'ranking.escalated', numeric: true },
];

export interface SortState { key: SortKey; desc: boolean }

/** Rows in display order; missing values (null) always sink to the bottom whatever the direction. */
export function sortRows(rows: RankingRow[], sort: SortState): RankingRow[] {
  const dir = sort.desc ? -1 : 1;
  return [...rows].sort((a, b) => {
    if (sort.key === 'name') return dir * a.name.localeCompare(b.name, 'zh-CN');
    const x = a[sort.key], y = b[sort.key];
    if (x === null && y === null) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    return dir * (x - y) || a.code.localeCompare(b.code);
  });
}

const pct = (lang: Lang, r: number | null) => (r === null ? '—' : formatPercent(lang, r));
const signed = (v: number | null) => (v === null ? '—' : `${v > 0 ? '+' : ''}${v.toFixed(1)}%`);

export function renderRanking(
  container: HTMLElement,
  lang: Lang,
  ranking: Ranking | null,
  sort: SortState,
  selectedCode: string,
  handlers: { sort(key: SortKey): void; drill(code: string): void },
): void {
  if (!ranking) return;
  const header = h('tr', {}, ...COLUMNS.map((c) => {
    const active = c.key === sort.key;
    const th = h('th', {
      scope: 'col',
      class: `${c.numeric ? 'num' : ''} ${active ? 'sorted' : ''}`.trim(),
      'data-key': c.key,
      'aria-sort': active ? (sort.desc ? 'descending' : 'ascending') : 'none',
      title: c.key === 'closureRateEB' ? ht(lang, 'ranking.ebNote') : undefined,
    }, ht(lang, c.label), active ? (sort.desc ? ' ▼' : ' ▲') : '');
    th.addEventListener('click', () => handlers.sort(c.key));
    return th;
  }));
  const body = h('tbody');
  for (const row of sortRows(ranking.rows, sort)) {
    const raw = ht(lang, 'ranking.raw', { raw: pct(lang, row.closureRate), closed: row.closed, total: row.total });
    const closure = h('td', { class: 'num', title: `${raw}\n${ht(lang, 'ranking.ebNote')}` }, pct(lang, row.closureRateEB));
    if (row.lowConfidence && row.total > 0) {
      closure.append(h('span', {
        class: 'hs-lowconf',
        title: `${ht(lang, 'ranking.lowConf', { raw: pct(lang, row.closureRate), closed: row.closed, total: row.total })}\n${ht(lang, 'ranking.ebNote')}`,
      }, ' ⚠'));
    }
    const tr = h('tr', {
      'data-code': row.code,
      class: selectedCode.startsWith(row.code) ? 'selected' : undefined,
      title: ht(lang, 'ranking.drill'),
    },
      h('td', { class: 'name' }, row.name),
      h('td', { class: 'num' }, formatNumber(lang, row.total)),
      h('td', { class: 'num' }, row.perThousandHouseholds === null ? '—' : row.perThousandHouseholds.toFixed(1)),
      h('td', { class: `num ${row.yoyPct !== null && row.yoyPct > 0 ? 'bad' : row.yoyPct !== null && row.yoyPct < 0 ? 'good' : ''}` }, signed(row.yoyPct)),
      closure,
      h('td', { class: 'num' }, pct(lang, row.resolutionRate)),
      h('td', { class: 'num' }, formatNumber(lang, row.open)),
      h('td', { class: `num ${row.overdue > 0 ? 'bad' : ''}`, 'data-col': 'overdue' }, formatNumber(lang, row.overdue)),
      h('td', { class: `num ${row.escalated > 0 ? 'warn' : ''}`, 'data-col': 'escalated', title: ht(lang, 'ranking.escalatedNote') }, formatNumber(lang, row.escalated)),
    );
    tr.addEventListener('click', () => handlers.drill(row.code));
    body.append(tr);
  }
  container.replaceChildren(
    h('table', { class: 'hs-ranking', 'data-level': ranking.level, 'data-sort': `${sort.key}:${sort.desc ? 'desc' : 'asc'}` }, h('thead', {}, header), body),
  );
}

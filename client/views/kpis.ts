// KPI strip: what leaders read first (DOMAIN.md: closure rate 办结率, overdue cases, year-on-year).

import type { Summary } from '../api';
import { formatNumber, formatPercent, t, type Lang, type MessageKey } from '../i18n';

interface Kpi {
  id: string;
  label: MessageKey;
  value: string;
  /** The number's unit, shown beside it (件, 天, 小时; a percentage carries its own %). */
  unit?: string;
  note?: string;
  tone?: 'good' | 'bad';
}

/** The average time to close in days, or in hours when under a day (0.4 天 reads worse than 10 小时). */
export function closeTime(lang: Lang, days: number | null): { value: string; unit?: string } {
  if (days === null || !Number.isFinite(days)) return { value: '—' };
  const hours = Math.round(days * 24);
  if (hours < 24) return { value: formatNumber(lang, hours), unit: t(lang, hours === 1 ? 'unit.hour' : 'unit.hours') };
  const value = days.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 1 });
  return { value, unit: t(lang, value === '1' ? 'unit.day' : 'unit.days') };
}

/** The cards, in order: each figure with its unit (a percentage carries its %). */
export function kpis(lang: Lang, s: Summary): Kpi[] {
  const yoy = s.yoyPct;
  const cases = t(lang, 'unit.cases');
  return [
    { id: 'total', label: 'kpi.total', value: formatNumber(lang, s.total), unit: cases },
    { id: 'closure-rate', label: 'kpi.closureRate', value: s.closureRate === null ? '—' : formatPercent(lang, s.closureRate) },
    { id: 'open', label: 'kpi.open', value: formatNumber(lang, s.open), unit: cases },
    { id: 'overdue', label: 'kpi.overdue', value: formatNumber(lang, s.overdue), unit: cases, tone: s.overdue > 0 ? 'bad' : undefined },
    { id: 'close-time', label: 'kpi.closeTime', ...closeTime(lang, s.avgCloseDays) },
    {
      id: 'yoy',
      label: 'kpi.yoy',
      value: yoy === null ? '—' : `${yoy > 0 ? '+' : ''}${yoy.toFixed(1)}%`,
      note: s.previousYear ? t(lang, 'kpi.prevYear', { n: formatNumber(lang, s.previousYear.total) }) : undefined,
      // More incidents than last year is the bad direction for a safety dashboard.
      tone: yoy === null || yoy === 0 ? undefined : yoy > 0 ? 'bad' : 'good',
    },
  ];
}

/** `no-incidents`: the jurisdiction holds no incident yet — an empty state with the import button, not a row
 * of zeros that would look like data. */
export function renderKpis(container: HTMLElement, lang: Lang, summary: Summary | null | 'no-incidents'): void {
  if (summary === 'no-incidents') {
    container.replaceChildren(noIncidentsNotice(lang, 'kpi', 'kpi kpi-empty'));
    return;
  }
  container.replaceChildren(
    ...(summary ? kpis(lang, summary) : []).map((k) => {
      const card = document.createElement('div');
      card.className = `kpi${k.tone ? ` kpi-${k.tone}` : ''}`;
      card.id = `kpi-${k.id}`;
      const value = document.createElement('div');
      value.className = 'kpi-value';
      value.textContent = k.value;
      // the unit beside the figure, not inside it: .kpi-value stays the number alone for whoever reads it
      const figure = document.createElement('div');
      figure.className = 'kpi-figure';
      figure.append(value);
      if (k.unit && k.value !== '—') figure.append(Object.assign(document.createElement('span'), { className: 'kpi-unit', textContent: k.unit }));
      const name = document.createElement('div');
      name.className = 'kpi-label';
      name.textContent = t(lang, k.label);
      card.append(figure, name);
      if (k.note) {
        const note = document.createElement('div');
        note.className = 'kpi-note';
        note.textContent = k.note;
        card.append(note);
      }
      return card;
    }),
  );
}

/** "尚无事件数据 — 导入事件": the notice a panel shows instead of zeros when the jurisdiction holds no incident
 * yet; its button opens the import dialog. `id` prefixes the element ids (kpi-empty, empty-import; ranking-…). */
export function noIncidentsNotice(lang: Lang, id: string, className: string): HTMLElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.id = id === 'kpi' ? 'empty-import' : `${id}-empty-import`;
  button.textContent = t(lang, 'emptyData.import');
  button.addEventListener('click', () => document.getElementById('import-open')?.click());
  const card = document.createElement('div');
  card.className = className;
  card.id = `${id}-empty`;
  card.append(`${t(lang, 'emptyData.incidents')} — `, button);
  return card;
}

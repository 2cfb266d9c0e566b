// The value mapping of an incident import (server/import/value-mapping.ts): every distinct category text of
// the file with its row count and what it maps to — a select of the jurisdiction's categories, the
// suggestions by name similarity first, and "new category…" which opens a small form that adds the value to
// the vocabulary (POST /api/categories) — and the same for the status texts against the workflow's four
// statuses. A change re-runs the dry run; the server remembers the mapping when the import commits.
import type { Lang } from '../../i18n';
import { h } from '../dom';
import { fill, importStrings } from './import-i18n';
import { CASE_STATUSES, CASE_STATUS_NAMES } from '../../../shared/domain/case-workflow';

export interface CategoryOption { id: string; zh: string; en: string; color: [number, number, number]; group?: string }
export interface GroupOption { code: string; zh: string; en: string }
export interface ValueRow { value: string; rows: number; mapped: string | null; by: 'map' | 'vocabulary' | 'remembered' | 'synonym' | null; suggestions: { value: string; score: number }[] }

export interface ValueMappingState {
  categories: CategoryOption[];
  groups: GroupOption[];
  categoryMap: Record<string, string>;
  statusMap: Record<string, string>;
}

const STATUSES = CASE_STATUSES;
const NEW = '__new__';

export async function loadCategoryOptions(): Promise<{ categories: CategoryOption[]; groups: GroupOption[] }> {
  const res = await fetch('/api/categories');
  const body = (await res.json()) as { categories: { code: string; zh: string; en: string; color: [number, number, number]; group: string }[]; groups: GroupOption[] };
  return { categories: body.categories.map((c) => ({ id: c.code, zh: c.zh, en: c.en, color: c.color, group: c.group })), groups: body.groups };
}

export function valueMappingTables(values: { category: ValueRow[]; status: ValueRow[] }, st: ValueMappingState, lang: Lang, onChange: () => void): HTMLElement[] {
  const s = importStrings(lang);
  const label = (id: string) => { const c = st.categories.find((x) => x.id === id); return c ? c[lang] : id; };
  const how = (v: ValueRow) => (v.by ? s.valueBy[v.by] : s.valueUnmapped);
  const out: HTMLElement[] = [];
  const needsWork = values.category.some((v) => !v.mapped) || values.status.some((v) => !v.mapped);
  const cats = h('table', { class: 'import-values', id: 'import-category-values' }, h('caption', {}, s.categoryValues),
    h('thead', {}, h('tr', {}, ...[s.valueCol.value, s.valueCol.rows, s.valueCol.target, s.valueCol.how].map((x) => h('th', {}, x)))));
  const tb = h('tbody');
  for (const v of values.category) {
    const sel = h('select', { class: 'import-value-category', 'data-value': v.value });
    const sugg = new Set(v.suggestions.map((x) => x.value));
    sel.append(h('option', { value: '' }, s.valueUnmapped));
    for (const x of v.suggestions) sel.append(h('option', { value: x.value }, `${label(x.value)} · ${fill(s.suggested, { score: Math.round(x.score * 100) })}`));
    for (const c of st.categories) if (!sugg.has(c.id)) sel.append(h('option', { value: c.id }, c[lang]));
    sel.append(h('option', { value: NEW }, s.newCategory));
    sel.value = st.categoryMap[v.value] ?? v.mapped ?? '';
    const cell = h('td', {}, sel);
    sel.addEventListener('change', () => {
      if (sel.value === NEW) { cell.append(newCategoryForm(v.value, st, lang, (code) => { st.categoryMap[v.value] = code; onChange(); })); return; }
      if (sel.value) st.categoryMap[v.value] = sel.value; else delete st.categoryMap[v.value];
      onChange();
    });
    tb.append(h('tr', { class: v.mapped ? '' : 'unmapped' }, h('td', {}, v.value), h('td', {}, String(v.rows)), cell, h('td', {}, how(v))));
  }
  cats.append(tb);
  out.push(cats);
  if (values.status.length) {
    const stt = h('table', { class: 'import-values', id: 'import-status-values' }, h('caption', {}, s.statusValues),
      h('thead', {}, h('tr', {}, ...[s.valueCol.value, s.valueCol.rows, s.valueCol.target, s.valueCol.how].map((x) => h('th', {}, x)))));
    const sb = h('tbody');
    for (const v of values.status) {
      const sel = h('select', { class: 'import-value-status', 'data-value': v.value }, h('option', { value: '' }, s.valueUnmapped), ...STATUSES.map((x) => h('option', { value: x }, CASE_STATUS_NAMES[x][lang])));
      sel.value = st.statusMap[v.value] ?? v.mapped ?? v.suggestions[0]?.value ?? '';
      sel.addEventListener('change', () => { if (sel.value) st.statusMap[v.value] = sel.value; else delete st.statusMap[v.value]; onChange(); });
      sb.append(h('tr', { class: v.mapped ? '' : 'unmapped' }, h('td', {}, v.value), h('td', {}, String(v.rows)), h('td', {}, sel), h('td', {}, how(v))));
    }
    stt.append(sb);
    out.push(stt);
  }
  // One click takes every unmapped value's best suggestion (category) or the status the select shows.
  const pending = values.category.filter((v) => !v.mapped && v.suggestions.length && !st.categoryMap[v.value]);
  const pendingStatus = values.status.filter((v) => !v.mapped && v.suggestions.length && !st.statusMap[v.value]);
  if (needsWork && (pending.length || pendingStatus.length)) {
    const b = h('button', { type: 'button', id: 'import-apply-suggestions' }, fill(s.applySuggestions, { n: pending.length + pendingStatus.length }));
    b.addEventListener('click', () => {
      for (const v of pending) st.categoryMap[v.value] = v.suggestions[0].value;
      for (const v of pendingStatus) st.statusMap[v.value] = v.suggestions[0].value;
      onChange();
    });
    out.unshift(h('p', { class: 'import-hint' }, s.valueHint, ' ', b));
  }
  return out;
}

function newCategoryForm(value: string, st: ValueMappingState, lang: Lang, onAdded: (code: string) => void): HTMLElement {
  const s = importStrings(lang);
  const zh = h('input', { type: 'text', class: 'import-new-zh', value, size: '10' });
  const en = h('input', { type: 'text', class: 'import-new-en', placeholder: 'English', size: '12' });
  const group = h('select', { class: 'import-new-group' }, ...st.groups.map((g) => h('option', { value: g.code }, g[lang])));
  const colour = h('input', { type: 'color', class: 'import-new-color', value: '#008080' });
  const add = h('button', { type: 'button', class: 'import-new-add' }, s.addCategory);
  const error = h('span', { class: 'import-new-error' });
  const form = h('div', { class: 'import-new-category' }, zh, en, group, colour, add, error);
  add.addEventListener('click', async () => {
    add.disabled = true;
    const res = await fetch('/api/categories', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ zh: zh.value, en: en.value || undefined, group: group.value, color: colour.value }) });
    const body = (await res.json()) as { category?: { code: string; zh: string; en: string; color: [number, number, number]; group: string }; error?: string; errorZh?: string };
    add.disabled = false;
    // An existing name (409) is simply used.
    if (body.category) {
      if (!st.categories.some((c) => c.id === body.category!.code)) st.categories.push({ id: body.category.code, zh: body.category.zh, en: body.category.en, color: body.category.color, group: body.category.group });
      onAdded(body.category.code);
    } else error.textContent = (lang === 'zh' ? body.errorZh : body.error) ?? `HTTP ${res.status}`;
  });
  return form;
}

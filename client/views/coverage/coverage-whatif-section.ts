// The what-if section of the coverage panel: add-camera mode, reset, the selected camera (bearing slider,
// online switch, remove), and saving the scenario. The bearing label is updated in place while the slider
// moves, so the section is not rebuilt under the user's pointer.
import type { Lang } from '../../i18n';
import type { SectorDatum } from '../../layers/sector-layer';
import { h } from '../dom';
import { formatNumber } from '../../i18n';
import { ct, type CoverageKey } from './coverage-i18n';
import type { LedgerChange } from './ledger-changes';

export interface WhatIfModel {
  adding: boolean;
  edits: number;
  selected: SectorDatum | undefined;
  message: string | null;
  /** what the last edit changed in the ledger (null before the first edit's ledger arrives) */
  change: LedgerChange[] | null;
}

export interface WhatIfActions {
  toggleAdd(): void;
  reset(): void;
  save(name: string): void;
  setBearing(id: string, bearing: number): void;
  setOnline(id: string, online: boolean): void;
  remove(id: string): void;
  deselect(): void;
}

/** Everything the section shows except the selected camera's live position and bearing (data-* below). */
export const whatIfKey = (lang: Lang, m: WhatIfModel) => [lang, m.adding, m.edits, m.selected?.id, m.selected?.status, m.message, JSON.stringify(m.change)].join('|');

/** "公共场所 90 → 91 / 108 · 道路已覆盖 129.1 → 129.3 / 3,532.3 公里" */
export function changeText(lang: Lang, changes: LedgerChange[]): string {
  if (!changes.length) return ct(lang, 'lastChangeNone');
  const n = (x: number, d = 0) => formatNumber(lang, Number(x.toFixed(d)));
  const parts = changes.map((c) => {
    if (c.kind === 'category') return `${ct(lang, `cat_${c.category}` as CoverageKey)} ${n(c.before)} → ${n(c.after)} / ${n(c.of)}`;
    if (c.kind === 'roads') return `${ct(lang, 'compareRoads')} ${c.before.toFixed(1)} → ${c.after.toFixed(1)} / ${n(c.of, 1)}`;
    return `${ct(lang, 'compareCrossings')} ${n(c.before)} → ${n(c.after)} / ${n(c.of)}`;
  });
  return ct(lang, 'lastChange', { text: parts.join(' · ') });
}

export function whatIfSection(lang: Lang, m: WhatIfModel, actions: WhatIfActions): HTMLElement {
  const add = h('button', { type: 'button', id: 'cov-add', class: `preset${m.adding ? ' active' : ''}` }, ct(lang, 'addCamera'));
  add.addEventListener('click', () => actions.toggleAdd());
  const reset = h('button', { type: 'button', id: 'cov-reset', class: 'preset', disabled: m.edits === 0 }, ct(lang, 'reset'));
  reset.addEventListener('click', () => actions.reset());
  const name = h('input', { type: 'text', id: 'cov-scenario-name', placeholder: ct(lang, 'scenarioName'), value: '' });
  const save = h('button', { type: 'button', id: 'cov-save', class: 'preset', disabled: m.edits === 0 }, ct(lang, 'save'));
  save.addEventListener('click', () => actions.save(name.value.trim() || new Date().toISOString().slice(0, 16)));
  const rows: HTMLElement[] = [
    h('div', { class: 'cov-note' }, ct(lang, 'whatifHelp')),
    h('div', { class: 'presets' }, add, reset),
    ...(m.adding ? [h('div', { class: 'cov-hint' }, ct(lang, 'addHint'))] : []),
    h('div', { class: 'cov-note', id: 'cov-edits', 'data-edits': String(m.edits) }, m.edits ? ct(lang, 'edits', { n: m.edits }) : ct(lang, 'noEdits')),
  ];
  if (m.change) rows.push(h('div', { class: 'cov-change', id: 'cov-last-change', 'data-changes': JSON.stringify(m.change) }, changeText(lang, m.change)));
  const sel = m.selected;
  if (sel) {
    const bearing = h('input', { type: 'range', id: 'cov-bearing', min: 0, max: 359, value: Math.round(sel.bearing) });
    bearing.addEventListener('input', () => actions.setBearing(sel.id, Number(bearing.value)));
    const online = h('input', { type: 'checkbox', id: 'cov-online', checked: sel.status === 'online' });
    online.addEventListener('change', () => actions.setOnline(sel.id, online.checked));
    const remove = h('button', { type: 'button', class: 'link-button', id: 'cov-remove' }, ct(lang, 'remove'));
    remove.addEventListener('click', () => actions.remove(sel.id));
    const deselect = h('button', { type: 'button', class: 'link-button' }, ct(lang, 'deselect'));
    deselect.addEventListener('click', () => actions.deselect());
    rows.push(
      h('div', { class: 'cov-selected', id: 'cov-selected' },
        h('strong', {}, ct(lang, 'selected', { id: sel.id })),
        h('label', { class: 'cov-field' }, h('span', { class: 'cov-bearing-text' }), bearing),
        h('label', { class: 'layer-toggle' }, online, ct(lang, 'online')),
        h('div', { class: 'cov-actions' }, remove, deselect)),
    );
  }
  rows.push(h('div', { class: 'cov-actions' }, name, save));
  if (m.message) rows.push(h('div', { class: 'cov-note', id: 'cov-message' }, m.message));
  const section = h('section', { class: 'panel-section', id: 'cov-whatif' }, h('h2', {}, ct(lang, 'whatif')), ...rows);
  showSelected(section, lang, sel);
  return section;
}

/** Writes the selected camera's live state (position, bearing, status) into the section in place. */
export function showSelected(section: HTMLElement, lang: Lang, sel: SectorDatum | undefined): void {
  const box = section.querySelector<HTMLElement>('#cov-selected');
  if (!box || !sel || box.dataset.id !== undefined && box.dataset.id !== sel.id) return;
  box.dataset.id = sel.id;
  box.dataset.lon = sel.lon.toFixed(6);
  box.dataset.lat = sel.lat.toFixed(6);
  box.dataset.bearing = String(Math.round(sel.bearing));
  box.dataset.status = sel.status;
  const text = box.querySelector<HTMLElement>('.cov-bearing-text');
  if (text) text.textContent = `${ct(lang, 'bearing')} ${Math.round(sel.bearing)}° `;
  const slider = box.querySelector<HTMLInputElement>('#cov-bearing');
  if (slider && document.activeElement !== slider) slider.value = String(Math.round(sel.bearing));
}

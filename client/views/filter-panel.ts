// Left panel: time window, categories, jurisdiction, layers. The store is the single source of
// truth: inputs write to it, and `sync` writes it back into the inputs (a preset click or a test's
// setFilter must show in the date boxes). The DOM is rebuilt only when the language changes.

import type { AreaLevel, Meta, Regions, Summary } from '../api';
import { formatNumber, label, parseDay, t, type Lang } from '../i18n';
import type { AppState, Store } from '../state';
import { clampRange, matchingPreset, presetRange, PRESETS, sameWindowLastYear, type Preset } from '../time-window';
import { rgbCss } from '../layers/colour-scale';
import { h } from './dom';
import { LayerList } from './layer-list';

export class FilterPanel {
  private builtFor: Lang | null = null;
  private readonly layerList: LayerList;

  constructor(
    private readonly root: HTMLElement,
    private readonly store: Store,
    private readonly meta: Meta,
    private readonly regions: Regions,
    onlineBasemap = false,
  ) {
    this.layerList = new LayerList(store, onlineBasemap, meta.county.level === 'prefecture');
  }

  render(state: AppState, summary: Summary | null): void {
    if (this.builtFor !== state.lang) this.build(state.lang);
    this.sync(state, summary);
  }

  private build(lang: Lang): void {
    this.builtFor = lang;
    const { dataRange } = this.meta;
    const presetButton = (p: Preset) => {
      const b = h('button', { type: 'button', id: `preset-${p}`, class: 'preset', 'data-preset': p }, t(lang, `preset.${p}`));
      b.addEventListener('click', () => this.store.updateFilter(presetRange(p, dataRange)));
      return b;
    };
    const dateInput = (id: 'from' | 'to') => {
      // A text box, not <input type=date>: the native one shows the browser's locale (01/01/2026 in an
      // English browser); here a day always reads YYYY-MM-DD. A typed day that is not one is refused.
      const input = h('input', { type: 'text', id, class: 'date-input', inputmode: 'numeric', maxlength: 10, autocomplete: 'off', placeholder: dataRange.to, title: t(lang, 'panel.dateHint', { from: dataRange.from, to: dataRange.to }) });
      input.addEventListener('change', () => {
        const day = parseDay(input.value);
        const { from, to } = this.store.state.filter;
        input.toggleAttribute('aria-invalid', !day);
        if (!day) return;
        this.store.updateFilter(clampRange({ from, to, [id]: day }, dataRange));
      });
      return input;
    };
    const time = h(
      'section',
      { class: 'panel-section', id: 'time-window' },
      h('h2', {}, t(lang, 'panel.time')),
      h('div', { class: 'date-row' },
        h('label', { for: 'from' }, t(lang, 'panel.from')), dateInput('from'),
        h('label', { for: 'to' }, t(lang, 'panel.to')), dateInput('to')),
      h('div', { class: 'presets' }, ...PRESETS.map(presetButton), this.yearAgoButton(lang)),
      h('p', { class: 'data-until', id: 'data-until' }, this.meta.counts?.incidents === 0 ? t(lang, 'emptyData.incidents') : t(lang, 'dataUntil', { date: dataRange.to })),
    );

    const categories = h('section', { class: 'panel-section', id: 'categories' });
    const bulk = (key: 'panel.selectAll' | 'panel.selectNone', ids: () => string[]) => {
      const b = h('button', { type: 'button', class: 'link-button' }, t(lang, key));
      b.addEventListener('click', () => this.store.updateFilter({ categories: ids() }));
      return b;
    };
    categories.append(
      h('h2', {}, t(lang, 'panel.categories'), ' ',
        bulk('panel.selectAll', () => this.meta.categories.map((c) => c.id)), ' ',
        bulk('panel.selectNone', () => [])),
    );
    for (const c of this.meta.categories) {
      const box = h('input', { type: 'checkbox', id: `category-${c.id}`, value: c.id });
      box.addEventListener('change', () => {
        const chosen = new Set(this.store.state.filter.categories);
        if (box.checked) chosen.add(c.id);
        else chosen.delete(c.id);
        // Keep meta order so the query string (and server cache keys) are stable.
        this.store.updateFilter({ categories: this.meta.categories.map((x) => x.id).filter((id) => chosen.has(id)) });
      });
      categories.append(
        h('label', { class: 'category', for: `category-${c.id}` }, box,
          h('span', { class: 'swatch', style: `background:${rgbCss(c.color)}` }),
          h('span', { class: 'category-name' }, label(lang, c)),
          h('span', { class: 'category-count', id: `category-count-${c.id}` })),
      );
    }

    const jurisdiction = h('select', { id: 'jurisdiction' },
      h('option', { value: this.regions.county.code }, this.regions.county.name),
      ...(this.regions.counties?.length
        // A prefecture-level jurisdiction: each county, then its townships (indented under it).
        ? this.regions.counties.flatMap((k) => [h('option', { value: k.code }, k.name), ...this.regions.townships.filter((tw) => tw.countyCode === k.code).map((tw) => h('option', { value: tw.code }, `\u3000${tw.name}`))])
        : this.regions.townships.map((tw) => h('option', { value: tw.code }, tw.name))));
    jurisdiction.addEventListener('change', () => this.store.updateFilter({ code: jurisdiction.value }));
    const village = h('select', { id: 'village' });
    village.addEventListener('change', () => this.store.updateFilter({ code: village.value }));
    const area = h('section', { class: 'panel-section', id: 'jurisdiction-section' },
      h('h2', {}, t(lang, 'panel.jurisdiction')),
      jurisdiction,
      h('label', { for: 'village', class: 'sub-label' }, t(lang, 'panel.village')),
      village);

    const layers = this.layerList.build(lang);

    this.root.replaceChildren(time, categories, area, layers);
  }

  /** 去年同期: shifts the current window back one year (not a fixed preset: it follows the window). */
  private yearAgoButton(lang: Lang): HTMLElement {
    const b = h('button', { type: 'button', id: 'preset-year-ago', class: 'preset' }, t(lang, 'preset.yearAgo'));
    b.addEventListener('click', () => this.store.updateFilter(sameWindowLastYear(this.store.state.filter, this.meta.dataRange)));
    return b;
  }

  private sync(state: AppState, summary: Summary | null): void {
    const { filter, lang } = state;
    const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
    for (const [id, day] of [['from', filter.from], ['to', filter.to]] as const) {
      byId<HTMLInputElement>(id).value = day;
      byId<HTMLInputElement>(id).removeAttribute('aria-invalid');
    }
    const active = matchingPreset(filter, this.meta.dataRange);
    for (const p of PRESETS) byId(`preset-${p}`).classList.toggle('active', p === active);

    // A jurisdiction with no incident at all (a new county before its first import) shows no count beside its
    // categories: eleven zeros read like data. Once the window's summary holds any, the counts show.
    const noIncidents = this.meta.counts?.incidents === 0 && !summary?.total;
    for (const c of this.meta.categories) {
      byId<HTMLInputElement>(`category-${c.id}`).checked = filter.categories.includes(c.id);
      const n = noIncidents ? undefined : summary?.byCategory[c.id];
      byId(`category-count-${c.id}`).textContent = n === undefined ? '' : formatNumber(lang, n);
    }

    // The code may be a township (9 digits) or a village (12) inside one.
    const township = this.regions.townships.find((tw) => filter.code.startsWith(tw.code));
    byId<HTMLSelectElement>('jurisdiction').value = township?.code ?? this.regions.county.code;
    const village = byId<HTMLSelectElement>('village');
    const villageKey = township?.code ?? '';
    if (village.dataset.township !== villageKey) {
      village.dataset.township = villageKey;
      village.replaceChildren(
        h('option', { value: township?.code ?? this.regions.county.code }, t(lang, 'panel.allVillages')),
        ...(township?.villages ?? []).map((v) => h('option', { value: v.code }, v.name)),
      );
    }
    village.disabled = !township;
    village.value = township && filter.code.length >= 12 ? filter.code.slice(0, 12) : (township?.code ?? this.regions.county.code);

    this.layerList.sync(state);
  }
}

// The panel's layer list: each base layer with its switch, its opacity and its place in the drawing order (the
// top row is drawn over the rows below it, as in a GIS), the unit level of the choropleth, and the basemap choice
// when an online style is configured (BASEMAP_STYLE_URL; the county's offline basemap is the default and is
// always there). Everything lives in the store, so a shared link carries it (tools/url-state.ts).
import { t, type Lang } from '../i18n';
import { gridsFilled, LAYER_IDS, type AppState, type Basemap, type LayerId, type Store } from '../state';
import { tt } from '../tools/tools-i18n';
import { h } from './dom';

export class LayerList {
  private root: HTMLElement | null = null;
  private rows: HTMLElement | null = null;
  private builtKey = '';

  constructor(
    private readonly store: Store,
    /** The online style is configured: offer the basemap switch. */
    private readonly onlineBasemap: boolean,
    /** A prefecture-level jurisdiction: its counties are a map level too. */
    private readonly prefecture = false,
  ) {}

  build(lang: Lang): HTMLElement {
    this.builtKey = '';
    this.rows = h('ol', { class: 'layer-list', id: 'layer-list', title: tt(lang, 'layers.orderHint') });
    const level = h('select', { id: 'level' },
      ...((this.prefecture ? ['county', 'township', 'village', 'grid'] : ['township', 'village', 'grid']) as AppState['level'][]).map((l) => h('option', { value: l }, t(lang, `level.${l}`))));
    level.addEventListener('change', () => this.store.update({ level: level.value as AppState['level'] }));
    this.root = h('section', { class: 'panel-section', id: 'layers' },
      h('h2', {}, t(lang, 'panel.layers')),
      this.rows,
      h('label', { class: 'sub-label', for: 'level' }, t(lang, 'panel.level')), level,
      this.onlineBasemap ? this.basemapChoice(lang) : '');
    return this.root;
  }

  private basemapChoice(lang: Lang): HTMLElement {
    const option = (value: Basemap) => {
      const input = h('input', { type: 'radio', name: 'basemap', id: `basemap-${value}`, value });
      input.addEventListener('change', () => { if (input.checked) this.store.update({ basemap: value }); });
      return h('label', { class: 'layer-toggle', for: `basemap-${value}` }, input, ' ', tt(lang, `basemap.${value}`));
    };
    return h('fieldset', { class: 'basemap-choice', id: 'basemap-choice' }, h('legend', { class: 'sub-label' }, tt(lang, 'basemap.title')), option('offline'), option('online'));
  }

  sync(state: AppState): void {
    if (!this.rows) return;
    const { lang } = state;
    // rows are rebuilt when the order changes (a few elements); values are written on every render
    const key = `${lang}|${state.layerOrder.join(',')}`;
    if (key !== this.builtKey) {
      this.builtKey = key;
      const topFirst = [...state.layerOrder].reverse();
      this.rows.replaceChildren(...topFirst.map((id, i) => this.row(lang, id, i === 0, i === topFirst.length - 1)));
    }
    for (const id of LAYER_IDS) {
      const box = document.getElementById(`layer-${id}`) as HTMLInputElement | null;
      const range = document.getElementById(`layer-opacity-${id}`) as HTMLInputElement | null;
      if (box) box.checked = state.layers[id];
      if (range) {
        range.value = String(Math.round(state.opacity[id] * 100));
        range.disabled = !state.layers[id];
        document.getElementById(`layer-opacity-value-${id}`)!.textContent = `${range.value}%`;
      }
    }
    (document.getElementById('level') as HTMLSelectElement).value = state.level;
    // On the coverage tab the grids layer is outlines only; say so in its label's title.
    document.getElementById('layer-grids')!.title = gridsFilled(state.tab) ? '' : t(lang, 'legend.outlines', { level: t(lang, `level.${state.level}`) });
    for (const b of ['offline', 'online'] as const) {
      const radio = document.getElementById(`basemap-${b}`) as HTMLInputElement | null;
      if (radio) radio.checked = state.basemap === b;
    }
  }

  private row(lang: Lang, id: LayerId, top: boolean, bottom: boolean): HTMLElement {
    const name = t(lang, `layer.${id}`);
    const box = h('input', { type: 'checkbox', id: `layer-${id}` });
    box.addEventListener('change', () => this.store.update({ layers: { ...this.store.state.layers, [id]: box.checked } }));
    const range = h('input', { type: 'range', id: `layer-opacity-${id}`, class: 'layer-opacity', min: 0, max: 100, step: 5, 'aria-label': tt(lang, 'layers.opacity', { name }), title: tt(lang, 'layers.opacity', { name }) });
    range.addEventListener('input', () => this.store.update({ opacity: { ...this.store.state.opacity, [id]: Number(range.value) / 100 } }));
    const move = (delta: 1 | -1, label: string, text: string, disabled: boolean) => {
      const b = h('button', { type: 'button', class: 'layer-move', 'data-move': delta > 0 ? 'up' : 'down', 'aria-label': label, title: label, disabled }, text);
      b.addEventListener('click', () => {
        const order = [...this.store.state.layerOrder];
        const i = order.indexOf(id), j = i + delta; // order is bottom first: up is +1
        if (j < 0 || j >= order.length) return;
        [order[i], order[j]] = [order[j], order[i]];
        this.store.update({ layerOrder: order });
      });
      return b;
    };
    return h('li', { class: 'layer-row', 'data-layer': id },
      h('label', { class: 'layer-toggle', for: `layer-${id}` }, box, ' ', name),
      h('span', { class: 'layer-controls' },
        range, h('span', { class: 'layer-opacity-value', id: `layer-opacity-value-${id}` }),
        move(1, tt(lang, 'layers.up', { name }), '↑', top),
        move(-1, tt(lang, 'layers.down', { name }), '↓', bottom)));
  }
}

// The map's tool buttons (top right, under the zoom buttons): 测距, 测面 and 链接 (copy a link to this view).
// A MapLibre control, so it sits with the map's own controls and never over the data.
import type { IControl } from 'maplibre-gl';
import type { Store } from '../state';
import { h } from '../views/dom';
import type { MeasureMode, MeasureTool } from './measure-tool';
import { copyLink } from './share-link';
import { tt } from './tools-i18n';

export class MapToolsControl implements IControl {
  private readonly root: HTMLElement;
  private readonly buttons: Record<MeasureMode | 'share', HTMLButtonElement>;
  private readonly note: HTMLElement;

  constructor(
    private readonly store: Store,
    private readonly measure: MeasureTool,
    private readonly link: () => string,
  ) {
    const button = (id: string) => h('button', { type: 'button', id, class: 'map-tool-button' });
    this.buttons = { distance: button('tool-measure-distance'), area: button('tool-measure-area'), share: button('tool-share') };
    this.note = h('div', { id: 'share-note', class: 'share-note', role: 'status', hidden: true });
    this.root = h('div', { class: 'maplibregl-ctrl maplibregl-ctrl-group map-tools' }, this.buttons.distance, this.buttons.area, this.buttons.share);
    for (const mode of ['distance', 'area'] as const) {
      this.buttons[mode].addEventListener('click', () => {
        if (measure.mode === mode && !measure.finished) measure.stop();
        else measure.start(mode);
        this.render();
      });
    }
    this.buttons.share.addEventListener('click', () => void this.share());
    store.subscribe((s, prev) => { if (s.lang !== prev.lang) this.render(); });
    this.render();
  }

  onAdd(): HTMLElement {
    return this.root;
  }

  onRemove(): void {
    this.root.remove();
  }

  /** Puts the share note beside the map (not inside the narrow control group). */
  get shareNote(): HTMLElement {
    return this.note;
  }

  render(): void {
    const lang = this.store.state.lang;
    const set = (b: HTMLButtonElement, text: string, title: string) => {
      b.textContent = text;
      b.title = title;
      b.setAttribute('aria-label', title);
    };
    set(this.buttons.distance, tt(lang, 'measure.distance'), tt(lang, 'measure.distanceTitle'));
    set(this.buttons.area, tt(lang, 'measure.area'), tt(lang, 'measure.areaTitle'));
    set(this.buttons.share, tt(lang, 'share.button'), tt(lang, 'share.title'));
    for (const mode of ['distance', 'area'] as const) this.buttons[mode].setAttribute('aria-pressed', String(this.measure.mode === mode && !this.measure.finished));
  }

  private async share(): Promise<void> {
    const lang = this.store.state.lang;
    const link = this.link();
    const copied = await copyLink(link);
    this.note.replaceChildren(copied ? tt(lang, 'share.copied') : tt(lang, 'share.manual'));
    if (!copied) {
      const box = h('input', { type: 'text', readonly: true, value: link, class: 'share-link-text', id: 'share-link-text' });
      this.note.append(box);
      setTimeout(() => box.select(), 0);
    }
    this.note.dataset.link = link;
    this.note.hidden = false;
    setTimeout(() => { this.note.hidden = true; }, copied ? 3000 : 15000);
  }
}

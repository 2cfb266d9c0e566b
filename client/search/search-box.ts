// The header's search box (a WAI-ARIA combobox): type, pick with ↑↓ and Enter (or the mouse), Esc closes the list
// and a second Esc clears the highlight; "/" anywhere on the page starts a search. A pick flies the map there
// (an area fitted, a point at street zoom) and leaves it highlighted (search-highlight.ts).
import { isAbort, type LabelledColour } from '../api';
import type { Lang } from '../i18n';
import { label } from '../i18n';
import type { MapController } from '../map/map-controller';
import type { Store } from '../state';
import { h } from '../views/dom';
import { searchApi, type SearchHit } from './search-api';
import { kindLabel, levelLabel, st } from './search-i18n';

/** Wait this long after the last key before asking the server. */
const TYPE_DEBOUNCE_MS = 200;
/** Street zoom for a point (camera, case, address). */
const POINT_ZOOM = 16;

export class SearchBox {
  /** The hit shown on the map (null: none). */
  current: SearchHit | null = null;
  private readonly input: HTMLInputElement;
  private readonly list: HTMLUListElement;
  private readonly clearButton: HTMLButtonElement;
  private readonly status: HTMLElement;
  private hits: SearchHit[] = [];
  private active = -1;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private abort: AbortController | null = null;
  private lang: Lang;

  constructor(
    root: HTMLElement,
    private readonly store: Store,
    private readonly map: MapController,
    private readonly cameraKinds: LabelledColour[],
    private readonly onHighlight: () => void,
  ) {
    this.lang = store.state.lang;
    this.input = h('input', {
      id: 'search-input', type: 'search', role: 'combobox', autocomplete: 'off', spellcheck: 'false',
      'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': 'search-results', maxlength: 50,
    });
    this.list = h('ul', { id: 'search-results', role: 'listbox', hidden: true });
    this.status = h('div', { id: 'search-status', class: 'search-status', role: 'status', 'aria-live': 'polite', hidden: true });
    this.clearButton = h('button', { type: 'button', id: 'search-clear', class: 'search-clear', hidden: true }, '×');
    root.replaceChildren(this.input, this.clearButton, this.list, this.status);
    this.input.addEventListener('input', () => this.schedule());
    this.input.addEventListener('keydown', (e) => this.onKey(e));
    this.input.addEventListener('blur', () => setTimeout(() => this.close(), 150)); // a click on an option lands first
    this.clearButton.addEventListener('click', () => this.clear());
    document.addEventListener('keydown', (e) => {
      const target = e.target as HTMLElement | null;
      const typing = target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
      if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        this.input.focus();
        this.input.select();
      }
    });
    store.subscribe((s, prev) => { if (s.lang !== prev.lang) this.render(); });
    this.render();
  }

  private render(): void {
    this.lang = this.store.state.lang;
    this.input.placeholder = st(this.lang, 'placeholder');
    this.input.setAttribute('aria-label', st(this.lang, 'label'));
    this.input.title = st(this.lang, 'hint');
    this.clearButton.title = st(this.lang, 'clear');
    this.clearButton.setAttribute('aria-label', st(this.lang, 'clear'));
    if (!this.list.hidden) this.renderList();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    const q = this.input.value.trim();
    if (!q) return this.close();
    this.timer = setTimeout(() => void this.run(q), TYPE_DEBOUNCE_MS);
  }

  private async run(q: string): Promise<void> {
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    this.showStatus(st(this.lang, 'searching'));
    try {
      const { hits } = await searchApi.search(q, abort.signal);
      if (abort.signal.aborted || this.input.value.trim() !== q) return;
      this.hits = hits;
      this.active = hits.length ? 0 : -1;
      if (hits.length) this.showStatus(null), this.renderList();
      else this.hideList(), this.showStatus(st(this.lang, 'none', { q }));
    } catch (err) {
      if (isAbort(err)) return;
      this.hideList();
      this.showStatus(st(this.lang, 'failed', { msg: err instanceof Error ? err.message : String(err) }));
    }
  }

  /** What a hit is and where, in place names: "村/社区 · 开通镇", "监控 · 公共监控 · 开通镇 · 红旗村". */
  private describe(hit: SearchHit): string {
    const what = hit.kind === 'camera' ? [hit.id, this.cameraKindName(hit.detail)]
      : hit.kind === 'address' ? [levelLabel(this.lang, hit.detail ?? '')]
        : hit.kind === 'case' ? [st(this.lang, 'caseNo', { id: hit.id }), hit.detail ?? '']
          : [];
    return [kindLabel(this.lang, hit.kind), ...what, hit.context].filter(Boolean).join(' · ');
  }

  private cameraKindName(kind: string | null): string {
    const k = this.cameraKinds.find((c) => c.id === kind);
    return k ? label(this.lang, k) : (kind ?? '');
  }

  private renderList(): void {
    this.list.replaceChildren(...this.hits.map((hit, i) => {
      const li = h('li', { id: `search-option-${i}`, role: 'option', class: 'search-option', 'data-kind': hit.kind, 'data-id': hit.id, 'aria-selected': String(i === this.active) },
        h('span', { class: 'search-name' }, hit.name),
        h('span', { class: 'search-context' }, this.describe(hit)));
      li.addEventListener('mousedown', (e) => e.preventDefault()); // keep the focus in the box
      li.addEventListener('click', () => this.pick(i));
      return li;
    }));
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
    if (this.active >= 0) this.input.setAttribute('aria-activedescendant', `search-option-${this.active}`);
    else this.input.removeAttribute('aria-activedescendant');
  }

  private onKey(e: KeyboardEvent): void {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!this.hits.length) return;
      e.preventDefault();
      const n = this.hits.length;
      this.active = (this.active + (e.key === 'ArrowDown' ? 1 : -1) + n) % n;
      this.renderList();
      document.getElementById(`search-option-${this.active}`)?.scrollIntoView({ block: 'nearest' });
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const q = this.input.value.trim();
      if (!this.list.hidden && this.active >= 0) this.pick(this.active);
      else if (q) clearTimeout(this.timer), void this.run(q);
    } else if (e.key === 'Escape') {
      if (!this.list.hidden || !this.status.hidden) this.close();
      else this.clear();
    }
  }

  pick(i: number): void {
    const hit = this.hits[i];
    if (!hit) return;
    this.current = hit;
    this.input.value = hit.name;
    this.clearButton.hidden = false;
    this.close();
    if (hit.bbox) this.map.fitBbox(hit.bbox);
    else this.map.map.flyTo({ center: [hit.lon, hit.lat], zoom: Math.max(POINT_ZOOM, this.map.zoom()), duration: 800 });
    this.onHighlight();
  }

  clear(): void {
    this.current = null;
    this.input.value = '';
    this.clearButton.hidden = true;
    this.close();
    this.onHighlight();
  }

  private showStatus(text: string | null): void {
    this.status.hidden = text === null;
    this.status.textContent = text ?? '';
  }

  private hideList(): void {
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }

  private close(): void {
    this.abort?.abort();
    clearTimeout(this.timer);
    this.hideList();
    this.showStatus(null);
  }
}

// The patrol panel's form and sections: station, shift (presets, hours, days), units, dwell, time budget, road
// speeds, randomising, the plan button and its exports; the layer switches; the headings of the risk, border,
// corridor and isochrone sections with their own inputs. It builds the DOM, reads the inputs and relabels
// them in the page's language; what the inputs do is the view's (handlers).
import { type Lang } from '../../i18n';
import { ROAD_CLASS_INFO, type RoadClass } from '../../../shared/domain/sites';
import { h } from '../dom';
import type { Days, ShiftChoice } from './patrol-api';
import { pt, type PatrolKey } from './patrol-i18n';

const DRIVABLE: RoadClass[] = ['national', 'provincial', 'county', 'village', 'street'];

export const shiftLength = (s: ShiftChoice) => ((s.end - s.start + 24) % 24 || 24) * 60;
export type Toggles = { risk: boolean; routes: boolean; border: boolean; corridors: boolean; iso: boolean };
export type FormElement = 'station' | 'start' | 'end' | 'days' | 'units' | 'budget' | 'dwell' | 'random' | 'go' | 'result' | 'risk' | 'border' | 'corridors' | 'iso' | 'error' | 'exports' | 'borderWidth' | 'corridorWidth' | 'theft';

export interface PatrolFormInitial { shift: ShiftChoice; units: number; dwellMin: number; borderWidth: number; corridorWidth: number }
export interface PatrolFormHandlers {
  setShift(s: ShiftChoice): void;
  plan(): void;
  exportAs(kind: 'gpx' | 'geojson' | 'card'): void;
  /** a layer switch changed (`toggles` holds the new value already) */
  toggled(key: keyof Toggles, on: boolean): void;
  borderWidth(): void;
  corridorWidth(): void;
  onlyTheft(on: boolean): void;
}

export class PatrolForm {
  readonly el: Record<FormElement, HTMLElement>;
  private labels: [HTMLElement, PatrolKey][] = [];
  private speedInputs = new Map<RoadClass, HTMLInputElement>();
  private speedLabels = new Map<RoadClass, HTMLElement>();

  /** `toggles` is the view's own object: a layer switch writes its new value there before calling `toggled`. */
  constructor(container: HTMLElement, init: PatrolFormInitial, toggles: Toggles, on: PatrolFormHandlers) {
    const L = (key: PatrolKey, tag: 'h2' | 'span' | 'div' | 'button' = 'span', attrs: Record<string, string> = {}) => {
      const e = h(tag, attrs, pt('zh', key));
      this.labels.push([e, key]);
      return e;
    };
    const hours = (id: string, max: number) => h('select', { id }, ...Array.from({ length: max + 1 }, (_, i) => h('option', { value: i }, `${String(i).padStart(2, '0')}:00`)));
    const num = (id: string, value: number, min: number, max: number) => h('input', { id, type: 'number', value, min, max, step: 1 });
    const days = h('select', { id: 'patrol-days' }, ...(['weekdays', 'weekends', 'all'] as const).map((d) => { const o = h('option', { value: d }); this.labels.push([o, `days.${d}`]); return o; }));
    const preset = (key: PatrolKey, s: ShiftChoice) => {
      const b = L(key, 'button', { type: 'button', class: 'preset', 'data-preset': `${s.start}-${s.end}` });
      b.addEventListener('click', () => on.setShift(s));
      return b;
    };
    const tonight = (): Days => ([0, 6].includes(new Date().getDay()) ? 'weekends' : 'weekdays');
    const check = (id: string, checked: boolean) => h('input', { id, type: 'checkbox', checked });
    this.el = {
      station: h('select', { id: 'patrol-station' }),
      start: hours('patrol-start', 23),
      end: hours('patrol-end', 24),
      days,
      units: num('patrol-units', init.units, 1, 10),
      budget: num('patrol-budget', shiftLength(init.shift), 10, 1440),
      dwell: num('patrol-dwell', init.dwellMin, 0, 120),
      random: check('patrol-random', false),
      go: L('plan.go', 'button', { id: 'patrol-plan-go', type: 'button', class: 'pt-button' }),
      result: h('div', { id: 'patrol-result' }),
      risk: h('div', { id: 'patrol-risk' }),
      border: h('div', { id: 'patrol-border' }),
      corridors: h('div', { id: 'patrol-corridors' }),
      iso: h('div', { id: 'patrol-iso' }),
      error: h('div', { id: 'patrol-error', class: 'pt-error', hidden: true }),
      exports: h('div', { class: 'pt-actions', id: 'patrol-exports', hidden: true }),
      borderWidth: num('patrol-border-width', init.borderWidth, 100, 20000),
      corridorWidth: num('patrol-corridor-width', init.corridorWidth, 50, 5000),
      theft: check('patrol-theft', false),
    };
    const field = (key: PatrolKey, input: HTMLElement) => h('label', { class: 'pt-field' }, L(key), input);
    const layerToggle = (key: keyof Toggles, label: PatrolKey) => {
      const box = check(`patrol-layer-${key}`, toggles[key]) as HTMLInputElement;
      box.addEventListener('change', () => {
        toggles[key] = box.checked;
        on.toggled(key, box.checked);
      });
      return h('label', { class: 'pt-check' }, box, L(label));
    };
    for (const key of ['gpx', 'geojson', 'card'] as const) {
      const b = L(`export.${key}`, 'button', { type: 'button', class: 'pt-link', id: `patrol-export-${key}` });
      b.addEventListener('click', () => on.exportAs(key));
      this.el.exports.append(b);
    }
    container.append(
      h('section', { class: 'panel-section' },
        L('plan.title', 'h2'),
        field('plan.station', this.el.station),
        h('div', { class: 'pt-sub' }, L('plan.shift')),
        h('div', { class: 'presets' }, preset('plan.tonight', { start: 20, end: 2, days: tonight() }), preset('plan.day', { start: 8, end: 16, days: tonight() }), preset('plan.evening', { start: 16, end: 24, days: tonight() })),
        h('div', { class: 'pt-row' }, field('plan.start', this.el.start), field('plan.end', this.el.end)),
        field('plan.days', this.el.days),
        h('div', { class: 'pt-row' }, field('plan.units', this.el.units), field('plan.dwell', this.el.dwell)),
        field('plan.budget', this.el.budget),
        this.speedsBox(L),
        h('label', { class: 'pt-check' }, this.el.random, L('plan.random')),
        this.el.go,
        this.el.error,
        this.el.result,
        this.el.exports),
      h('section', { class: 'panel-section' }, L('layers.title', 'h2'),
        h('div', { class: 'pt-layers' }, layerToggle('risk', 'layer.risk'), layerToggle('routes', 'layer.routes'), layerToggle('border', 'layer.border'), layerToggle('corridors', 'layer.corridors'), layerToggle('iso', 'iso.title'))),
      h('section', { class: 'panel-section' }, L('risk.title', 'h2'), this.el.risk),
      h('section', { class: 'panel-section' }, L('border.title', 'h2'), h('div', { class: 'pt-row' }, field('border.width', this.el.borderWidth), h('label', { class: 'pt-check' }, this.el.theft, L('border.theft'))), this.el.border),
      h('section', { class: 'panel-section' }, L('corr.title', 'h2'), field('corr.width', this.el.corridorWidth), this.el.corridors),
      h('section', { class: 'panel-section' }, L('iso.title', 'h2'), this.el.iso),
    );
    const sel = (e: HTMLElement) => e as HTMLSelectElement;
    sel(this.el.start).value = String(init.shift.start);
    sel(this.el.end).value = String(init.shift.end);
    sel(this.el.days).value = init.shift.days;
    const onShift = () => on.setShift({ start: Number(sel(this.el.start).value), end: Number(sel(this.el.end).value), days: sel(this.el.days).value as Days });
    for (const e of [this.el.start, this.el.end, this.el.days]) e.addEventListener('change', onShift);
    this.el.go.addEventListener('click', () => on.plan());
    this.el.borderWidth.addEventListener('change', () => on.borderWidth());
    this.el.corridorWidth.addEventListener('change', () => on.corridorWidth());
    this.el.theft.addEventListener('change', () => on.onlyTheft((this.el.theft as HTMLInputElement).checked));
  }

  /** Travel speed per road class (km/h), prefilled with the defaults; sent only when changed. */
  private speedsBox(L: (key: PatrolKey, tag?: 'span') => HTMLElement): HTMLElement {
    const grid = h('div', { class: 'pt-speeds' });
    for (const c of DRIVABLE) {
      const input = h('input', { id: `patrol-speed-${c}`, type: 'number', min: 5, max: 150, step: 5, value: ROAD_CLASS_INFO[c].speedKmh });
      const label = h('span', {}, ROAD_CLASS_INFO[c].zh);
      this.speedInputs.set(c, input);
      this.speedLabels.set(c, label);
      grid.append(h('label', { class: 'pt-field' }, label, input));
    }
    return h('details', { class: 'pt-details' }, h('summary', {}, L('plan.speeds')), grid);
  }

  /** The speeds the user changed from the defaults, or undefined for none. */
  speeds(): Partial<Record<RoadClass, number>> | undefined {
    const out: Partial<Record<RoadClass, number>> = {};
    for (const [c, input] of this.speedInputs) {
      const v = Number(input.value);
      if (Number.isFinite(v) && v > 0 && v !== ROAD_CLASS_INFO[c].speedKmh) out[c] = v;
    }
    return Object.keys(out).length ? out : undefined;
  }

  /** The number in an input, or `fallback` when it holds none. */
  numberOf(key: FormElement, fallback: number): number {
    const v = Number((this.el[key] as HTMLInputElement).value);
    return Number.isFinite(v) ? v : fallback;
  }

  /** Shows a shift in the hour and day selects and its length as the time budget. */
  showShift(s: ShiftChoice): void {
    (this.el.start as HTMLSelectElement).value = String(s.start);
    (this.el.end as HTMLSelectElement).value = String(s.end);
    (this.el.days as HTMLSelectElement).value = s.days;
    (this.el.budget as HTMLInputElement).value = String(shiftLength(s));
  }

  /** Every fixed label, the road classes and the station options in the language. */
  relabel(lang: Lang): void {
    for (const [e, key] of this.labels) e.textContent = pt(lang, key);
    for (const [c, e] of this.speedLabels) e.textContent = lang === 'zh' ? ROAD_CLASS_INFO[c].zh : ROAD_CLASS_INFO[c].en;
    for (const o of Array.from((this.el.station as HTMLSelectElement).options)) o.textContent = pt(lang, 'plan.stationOption', { name: o.dataset.name ?? '', units: o.dataset.units ?? '' });
  }
}

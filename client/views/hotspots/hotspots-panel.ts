// The panel section of the leaders' view (#view-hotspots): breadcrumb, analysis mode, unit
// (areas or H3 hexagons), emerging-hotspot step, status line, the weekday × hour
// matrix, the supervision section (督办: totals, time-to-close histogram, map badges toggle) and the
// briefing buttons. Built once per language; `sync` writes the view's state into it.

import type { Lang } from '../../i18n';
import { h } from '../dom';
import type { Crumb } from './drill';
import type { EmergingStep } from './hotspots-api';
import { ht, type HotspotsKey } from './hotspots-i18n';

export type Mode = 'density' | 'gistar' | 'emerging' | 'change';
export type Surface = 'area' | 'h3';
export const MODES: Mode[] = ['density', 'gistar', 'emerging', 'change'];

export interface PanelHandlers {
  mode(m: Mode): void;
  surface(s: Surface): void;
  emergingStep(s: EmergingStep): void;
  crumb(code: string): void;
  exportPng(): void;
  openBriefing(): void;
  badges(on: boolean): void;
}

export interface PanelState {
  mode: Mode;
  surface: Surface;
  h3Res: number;
  emergingStep: EmergingStep;
  crumbs: Crumb[];
  status: { text: string; tone: 'info' | 'error' | 'empty' } | null;
  badges: boolean;
}

export class HotspotsPanel {
  private builtFor: Lang | null = null;
  private els: Record<string, HTMLElement> = {};
  matrixBox!: HTMLElement;
  supervisionBox!: HTMLElement;

  constructor(private readonly root: HTMLElement, private readonly on: PanelHandlers) {}

  private button(id: string, text: string, onClick: () => void, cls = 'hs-button'): HTMLButtonElement {
    const b = h('button', { type: 'button', id, class: cls }, text);
    b.addEventListener('click', onClick);
    this.els[id] = b;
    return b;
  }

  private build(lang: Lang): void {
    this.builtFor = lang;
    this.els = {};
    const crumbs = h('nav', { id: 'hotspots-breadcrumb', class: 'hs-breadcrumb', 'aria-label': ht(lang, 'drill.title') });
    this.els.crumbs = crumbs;
    const modes = h('div', { class: 'hs-segmented hs-modes', id: 'hotspots-modes' },
      ...MODES.map((m) => this.button(`hotspots-mode-${m}`, ht(lang, `mode.${m}` as HotspotsKey), () => this.on.mode(m))));
    const surface = h('div', { class: 'hs-segmented', id: 'hotspots-surface' },
      this.button('hotspots-surface-area', ht(lang, 'surface.area'), () => this.on.surface('area')),
      this.button('hotspots-surface-h3', ht(lang, 'surface.h3'), () => this.on.surface('h3')));
    const h3Res = h('div', { class: 'hs-note', id: 'hotspots-h3res' });
    this.els.h3Res = h3Res;
    const step = h('div', { class: 'hs-segmented', id: 'hotspots-step' },
      this.button('hotspots-step-week', ht(lang, 'step.week'), () => this.on.emergingStep('week')),
      this.button('hotspots-step-month', ht(lang, 'step.month'), () => this.on.emergingStep('month')));
    const stepRow = h('div', { class: 'hs-row', id: 'hotspots-step-row' }, h('span', { class: 'hs-label' }, ht(lang, 'step.title')), step);
    this.els.stepRow = stepRow;
    const status = h('div', { id: 'hotspots-status', class: 'hs-status', role: 'status' });
    this.els.status = status;

    this.matrixBox = h('div', { id: 'hotspots-matrix' });
    this.supervisionBox = h('div', { id: 'hotspots-supervision-body' });
    const badges = h('input', { type: 'checkbox', id: 'sup-badges-toggle', checked: true });
    badges.addEventListener('change', () => this.on.badges(badges.checked));
    this.els.badges = badges;
    const supervision = h('section', { class: 'panel-section', id: 'hotspots-supervision' },
      h('h2', {}, ht(lang, 'sup.title')),
      h('label', { class: 'hs-check' }, badges, ' ', ht(lang, 'sup.badges')),
      this.supervisionBox);
    const briefing = h('section', { class: 'panel-section hs-brief-buttons' },
      this.button('export-png', ht(lang, 'brief.png'), () => this.on.exportPng()),
      this.button('open-briefing', ht(lang, 'brief.print'), () => this.on.openBriefing(), 'hs-button primary'));

    this.root.replaceChildren(
      h('section', { class: 'panel-section', id: 'hotspots-analysis' },
        h('h2', {}, ht(lang, 'section.title')),
        crumbs,
        h('p', { class: 'hs-note' }, ht(lang, 'drill.hint')),
        h('div', { class: 'hs-label' }, ht(lang, 'mode.title')), modes,
        h('div', { class: 'hs-row' }, h('span', { class: 'hs-label' }, ht(lang, 'surface.title')), surface),
        h3Res, stepRow, status),
      supervision,
      h('section', { class: 'panel-section' }, h('h2', {}, ht(lang, 'matrix.title')), this.matrixBox),
      briefing,
    );
  }

  sync(lang: Lang, s: PanelState): void {
    if (this.builtFor !== lang) this.build(lang);
    (this.els.badges as HTMLInputElement).checked = s.badges;
    this.root.dataset.mode = s.mode;
    this.root.dataset.surface = s.surface;
    for (const m of MODES) this.els[`hotspots-mode-${m}`].classList.toggle('active', m === s.mode);
    this.els['hotspots-surface-area'].classList.toggle('active', s.surface === 'area');
    this.els['hotspots-surface-h3'].classList.toggle('active', s.surface === 'h3');
    this.els.h3Res.hidden = s.surface !== 'h3';
    this.els.h3Res.textContent = ht(lang, 'surface.h3Res', { res: s.h3Res });
    this.els.stepRow.hidden = s.mode !== 'emerging';
    this.els['hotspots-step-week'].classList.toggle('active', s.emergingStep === 'week');
    this.els['hotspots-step-month'].classList.toggle('active', s.emergingStep === 'month');

    const key = s.crumbs.map((c) => `${c.code}:${c.name}`).join('>');
    if (this.els.crumbs.dataset.key !== key) {
      this.els.crumbs.dataset.key = key;
      this.els.crumbs.dataset.code = s.crumbs[s.crumbs.length - 1]?.code ?? '';
      const parts: (HTMLElement | string)[] = [];
      s.crumbs.forEach((c, i) => {
        if (i > 0) parts.push(h('span', { class: 'hs-crumb-sep' }, ' › '));
        const last = i === s.crumbs.length - 1;
        const el = h(last ? 'span' : 'button', { class: last ? 'hs-crumb current' : 'hs-crumb', 'data-code': c.code, type: last ? undefined : 'button' }, c.name);
        if (!last) el.addEventListener('click', () => this.on.crumb(c.code));
        parts.push(el);
      });
      this.els.crumbs.replaceChildren(...parts);
    }

    const st = this.els.status;
    st.hidden = s.status === null;
    st.textContent = s.status?.text ?? '';
    st.dataset.tone = s.status?.tone ?? '';

  }
}

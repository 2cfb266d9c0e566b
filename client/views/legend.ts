// Legend for every visible layer, with the actual numbers as text (a reader, or a test, must be
// able to tell what a colour means without guessing): the heat ramp's min/max cell counts, the
// choropleth's class breaks, and camera kinds with their counts.

import type { Camera, LabelledColour } from '../api';
import { formatNumber, label, t, type Lang } from '../i18n';
import { gridsFilled, type AppState } from '../state';
import { classRanges, HEAT_RAMP, rgbCss, ZERO_COLOUR, type ClassBreaks } from '../layers/colour-scale';
import { OFFLINE_COLOUR } from '../layers/cameras-layer';
import { h } from './dom';

export interface LegendInput {
  state: AppState;
  heat: { min: number; max: number } | null;
  breaks: ClassBreaks;
  cameras: Camera[];
  cameraKinds: LabelledColour[];
}

function section(layer: string, title: string, ...rows: HTMLElement[]): HTMLElement {
  return h('section', { class: 'legend-section', id: `legend-${layer}`, 'data-layer': layer }, h('h3', {}, title), ...rows);
}

function item(swatch: HTMLElement, text: string, attrs: Record<string, string> = {}): HTMLElement {
  return h('div', { class: 'legend-item', ...attrs }, swatch, h('span', { class: 'legend-label' }, text));
}

function fill(colour: string, extra = ''): HTMLElement {
  return h('span', { class: `swatch ${extra}`.trim(), style: `background:${colour}` });
}

function heatSection(lang: Lang, heat: { min: number; max: number }): HTMLElement {
  const gradient = `linear-gradient(to right, ${HEAT_RAMP.map((c) => rgbCss(c)).join(', ')})`;
  return section(
    'heat',
    t(lang, 'legend.heat'),
    h('div', { class: 'legend-ramp', style: `background:${gradient}` }),
    h('div', { class: 'legend-ramp-labels' },
      h('span', { class: 'legend-min', 'data-value': heat.min }, `${t(lang, 'legend.low')} ${formatNumber(lang, heat.min)}`),
      h('span', { class: 'legend-max', 'data-value': heat.max }, `${t(lang, 'legend.high')} ${formatNumber(lang, heat.max)}`)),
  );
}

function gridsSection(lang: Lang, state: AppState, breaks: ClassBreaks): HTMLElement {
  const level = t(lang, `level.${state.level}`);
  if (!gridsFilled(state.tab)) {
    return section('grids', t(lang, 'legend.outlines', { level }), item(h('span', { class: 'swatch swatch-outline' }), level));
  }
  const classes = classRanges(breaks).map(([lo, hi], i) =>
    item(fill(rgbCss(breaks.colours[i])), lo === hi ? formatNumber(lang, lo) : `${formatNumber(lang, lo)}–${formatNumber(lang, hi)}`, {
      'data-min': String(lo),
      'data-max': String(hi),
    }),
  );
  return section(
    'grids',
    t(lang, 'legend.grids', { level }),
    item(fill(rgbCss(ZERO_COLOUR), 'swatch-zero'), `0 ${t(lang, 'legend.noData')}`, { 'data-min': '0', 'data-max': '0' }),
    ...classes,
  );
}

function camerasSection(lang: Lang, cameras: Camera[], kinds: LabelledColour[]): HTMLElement {
  const online = new Map<string, number>();
  let offline = 0;
  for (const c of cameras) {
    if (c.status === 'offline') offline++;
    else online.set(c.kind, (online.get(c.kind) ?? 0) + 1);
  }
  return section(
    'cameras',
    t(lang, 'legend.cameras', { n: formatNumber(lang, cameras.length) }),
    ...kinds.map((k) =>
      item(fill(rgbCss(k.color), 'swatch-dot'), `${label(lang, k)} ${formatNumber(lang, online.get(k.id) ?? 0)}`, { 'data-kind': k.id }),
    ),
    item(h('span', { class: 'swatch swatch-dot swatch-ring', style: `border-color:${rgbCss(OFFLINE_COLOUR)}` }),
      `${t(lang, 'legend.offline')} ${formatNumber(lang, offline)}`, { 'data-kind': 'offline' }),
  );
}

export function renderLegend(container: HTMLElement, input: LegendInput): void {
  const { state, heat, breaks, cameras, cameraKinds } = input;
  const { lang, layers } = state;
  const sections: HTMLElement[] = [];
  if (layers.heat && heat) sections.push(heatSection(lang, heat));
  if (layers.grids) sections.push(gridsSection(lang, state, breaks));
  if (layers.cameras) sections.push(camerasSection(lang, cameras, cameraKinds));
  container.replaceChildren(...sections);
  container.hidden = sections.length === 0;
}

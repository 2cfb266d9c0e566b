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
  heat: HeatRange | null;
  breaks: ClassBreaks;
  cameras: Camera[];
  cameraKinds: LabelledColour[];
  /** Levels whose polygons are generated placeholders (meta.provisionalAreas): the legend says so. */
  provisional?: string[];
  /** Said under the heat and choropleth scales when a view holds them fixed (playback: frames compare). */
  fixedNote?: string;
  /** What the jurisdiction holds none of yet (meta.counts = 0): its sections say so instead of scales of zeros
   * ("每个热力格 0 起", "0 无事件", "公共监控 0") that read like data. */
  none?: { incidents?: boolean; cameras?: boolean };
}

/** "尚无事件数据": in place of a section's scale while the jurisdiction has none of that data. */
function noDataNote(lang: Lang, layer: string, key: 'emptyData.incidents' | 'emptyData.cameras'): HTMLElement {
  return h('div', { class: 'legend-note legend-no-data', id: `legend-${layer}-no-data` }, t(lang, key));
}

function section(layer: string, title: string, ...rows: (HTMLElement | null)[]): HTMLElement {
  return h('section', { class: 'legend-section', id: `legend-${layer}`, 'data-layer': layer }, h('h3', {}, title), ...rows);
}

function item(swatch: HTMLElement, text: string, attrs: Record<string, string> = {}): HTMLElement {
  return h('div', { class: 'legend-item', ...attrs }, swatch, h('span', { class: 'legend-label' }, text));
}

function fill(colour: string, extra = ''): HTMLElement {
  return h('span', { class: `swatch ${extra}`.trim(), style: `background:${colour}` });
}

/** The heat layer's cells: counts per cell and the cell's size (degrees, at the county's latitude). */
export interface HeatRange { min: number; max: number; cellDeg: number; lat: number }

/** "约 1.3 × 1.8 公里" / "约 40 × 55 米": a heat cell's width and height on the ground. */
export function cellSizeText(lang: Lang, cellDeg: number, lat: number): string {
  const w = cellDeg * 111_320 * Math.cos((lat * Math.PI) / 180), hgt = cellDeg * 110_574;
  const km = Math.max(w, hgt) >= 1000;
  const f = (m: number) => (km ? (m / 1000).toFixed(1) : String(Math.round(m / 5) * 5));
  return t(lang, km ? 'legend.cellKm' : 'legend.cellM', { w: f(w), h: f(hgt) });
}

function fixedNoteRow(note: string | undefined, layer: string): HTMLElement | null {
  return note ? h('div', { class: 'legend-note legend-fixed', id: `legend-${layer}-fixed` }, note) : null;
}

function heatSection(lang: Lang, heat: HeatRange, fixedNote?: string): HTMLElement {
  const gradient = `linear-gradient(to right, ${HEAT_RAMP.map((c) => rgbCss(c)).join(', ')})`;
  const size = heat.cellDeg > 0 ? cellSizeText(lang, heat.cellDeg, heat.lat) : '';
  const n = (v: number) => t(lang, 'legend.count', { n: formatNumber(lang, v) });
  return section(
    'heat',
    t(lang, 'legend.heat'),
    h('div', { class: 'legend-ramp', style: `background:${gradient}` }),
    // One value for every cell (a drilled-in village: each cell 1 incident) is said once, not as "low 1 high 1".
    heat.min === heat.max
      ? h('div', { class: 'legend-ramp-labels legend-single', 'data-value': heat.max }, h('span', { class: 'legend-max', 'data-value': heat.max }, t(lang, 'legend.heatEvery', { n: n(heat.max) })))
      : h('div', { class: 'legend-ramp-labels' },
          h('span', { class: 'legend-min', 'data-value': heat.min }, `${t(lang, 'legend.low')} ${n(heat.min)}`),
          h('span', { class: 'legend-max', 'data-value': heat.max }, `${t(lang, 'legend.high')} ${n(heat.max)}`)),
    size ? h('div', { class: 'legend-note', id: 'legend-heat-cell' }, t(lang, 'legend.heatCell', { size })) : null,
    fixedNoteRow(fixedNote, 'heat'),
  );
}

/** 示意边界: the level's polygons were generated (DEMO=none), not drawn by anyone: never let them pass as real. */
function provisionalNote(lang: Lang, state: AppState, provisional: string[] | undefined): HTMLElement | null {
  if (!provisional?.includes(state.level)) return null;
  return h('div', { class: 'legend-note legend-provisional', id: 'legend-provisional' }, t(lang, 'legend.provisional', { level: t(lang, `level.${state.level}`) }));
}

function gridsSection(lang: Lang, state: AppState, breaks: ClassBreaks, provisional?: string[], fixedNote?: string, noIncidents = false): HTMLElement {
  const level = t(lang, `level.${state.level}`);
  // Outlines only: on a tab that does not fill them, or (said so) where there is no incident to classify.
  if (!gridsFilled(state.tab) || noIncidents) {
    return section('grids', t(lang, 'legend.outlines', { level }), item(h('span', { class: 'swatch swatch-outline' }), level),
      gridsFilled(state.tab) ? noDataNote(lang, 'grids', 'emptyData.incidents') : null, provisionalNote(lang, state, provisional));
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
    provisionalNote(lang, state, provisional),
    fixedNoteRow(fixedNote, 'grids'),
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
  const { state, heat, breaks, cameras, cameraKinds, none = {} } = input;
  const { lang, layers } = state;
  const sections: HTMLElement[] = [];
  if (layers.heat && none.incidents) sections.push(section('heat', t(lang, 'legend.heat'), noDataNote(lang, 'heat', 'emptyData.incidents')));
  else if (layers.heat && heat) sections.push(heatSection(lang, heat, input.fixedNote));
  if (layers.grids) sections.push(gridsSection(lang, state, breaks, input.provisional, gridsFilled(state.tab) ? input.fixedNote : undefined, none.incidents));
  if (layers.cameras && none.cameras) sections.push(section('cameras', t(lang, 'legend.camerasTitle'), noDataNote(lang, 'cameras', 'emptyData.cameras')));
  else if (layers.cameras) sections.push(camerasSection(lang, cameras, cameraKinds));
  container.replaceChildren(...sections);
  container.hidden = sections.length === 0;
}

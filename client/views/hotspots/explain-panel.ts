// The explanation of one cell's emerging-hotspot pattern: what the pattern means (ArcGIS's
// definitions), the Mann–Kendall trend behind "intensifying / diminishing", how many slices were
// significantly hot or cold, and the Gi* z-score series as a sparkline with the ±1.96 band, so a
// leader sees WHY a cell is called "new" or "diminishing" rather than taking a colour on trust.

import type { Lang } from '../../i18n';
import { PATTERN_COLOURS } from '../../layers/emerging-layer';
import { h } from '../dom';
import type { Emerging, EmergingCell } from './hotspots-api';
import { ht, patternMeaning, patternName } from './hotspots-i18n';

const SVG_NS = 'http://www.w3.org/2000/svg';

function svg(tag: string, attrs: Record<string, string | number>): SVGElement {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

/** Inline SVG sparkline of z-scores; dashed lines at ±1.96 (95 %), dots coloured when significant. */
export function sparkline(series: (number | null)[], width = 250, height = 64): SVGElement {
  const root = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, class: 'hs-sparkline', role: 'img' });
  const values = series.filter((v): v is number => v !== null && Number.isFinite(v));
  const hi = Math.max(2.58, ...values.map(Math.abs));
  const pad = 4;
  const x = (i: number) => pad + (series.length <= 1 ? 0 : (i * (width - 2 * pad)) / (series.length - 1));
  const y = (z: number) => height / 2 - (z / hi) * (height / 2 - pad);
  root.append(svg('line', { x1: 0, x2: width, y1: y(0), y2: y(0), stroke: '#9ca3af', 'stroke-width': 0.5 }));
  for (const z of [1.96, -1.96]) {
    root.append(svg('line', { x1: 0, x2: width, y1: y(z), y2: y(z), stroke: z > 0 ? '#d62f27' : '#4575b5', 'stroke-width': 0.7, 'stroke-dasharray': '3 3' }));
  }
  let d = '';
  series.forEach((z, i) => {
    if (z === null || !Number.isFinite(z)) return;
    d += `${d === '' ? 'M' : 'L'}${x(i).toFixed(1)},${y(z).toFixed(1)}`;
  });
  root.append(svg('path', { d, fill: 'none', stroke: '#374151', 'stroke-width': 1.3 }));
  series.forEach((z, i) => {
    if (z === null || !Number.isFinite(z)) return;
    const fill = z >= 1.96 ? '#d62f27' : z <= -1.96 ? '#4575b5' : '#9ca3af';
    root.append(svg('circle', { cx: x(i), cy: y(z), r: series.length > 60 ? 1.2 : 2, fill }));
  });
  return root;
}

export function renderExplanation(
  container: HTMLElement,
  lang: Lang,
  emerging: Emerging | null,
  cell: EmergingCell | null,
  cellName: string,
  onClose: () => void,
): void {
  container.hidden = !cell || !emerging;
  if (!cell || !emerging) {
    container.replaceChildren();
    return;
  }
  const close = h('button', { type: 'button', class: 'hs-close', title: ht(lang, 'explain.close'), 'aria-label': ht(lang, 'explain.close') }, '×');
  close.addEventListener('click', onClose);
  const dir = cell.trend.direction === 'up' ? ht(lang, 'explain.up') : cell.trend.direction === 'down' ? ht(lang, 'explain.down') : ht(lang, 'explain.flat');
  // In English the Chinese term follows (it is the one colleagues use); the Chinese view stays Chinese.
  const other = lang === 'en' ? ` · ${patternName('zh', cell.pattern)}` : '';
  const first = emerging.slices[0], last = emerging.slices[emerging.slices.length - 1];
  container.replaceChildren(
    h('div', { class: 'hs-explain-head' }, h('strong', {}, ht(lang, 'explain.title')), close),
    h('div', { class: 'hs-explain-cell' }, cellName),
    h('div', { class: 'hs-explain-pattern', 'data-pattern': cell.pattern },
      h('span', { class: 'swatch', style: `background:${PATTERN_COLOURS[cell.pattern]}` }),
      h('strong', {}, patternName(lang, cell.pattern)), other ? h('span', { class: 'hs-muted' }, other) : null),
    h('p', { class: 'hs-explain-meaning' }, h('span', { class: 'hs-muted' }, `${ht(lang, 'explain.meaning')}：`), patternMeaning(lang, cell.pattern)),
    h('div', { class: 'hs-explain-mk', 'data-direction': cell.trend.direction },
      `${ht(lang, 'explain.mk')}：${dir}（S = ${cell.trend.s}，z = ${cell.trend.z?.toFixed(2) ?? '–'}，p = ${formatP(cell.trend.p)}）`),
    h('div', { class: 'hs-explain-slices' }, ht(lang, 'explain.slices', { hot: cell.hotSlices, cold: cell.coldSlices, n: emerging.slices.length })),
    h('div', { class: 'hs-muted' }, `${ht(lang, 'explain.series')}（${first?.start ?? ''} – ${last?.end ?? ''}）`),
    sparkline(cell.zSeries),
  );
}

export function formatP(p: number | null): string {
  if (p === null || !Number.isFinite(p)) return '—';
  if (p < 0.001) return '< 0.001';
  return p.toFixed(3);
}

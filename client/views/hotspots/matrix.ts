// Hour-of-day × day-of-week matrix (7 × 24) of the current selection: WHEN incidents concentrate
// (night patrol "警灯闪烁" is placed by time windows, not only by place). Colour is the count's share
// of the busiest cell on the heat ramp; the numbers are in each cell's title and the max is printed.

import { formatNumber, type Lang } from '../../i18n';
import { HEAT_RAMP, rgbCss } from '../../layers/colour-scale';
import { h } from '../dom';
import type { Matrix } from './hotspots-api';
import { ht, type HotspotsKey } from './hotspots-i18n';

function cellColour(value: number, max: number): string {
  if (value <= 0 || max <= 0) return '#f3f4f6';
  const i = Math.min(HEAT_RAMP.length - 1, Math.floor((value / max) * HEAT_RAMP.length));
  return rgbCss(HEAT_RAMP[i]);
}

export function renderMatrix(container: HTMLElement, lang: Lang, m: Matrix | null, loading: boolean): void {
  if (!m) {
    container.replaceChildren(h('p', { class: 'hs-note' }, loading ? ht(lang, 'loading') : ''));
    return;
  }
  const grid = h('div', { class: 'hs-matrix', role: 'table', 'data-max': m.max, 'data-total': m.total });
  grid.append(h('span', { class: 'hs-matrix-corner' }));
  for (let hour = 0; hour < 24; hour++) grid.append(h('span', { class: 'hs-matrix-hour' }, hour % 3 === 0 ? String(hour) : ''));
  m.matrix.forEach((row, day) => {
    grid.append(h('span', { class: 'hs-matrix-day' }, ht(lang, `weekday.${day}` as HotspotsKey)));
    row.forEach((value, hour) => {
      grid.append(h('span', {
        class: 'hs-matrix-cell',
        style: `background:${cellColour(value, m.max)}`,
        title: `${ht(lang, `weekday.${day}` as HotspotsKey)} ${hour}:00–${hour + 1}:00 · ${formatNumber(lang, value)}`,
        'data-day': day,
        'data-hour': hour,
        'data-value': value,
      }));
    });
  });
  const ramp = `linear-gradient(to right, ${HEAT_RAMP.map((c) => rgbCss(c)).join(', ')})`;
  container.replaceChildren(
    grid,
    h('div', { class: 'hs-matrix-foot' },
      h('span', { class: 'hs-matrix-ramp', style: `background:${ramp}` }),
      h('span', { id: 'hotspots-matrix-max' }, ht(lang, 'matrix.max', { max: formatNumber(lang, m.max), total: formatNumber(lang, m.total) }))),
  );
}

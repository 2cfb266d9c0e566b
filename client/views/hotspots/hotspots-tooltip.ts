// Tooltips of the leaders' view layers: name, count and the statistic behind the colour (Gi* z and
// p and class; emerging pattern and trend; change with p).

import type { PickingInfo } from '@deck.gl/core';
import { cellToLatLng } from 'h3-js';
import { placeAt } from '../../map/place-lookup';
import type { AreaFeature } from '../../api';
import { formatNumber, t, type Lang } from '../../i18n';
import { CHANGE_LAYER_ID } from '../../layers/change-layer';
import { EMERGING_LAYER_ID } from '../../layers/emerging-layer';
import { GISTAR_LAYER_ID } from '../../layers/gistar-layer';
import type { AppState } from '../../state';
import { formatP } from './explain-panel';
import type { EmergingCell, GistarCell } from './hotspots-api';
import { ht, patternName, type HotspotsKey } from './hotspots-i18n';
import type { HotspotsView } from './hotspots-view';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const row = (k: string, v: string) => `<div><span class="tip-key">${escape(k)}</span> ${escape(v)}</div>`;

const CLASS_KEYS: Record<number, HotspotsKey> = {
  3: 'gistar.hot99', 2: 'gistar.hot95', 1: 'gistar.hot90', 0: 'gistar.none', [-1]: 'gistar.cold90', [-2]: 'gistar.cold95', [-3]: 'gistar.cold99',
};

function gistarLines(lang: Lang, c: GistarCell): string[] {
  return [
    row(ht(lang, 'tip.count'), formatNumber(lang, c.count)),
    row(ht(lang, 'tip.z'), c.z === null ? '—' : c.z.toFixed(2)),
    row(ht(lang, 'tip.p'), formatP(c.p)),
    row(ht(lang, 'tip.class'), ht(lang, c.isolated ? 'gistar.isolated' : CLASS_KEYS[c.class])),
  ];
}

function emergingLines(lang: Lang, c: EmergingCell): string[] {
  const dir = c.trend.direction === 'up' ? ht(lang, 'explain.up') : c.trend.direction === 'down' ? ht(lang, 'explain.down') : ht(lang, 'explain.flat');
  return [
    row(ht(lang, 'tip.pattern'), patternName(lang, c.pattern)),
    row(ht(lang, 'tip.trend'), `${dir} (z ${c.trend.z?.toFixed(2) ?? '–'}, p ${formatP(c.trend.p)})`),
  ];
}

/** An H3 cell by its place (looked up on first hover), its code below. */
function hexTitle(lang: Lang, cell: string): string {
  const [lat, lon] = cellToLatLng(cell);
  const place = placeAt(`h3:${cell}`, lon, lat);
  return `<strong>${escape(place || (place === null ? ht(lang, 'tip.placeLoading') : ht(lang, 'tip.hex')))}</strong>${row(ht(lang, 'tip.hex'), cell)}`;
}

export function hotspotsTooltip(view: HotspotsView, info: PickingInfo, state: AppState): { html: string; className: string } | null {
  if (!info.object || !info.layer || state.tab !== view.tab) return null;
  const { lang } = state;
  const id = info.layer.id;
  const obj = info.object as AreaFeature | GistarCell | EmergingCell;
  const isArea = 'properties' in obj;
  const code = isArea ? obj.properties.code : obj.id;
  // A generated placeholder polygon (DEMO=none) says so under its name.
  const schematic = isArea && view.ctx.meta.provisionalAreas.includes(obj.properties.level) ? `<div class="tip-provisional">${escape(t(lang, 'tip.provisional'))}</div>` : '';
  const title = isArea ? `<strong>${escape(obj.properties.name)}</strong>${schematic}` : hexTitle(lang, code);
  const drill = isArea && code.length < 15 ? `<div class="tip-key">${escape(ht(lang, 'tip.clickDrill'))}</div>` : '';
  const wrap = (lines: string[]) => ({ html: [title, ...lines, drill].join(''), className: 'map-tooltip' });

  if (id.startsWith(GISTAR_LAYER_ID) || id === 'hotspots-density-h3') {
    const cell = isArea ? view.gistar.data?.cells.find((c) => c.id === code) : (obj as GistarCell);
    if (!cell) return wrap([row(ht(lang, 'tip.count'), '0')]);
    return wrap(id === 'hotspots-density-h3' ? [row(ht(lang, 'tip.count'), formatNumber(lang, cell.count))] : gistarLines(lang, cell));
  }
  if (id.startsWith(EMERGING_LAYER_ID)) {
    const cell = isArea ? view.emerging.data?.cells.find((c) => c.id === code) : (obj as EmergingCell);
    return { html: [title, ...(cell ? emergingLines(lang, cell) : [row(ht(lang, 'tip.pattern'), patternName(lang, 'none'))]), `<div class="tip-key">${escape(ht(lang, 'emerging.clickHint'))}</div>`].join(''), className: 'map-tooltip' };
  }
  if (id === CHANGE_LAYER_ID) {
    const u = view.change.data?.units.find((x) => x.code === code);
    if (!u) return wrap([]);
    const cls = u.p === null ? 'change.untested' : u.class === 'up' ? 'change.up' : u.class === 'down' ? 'change.down' : 'change.none';
    return wrap([
      row(ht(lang, 'tip.current'), formatNumber(lang, u.current)),
      row(ht(lang, 'tip.previous'), formatNumber(lang, u.previous)),
      row(ht(lang, 'tip.changePct'), u.changePct === null ? '—' : `${u.changePct > 0 ? '+' : ''}${u.changePct.toFixed(1)}%`),
      row(ht(lang, 'tip.p'), formatP(u.p)),
      row(ht(lang, 'tip.class'), ht(lang, cls)),
    ]);
  }
  return null;
}

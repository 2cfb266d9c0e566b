// The ranked gaps of the coverage panel: the top gaps (uncovered sites and road stretches), the target classes
// taking turns (gap-focus.ts) and each class by what one new camera there would gain — target priority ×
// incident density, the optimiser's own weighting — each with its place, what is missing, its rank within its
// class and its score; a click flies the map there. The map draws only these until "show all gaps" is pressed
// (the village roads alone are thousands of kilometres). The note says how the list is ranked.
import { formatNumber, type Lang } from '../../i18n';
import { h } from '../dom';
import { ct, type CoverageKey } from './coverage-i18n';
import { gapClass, type FocusedGaps, type RankedGap } from './gap-focus';

export interface GapsModel { focus: FocusedGaps; all: boolean; version: number }
export interface GapsActions { toggleAll(): void; flyTo(lon: number, lat: number): void }

export const gapsKey = (lang: Lang, m: GapsModel) => [lang, m.version, m.all, m.focus.total].join('|');

const ROAD_CLASS: Record<string, CoverageKey> = { national: 'rc_national', provincial: 'rc_provincial', county: 'rc_county', village: 'rc_village', street: 'rc_street', railway: 'rc_railway' };

function where(g: RankedGap): [number, number] {
  if (g.type === 'site') return [g.gap.lon, g.gap.lat];
  const line = g.gap.line;
  return line[Math.floor(line.length / 2)] ?? line[0];
}

function what(lang: Lang, g: RankedGap): string {
  if (g.type === 'site') return ct(lang, `cat_${g.gap.category}` as CoverageKey);
  const cls = ROAD_CLASS[g.gap.roadClass];
  return `${cls ? ct(lang, cls) : g.gap.roadClass} ${formatNumber(lang, Math.round(g.gap.lengthM))} ${ct(lang, 'metres')}`;
}

export function gapsSection(lang: Lang, m: GapsModel, actions: GapsActions): HTMLElement {
  const rows = m.focus.top.map((g, i) => {
    const tr = h('tr', { class: 'cov-unit-row', 'data-type': g.type, 'data-class': gapClass(g), 'data-class-rank': String(g.classRank), 'data-score': String(g.score) },
      h('td', {}, String(i + 1)),
      h('td', {}, g.gap.name || ct(lang, g.type === 'site' ? 'tipSite' : 'tipRoad')),
      h('td', {}, what(lang, g), h('span', { class: 'cov-class-rank' }, ct(lang, 'gapClassRank', { k: g.classRank }))),
      h('td', {}, g.score.toFixed(1)));
    tr.addEventListener('click', () => actions.flyTo(...where(g)));
    return tr;
  });
  const toggle = h('button', { type: 'button', class: 'link-button', id: 'cov-gaps-all', 'aria-pressed': String(m.all) },
    m.all ? ct(lang, 'gapsTopOnly', { n: m.focus.top.length }) : ct(lang, 'gapsShowAll', { n: formatNumber(lang, m.focus.total) }));
  toggle.addEventListener('click', () => actions.toggleAll());
  const body = m.focus.total === 0
    ? [h('div', { class: 'cov-note empty-state', id: 'cov-gaps-empty' }, ct(lang, 'gapsNone'))]
    : [
        h('div', { class: 'cov-note', id: 'cov-gaps-how' }, ct(lang, 'gapsNote')),
        h('div', { class: 'cov-plan-scroll' },
          h('table', { class: 'cov-table', id: 'cov-gaps' },
            h('thead', {}, h('tr', {}, h('th', {}, ct(lang, 'order')), h('th', {}, ct(lang, 'place')), h('th', {}, ct(lang, 'gapWhat')), h('th', {}, ct(lang, 'gapScore')))),
            h('tbody', {}, ...rows))),
        h('div', { class: 'cov-actions' }, toggle),
      ];
  return h('section', { class: 'panel-section', id: 'cov-gap-ranking', 'data-shown': String(m.focus.roads.length + m.focus.sites.length), 'data-total': String(m.focus.total) },
    h('h2', {}, ct(lang, 'gapsTitle', { n: m.focus.top.length })), ...body);
}

// The coverage tab's map legend (sectors by kind with counts, offline, the plan; the gaps with their figures)
// and the tooltips of its layers.
import type { PickingInfo } from '@deck.gl/core';
import type { Meta } from '../../api';
import { formatNumber, type Lang } from '../../i18n';
import { rgbCss } from '../../layers/colour-scale';
import { CROSSINGS_LAYER_ID, COVERED_COLOUR, GAP_COLOUR, GAP_ROADS_LAYER_ID, GAP_SITES_LAYER_ID } from '../../layers/coverage-gap-layers';
import { EDITED_SECTOR_LAYER_ID, OFFLINE_SECTOR, PROPOSED_COLOUR, PROPOSED_POINTS_LAYER_ID, SECTOR_LAYER_ID, type SectorCamera, type SectorDatum } from '../../layers/sector-layer';
import { h } from '../dom';
import type { CrossingRow, Ledger, RoadGap, SiteGap } from './coverage-api';
import { ct } from './coverage-i18n';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface LegendModel {
  kinds: Meta['cameraKinds'];
  online: ReadonlyMap<string, number>;
  offline: number;
  proposed: number;
  ledger: Ledger | null;
  /** how many top gaps the map draws, or null when it draws them all */
  gapsShown: number | null;
}

export function coverageLegend(lang: Lang, m: LegendModel): HTMLElement[] {
  const item = (swatch: string, text: string, attrs: Record<string, string> = {}) => h('div', { class: 'legend-item', ...attrs }, h('span', { class: 'swatch', style: swatch }), h('span', { class: 'legend-label' }, text));
  const sectors = h('section', { class: 'legend-section', id: 'legend-sectors', 'data-layer': 'sectors' },
    h('h3', {}, ct(lang, 'legendSectors')),
    ...m.kinds.map((k) => item(`background:${rgbCss(k.color)};opacity:.6`, `${lang === 'zh' ? k.zh : k.en} ${formatNumber(lang, m.online.get(k.id) ?? 0)}`, { 'data-kind': k.id })),
    item(`background:${rgbCss(OFFLINE_SECTOR)};opacity:.3`, `${ct(lang, 'legendOffline')} ${formatNumber(lang, m.offline)}`, { 'data-kind': 'offline' }),
    item(`background:transparent;border:2px solid ${rgbCss(PROPOSED_COLOUR)}`, ct(lang, 'legendPlan', { n: m.proposed })),
    h('div', { class: 'cov-note' }, ct(lang, 'zoomForSectors')));
  const g = m.ledger?.gaps;
  const crossed = m.ledger?.crossings.filter((c) => c.covered).length ?? 0;
  const gapKm = (g?.roads.reduce((s, r) => s + r.lengthM, 0) ?? 0) / 1000;
  const gaps = h('section', { class: 'legend-section', id: 'legend-gaps', 'data-layer': 'gaps' },
    h('h3', {}, ct(lang, 'legendGaps')),
    item(`background:transparent;border:2.5px solid ${rgbCss(GAP_COLOUR)};border-radius:50%`, ct(lang, 'legendGapSites', { n: g?.sites.length ?? 0 }), { 'data-value': String(g?.sites.length ?? 0) }),
    item(`background:${rgbCss(GAP_COLOUR)};height:3px`, ct(lang, 'legendGapRoads', { km: gapKm.toFixed(1) }), { 'data-value': gapKm.toFixed(1) }),
    item(`background:linear-gradient(90deg, ${rgbCss(COVERED_COLOUR)} 50%, ${rgbCss(GAP_COLOUR)} 50%);border-radius:50%`, ct(lang, 'legendCrossings', { covered: crossed, total: m.ledger?.crossings.length ?? 0 })),
    h('div', { class: 'cov-note', id: 'legend-gaps-shown' }, m.gapsShown === null ? ct(lang, 'legendGapsAll') : ct(lang, 'legendGapsShown', { n: m.gapsShown })));
  return [sectors, gaps];
}

/** A camera's tooltip (also for stored sectors found on the CPU, which deck.gl does not pick). */
export function sectorTooltip(c: SectorCamera, lang: Lang, kinds: Meta['cameraKinds']): { html: string; className: string } {
  const row = (k: string, v: string) => `<div><span class="tip-key">${escape(k)}</span> ${escape(v)}</div>`;
  const kind = kinds.find((k) => k.id === c.kind);
  return { className: 'map-tooltip', html: [`<strong>${escape(c.id)}</strong>`, c.name ? `<div>${escape(c.name)}</div>` : '', row(lang === 'zh' ? '类型' : 'Kind', kind ? (lang === 'zh' ? kind.zh : kind.en) : c.kind), row(ct(lang, 'tipBearing'), `${Math.round(c.bearing)}° / ${Math.round(c.fov)}° / ${Math.round(c.rangeM)} m`), row(ct(lang, 'online'), c.status === 'online' ? ct(lang, 'yes') : ct(lang, 'no'))].join('') };
}

export function coverageTooltip(info: PickingInfo, lang: Lang, kinds: Meta['cameraKinds']): { html: string; className: string } | null {
  if (!info.object || !info.layer) return null;
  const row = (k: string, v: string) => `<div><span class="tip-key">${escape(k)}</span> ${escape(v)}</div>`;
  const id = info.layer.id;
  if (id === SECTOR_LAYER_ID || id === EDITED_SECTOR_LAYER_ID || id === PROPOSED_POINTS_LAYER_ID) return sectorTooltip(info.object as SectorDatum, lang, kinds);
  if (id === GAP_SITES_LAYER_ID) {
    const s = info.object as SiteGap;
    return { className: 'map-tooltip', html: [`<strong>${escape(ct(lang, 'tipSite'))}</strong>`, `<div>${escape(s.name)}</div>`, row(ct(lang, 'tipCameras'), `${s.cameras} (${ct(lang, 'tipNeed')} ${s.need})`)].join('') };
  }
  if (id === GAP_ROADS_LAYER_ID) {
    const r = info.object as RoadGap;
    return { className: 'map-tooltip', html: [`<strong>${escape(ct(lang, 'tipRoad'))}</strong>`, `<div>${escape(r.name)}</div>`, row(ct(lang, 'tipLength'), `${Math.round(r.lengthM)} m`)].join('') };
  }
  if (id === CROSSINGS_LAYER_ID) {
    const c = info.object as CrossingRow;
    return { className: 'map-tooltip', html: [`<strong>${escape(ct(lang, 'tipCrossing'))}</strong>`, `<div>${escape(c.roadName)}</div>`, row(ct(lang, 'tipCameras'), String(c.cameras))].join('') };
  }
  return null;
}

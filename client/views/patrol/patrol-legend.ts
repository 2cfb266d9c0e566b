// The patrol view's legend sections, with the numbers as text: route units with stops, minutes and km; the
// risk ramp's range; border zones with crossings by camera status; corridors with key points; isochrone bands.
import { formatNumber, type Lang } from '../../i18n';
import { HEAT_RAMP, rgbCss } from '../../layers/colour-scale';
import { CAMERA_STATUS_COLOURS, CORRIDOR_COLOUR, ISO_COLOURS, KEYPOINT_COLOURS, ZONE_COLOUR, type CrossingDatum, type KeyPointDatum, type RiskCellDatum } from '../../layers/patrol-zone-layers';
import { unitColour } from '../../layers/route-layer';
import { h } from '../dom';
import type { Corridors, Isochrones, Risk, RoutePlan, Zones } from './patrol-api';
import { pt } from './patrol-i18n';

/** What to show; a null part is hidden (its layer is off or its data not loaded). */
export interface LegendInput {
  plan: RoutePlan | null;
  risk: Risk | null;
  riskCells: RiskCellDatum[];
  riskMax: number;
  zones: Zones | null;
  crossings: CrossingDatum[];
  corridors: Corridors | null;
  keyPoints: KeyPointDatum[];
  iso: Isochrones | null;
}

export function patrolLegend(lang: Lang, d: LegendInput): HTMLElement[] {
  const section = (id: string, title: string, ...rows: (HTMLElement | null)[]) => h('section', { class: 'legend-section', id: `legend-${id}`, 'data-layer': id }, h('h3', {}, title), ...rows);
  const item = (colour: string, text: string, attrs: Record<string, string> = {}) => h('div', { class: 'legend-item', ...attrs }, h('span', { class: 'swatch', style: `background:${colour}` }), h('span', { class: 'legend-label' }, text));
  const out: HTMLElement[] = [];
  if (d.plan) {
    out.push(section('patrol-routes', pt(lang, 'legend.routes'),
      item('rgb(11,61,145)', `${pt(lang, 'legend.station')} ${d.plan.station.name}`),
      ...d.plan.routes.map((r) => item(rgbCss(unitColour(r.unit)), `${pt(lang, 'plan.unit', { n: r.unit })} · ${pt(lang, 'plan.unitLine', { stops: r.stops.length, time: Math.round(r.timeMin), km: r.distanceKm.toFixed(1) })}`, { 'data-unit': String(r.unit) }))));
  }
  if (d.risk && d.riskCells.length) {
    out.push(section('patrol-risk', pt(lang, 'legend.risk'),
      h('div', { class: 'legend-ramp', style: `background:linear-gradient(to right, ${HEAT_RAMP.map((c) => rgbCss(c)).join(', ')})` }),
      h('div', { class: 'legend-ramp-labels' },
        h('span', { class: 'legend-min', 'data-value': d.riskCells[d.riskCells.length - 1].risk }, `${pt(lang, 'low')} ${pt(lang, 'risk.value', { risk: d.riskCells[d.riskCells.length - 1].risk.toFixed(2) })}`),
        h('span', { class: 'legend-max', 'data-value': d.riskMax }, `${pt(lang, 'high')} ${pt(lang, 'risk.value', { risk: d.riskMax.toFixed(1) })}`)),
      h('div', { class: 'legend-label' }, pt(lang, 'legend.riskLine', { n: formatNumber(lang, d.riskCells.length), top: d.risk.top.length }))));
  }
  if (d.zones) {
    const count = (s: string) => d.crossings.filter((c) => c.status === s).length;
    out.push(section('patrol-border', pt(lang, 'legend.border', { w: formatNumber(lang, d.zones.widthM) }),
      item(rgbCss(ZONE_COLOUR), pt(lang, 'legend.borderLine', { n: d.zones.neighbours.length, incidents: formatNumber(lang, d.zones.neighbours.reduce((s, n) => s + n.incidents.total, 0)) })),
      ...(['online', 'offline', 'none'] as const).map((s) => item(rgbCss(CAMERA_STATUS_COLOURS[s]), pt(lang, 'legend.crossingCount', { what: pt(lang, `cam.${s}`), n: count(s) }), { 'data-status': s }))));
  }
  if (d.corridors) {
    out.push(section('patrol-corridors', pt(lang, 'legend.corridors', { w: formatNumber(lang, d.corridors.widthM) }),
      item(rgbCss(CORRIDOR_COLOUR), pt(lang, 'legend.corridorLine', { n: d.corridors.corridors.length, incidents: formatNumber(lang, d.corridors.corridors.reduce((s, c) => s + c.incidents.total, 0)) })),
      ...(['bridge', 'level_crossing', 'station'] as const).map((k) => item(rgbCss(KEYPOINT_COLOURS[k]), pt(lang, 'legend.keyPointCount', { what: pt(lang, `kp.${k}`), n: d.keyPoints.filter((p) => p.kind === k).length })))));
  }
  if (d.iso) {
    out.push(section('patrol-iso', pt(lang, 'legend.iso'),
      ...d.iso.bands.map((b, i) => item(rgbCss(ISO_COLOURS[i]), pt(lang, 'legend.isoLine', { m: b.minutes, share: Math.round(d.iso!.villages[i].share * 100) }), { 'data-minutes': String(b.minutes) }))));
  }
  return out;
}

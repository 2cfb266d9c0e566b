// Tooltips for the patrol layers: risk cells, route stops (ETA, risk), routes, border crossings (camera
// status), zones, corridors, key points and isochrone cells. Text is escaped before it goes into HTML.
import type { PickingInfo } from '@deck.gl/core';
import { cellToLatLng } from 'h3-js';
import { placeAt } from '../../map/place-lookup';
import { formatNumber, type Lang } from '../../i18n';
import { CORRIDORS_LAYER_ID, CROSSINGS_LAYER_ID, ISO_LAYER_ID, KEYPOINTS_LAYER_ID, RISK_LAYER_ID, ZONES_LAYER_ID, type CrossingDatum, type IsoCellDatum, type KeyPointDatum, type RiskCellDatum } from '../../layers/patrol-zone-layers';
import { ROUTE_LAYER_ID, STATION_LAYER_ID, STOPS_LAYER_ID, type RouteDatum, type StopMarker } from '../../layers/route-layer';
import type { RoutePlan } from './patrol-api';
import { pt } from './patrol-i18n';
import { placeText } from '../../../shared/geo/place-label';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function cellPlace(cell: string): string | null {
  const [lat, lon] = cellToLatLng(cell);
  return placeAt(`h3:${cell}`, lon, lat);
}

export function patrolTooltip(info: PickingInfo, lang: Lang, plan: RoutePlan | null): { html: string; className: string } | null {
  if (!info.object || !info.layer) return null;
  const row = (k: string, v: string) => `<div><span class="tip-key">${escape(k)}</span> ${escape(v)}</div>`;
  const id = info.layer.id;
  const html = (lines: string[]) => ({ html: lines.join(''), className: 'map-tooltip' });
  if (id === RISK_LAYER_ID) {
    const c = info.object as RiskCellDatum;
    return html([
      `<strong>${escape(c.place ? placeText(c.place) : (cellPlace(c.cell) ?? pt(lang, 'loading')))}</strong>`,
      row(pt(lang, 'tip.risk'), `${pt(lang, 'risk.value', { risk: c.risk.toFixed(1) })}${c.rank ? ` · ${pt(lang, 'tip.rank', { rank: c.rank })}` : ''}`),
      row(pt(lang, 'tip.incidents'), pt(lang, 'tip.count', { n: formatNumber(lang, c.count) })),
    ]);
  }
  if (id === STOPS_LAYER_ID) {
    const m = info.object as StopMarker;
    if (m.stops.length > 1)
      return html([`<strong>${escape(pt(lang, 'tip.stops', { n: m.stops.length }))}</strong>`,
        ...m.stops.map((s) => row(`${pt(lang, 'plan.unit', { n: s.unit })} · ${s.order}`, `${s.eta}–${s.leave} · ${s.place}`))]);
    const s = m.stops[0];
    return html([`<strong>${escape(pt(lang, 'plan.unit', { n: s.unit }))} · ${s.order} · ${escape(s.place)}</strong>`, row(pt(lang, 'tip.eta'), s.eta), row(pt(lang, 'tip.leave'), s.leave), row(pt(lang, 'tip.risk'), pt(lang, 'risk.value', { risk: s.risk.toFixed(1) })), row(pt(lang, 'tip.incidents'), pt(lang, 'tip.count', { n: formatNumber(lang, s.count) }))]);
  }
  if (id === ROUTE_LAYER_ID) {
    const r = info.object as RouteDatum;
    const p = plan?.routes.find((x) => x.unit === r.unit);
    return html([`<strong>${escape(pt(lang, 'plan.unit', { n: r.unit }))}</strong>`, p ? row('', pt(lang, 'plan.unitLine', { stops: p.stops.length, time: Math.round(p.timeMin), km: p.distanceKm.toFixed(1) })) : '']);
  }
  if (id === STATION_LAYER_ID) return html([`<strong>${escape((info.object as { name: string }).name)}</strong>`]);
  if (id === CROSSINGS_LAYER_ID) {
    const c = info.object as CrossingDatum;
    const extra = c.status === 'none' && c.nearestM !== undefined ? ` (${pt(lang, 'cam.nearest', { m: Math.round(c.nearestM) })})` : '';
    return html([`<strong>${escape(pt(lang, 'tip.crossing'))} · ${escape(c.roadName)}</strong>`, row('', c.neighbour), row('', pt(lang, `cam.${c.status}`) + extra)]);
  }
  if (id === ZONES_LAYER_ID || id === CORRIDORS_LAYER_ID) {
    const p = (info.object as { properties: { name: string; incidents: number } }).properties;
    return html([`<strong>${escape(p.name)}</strong>`, row(pt(lang, 'tip.incidents'), formatNumber(lang, p.incidents))]);
  }
  if (id === KEYPOINTS_LAYER_ID) {
    const k = info.object as KeyPointDatum;
    return html([`<strong>${escape(pt(lang, `kp.${k.kind}`))}</strong>`, row('', `${k.name} · ${k.corridor}`)]);
  }
  if (id === ISO_LAYER_ID) return html([`<strong>${escape(pt(lang, 'tip.minutes', { m: (info.object as IsoCellDatum).minutes }))}</strong>`]);
  return null;
}

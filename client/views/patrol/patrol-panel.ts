// DOM builders for the patrol panel's result sections: the planned routes with ETAs and what was left out,
// the shift's top risk cells, the border list, the corridors and the response-coverage table.
import { formatNumber, formatPercent, type Lang } from '../../i18n';
import { rgbCss } from '../../layers/colour-scale';
import { CAMERA_STATUS_COLOURS, KEYPOINT_COLOURS } from '../../layers/patrol-zone-layers';
import { unitColour } from '../../layers/route-layer';
import { h } from '../dom';
import type { Corridors, Isochrones, Risk, RoutePlan, Zones } from './patrol-api';
import { pt } from './patrol-i18n';
import { categoriesZh, categoryEn, clock } from './route-card';
import { placeText } from '../../../shared/geo/place-label';

const CATEGORY_EN: Record<string, string> = { theft: 'theft', criminal: 'criminal', public_order: 'public order', fraud: 'fraud', dispute: 'dispute', petition: 'petition', hazard: 'hazard', livelihood: 'livelihood', traffic: 'traffic', fire: 'fire', emergency: 'emergency' };
export function categoriesText(lang: Lang, by: Record<string, number>): string {
  if (lang === 'zh') return categoriesZh(by);
  return Object.entries(by).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${CATEGORY_EN[k] ?? categoryEn(k) ?? k} ${n}`).join(', ');
}

const dot = (colour: string) => h('span', { class: 'pt-dot', style: `background:${colour}` });
const fly = (onFly: (lon: number, lat: number) => void, lon: number, lat: number) => (e: Event) => (e.preventDefault(), onFly(lon, lat));

export function planResult(lang: Lang, plan: RoutePlan, onFly: (lon: number, lat: number) => void): HTMLElement {
  const stops = plan.routes.reduce((s, r) => s + r.stops.length, 0);
  const root = h('div', { class: 'pt-plan', id: 'patrol-plan' },
    h('p', { class: 'pt-summary', id: 'patrol-summary' }, pt(lang, 'plan.summary', { units: plan.routes.length, stops, share: formatPercent(lang, plan.shareOfShift), cand: formatPercent(lang, plan.shareOfCandidates) })));
  for (const r of plan.routes) {
    const list = h('ol', { class: 'pt-stops', 'data-unit': r.unit });
    for (const s of r.stops) {
      const li = h('li', { class: 'pt-stop', 'data-eta': clock(plan.shift.startHour, s.arriveMin) },
        h('a', { href: '#' }, pt(lang, 'plan.stop', { order: s.order, eta: clock(plan.shift.startHour, s.arriveMin), leave: clock(plan.shift.startHour, s.departMin), place: placeText(s.place) })),
        h('span', { class: 'pt-muted' }, ` · ${pt(lang, 'risk.value', { risk: s.risk.toFixed(1) })} · ${categoriesText(lang, s.byCategory)}`));
      li.querySelector('a')!.addEventListener('click', fly(onFly, s.lon, s.lat));
      list.append(li);
    }
    root.append(
      h('div', { class: 'pt-unit', 'data-unit': r.unit },
        h('div', { class: 'pt-unit-head' }, dot(rgbCss(unitColour(r.unit))), h('strong', {}, pt(lang, 'plan.unit', { n: r.unit })), ' ',
          h('span', { class: 'pt-muted' }, pt(lang, 'plan.unitLine', { stops: r.stops.length, time: Math.round(r.timeMin), km: r.distanceKm.toFixed(1) }))),
        r.stops.length ? list : h('p', { class: 'pt-muted' }, pt(lang, 'plan.noStops'))),
    );
  }
  if (plan.leftOut.length) {
    const list = h('ul', { class: 'pt-left', id: 'patrol-left-out' });
    for (const l of plan.leftOut.slice(0, 8)) {
      const a = h('a', { href: '#' }, pt(lang, 'left.item', { rank: l.rank, place: placeText(l.place), risk: l.risk.toFixed(1), reason: pt(lang, `reason.${l.reason}`, { min: Math.ceil(l.detailMin ?? 0) }) }));
      a.addEventListener('click', fly(onFly, l.lon, l.lat));
      list.append(h('li', { 'data-reason': l.reason, 'data-rank': l.rank }, a));
    }
    root.append(h('div', { class: 'pt-sub' }, pt(lang, 'plan.leftOut')), list);
  }
  return root;
}

export function riskList(lang: Lang, risk: Risk, onFly: (lon: number, lat: number) => void): HTMLElement {
  if (!risk.top.length) return h('p', { class: 'pt-muted', id: 'patrol-risk-empty' }, pt(lang, 'risk.empty'));
  const list = h('ol', { class: 'pt-risk', id: 'patrol-risk-list' });
  for (const c of risk.top.slice(0, 10)) {
    const a = h('a', { href: '#' }, pt(lang, 'risk.item', { place: placeText(c.place), risk: c.risk.toFixed(1), share: formatPercent(lang, c.share) }));
    a.addEventListener('click', fly(onFly, c.focusLon, c.focusLat));
    list.append(h('li', { 'data-cell': c.cell }, a, h('span', { class: 'pt-muted' }, ` · ${categoriesText(lang, c.byCategory)}`)));
  }
  return list;
}

export function borderList(lang: Lang, zones: Zones, onFly: (lon: number, lat: number) => void): HTMLElement {
  const root = h('div', { id: 'patrol-border-list' });
  for (const n of zones.neighbours) {
    const crossings = h('ul', { class: 'pt-crossings' });
    for (const c of n.crossings) {
      const extra = c.camera.status === 'none' && c.camera.nearestM !== undefined ? ` (${pt(lang, 'cam.nearest', { m: formatNumber(lang, Math.round(c.camera.nearestM)) })})` : '';
      const a = h('a', { href: '#' }, c.roadName);
      a.addEventListener('click', fly(onFly, c.lon, c.lat));
      crossings.append(h('li', { 'data-status': c.camera.status }, dot(rgbCss(CAMERA_STATUS_COLOURS[c.camera.status])), a, ` · ${pt(lang, `cam.${c.camera.status}`)}${extra}`));
    }
    root.append(
      h('div', { class: 'pt-neighbour', 'data-code': n.code },
        h('strong', {}, n.name),
        h('div', { class: 'pt-muted' }, pt(lang, 'border.line', { km: n.borderKm.toFixed(1), area: formatNumber(lang, Math.round(n.zoneKm2)), n: formatNumber(lang, n.incidents.total) })),
        n.incidents.total ? h('div', { class: 'pt-muted' }, categoriesText(lang, n.incidents.byCategory)) : null,
        h('div', { class: 'pt-sub' }, pt(lang, 'border.crossings', { n: n.crossings.length })),
        crossings),
    );
  }
  return root;
}

export function corridorList(lang: Lang, corridors: Corridors): HTMLElement {
  const root = h('div', { id: 'patrol-corridor-list' });
  for (const c of corridors.corridors) {
    const count = (k: string) => c.keyPoints.filter((p) => p.kind === k).length;
    root.append(
      h('div', { class: 'pt-neighbour', 'data-id': c.id },
        h('strong', {}, c.name),
        h('div', { class: 'pt-muted' }, pt(lang, 'corr.line', { n: formatNumber(lang, c.incidents.total), b: count('bridge'), l: count('level_crossing'), s: count('station') }))),
    );
  }
  root.append(h('div', { class: 'pt-kp-key' }, ...(['bridge', 'level_crossing', 'station'] as const).map((k) => h('span', {}, dot(rgbCss(KEYPOINT_COLOURS[k])), pt(lang, `kp.${k}`)))));
  return root;
}

export function isoTable(lang: Lang, iso: Isochrones): HTMLElement {
  // No station yet (an empty jurisdiction): the server's reason, not a table of 0 % that looks like data.
  if (!iso.stations.length && iso.reason) return h('p', { class: 'pt-muted', id: 'patrol-iso-empty' }, (lang === 'zh' ? iso.reasonZh : iso.reason) ?? iso.reason);
  const table = h('table', { class: 'pt-table', id: 'patrol-iso-table' },
    h('thead', {}, h('tr', {}, h('th', {}, pt(lang, 'iso.minutes')), h('th', {}, pt(lang, 'iso.villages')), h('th', {}, pt(lang, 'iso.incidents')))),
    h('tbody', {}, ...iso.minutes.map((m, i) => h('tr', { 'data-minutes': m }, h('td', {}, `≤ ${m}`),
      h('td', {}, `${formatPercent(lang, iso.villages[i].share)} (${iso.villages[i].reached}/${iso.villages[i].total})`),
      h('td', {}, formatPercent(lang, iso.incidents[i].share))))));
  // Rings estimated without roads (none imported yet): the table says so under it.
  if (!iso.reason) return table;
  return h('div', {}, table, h('p', { class: 'pt-muted', id: 'patrol-iso-note' }, (lang === 'zh' ? iso.reasonZh : iso.reason) ?? iso.reason));
}

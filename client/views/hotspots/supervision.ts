// The supervision part of the leaders' view (督办): the totals line, the time-to-close histogram (one-day bars,
// axis in days, the median marked) in the panel, and a badge per unit on the map — "超期 N · 上报 M" at the
// township's (or village's) seat, red when something is overdue — kept as MapLibre markers (HTML, so Chinese
// text needs no glyph atlas, and each badge is a DOM element a test can read).

import maplibregl, { type Map as MapLibreMap } from 'maplibre-gl';
import { formatNumber, type Lang } from '../../i18n';
import { h } from '../dom';
import type { CloseTimes, Supervision, SupervisionUnit } from './hotspots-api';
import { ht } from './hotspots-i18n';

const SVG = 'http://www.w3.org/2000/svg';
function svg(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

const rangeLabel = (lang: Lang, b: CloseTimes['bins'][number]) => (b.toDays === null ? ht(lang, 'sup.over', { from: b.fromDays }) : `${b.fromDays}–${b.toDays}`);

/** A "nice" tick step for an axis of `max` units, about `ticks` ticks. */
function tickStep(max: number, ticks: number): number {
  const raw = Math.max(1, max / ticks);
  const p = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? raw;
}

/** The histogram as an SVG: bars of one day each, x axis in days, y axis in cases, the median as a dashed line. */
export function closeTimesChart(lang: Lang, ct: CloseTimes): HTMLElement {
  if (ct.closed === 0 || ct.bins.length === 0) return h('p', { class: 'hs-note', id: 'sup-hist-empty' }, ht(lang, 'sup.noClosed'));
  const W = 270, H = 136, left = 34, right = 6, top = 14, bottom = 30;
  const plotW = W - left - right, plotH = H - top - bottom;
  const max = Math.max(...ct.bins.map((b) => b.count));
  const yStep = tickStep(max, 3);
  const yMax = Math.ceil(max / yStep) * yStep || 1;
  const bw = plotW / ct.bins.length;
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, width: '100%', role: 'img', class: 'sup-hist', 'aria-label': `${ht(lang, 'sup.hist')} · ${ht(lang, 'sup.axis')}` });
  for (let v = 0; v <= yMax; v += yStep) {
    const y = top + plotH - (v / yMax) * plotH;
    root.append(svg('line', { x1: left, x2: W - right, y1: y, y2: y, class: 'sup-grid' }));
    root.append(svg('text', { x: left - 3, y: y + 3, 'text-anchor': 'end', class: 'sup-tick' }, formatNumber(lang, v)));
  }
  ct.bins.forEach((b, i) => {
    const hgt = (b.count / yMax) * plotH;
    const rect = svg('rect', { x: left + i * bw + 0.5, y: top + plotH - hgt, width: Math.max(0.5, bw - 1), height: hgt, class: b.toDays === null ? 'sup-bar over' : 'sup-bar', 'data-from': b.fromDays, 'data-count': b.count });
    rect.append(svg('title', {}, ht(lang, 'sup.binTitle', { range: rangeLabel(lang, b), n: formatNumber(lang, b.count) })));
    root.append(rect);
  });
  const xStep = tickStep(ct.bins.length, 6);
  for (let d = 0; d < ct.bins.length; d += xStep) {
    const x = left + d * bw;
    root.append(svg('line', { x1: x, x2: x, y1: top + plotH, y2: top + plotH + 3, class: 'sup-axis' }));
    root.append(svg('text', { x, y: top + plotH + 12, 'text-anchor': 'middle', class: 'sup-tick' }, d === ct.bins.length - 1 && ct.bins[d].toDays === null ? `≥${d}` : String(d)));
  }
  const lastBin = ct.bins[ct.bins.length - 1];
  if (lastBin.toDays === null && (ct.bins.length - 1) % xStep !== 0)
    root.append(svg('text', { x: left + (ct.bins.length - 0.5) * bw, y: top + plotH + 12, 'text-anchor': 'middle', class: 'sup-tick' }, `≥${lastBin.fromDays}`));
  root.append(svg('line', { x1: left, x2: W - right, y1: top + plotH, y2: top + plotH, class: 'sup-axis' }));
  root.append(svg('text', { x: left + plotW / 2, y: H - 3, 'text-anchor': 'middle', class: 'sup-axis-title' }, ht(lang, 'sup.axis')));
  root.append(svg('text', { x: 2, y: top - 6, 'text-anchor': 'start', class: 'sup-axis-title' }, ht(lang, 'sup.count')));
  if (ct.medianDays !== null) {
    const x = left + Math.min(ct.medianDays, lastBin.fromDays) * bw;
    root.append(svg('line', { x1: x, x2: x, y1: top, y2: top + plotH, class: 'sup-median' }));
  }
  const note = h('p', { class: 'hs-note', id: 'sup-hist-note' },
    ht(lang, 'sup.histNote', { n: formatNumber(lang, ct.closed), median: ct.medianDays ?? '—', p90: ct.p90Days ?? '—' }));
  const box = h('div', { id: 'sup-hist', 'data-closed': ct.closed, 'data-bins': ct.bins.length });
  box.append(root as unknown as HTMLElement, note);
  return box;
}

export function renderSupervision(container: HTMLElement, lang: Lang, s: Supervision | null, loading: boolean): void {
  if (!s) {
    container.replaceChildren(h('p', { class: 'hs-note' }, loading ? ht(lang, 'loading') : ''));
    return;
  }
  const t = s.totals;
  container.replaceChildren(
    h('p', { class: 'sup-totals', id: 'sup-totals', 'data-overdue': t.overdue, 'data-escalated': t.escalated },
      ht(lang, 'sup.totals', { open: formatNumber(lang, t.open), overdue: formatNumber(lang, t.overdue), escalated: formatNumber(lang, t.escalated),
        toTownship: formatNumber(lang, t.escalatedToTownship), toCounty: formatNumber(lang, t.escalatedToCounty), supervised: formatNumber(lang, t.supervised) })),
    h('div', { class: 'hs-label' }, ht(lang, 'sup.hist')),
    closeTimesChart(lang, s.closeTimes),
    h('p', { class: 'hs-note' }, ht(lang, 'sup.asOf')),
  );
}

type Box = { x: number; y: number; w: number; h: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Offsets (px) to try for a badge of w × h whose place is taken: above, below, beside, then further out. */
function candidateOffsets(w: number, h: number): [number, number][] {
  const out: [number, number][] = [[0, 0]];
  for (let ring = 1; ring <= 3; ring++)
    out.push([0, -ring * h], [0, ring * h], [ring * w, 0], [-ring * w, 0], [ring * w, -ring * h], [-ring * w, -ring * h], [ring * w, ring * h], [-ring * w, ring * h]);
  return out;
}

/** The badges on the map: one marker per unit with open overdue or escalated cases; clicking one drills in.
 * Seats close together (the county town's 街道) would stack badges on one another: after every move the badges
 * are laid out greedily, most overdue first at its seat, each later one moved to the nearest free place. */
export class SupervisionBadges {
  private markers: { marker: maplibregl.Marker; unit: SupervisionUnit }[] = [];
  private key = '';

  constructor(private readonly map: MapLibreMap, private readonly drill: (code: string) => void) {
    map.on('moveend', () => this.declutter());
  }

  private declutter(): void {
    const placed: Box[] = [];
    const order = [...this.markers].sort((a, b) => b.unit.overdue - a.unit.overdue || b.unit.escalated - a.unit.escalated || a.unit.code.localeCompare(b.unit.code));
    for (const { marker, unit } of order) {
      const el = marker.getElement();
      const w = el.offsetWidth + 2, hh = el.offsetHeight + 2;
      const p = this.map.project([unit.lon, unit.lat]);
      const at = ([dx, dy]: [number, number]): Box => ({ x: p.x - w / 2 + dx, y: p.y - hh + dy, w, h: hh });
      const offset = candidateOffsets(w, hh).find((o) => !placed.some((b) => overlaps(b, at(o)))) ?? [0, 0];
      marker.setOffset(offset);
      el.dataset.offset = offset.join(',');
      placed.push(at(offset));
    }
  }

  show(lang: Lang, s: Supervision | null, on: boolean): void {
    const key = on && s ? `${lang}|${JSON.stringify(s.units.map((u) => [u.code, u.overdue, u.escalated, u.open]))}` : '';
    if (key === this.key) return;
    this.key = key;
    for (const m of this.markers) m.marker.remove();
    this.markers = [];
    if (!on || !s) return;
    for (const u of s.units) {
      if (u.overdue === 0 && u.escalated === 0) continue;
      const el = this.badge(lang, u);
      this.markers.push({ marker: new maplibregl.Marker({ element: el, anchor: 'bottom' }).setLngLat([u.lon, u.lat]).addTo(this.map), unit: u });
    }
    this.declutter();
  }

  private badge(lang: Lang, u: SupervisionUnit): HTMLElement {
    const el = h('button', {
      type: 'button',
      class: `sup-badge${u.overdue > 0 ? ' overdue' : ''}`,
      'data-code': u.code,
      'data-overdue': u.overdue,
      'data-escalated': u.escalated,
      title: ht(lang, 'sup.badgeTitle', { name: u.name, open: u.open, overdue: u.overdue, toTownship: u.escalatedToTownship, toCounty: u.escalatedToCounty, supervised: u.supervised }),
    },
      h('span', { class: 'sup-badge-name' }, u.name),
      h('span', { class: 'sup-badge-figures' }, ht(lang, 'sup.badge', { overdue: formatNumber(lang, u.overdue), escalated: formatNumber(lang, u.escalated) })));
    el.addEventListener('click', (e) => {
      e.stopPropagation();
      this.drill(u.code);
    });
    return el;
  }
}

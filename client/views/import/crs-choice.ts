// The coordinate-system part of the polygon import dialog: the choice list (detected from the file, the
// three web systems, and every CGCS2000, Xian 1980, Beijing 1954 and WGS 84 / UTM system the server knows,
// from the same generated definitions), and the panel that says what the dry run detected — from the .prj,
// a GeoJSON crs member or guessed from the positions — with how much of the file then falls inside the
// jurisdiction, the datum caveat, and a button to confirm a guess.
import { CRS_DEFINITIONS } from '../../../shared/geo/crs-definitions';
import type { Lang } from '../../i18n';
import { h } from '../dom';
import type { GeoImportResponse } from './import-api';
import { fill, importStrings } from './import-i18n';

const WEB = [
  { id: 'wgs84', zh: 'WGS-84（GPS、天地图）', en: 'WGS-84 (GPS, Tianditu)' },
  { id: 'gcj02', zh: 'GCJ-02（高德、腾讯）', en: 'GCJ-02 (AMap, Tencent)' },
  { id: 'bd09', zh: 'BD-09（百度）', en: 'BD-09 (Baidu)' },
];
export const WEB_CRS = WEB;

const GROUPS: { zh: string; en: string; test: (name: string) => boolean }[] = [
  { zh: 'CGCS2000（2000 国家大地坐标系）', en: 'CGCS2000', test: (n) => /^(CGCS2000|China Geodetic)/.test(n) },
  { zh: '西安 1980', en: 'Xian 1980', test: (n) => n.startsWith('Xian 1980') },
  { zh: '北京 1954', en: 'Beijing 1954', test: (n) => n.startsWith('Beijing 1954') },
  { zh: 'WGS 84 / UTM', en: 'WGS 84 / UTM', test: (n) => n.startsWith('WGS 84') },
];

/** Options of the CRS select: auto-detect (polygon files only), the web systems, then the EPSG list by datum. */
export function crsOptions(select: HTMLSelectElement, lang: Lang, withEpsg: boolean): void {
  const s = importStrings(lang);
  const keep = select.value;
  const opts: (HTMLOptionElement | HTMLOptGroupElement)[] = [];
  if (withEpsg) opts.push(h('option', { value: '' }, s.crsAuto));
  opts.push(...WEB.map((c) => h('option', { value: c.id }, c[lang])));
  if (withEpsg)
    for (const g of GROUPS) {
      const group = document.createElement('optgroup');
      group.label = g[lang];
      for (const [code, d] of Object.entries(CRS_DEFINITIONS)) if (g.test(d.name)) group.append(h('option', { value: `epsg:${code}` }, `EPSG:${code} ${d.name}`));
      opts.push(group);
    }
  select.replaceChildren(...opts);
  // A new kind of file starts from "detect" (polygons) or WGS-84; a web system chosen by hand is kept.
  select.value = keep !== 'wgs84' && WEB.some((c) => c.id === keep) ? keep : select.options[0].value;
}

/** What the dry run says about the file's system; `onUse` sets the select to a system (confirming it). */
export function crsPanel(body: GeoImportResponse, lang: Lang, chosen: string, onUse: (id: string) => void): HTMLElement | null {
  const src = body.source;
  if (!src) return null;
  const s = importStrings(lang), c = src.crs;
  const from = s.crsFrom[c.source] + (c.declared ? `（${c.declared}）` : '');
  const parts: (HTMLElement | string)[] = [h('strong', {}, `${s.crs}：`), h('span', { id: 'import-crs-name' }, c.name), ` · ${from} · `, fill(s.crsInside, { pct: Math.round(c.insideShare * 100) })];
  const panel = h('div', { id: 'import-crs-detected', class: `import-crs ${c.insideShare < 0.5 ? 'warn' : ''}`, 'data-crs': c.id, 'data-confirm': String(c.confirm && chosen === '') }, h('p', {}, ...parts));
  if (src.shapefile) {
    const e = src.shapefile;
    panel.append(h('p', { id: 'import-encoding-detected' }, fill(s.shpLayer, { layer: e.layer, encoding: e.encoding.toUpperCase(), why: s.encodingFrom[e.encodingSource] }) + (e.otherLayers.length ? ` · ${fill(s.shpOtherLayers, { list: e.otherLayers.join('、') })}` : '')));
  }
  if (c.insideShare < 0.5) panel.append(h('p', { class: 'import-crs-warning' }, s.crsOutside));
  if (c.note) panel.append(h('p', { class: 'import-crs-note' }, c.note[lang]));
  if (c.confirm && chosen === '') {
    const use = h('button', { id: 'import-crs-confirm', type: 'button' }, fill(s.crsConfirm, { name: c.name }));
    use.addEventListener('click', () => onUse(c.id));
    panel.append(h('p', {}, s.crsGuessed, ' ', use));
  }
  if (c.alternatives.length) {
    const alts = h('span', { class: 'import-crs-alternatives' }, `${s.crsAlternatives}：`);
    c.alternatives.forEach((a, i) => {
      const b = h('button', { type: 'button', class: 'import-crs-alt', 'data-crs': a.id }, a.name);
      b.addEventListener('click', () => onUse(a.id));
      alts.append(i ? ' ' : '', b);
    });
    panel.append(h('p', {}, alts));
  }
  if (body.clipped?.length) panel.append(h('p', { id: 'import-clipped' }, fill(s.clipped, { n: body.clipped.length, m2: Math.round(body.clipped.reduce((t, x) => t + x.removedM2, 0)).toLocaleString() })));
  return panel;
}

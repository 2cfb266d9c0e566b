// The GeoJSON side of the import dialog (grid / village / township polygons, roads): a small map of the file's
// own features drawn as SVG, each marked valid or refused by the server's dry run (matched by feature index),
// the property → field mapping, the feature list with reasons, and the report after a commit.
import { h } from '../dom';
import { AREA_FIELDS, reasonIn, ROAD_FIELDS, type GeoImportResponse, type GeoTarget } from './import-api';
import { fill, importStrings } from './import-i18n';
import type { Lang } from '../../i18n';
import { ROAD_CLASS_INFO, type RoadClass } from '../../../shared/domain/sites';

type Geometry = { type: string; coordinates: unknown } | null;
const SVG = 'http://www.w3.org/2000/svg';
const MAX_DRAWN = 5000;
const LIST_ROWS = 60;

/** The file's geometries in feature order (null when the file is not a FeatureCollection we can read). */
export async function fileGeometries(file: File): Promise<Geometry[] | null> {
  try {
    const doc = JSON.parse((await file.text()).replace(/^\uFEFF/, '')) as { type?: string; features?: { geometry?: Geometry }[]; geometry?: Geometry };
    if (doc.type === 'FeatureCollection' && Array.isArray(doc.features)) return doc.features.map((f) => (f && typeof f === 'object' ? f.geometry ?? null : null));
    if (doc.type === 'Feature') return [doc.geometry ?? null];
    return null;
  } catch {
    return null;
  }
}

function lines(g: Geometry): number[][][] {
  if (!g || !Array.isArray(g.coordinates)) return [];
  const c = g.coordinates as never;
  switch (g.type) {
    case 'Polygon': case 'MultiLineString': return c;
    case 'MultiPolygon': return (c as number[][][][]).flat();
    case 'LineString': return [c];
    default: return [];
  }
}

const finitePt = (p: unknown): p is number[] => Array.isArray(p) && Number.isFinite(p[0]) && Number.isFinite(p[1]);

/** SVG map of the features: green valid, red refused (grey while unchecked). */
export function previewMap(geoms: Geometry[], body: GeoImportResponse | null, lang: Lang): SVGSVGElement | HTMLElement {
  const s = importStrings(lang);
  const refused = new Set(body?.rejected.map((r) => r.feature) ?? []);
  const drawn = geoms.slice(0, MAX_DRAWN).map((g) => lines(g).map((l) => (Array.isArray(l) ? l.filter(finitePt) : [])));
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const parts of drawn) for (const l of parts) for (const [x, y] of l) { x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y); }
  if (!Number.isFinite(x0)) return h('p', { class: 'import-hint' }, '—');
  const W = 420, H = 260, pad = 6;
  const kx = Math.cos(((y0 + y1) / 2) * Math.PI / 180) || 1;
  const scale = Math.min((W - 2 * pad) / Math.max((x1 - x0) * kx, 1e-9), (H - 2 * pad) / Math.max(y1 - y0, 1e-9));
  const px = (x: number) => (pad + (x - x0) * kx * scale).toFixed(1), py = (y: number) => (H - pad - (y - y0) * scale).toFixed(1);
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('class', 'import-map');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', s.mapTitle);
  // Refused features are drawn last, so a small bad grid is not hidden under its neighbours.
  const order = drawn.map((_, i) => i).sort((a, b) => Number(refused.has(a + 1)) - Number(refused.has(b + 1)));
  order.forEach((i) => {
    const parts = drawn[i];
    const g = geoms[i];
    const isLine = g?.type === 'LineString' || g?.type === 'MultiLineString';
    const state = !body ? 'unchecked' : refused.has(i + 1) ? 'refused' : 'valid';
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', parts.map((l) => l.map(([x, y], k) => `${k ? 'L' : 'M'}${px(x)},${py(y)}`).join('') + (isLine ? '' : 'Z')).join(''));
    path.setAttribute('class', `import-map-${state}${isLine ? ' line' : ''}`);
    path.setAttribute('data-feature', String(i + 1));
    const title = document.createElementNS(SVG, 'title');
    const r = body?.rejected.find((x) => x.feature === i + 1);
    title.textContent = `#${i + 1}${r ? ` ${r.code ?? ''} ${reasonIn(r, lang)}` : ''}`;
    path.append(title);
    svg.append(path);
    // A refused grid in a town is smaller than a pixel at county scale: a ring marks where it is.
    if (state === 'refused') {
      const pts = parts.flat();
      if (pts.length) {
        const mark = document.createElementNS(SVG, 'circle');
        mark.setAttribute('cx', px(pts.reduce((a, p) => a + p[0], 0) / pts.length));
        mark.setAttribute('cy', py(pts.reduce((a, p) => a + p[1], 0) / pts.length));
        mark.setAttribute('r', '6');
        mark.setAttribute('class', 'import-map-mark');
        svg.append(mark);
      }
    }
  });
  return svg;
}

export function mapLegend(body: GeoImportResponse, lang: Lang): HTMLElement {
  const s = importStrings(lang);
  return h('div', { class: 'import-map-legend' },
    h('span', { class: 'swatch valid' }), `${s.legendValid} ${body.valid}`, ' ',
    h('span', { class: 'swatch refused' }), `${s.legendInvalid} ${body.rejected.length}`);
}

/** property → field selects; `onChange` gets the new explicit mapping. */
export function mappingTable(body: GeoImportResponse, target: GeoTarget, current: Record<string, string>, lang: Lang, onChange: (m: Record<string, string>) => void): HTMLElement {
  const s = importStrings(lang);
  const fields: readonly string[] = target === 'roads' ? ROAD_FIELDS : AREA_FIELDS;
  const table = h('table', { class: 'import-mapping' }, h('caption', {}, s.mapping));
  const head = h('tr'), row = h('tr');
  for (const m of body.mapping) {
    head.append(h('th', {}, m.property));
    const sel = h('select', { 'data-property': m.property }, h('option', { value: '' }, s.ignored), ...fields.map((f) => h('option', { value: f, selected: m.field === f }, fieldLabel(s, f))));
    sel.addEventListener('change', () => {
      const next = { ...current };
      for (const [f, p] of Object.entries(next)) if (p === m.property) delete next[f];
      if (sel.value) next[sel.value] = m.property;
      onChange(next);
    });
    row.append(h('td', {}, sel));
  }
  table.append(h('thead', {}, head), h('tbody', {}, row));
  return table;
}

/** Refused features first (with line and reason), then the valid ones. */
export function featureList(body: GeoImportResponse, target: GeoTarget, lang: Lang): HTMLElement {
  const s = importStrings(lang), c = s.geoCol;
  const roads = target === 'roads';
  const cols = roads ? [c.feature, c.line, c.name, c.cls, c.km, c.ok] : [c.feature, c.line, c.code, c.name, c.parent, c.kind, c.area, c.ok];
  const tb = h('tbody');
  for (const r of body.rejected.slice(0, LIST_ROWS))
    tb.append(h('tr', { class: 'refused' }, h('td', {}, String(r.feature)), h('td', {}, r.line === null ? '—' : String(r.line)), ...(roads ? [h('td', {}, r.code ?? '')] : [h('td', {}, r.code ?? '—'), h('td', {}, '')]),
      h('td', { colspan: roads ? 3 : 4, title: reasonIn(r, lang) }, `✗ ${reasonIn(r, lang)}`)));
  for (const p of (body.preview ?? []).slice(0, Math.max(0, LIST_ROWS - body.rejected.length))) {
    const line = p.line ?? '—';
    const kind = p.kind ? (s.kinds as Record<string, string>)[p.kind] ?? p.kind : '';
    const cells = roads ? [p.feature, line, p.name, p.roadClass ? ROAD_CLASS_INFO[p.roadClass as RoadClass]?.[lang] ?? p.roadClass : '', p.km ?? '', `✓ ${s.valid}`] : [p.feature, line, p.code ?? '', p.name, p.parentCode ?? '', kind, p.areaKm2 ?? '', `✓ ${s.valid}`];
    tb.append(h('tr', { class: 'valid' }, ...cells.map((x) => h('td', {}, String(x)))));
  }
  const more = body.features - Math.min(body.rejected.length, LIST_ROWS) - Math.min(body.preview?.length ?? 0, Math.max(0, LIST_ROWS - body.rejected.length));
  if (more > 0) tb.append(h('tr', {}, h('td', { colspan: cols.length }, fill(s.more, { n: more }))));
  return h('table', { class: 'import-features' }, h('caption', {}, fill(s.geoSummary, { features: body.features, valid: body.valid, rejected: body.rejected.length })),
    h('thead', {}, h('tr', {}, ...cols.map((x) => h('th', {}, x)))), tb);
}

/** The summary lines of a dry run or a commit: what is replaced, and how points were re-assigned. */
export function geoSummary(body: GeoImportResponse, target: GeoTarget, lang: Lang, partial: boolean): HTMLElement[] {
  const s = importStrings(lang);
  const out: HTMLElement[] = [];
  // What the level would become: only meaningful when the import would go ahead (no refusals, or partial).
  if (body.replaced && (partial || !body.rejected.length)) out.push(h('p', { class: 'import-summary', id: 'import-replaced' }, fill(s.replaced, body.replaced)));
  if (target === 'roads' && body.removed) out.push(h('p', { class: 'import-summary' }, fill(s.roadsReplaced, { n: body.removed })));
  const r = body.reassigned;
  if (r)
    out.push(h('p', { class: 'import-summary', id: 'import-reassigned' }, fill(s.reassigned, {
      ic: r.incidents.changed, in: r.incidents.points, io: r.incidents.outsideGrids,
      cc: r.cameras.changed, cn: r.cameras.points, co: r.cameras.outsideGrids,
      sc: r.sites.changed, sn: r.sites.points, so: r.sites.outsideGrids,
    })));
  return out;
}

/** A field's name as the user reads it (Chinese, or English in English mode), the field id if unnamed. */
export function fieldLabel(s: ReturnType<typeof importStrings>, field: string): string {
  return (s.field as Record<string, string>)[field] ?? field;
}

// The first-run screen: the database has no jurisdiction yet (GET /api/meta answers 409 no-jurisdiction, as a
// COUNTY=none database starts). The administrator uploads the jurisdiction's outline (GeoJSON or a zipped
// Shapefile) with its code, name and seat; every change runs a dry run of POST /api/import/jurisdiction, which
// answers the outline (drawn on a small map among the national county-level units around it), its area, the
// coordinate system detected and any warnings; the confirm button creates it, and the screen then leads to
// the township, village and grid imports (the dashboard opened with its import dialog on that level).
// Anyone else is told to ask the administrator. Chinese first, English by the header's toggle.
import type { MultiPolygon, Polygon } from 'geojson';
import './first-run.css';
import type { Lang } from '../../i18n';
import { h } from '../dom';
import { pointInGeometry } from '../../../shared/geo/point-in-polygon';
import '../import/import.css';
import { crsOptions } from '../import/crs-choice';
import type { JurisdictionImportAnswer } from '../../../server/routes/import/import.routes';
import { fill as fillImport, importStrings } from '../import/import-i18n';
import { fill, firstRunStrings } from './first-run-i18n';

type Geometry = Polygon | MultiPolygon;

/** POST /api/import/jurisdiction's answer: its declaration (server/routes/import/import-answers.ts), with the
 * error of a refusal beside it; the preview's outlines narrowed to the GeoJSON types the drawing takes. */
type JurisdictionAnswer = { error?: string; errorZh?: string } & Omit<JurisdictionImportAnswer, 'preview'> & {
  preview?: { outline: Geometry; around: { code: string; name: string; geometry: Geometry }[] };
};

const SVG = 'http://www.w3.org/2000/svg';
/** The levels the screen leads to, in order; the dashboard opens its import dialog on `?import=<level>`. */
export const FIRST_RUN_IMPORTS = ['township', 'village', 'grid'] as const;

const rings = (g: Geometry): number[][][] => (g.type === 'Polygon' ? g.coordinates : g.coordinates.flat());

export interface FirstRunOptions {
  /** May import (the administrator): the upload form; otherwise the "ask the administrator" notice. */
  canImport: boolean;
  lang: () => Lang;
  /** Called when the header's language toggle changes the language (the screen re-renders). */
  onLangToggle: (render: () => void) => void;
}

export function showFirstRun(root: HTMLElement, o: FirstRunOptions): void {
  document.body.classList.add('first-run');
  const view = o.canImport ? new JurisdictionSetup(root, o.lang) : null;
  const render = () => {
    const s = firstRunStrings(o.lang());
    document.title = s.title;
    document.getElementById('title')!.textContent = s.title;
    document.getElementById('lang')!.textContent = s.lang;
    document.documentElement.lang = o.lang() === 'zh' ? 'zh-CN' : 'en';
    if (view) view.render();
    else
      root.replaceChildren(h('section', { id: 'first-run', class: 'first-run-card narrow' },
        h('h2', { id: 'first-run-none' }, s.noJurisdiction),
        h('p', {}, s.noJurisdictionWhy)));
  };
  o.onLangToggle(render);
  render();
}

class JurisdictionSetup {
  private file: File | null = null;
  private answer: JurisdictionAnswer | null = null;
  /** Text made in the current language each time (a language toggle re-says it). */
  private status: { text: () => string; kind: 'info' | 'ok' | 'error' } | null = null;
  private created: JurisdictionAnswer['jurisdiction'] | null = null;
  private seq = 0;
  private busy = false;
  // The form's values survive a re-render (language toggle).
  private values = { code: '', name: '', seatLon: '', seatLat: '', crs: '', encoding: '' };

  constructor(private readonly root: HTMLElement, private readonly lang: () => Lang) {}

  /** The form, built again only for a new language; `update` refreshes what a check changes. */
  private els: { status: HTMLElement; result: HTMLElement; create: HTMLButtonElement; check: HTMLButtonElement; file: HTMLInputElement; fileName: HTMLElement; inputs: Record<string, HTMLInputElement> } | null = null;
  /** The answer the result shows: it is rebuilt only when a new answer arrives, so a click on the map while a
   * check starts (a seat field left by that click) still lands on the map it aimed at. */
  private shown: JurisdictionAnswer | null | undefined = undefined;

  render(): void {
    if (this.created) return this.renderNext(this.created);
    const s = firstRunStrings(this.lang()), lang = this.lang();
    const inputs: Record<string, HTMLInputElement> = {};
    const input = (key: keyof typeof this.values, attrs: Record<string, string>) => {
      const el = h('input', { id: `first-run-${key}`, value: this.values[key], ...attrs });
      // Kept as typed (a language toggle or a check re-renders); checked when the field is left.
      el.addEventListener('input', () => { this.values[key] = el.value.trim(); });
      el.addEventListener('change', () => { this.values[key] = el.value.trim(); void this.check(); });
      return (inputs[key] = el);
    };
    const file = h('input', { id: 'first-run-file', type: 'file', accept: '.geojson,.json,.zip,application/geo+json,application/json,application/zip' });
    file.addEventListener('change', () => { this.file = file.files?.[0] ?? null; void this.check(); });
    const fileName = h('small', { id: 'first-run-file-name', class: 'first-run-file-name' });
    const crs = h('select', { id: 'first-run-crs' });
    crsOptions(crs, lang, true);
    crs.value = this.values.crs;
    crs.addEventListener('change', () => { this.values.crs = crs.value; void this.check(); });
    const enc = h('select', { id: 'first-run-encoding' }, h('option', { value: '' }, s.encodingAuto), h('option', { value: 'utf-8' }, 'UTF-8'), h('option', { value: 'gbk' }, 'GBK / GB18030'));
    enc.value = this.values.encoding;
    enc.addEventListener('change', () => { this.values.encoding = enc.value; void this.check(); });
    const create = h('button', { id: 'first-run-create', type: 'button', class: 'primary' }, s.create);
    create.addEventListener('click', () => void this.create());
    const check = h('button', { id: 'first-run-check', type: 'button' }, s.check);
    check.addEventListener('click', () => void this.check(true));
    const status = h('p', { id: 'first-run-status', role: 'status', 'aria-live': 'polite', class: 'first-run-status' });
    const result = h('div', { class: 'first-run-result', id: 'first-run-result' });
    this.root.replaceChildren(h('section', { id: 'first-run', class: 'first-run-card' },
      h('h2', {}, s.heading),
      h('p', { class: 'first-run-intro' }, s.intro),
      h('p', { class: 'first-run-hint' }, s.nationalHint),
      h('div', { class: 'first-run-columns' },
        h('div', { class: 'first-run-form' },
          h('label', {}, s.file, file, fileName, h('small', {}, s.fileHint)),
          h('label', {}, s.code, input('code', { inputmode: 'numeric', maxlength: '6', placeholder: '220899' }), h('small', {}, s.codeHint)),
          h('label', {}, s.name, input('name', { maxlength: '40', placeholder: s.namePlaceholder })),
          h('fieldset', {}, h('legend', {}, s.seat),
            h('div', { class: 'first-run-seat' }, input('seatLon', { inputmode: 'decimal', placeholder: s.seatLon, 'aria-label': s.seatLon }), input('seatLat', { inputmode: 'decimal', placeholder: s.seatLat, 'aria-label': s.seatLat })),
            h('small', {}, s.seatHint)),
          h('label', {}, s.crs, crs),
          h('label', {}, s.encoding, enc),
          h('div', { class: 'first-run-actions' }, check, create),
          status),
        result)));
    this.els = { status, result, create, check, file, fileName, inputs };
    this.shown = undefined;
    this.update();
  }

  /** Status line, buttons, the seat fields (a click on the map sets them) and the dry run's result. */
  private update(): void {
    const e = this.els;
    if (!e) return;
    const s = firstRunStrings(this.lang());
    // The file input forgets its file when the form is built again (language toggle): its name is said here then.
    e.fileName.textContent = this.file && !e.file.files?.length ? this.file.name : '';
    for (const [k, el] of Object.entries(e.inputs)) if (el.value !== this.values[k as keyof typeof this.values]) el.value = this.values[k as keyof typeof this.values];
    e.status.textContent = this.status?.text() ?? '';
    e.status.className = `first-run-status ${this.status?.kind ?? ''}`;
    e.create.disabled = !this.canCreate() || this.busy;
    e.create.textContent = this.busy && this.answer?.jurisdiction ? s.creating : s.create;
    e.check.disabled = this.busy;
    if (this.shown !== this.answer) e.result.replaceChildren(...this.result());
    this.shown = this.answer;
  }

  /** The dry run's map, facts, coordinate system and warnings (nothing before a file is checked). */
  private result(): (HTMLElement | SVGElement)[] {
    const a = this.answer, j = a?.jurisdiction, lang = this.lang(), s = firstRunStrings(lang);
    if (!a || !j || !a.preview) return [];
    const seatGiven = this.values.seatLon !== '' && this.values.seatLat !== '';
    const within = [j.province, j.prefecture].filter(Boolean).join(' ') || '—';
    const row = (k: string, v: string, id: string) => h('tr', {}, h('th', {}, k), h('td', { id }, v));
    const out: (HTMLElement | SVGElement)[] = [
      this.map(a.preview, j.seat),
      h('div', { class: 'first-run-legend' },
        h('span', { class: 'swatch outline' }), s.mapLegendOutline, ' ', h('span', { class: 'swatch around' }), s.mapLegendAround, ' ', h('span', { class: 'swatch seat' }), s.mapLegendSeat),
      h('table', { class: 'first-run-facts' }, h('tbody', {},
        row(s.facts.name, j.name, 'first-run-fact-name'),
        row(s.facts.code, j.code, 'first-run-fact-code'),
        row(s.facts.within, within, 'first-run-fact-within'),
        row(s.facts.area, fill(s.km2, { n: j.areaKm2.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en') }), 'first-run-fact-area'),
        row(s.facts.parts, fill(s.partsN, { n: j.parts }), 'first-run-fact-parts'),
        row(s.facts.seat, `${j.seat[0].toFixed(5)}, ${j.seat[1].toFixed(5)}${seatGiven ? '' : ` ${s.seatComputed}`}`, 'first-run-fact-seat'),
        row(s.facts.extent, `${j.bbox[0].toFixed(3)}, ${j.bbox[1].toFixed(3)} – ${j.bbox[2].toFixed(3)}, ${j.bbox[3].toFixed(3)}`, 'first-run-fact-extent'))),
    ];
    // The coordinate-system panel of the polygon import: detected system, from where, and a confirm button for a guess.
    const crs = this.crsLine(a.source, lang);
    if (crs) out.push(crs);
    if (a.warnings?.length) out.push(h('div', { class: 'first-run-warnings', id: 'first-run-warnings' }, h('strong', {}, `${s.warnings}：`), h('ul', {}, ...a.warnings.map((w) => h('li', {}, w[lang])))));
    return out;
  }

  /** The system detected (from the .prj, a GeoJSON crs member or the positions), the Shapefile's layer and
   * encoding, the datum note; a guess gets a confirm button, other candidates a button each. */
  private crsLine(src: JurisdictionAnswer['source'], lang: Lang): HTMLElement | null {
    if (!src) return null;
    const s = importStrings(lang), c = src.crs;
    const use = (id: string) => { this.values.crs = id; void this.check(); };
    const panel = h('div', { id: 'first-run-crs-detected', class: 'import-crs', 'data-crs': c.id },
      h('p', {}, h('strong', {}, `${s.crs}：`), h('span', { id: 'first-run-crs-name' }, c.name), ` · ${s.crsFrom[c.source]}${c.declared ? `（${c.declared}）` : ''}`));
    if (src.shapefile) panel.append(h('p', {}, fillImport(s.shpLayer, { layer: src.shapefile.layer, encoding: src.shapefile.encoding.toUpperCase(), why: s.encodingFrom[src.shapefile.encodingSource] })));
    if (c.note) panel.append(h('p', { class: 'import-crs-note' }, c.note[lang]));
    if (c.confirm && this.values.crs === '') {
      const b = h('button', { id: 'first-run-crs-confirm', type: 'button' }, fillImport(s.crsConfirm, { name: c.name }));
      b.addEventListener('click', () => use(c.id));
      panel.append(h('p', {}, s.crsGuessed, ' ', b));
    }
    if (c.alternatives.length) {
      const alts = h('p', {}, `${s.crsAlternatives}：`);
      for (const alt of c.alternatives) {
        const b = h('button', { type: 'button', class: 'import-crs-alt', 'data-crs': alt.id }, alt.name);
        b.addEventListener('click', () => use(alt.id));
        alts.append(' ', b);
      }
      panel.append(alts);
    }
    return panel;
  }

  /** SVG map: the national units around in grey with their names, the outline in blue, the seat in red; a
   * click sets the seat there (and checks again). */
  private map(p: NonNullable<JurisdictionAnswer['preview']>, seat: [number, number]): SVGSVGElement {
    const s = firstRunStrings(this.lang());
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const r of rings(p.outline)) for (const [x, y] of r) { x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y); }
    const m = Math.max(x1 - x0, y1 - y0) * 0.12;
    x0 -= m; x1 += m; y0 -= m; y1 += m;
    const W = 520, H = 360;
    const kx = Math.cos(((y0 + y1) / 2) * Math.PI / 180) || 1;
    const scale = Math.min(W / Math.max((x1 - x0) * kx, 1e-9), H / Math.max(y1 - y0, 1e-9));
    const ox = (W - (x1 - x0) * kx * scale) / 2, oy = (H - (y1 - y0) * scale) / 2;
    const px = (x: number) => ox + (x - x0) * kx * scale, py = (y: number) => H - oy - (y - y0) * scale;
    const d = (g: Geometry) => rings(g).map((r) => r.map(([x, y], k) => `${k ? 'L' : 'M'}${px(x).toFixed(1)},${py(y).toFixed(1)}`).join('') + 'Z').join('');
    const el = <K extends string>(tag: K, attrs: Record<string, string | number>) => {
      const e = document.createElementNS(SVG, tag);
      for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
      return e;
    };
    const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, class: 'first-run-map', id: 'first-run-map', role: 'img', 'aria-label': s.mapTitle }) as SVGSVGElement;
    const title = el('title', {});
    title.textContent = s.mapTitle;
    svg.append(title);
    for (const a of p.around) svg.append(el('path', { d: d(a.geometry), class: 'around', 'data-code': a.code }));
    svg.append(el('path', { d: d(p.outline), class: 'outline', 'fill-rule': 'evenodd' }));
    // Names of the units around, at the middle of the part of them the frame shows (the mean of a grid of
    // sample points inside them); none for a unit with too little of it in the frame.
    const samples: [number, number][] = [];
    for (let i = 0; i < 36; i++) for (let k = 0; k < 24; k++) samples.push([30 + ((W - 60) * (i + 0.5)) / 36, 14 + ((H - 24) * (k + 0.5)) / 24]);
    const lonLat = ([sx, sy]: [number, number]) => [x0 + (sx - ox) / (kx * scale), y0 + (H - oy - sy) / scale] as const;
    for (const a of p.around) {
      const pts = samples.filter((q) => { const [lon, lat] = lonLat(q); return pointInGeometry(lon, lat, a.geometry); });
      if (pts.length < 6) continue;
      const cx = pts.reduce((t, q) => t + q[0], 0) / pts.length, cy = pts.reduce((t, q) => t + q[1], 0) / pts.length;
      const label = el('text', { x: cx.toFixed(1), y: cy.toFixed(1), class: 'around-name', 'text-anchor': 'middle' });
      label.textContent = a.name;
      svg.append(label);
    }
    svg.append(el('circle', { cx: px(seat[0]).toFixed(1), cy: py(seat[1]).toFixed(1), r: 5, class: 'seat', id: 'first-run-seat-mark' }));
    svg.addEventListener('click', (e) => {
      const box = svg.getBoundingClientRect();
      const sx = ((e.clientX - box.left) / box.width) * W, sy = ((e.clientY - box.top) / box.height) * H;
      this.values.seatLon = (x0 + (sx - ox) / (kx * scale)).toFixed(5);
      this.values.seatLat = (y0 + (H - oy - sy) / scale).toFixed(5);
      void this.check();
    });
    return svg;
  }

  private canCreate(): boolean {
    return !!this.file && !!this.answer?.jurisdiction && !this.answer.error;
  }

  private url(dryRun: boolean): string {
    const v = this.values, q = new URLSearchParams({ dryRun: String(dryRun) });
    if (v.code) q.set('code', v.code);
    if (v.name) q.set('name', v.name);
    if (v.seatLon !== '' && v.seatLat !== '') q.set('seatLon', v.seatLon), q.set('seatLat', v.seatLat);
    if (v.crs) q.set('crs', v.crs);
    if (v.encoding) q.set('encoding', v.encoding);
    return `/api/import/jurisdiction?${q}`;
  }

  private async post(dryRun: boolean): Promise<{ status: number; body: JurisdictionAnswer }> {
    const form = new FormData();
    form.append('file', this.file!, this.file!.name);
    const res = await fetch(this.url(dryRun), { method: 'POST', body: form, headers: { accept: 'application/json' } });
    const body = (await res.json().catch(() => ({ committed: false, error: `HTTP ${res.status}` }))) as JurisdictionAnswer;
    // A refusal of the query itself (400 from validation) carries its reasons in `issues`; say them.
    const issues = (body as { issues?: { message?: string }[] }).issues;
    if (!res.ok && issues?.length && !body.errorZh) body.error = issues.map((i) => i.message).filter(Boolean).join('; ') || body.error;
    return { status: res.status, body };
  }

  private errorOf(b: JurisdictionAnswer): string {
    return (this.lang() === 'zh' ? b.errorZh ?? b.error : b.error) ?? '—';
  }

  /** The dry run of what the form holds now; a later check wins over an earlier one still in flight. Without a
   * file, only the check button says so (filling the fields first is the usual order). */
  private async check(asked = false): Promise<void> {
    if (!this.file) {
      if (asked) this.status = { text: () => firstRunStrings(this.lang()).chooseFile, kind: 'error' };
      return this.update();
    }
    const seq = ++this.seq;
    this.status = { text: () => firstRunStrings(this.lang()).checking, kind: 'info' };
    this.update();
    const r = await this.post(true).catch((e: unknown) => ({ status: 0, body: { committed: false, error: String(e) } as JurisdictionAnswer }));
    if (seq !== this.seq) return;
    const ok = r.status === 200 && !!r.body.jurisdiction;
    // A refused file keeps the last good preview off the screen: what is drawn is what would be created.
    this.answer = ok ? r.body : { ...r.body, preview: undefined, jurisdiction: undefined };
    this.status = ok ? { text: () => firstRunStrings(this.lang()).ready, kind: 'ok' } : { text: () => fill(firstRunStrings(this.lang()).refused, { error: this.errorOf(r.body) }), kind: 'error' };
    this.update();
  }

  private async create(): Promise<void> {
    if (!this.canCreate() || this.busy) return;
    this.busy = true;
    this.status = { text: () => firstRunStrings(this.lang()).creating, kind: 'info' };
    this.update();
    const r = await this.post(false).catch((e: unknown) => ({ status: 0, body: { committed: false, error: String(e) } as JurisdictionAnswer }));
    this.busy = false;
    if (r.status === 201 && r.body.committed && r.body.jurisdiction) {
      this.created = r.body.jurisdiction;
      return this.render();
    }
    this.status = { text: () => fill(firstRunStrings(this.lang()).refused, { error: this.errorOf(r.body) }), kind: 'error' };
    this.update();
  }

  /** After the commit: what was created, and the way on to the township, village and grid imports. */
  private renderNext(j: NonNullable<JurisdictionAnswer['jurisdiction']>): void {
    const s = firstRunStrings(this.lang());
    const lang = this.lang();
    const link = (level: (typeof FIRST_RUN_IMPORTS)[number]) => h('a', { id: `first-run-next-${level}`, class: 'first-run-step', href: `/?import=${level}&lang=${lang}` }, s.step[level]);
    this.root.replaceChildren(h('section', { id: 'first-run', class: 'first-run-card narrow' },
      h('h2', {}, s.heading),
      h('p', { id: 'first-run-done', class: 'first-run-status ok' }, fill(s.done, { name: j.name, code: j.code, area: j.areaKm2.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en') })),
      h('h3', {}, s.nextHeading),
      h('p', {}, s.nextIntro),
      h('div', { class: 'first-run-steps' }, ...FIRST_RUN_IMPORTS.map(link)),
      h('p', {}, h('a', { id: 'first-run-enter', href: `/?lang=${lang}` }, s.enter))));
  }
}

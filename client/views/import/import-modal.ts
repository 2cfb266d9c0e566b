// The data-import dialog, opened from the header's 数据导入 button: pick a CSV, declare its coordinate
// system and encoding, see how its columns map and how its first rows will land (a dry run on the server),
// adjust the mapping, import, and read the report — refused rows with their line numbers and reasons, and
// a download of them. After an import the dashboard reloads its incident data (a fresh filter object).
// The CSV report is csv-report.ts, the GeoJSON preview geo-preview.ts, the template links template-links.ts.
import './import.css';
import { api, filterParams } from '../../api';
import { INCIDENT_CATEGORIES } from '../../../shared/domain/categories';
import type { Store } from '../../state';
import { h } from '../dom';
import { CSV_TARGETS, errorIn, GEO_TARGETS, isGeoTarget, postImport, type CsvTarget, type GeoImportResponse, type ImportResponse, type ImportTarget, type ServerProgress, refusedCount } from './import-api';
import { fill, importStrings, tableHint } from './import-i18n';
import { featureList, fileGeometries, geoSummary, mapLegend, mappingTable, previewMap } from './geo-preview';
import { crsOptions, crsPanel, WEB_CRS } from './crs-choice';
import { loadCategoryOptions, type ValueMappingState } from './value-mapping-ui';
import { csvReport, levelName, type CsvReportContext } from './csv-report';
import { templateLinks } from './template-links';

const CRS = WEB_CRS;
/** Polygon targets take Shapefiles and projected systems (the CRS list grows, clipping is offered). */
const isAreaTarget = (t: ImportTarget) => isGeoTarget(t) && t !== 'roads';
const GEO_ACCEPT = '.geojson,.json,application/geo+json,application/json';

export class ImportModal {
  private readonly root: HTMLElement;
  private file: File | null = null;
  private mapping: Record<string, string> = {};
  /** The jurisdiction's categories (GET /api/categories) and this file's value mapping. */
  private values: ValueMappingState = { categories: [], groups: [], categoryMap: {}, statusMap: {} };
  /** The chosen GeoJSON file's geometries, read in the browser for the preview map. */
  private geoms: Promise<Awaited<ReturnType<typeof fileGeometries>>> = Promise.resolve(null);
  private busy = false;
  private checkSeq = 0;
  private inflight: Promise<void> = Promise.resolve();
  /** grid code → name, for the preview (the outlines are downloaded once, when a preview first needs them) */
  private static gridNames: Promise<Map<string, string>> | null = null;
  private gridNames = new Map<string, string>();

  constructor(private readonly store: Store, private readonly categoryLabels: Record<string, { zh: string; en: string }>) {
    this.root = h('div', { id: 'import-modal', class: 'import-backdrop', hidden: true });
    document.body.append(this.root);
    this.root.addEventListener('click', (e) => e.target === this.root && this.close());
    document.addEventListener('keydown', (e) => e.key === 'Escape' && !this.root.hidden && this.close());
  }

  /** `target`: the kind of data to start on (the first-run screen leads to township, village, grid). */
  open(target?: ImportTarget): void {
    this.file = null;
    this.mapping = {};
    this.values.categoryMap = {};
    this.values.statusMap = {};
    void loadCategoryOptions().then((o) => Object.assign(this.values, o)).catch(() => {});
    this.root.hidden = false;
    this.renderForm();
    const select = this.root.querySelector<HTMLSelectElement>('#import-target');
    if (target && select && select.value !== target) {
      select.value = target;
      select.dispatchEvent(new Event('change'));
    }
  }

  close(): void {
    this.root.hidden = true;
  }

  private get s() {
    return importStrings(this.store.state.lang);
  }

  private renderForm(): void {
    const s = this.s, lang = this.store.state.lang;
    const target = h('select', { id: 'import-target' }, ...[...CSV_TARGETS, ...GEO_TARGETS].map((t) => h('option', { value: t }, s.targets[t])));
    const roadMode = h('select', { id: 'import-road-mode' }, ...(['append', 'replace'] as const).map((m) => h('option', { value: m }, s.roadModes[m])));
    const roadModeLabel = h('label', { id: 'import-road-mode-label', hidden: true }, s.roadMode, roadMode);
    const fileLabel = h('span', { id: 'import-file-label' }, s.file);
    const hint = h('p', { class: 'import-hint' }, tableHint(lang, 'incidents'));
    const templates = h('p', { class: 'import-hint', id: 'import-templates-box' }, templateLinks(this.s, 'incidents'));
    const crs = h('select', { id: 'import-crs' }, ...CRS.map((c) => h('option', { value: c.id }, c[lang])));
    const enc = h('select', { id: 'import-encoding' }, h('option', { value: '' }, s.encodingAuto), h('option', { value: 'utf-8' }, 'UTF-8'), h('option', { value: 'gbk' }, 'GBK / GB18030'));
    const partial = h('input', { id: 'import-partial', type: 'checkbox' });
    const clip = h('input', { id: 'import-clip', type: 'checkbox' });
    const clipMax = h('input', { id: 'import-clip-max', type: 'number', min: '0', max: '50', step: '1', value: '5', style: 'width: 4em' });
    const clipLabel = h('label', { class: 'import-check', id: 'import-clip-label', hidden: true }, clip, s.clip, ' ', h('span', {}, s.clipMax), clipMax);
    const file = h('input', { id: 'import-file', type: 'file', accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    const dialog = h('div', { class: 'import-dialog', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'import-title' },
      h('div', { class: 'import-head' }, h('h2', { id: 'import-title' }, fill(s.title, { target: s.targets.incidents })), h('button', { type: 'button', class: 'import-close', 'aria-label': s.close }, '×')),
      h('div', { class: 'import-controls' },
        h('label', {}, s.target, target),
        h('label', {}, fileLabel, file),
        roadModeLabel,
        h('label', {}, s.crs, crs),
        h('label', {}, s.encoding, enc),
        h('label', { class: 'import-check' }, partial, s.partial),
        clipLabel),
      hint,
      templates,
      h('div', { id: 'import-status', role: 'status', 'aria-live': 'polite' }),
      h('div', { id: 'import-body' }),
      h('div', { class: 'import-actions' },
        h('span', { class: 'import-export' }, s.exportLabel, ' ', this.exportLink('csv', 'CSV'), ' · ', this.exportLink('geojson', 'GeoJSON')),
        h('button', { id: 'import-run', type: 'button', disabled: true }, s.importBtn)));
    this.root.replaceChildren(dialog);
    dialog.querySelector('.import-close')!.addEventListener('click', () => this.close());
    const recheck = () => void this.check();
    const readGeoms = () => { this.geoms = this.file && isGeoTarget(target.value as ImportTarget) ? fileGeometries(this.file) : Promise.resolve(null); };
    file.addEventListener('change', () => { this.file = file.files?.[0] ?? null; this.mapping = {}; this.values.categoryMap = {}; this.values.statusMap = {}; readGeoms(); recheck(); });
    crs.addEventListener('change', recheck);
    // The target decides the file type, the hint and the road mode; a file of the other kind is dropped.
    const onTarget = () => {
      const t = target.value as ImportTarget, geo = isGeoTarget(t);
      const table = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      file.accept = isAreaTarget(t) ? `${GEO_ACCEPT},.zip,application/zip` : geo ? GEO_ACCEPT : t === 'stations' ? `${table},${GEO_ACCEPT}` : table;
      crsOptions(crs, lang, isAreaTarget(t));
      clipLabel.hidden = !isAreaTarget(t);
      fileLabel.textContent = geo ? s.geoFile : t === 'stations' ? s.stationFile : s.file; // stations also come as GeoJSON points
      hint.textContent = t === 'roads' ? s.roadHint : geo ? s.geoHint : tableHint(lang, t as CsvTarget);
      roadModeLabel.hidden = t !== 'roads';
      templates.replaceChildren(templateLinks(this.s, t));
      dialog.querySelector('#import-title')!.textContent = fill(s.title, { target: s.targets[t] });
      if (this.file && !(isAreaTarget(t) ? /\.((geo)?json|zip)$/i : geo ? /\.(geo)?json$/i : t === 'stations' ? /\.(csv|xlsx|txt|(geo)?json)$/i : /\.(csv|xlsx|txt)$/i).test(this.file.name)) { this.file = null; file.value = ''; }
    };
    roadMode.addEventListener('change', recheck);
    target.addEventListener('change', () => { this.mapping = {}; onTarget(); readGeoms(); recheck(); });
    enc.addEventListener('change', recheck);
    partial.addEventListener('change', recheck);
    clip.addEventListener('change', recheck);
    clipMax.addEventListener('change', recheck);
    dialog.querySelector('#import-run')!.addEventListener('click', () => void this.run());
  }

  /** Export of the dashboard's current filter (time window, categories, jurisdiction). */
  private exportLink(format: 'csv' | 'geojson', label: string): HTMLAnchorElement {
    const q = new URLSearchParams({ format });
    for (const [k, v] of Object.entries(filterParams(this.store.state.filter, INCIDENT_CATEGORIES.length))) if (v !== undefined && v !== '') q.set(k, String(v));
    return h('a', { id: `import-export-${format}`, href: `/api/incidents/export?${q}`, download: '' }, label);
  }

  private params(dryRun: boolean) {
    const v = (id: string) => (this.root.querySelector(`#${id}`) as HTMLSelectElement).value;
    const checked = (id: string) => (this.root.querySelector(`#${id}`) as HTMLInputElement).checked;
    return { target: v('import-target') as ImportTarget, crs: v('import-crs'), encoding: v('import-encoding'), partial: checked('import-partial'), dryRun, mapping: this.mapping, roadMode: v('import-road-mode') as 'append' | 'replace', clip: checked('import-clip'), clipMaxPercent: Number(v('import-clip-max')) || 0, categoryMap: this.values.categoryMap, statusMap: this.values.statusMap };
  }

  private status(text: string, kind: 'info' | 'ok' | 'error' = 'info', progress?: number): void {
    const el = this.root.querySelector('#import-status')!;
    el.className = `import-status ${kind}`;
    el.replaceChildren(h("span", {}, text));
    if (progress !== undefined) el.append(h("progress", { max: 1, value: progress }));
  }

  /** The server's own progress (rows or features checked, written, points re-assigned) as a real bar. */
  private serverStatus(p: ServerProgress): void {
    const s = this.s;
    const key = (Object.keys(s.stage) as (keyof typeof s.stage)[]).find((k) => p.stage.startsWith(k));
    const label = key ? s.stage[key] + p.stage.slice(key.length) : p.stage;
    this.status(p.total > 1 ? fill(s.serverProgress, { stage: label, done: p.done.toLocaleString(), total: p.total.toLocaleString() }) : label, 'info', p.total > 0 ? p.done / p.total : undefined);
    document.body.dataset.importStage = p.stage;
  }

  private async send<T = ImportResponse>(dryRun: boolean): Promise<{ status: number; body: T } | null> {
    if (!this.file || this.busy) return null;
    this.busy = true;
    (this.root.querySelector('#import-run') as HTMLButtonElement).disabled = true;
    document.body.dataset.importBusy = 'true';
    try {
      return await postImport<T>(this.file, this.params(dryRun), (f) => this.status(f < 1 ? fill(this.s.uploading, { pct: Math.round(f * 100) }) : this.s.processing, 'info', f), (p) => this.serverStatus(p));
    } catch (e) {
      this.status(String(e instanceof Error ? e.message : e), 'error');
      return null;
    } finally {
      this.busy = false;
      delete document.body.dataset.importBusy;
    }
  }

  /** Dry run: mapping, preview, refused rows; enables the import button when something can go in. */
  private async check(): Promise<void> {
    // Settings may change while a check is running: the last one wins, earlier answers are dropped.
    const seq = ++this.checkSeq;
    await this.inflight;
    if (seq !== this.checkSeq) return;
    let done!: () => void;
    this.inflight = new Promise<void>((r) => (done = r));
    try {
      await this.checkNow(seq);
    } finally {
      done();
    }
  }

  private async checkNow(seq: number): Promise<void> {
    this.root.querySelector('#import-body')!.replaceChildren();
    if (!this.file) return;
    this.status(this.s.checking, 'info', 0);
    if (isGeoTarget(this.params(true).target)) return this.checkGeo(seq);
    const [res, names] = await Promise.all([this.send(true), this.loadGridNames()]);
    this.gridNames = names;
    if (!res || seq !== this.checkSeq) return;
    document.body.dataset.importChecked = String(seq);
    const { body } = res;
    const s = this.s;
    if (res.status !== 200) {
      this.status(fill(s.refused, { error: errorIn(body, this.store.state.lang) ?? `HTTP ${res.status}` }), 'error');
      this.renderReport(body, true);
      return;
    }
    const geo = Object.entries(body.geocoded ?? {}).map(([k, n]) => `${levelName(this.store.state.lang, k)} ${n}`).join('，');
    this.status(fill(s.summary, { valid: body.valid, rejected: refusedCount(body) }) + (geo ? ` · ${fill(s.geocoded, { list: geo })}` : ''), body.rejected.length ? 'error' : 'ok');
    this.renderReport(body, true);
    const run = this.root.querySelector('#import-run') as HTMLButtonElement;
    const partial = this.params(true).partial;
    run.disabled = body.valid === 0 || (body.rejected.length > 0 && !partial);
    run.textContent = body.rejected.length && partial ? fill(s.importPartialBtn, { n: body.valid }) : s.importBtn;
  }

  /** Dry run of a GeoJSON file: the preview map with validity marks, the mapping, the feature list. */
  private async checkGeo(seq: number): Promise<void> {
    const res = await this.send<GeoImportResponse>(true);
    if (!res || seq !== this.checkSeq) return;
    document.body.dataset.importChecked = String(seq);
    const { body } = res, s = this.s, p = this.params(true);
    const ok = res.status === 200;
    if (!ok && !body.features) { this.status(fill(s.refused, { error: errorIn(body, this.store.state.lang) ?? `HTTP ${res.status}` }), 'error'); return; }
    this.status(ok ? fill(s.geoSummary, { features: body.features, valid: body.valid, rejected: body.rejected.length }) : fill(s.refused, { error: errorIn(body, this.store.state.lang) ?? `HTTP ${res.status}` }), ok && !body.rejected.length ? 'ok' : 'error');
    await this.renderGeo(body, true);
    const run = this.root.querySelector('#import-run') as HTMLButtonElement;
    // A system guessed from the positions must be confirmed (chosen) before anything is written.
    const unconfirmed = !!body.source?.crs.confirm && p.crs === '';
    run.disabled = !ok || body.valid === 0 || (body.rejected.length > 0 && !p.partial) || unconfirmed;
    run.textContent = body.rejected.length && p.partial ? fill(s.importPartialBtn, { n: body.valid }) : s.importBtn;
  }

  private async renderGeo(body: GeoImportResponse, withPreview: boolean): Promise<void> {
    const lang = this.store.state.lang, target = this.params(true).target;
    if (!isGeoTarget(target)) return;
    const parts: (HTMLElement | SVGSVGElement)[] = [];
    const geoms = await this.geoms;
    const crsSelect = this.root.querySelector('#import-crs') as HTMLSelectElement;
    const panel = crsPanel(body, lang, crsSelect.value, (id) => { crsSelect.value = id; void this.check(); });
    if (panel) parts.push(panel);
    if (geoms) parts.push(h('div', { class: 'import-map-box' }, previewMap(geoms, body, lang), mapLegend(body, lang)));
    if (withPreview && body.mapping?.length) parts.push(mappingTable(body, target, this.mapping, lang, (m) => { this.mapping = m; void this.check(); }));
    parts.push(...geoSummary(body, target, lang, this.params(true).partial));
    // After a commit the list of good features is noise: only refused ones (partial imports) are listed.
    if (withPreview || body.rejected.length) parts.push(featureList(body, target, lang));
    this.root.querySelector('#import-body')!.replaceChildren(...parts);
  }

  private async run(): Promise<void> {
    const target = this.params(false).target;
    if (isGeoTarget(target)) return this.runGeo();
    const res = await this.send(false);
    if (!res) return;
    const { body } = res;
    if (res.status === 200 && body.committed) {
      const target = this.params(false).target;
      this.status(fill(target === 'cameras' ? this.s.doneCameras : target === 'sites' ? this.s.doneSites : target === 'stations' ? this.s.doneStations : this.s.done, { n: body.imported }), 'ok');
      this.renderReport(body, false);
      // A new filter object: the app and every view reload their incident data.
      this.store.updateFilter({});
    } else {
      this.status(fill(this.s.refused, { error: errorIn(body, this.store.state.lang) ?? `HTTP ${res.status}` }), 'error');
      this.renderReport(body, false);
    }
  }

  private async runGeo(): Promise<void> {
    const res = await this.send<GeoImportResponse>(false);
    if (!res) return;
    const { body } = res, s = this.s, target = this.params(false).target;
    if (res.status === 200 && body.committed) {
      this.status(target === 'roads' ? fill(s.doneRoads, { n: body.imported }) : fill(s.doneAreas, { n: body.imported, level: s.targets[target] }), 'ok');
      await this.renderGeo(body, false);
      // The map keeps polygons and the basemap in memory: a reload shows the new ones (the report stays until then).
      const reload = h('button', { id: 'import-reload', type: 'button' }, s.reload);
      reload.addEventListener('click', () => location.reload());
      this.root.querySelector('#import-body')!.prepend(h('p', {}, reload));
      this.store.updateFilter({});
    } else {
      this.status(fill(s.refused, { error: errorIn(body, this.store.state.lang) ?? `HTTP ${res.status}` }), 'error');
      if (body.features !== undefined) await this.renderGeo(body, false);
    }
  }

  private loadGridNames(): Promise<Map<string, string>> {
    ImportModal.gridNames ??= api.geometry('grid').then(
      (c) => new Map(c.features.map((f) => [f.properties.code, f.properties.name])),
      () => ((ImportModal.gridNames = null), new Map()),
    );
    return ImportModal.gridNames;
  }

  private renderReport(body: ImportResponse, withPreview: boolean): void {
    const ctx: CsvReportContext = { s: this.s, lang: this.store.state.lang, target: this.params(true).target, mapping: this.mapping, values: this.values, categoryLabels: this.categoryLabels, gridNames: this.gridNames, recheck: () => void this.check() };
    this.root.querySelector('#import-body')!.replaceChildren(...csvReport(body, withPreview, ctx));
  }
}

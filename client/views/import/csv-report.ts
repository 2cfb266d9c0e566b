// The report of a CSV or XLSX import (incidents, cameras, sites), dry run or done: how the file's columns map
// to the fields (each a select to change it), how its category and status values map, the first rows as they
// will land (grids by name), and the refused rows with their line numbers and reasons, per kind first, with a
// download of all of them.
import { CAMERA_KIND_INFO, CAMERA_STATUS_INFO } from '../../../shared/domain/cameras';
import { SITE_KIND_INFO } from '../../../shared/domain/sites';
import { localDateTime } from '../../i18n';
import { h } from '../dom';
import { fieldLabel } from './geo-preview';
import { CAMERA_FIELDS, IMPORT_FIELDS, reasonIn, refusedCount, SITE_FIELDS, type ImportField, type ImportResponse, type ImportTarget, type RowRefusal, type CameraPreviewRow, type SitePreviewRow, type StationPreviewRow, type IncidentPreviewRow } from './import-api';
import { fill, type importStrings } from './import-i18n';
import { valueMappingTables, type ValueMappingState } from './value-mapping-ui';

const LEVEL_ZH: Record<string, string> = { township: '乡镇', village: '村/社区', hamlet: '屯', road: '街路', site: '重点场所' };
const PREVIEW_ROWS = 8;
const REJECTED_ROWS = 50;

export interface CsvReportContext {
  s: ReturnType<typeof importStrings>;
  lang: 'zh' | 'en';
  target: ImportTarget;
  /** field → the file's header, changed in place by the mapping selects */
  mapping: Record<string, string>;
  values: ValueMappingState;
  /** category id → its names, for the preview; categories added in the dialog are added here */
  categoryLabels: Record<string, { zh: string; en: string }>;
  gridNames: Map<string, string>;
  /** the mapping changed: check the file again */
  recheck(): void;
}

/** How a geocoded level reads in the status line and the preview. */
export const levelName = (lang: 'zh' | 'en', level: string) => (lang === 'zh' ? LEVEL_ZH[level] ?? level : level);

/** A grid as its name (the code in the title); the code alone when the outlines hold no such grid. */
function gridCell(ctx: CsvReportContext, code: string | null | undefined): HTMLTableCellElement {
  if (!code) return h('td', {}, '—');
  return h('td', { title: code, 'data-code': code }, ctx.gridNames.get(code) ?? code);
}

/** A vocabulary id (camera kind, site kind, status) in the UI language; an unknown id as it came. */
function vocabulary(info: Record<string, { zh: string; en: string }>, id: string | null | undefined, lang: 'zh' | 'en'): string {
  return id ? (info[id]?.[lang] ?? id) : '';
}

export function csvReport(body: ImportResponse, withPreview: boolean, ctx: CsvReportContext): HTMLElement[] {
  const { s, lang, target } = ctx;
  const parts: HTMLElement[] = [];
  if (withPreview && body.mapping?.length) {
    const table = h('table', { class: 'import-mapping' }, h('caption', {}, s.mapping));
    const head = h('tr'), row = h('tr');
    const fields: readonly string[] = target === 'cameras' ? CAMERA_FIELDS : target === 'sites' ? SITE_FIELDS : IMPORT_FIELDS;
    for (const m of body.mapping) {
      head.append(h('th', {}, m.header));
      const sel = h('select', { 'data-header': m.header }, h('option', { value: '' }, s.ignored), ...fields.map((f) => h('option', { value: f, selected: m.field === f }, fieldLabel(s, f))));
      sel.addEventListener('change', () => {
        for (const [f, hd] of Object.entries(ctx.mapping)) if (hd === m.header) delete ctx.mapping[f as ImportField];
        if (sel.value) ctx.mapping[sel.value as ImportField] = m.header;
        ctx.recheck();
      });
      row.append(h('td', {}, sel));
    }
    table.append(h('thead', {}, head), h('tbody', {}, row));
    parts.push(table);
  }
  if (withPreview && body.values && body.values.category.length) {
    // Labels of categories added in this dialog, for the preview table below.
    for (const c of ctx.values.categories) ctx.categoryLabels[c.id] ??= { zh: c.zh, en: c.en };
    parts.push(...valueMappingTables(body.values, ctx.values, lang, () => ctx.recheck()));
  }
  if (withPreview && body.preview?.length && target === 'cameras') {
    const c = s.col, k = s.camCol;
    const table = h('table', { class: 'import-preview' }, h('caption', {}, fill(s.preview, { n: Math.min(PREVIEW_ROWS, body.preview.length) })),
      h('thead', {}, h('tr', {}, ...[c.line, k.id, k.kind, c.lonlat, k.bearing, k.status, c.grid].map((x) => h('th', {}, x)))));
    const tb = h('tbody');
    for (const r of (body.preview as CameraPreviewRow[]).slice(0, PREVIEW_ROWS))
      tb.append(h('tr', {}, ...[String(r.line), r.id ?? '', vocabulary(CAMERA_KIND_INFO, r.kind, lang), `${r.lon.toFixed(5)}, ${r.lat.toFixed(5)}`, `${r.bearing ?? ''}°`, vocabulary(CAMERA_STATUS_INFO, r.status, lang)].map((x) => h('td', {}, x)), gridCell(ctx, r.gridCode)));
    table.append(tb);
    parts.push(table);
  } else if (withPreview && body.preview?.length && target === 'sites') {
    const c = s.col, k = s.camCol;
    const table = h('table', { class: 'import-preview' }, h('caption', {}, fill(s.preview, { n: Math.min(PREVIEW_ROWS, body.preview.length) })),
      h('thead', {}, h('tr', {}, ...[c.line, k.name, k.kind, c.lonlat, c.grid].map((x) => h('th', {}, x)))));
    const tb = h('tbody');
    for (const r of (body.preview as SitePreviewRow[]).slice(0, PREVIEW_ROWS))
      tb.append(h('tr', {}, ...[String(r.line), r.name ?? '', vocabulary(SITE_KIND_INFO, r.kind, lang), `${r.lon.toFixed(5)}, ${r.lat.toFixed(5)}`].map((x) => h('td', {}, x)), gridCell(ctx, r.grid?.code)));
    table.append(tb);
    parts.push(table);
  } else if (withPreview && body.preview?.length && target === 'stations') {
    const c = s.col, k = s.camCol;
    const kinds: Record<string, [string, string]> = { bureau: ['公安局', 'Bureau'], station: ['派出所', 'Station'], post: ['警务站', 'Post'] };
    const table = h('table', { class: 'import-preview', id: 'import-station-preview' }, h('caption', {}, fill(s.preview, { n: Math.min(PREVIEW_ROWS, body.preview.length) })),
      h('thead', {}, h('tr', {}, ...[c.line, k.name, k.kind, c.lonlat, s.field.units].map((x) => h('th', {}, x)))));
    const tb = h('tbody');
    for (const r of (body.preview as StationPreviewRow[]).slice(0, PREVIEW_ROWS))
      tb.append(h('tr', {}, ...[String(r.line), r.name, kinds[r.kind]?.[lang === 'zh' ? 0 : 1] ?? r.kind, `${r.lon.toFixed(5)}, ${r.lat.toFixed(5)}${r.geocoded ? (lang === 'zh' ? '（按地址）' : ' (from address)') : ''}`, String(r.units)].map((x) => h('td', {}, x))));
    table.append(tb);
    parts.push(table);
  } else if (withPreview && body.preview?.length) {
    const c = s.col;
    const table = h('table', { class: 'import-preview' }, h('caption', {}, fill(s.preview, { n: Math.min(PREVIEW_ROWS, body.preview.length) })),
      h('thead', {}, h('tr', {}, ...[c.line, c.category, c.time, c.lonlat, c.grid, c.geocode].map((x) => h('th', {}, x)))));
    const tb = h('tbody');
    for (const r of (body.preview as IncidentPreviewRow[]).slice(0, PREVIEW_ROWS)) {
      const local = localDateTime(r.reportedAt);
      tb.append(h('tr', {}, h('td', {}, String(r.line)), h('td', {}, ctx.categoryLabels[r.category]?.[lang] ?? r.category), h('td', {}, local),
        h('td', {}, `${r.lon.toFixed(5)}, ${r.lat.toFixed(5)}`), gridCell(ctx, r.gridCode), h('td', {}, r.geocode ? `${lang === 'zh' ? LEVEL_ZH[r.geocode.level] ?? r.geocode.level : r.geocode.level} (${r.geocode.confidence})` : '—')));
    }
    table.append(tb);
    parts.push(table);
  }
  if (body.rejected.length) {
    const total = refusedCount(body);
    // Refusals per kind first: with thousands of refused rows, what to fix is the few kinds, not the rows.
    if (body.reasonCounts && body.reasonCounts.length > 1) {
      const kinds = h('table', { class: 'import-reason-counts' }, h('caption', {}, s.byKind));
      const kb = h('tbody');
      for (const c of body.reasonCounts) kb.append(h('tr', {}, h('td', {}, fill(s.kindCount, { n: c.count })), h('td', {}, reasonIn(c, lang))));
      kinds.append(kb);
      parts.push(kinds);
    }
    const table = h('table', { class: 'import-rejected' }, h('caption', {}, `${s.rejectedTitle} (${total})`), h('thead', {}, h('tr', {}, h('th', {}, s.line), h('th', {}, s.reason))));
    const tb = h('tbody');
    // Each problem of a row on its own line (a bad status and a swapped point are two things to fix).
    const reasons = (r: RowRefusal) => (r.reasons && r.reasons.length > 1 ? h('ul', { class: 'import-reasons' }, ...r.reasons.map((x) => h('li', {}, reasonIn(x, lang)))) : reasonIn(r, lang));
    for (const r of body.rejected.slice(0, REJECTED_ROWS)) tb.append(h('tr', {}, h('td', {}, String(r.line)), h('td', { title: r.raw }, reasons(r))));
    if (total > REJECTED_ROWS) tb.append(h('tr', {}, h('td', { colspan: 2 }, fill(s.more, { n: total - REJECTED_ROWS }))));
    table.append(tb);
    parts.push(table);
    // The full list: inline while small, otherwise the server's download of it.
    const href = body.rejectedCsv ? URL.createObjectURL(new Blob([body.rejectedCsv], { type: 'text/csv;charset=utf-8' })) : body.rejectedCsvUrl;
    if (href) parts.push(h('a', { class: 'import-download', href, download: 'rejected-rows.csv' }, s.download));
  }
  return parts;
}

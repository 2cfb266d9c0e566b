// The import endpoints over XMLHttpRequest (fetch has no upload progress), with the server's own progress
// polled by job id while the server checks, geocodes and writes. The answers' types are the routes'
// declarations (server/routes/import/import-answers.ts), not copies of them.
// The field lists are the server's own (shared/domain/import-fields.ts), not copies.
export { AREA_FIELDS, CAMERA_FIELDS, IMPORT_FIELDS, ROAD_FIELDS, SITE_FIELDS, STATION_FIELDS, type ImportField } from '../../../shared/domain/import-fields';

import type { Lang } from '../../i18n';
import type { AreaImportAnswer, CameraImportAnswer, ImportProgressAnswer, IncidentImportAnswer, RoadImportAnswer, SiteImportAnswer, StationImportAnswer } from '../../../server/routes/import/import.routes';

/** A refused import (400) carries its error in both languages beside the report. */
interface Refusal { error?: string; errorZh?: string }

/** A refused row (`reasons` lists each of its problems; `reason`/`reasonZh` join them) and a refused feature. */
export type RowRefusal = IncidentImportAnswer['rejected'][number];
export type FeatureRefusal = AreaImportAnswer['rejected'][number];

/** A refused row's or feature's reason in the dialog's language (English when a server sent no Chinese). */
export const reasonIn = (r: { reason: string; reasonZh?: string }, lang: Lang): string => (lang === 'zh' && r.reasonZh ? r.reasonZh : r.reason);
/** An answer's file-level error in the dialog's language, or undefined when there is none. */
export const errorIn = (b: { error?: string; errorZh?: string }, lang: Lang): string | undefined => (lang === 'zh' && b.errorZh ? b.errorZh : b.error);
export type ReassignCounts = NonNullable<AreaImportAnswer['reassigned']>['incidents'];

export type IncidentPreviewRow = NonNullable<IncidentImportAnswer['preview']>[number];
export type CameraPreviewRow = NonNullable<CameraImportAnswer['preview']>[number];
export type SitePreviewRow = NonNullable<SiteImportAnswer['preview']>[number];
export type StationPreviewRow = NonNullable<StationImportAnswer['preview']>[number];

/** The answer of a CSV import (incidents, cameras, sites; server/routes/import/import-answers.ts), in one type
 * for the dialog, which renders by its target: what only the incident report has is optional here, and a
 * preview row is the target's own (the dialog narrows it by the target). */
export type ImportResponse = Refusal &
  Omit<IncidentImportAnswer, 'preview' | 'mapping' | 'geocoded' | 'values'> &
  Partial<Pick<IncidentImportAnswer, 'mapping' | 'geocoded' | 'values'>> & { preview?: (IncidentPreviewRow | CameraPreviewRow | SitePreviewRow | StationPreviewRow)[] };

/** How many rows were refused: the count when the answer lists only the first ones. */
export const refusedCount = (b: ImportResponse): number => b.rejectedCount ?? b.rejected.length;

type AreaRow = NonNullable<AreaImportAnswer['preview']>[number];
type RoadRow = NonNullable<RoadImportAnswer['preview']>[number];
/** The answer of a GeoJSON import (polygons or roads), in one type: what only one of them has is optional. */
export type GeoImportResponse = Refusal &
  Omit<AreaImportAnswer, 'level' | 'mapping' | 'preview'> &
  Partial<Pick<RoadImportAnswer, 'removed' | 'kmByClass'>> & {
    mapping: { property: string; field: string | null }[];
    preview?: (Partial<AreaRow & RoadRow> & Pick<AreaRow, 'feature' | 'name'>)[];
  };

export const CSV_TARGETS = ['incidents', 'cameras', 'sites', 'stations'] as const;
export const GEO_TARGETS = ['grid', 'village', 'township', 'roads'] as const;
export type CsvTarget = (typeof CSV_TARGETS)[number];
export type GeoTarget = (typeof GEO_TARGETS)[number];
export type ImportTarget = CsvTarget | GeoTarget;
export const isGeoTarget = (t: ImportTarget): t is GeoTarget => (GEO_TARGETS as readonly string[]).includes(t);

export interface ImportParams { target: ImportTarget; crs: string; encoding: string; partial: boolean; dryRun: boolean; mapping?: Record<string, string>; roadMode?: 'append' | 'replace'; clip?: boolean; clipMaxPercent?: number; categoryMap?: Record<string, string>; statusMap?: Record<string, string> }
export type ServerProgress = ImportProgressAnswer;

function url(p: ImportParams, job: string): string {
  // An empty crs or encoding means "detect it from the file" (the server's default).
  const q = new URLSearchParams({ partial: String(p.partial), dryRun: String(p.dryRun), job });
  if (p.crs) q.set('crs', p.crs);
  if (p.encoding) q.set('encoding', p.encoding);
  if (p.mapping && Object.keys(p.mapping).length) q.set('mapping', JSON.stringify(p.mapping));
  if (p.target === 'incidents' && p.categoryMap && Object.keys(p.categoryMap).length) q.set('categoryMap', JSON.stringify(p.categoryMap));
  if (p.target === 'incidents' && p.statusMap && Object.keys(p.statusMap).length) q.set('statusMap', JSON.stringify(p.statusMap));
  if (p.clip && isGeoTarget(p.target) && p.target !== 'roads') q.set('clip', 'true'), q.set('clipMaxPercent', String(p.clipMaxPercent ?? 5));
  if (p.target === 'roads') return q.set('mode', p.roadMode ?? 'append'), `/api/import/roads?${q}`;
  if (isGeoTarget(p.target)) return q.set('level', p.target), `/api/import/areas?${q}`;
  return `/api/import/${p.target}?${q}`;
}

export function postImport<T = ImportResponse>(file: Blob, p: ImportParams, onUpload: (fraction: number) => void, onServer?: (p: ServerProgress) => void): Promise<{ status: number; body: T }> {
  const job = `ui-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  let polling = false, timer = 0;
  const poll = async () => {
    if (!polling) return;
    try {
      const res = await fetch(`/api/import/progress/${job}`);
      const p = res.ok ? ((await res.json()) as ServerProgress) : null;
      // The answer may have arrived while this poll was in flight: a late poll must not overwrite its report.
      if (p && polling) onServer?.(p);
    } catch { /* the next poll tries again */ }
    if (polling) timer = window.setTimeout(poll, 250);
  };
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url(p, job));
    xhr.upload.onprogress = (e) => e.lengthComputable && onUpload(e.loaded / e.total);
    // Once the bytes are up, the server is working: follow its progress until the answer arrives.
    xhr.upload.onload = () => { if (onServer && !polling) { polling = true; void poll(); } };
    const stop = () => { polling = false; clearTimeout(timer); };
    xhr.onload = () => {
      stop();
      try {
        resolve({ status: xhr.status, body: JSON.parse(xhr.responseText) as T });
      } catch {
        reject(new Error(`HTTP ${xhr.status}`));
      }
    };
    xhr.onerror = () => { stop(); reject(new Error('network error')); };
    const form = new FormData();
    form.append('file', file, isGeoTarget(p.target) ? 'import.geojson' : 'import.csv');
    xhr.send(form);
  });
}

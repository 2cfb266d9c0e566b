// The import endpoint over XMLHttpRequest (fetch has no upload progress).
export type ImportField = 'id' | 'category' | 'reported_at' | 'lon' | 'lat' | 'address' | 'title' | 'status' | 'closed_at';
export const IMPORT_FIELDS: ImportField[] = ['id', 'category', 'reported_at', 'lon', 'lat', 'address', 'title', 'status', 'closed_at'];

export interface ImportResponse {
  error?: string;
  imported: number;
  valid: number;
  committed: boolean;
  rejected: { line: number; reason: string; raw: string }[];
  mapping?: { header: string; field: ImportField | null }[];
  geocoded?: Record<string, number>;
  preview?: ({ line: number; category: string; reportedAt: string; lon: number; lat: number; gridCode: string; geocode: { level: string; confidence: number } | null } & { id?: string; name?: string; kind?: string; status?: string; bearing?: number; grid?: { code: string } })[];
  rejectedCsv?: string;
}

export type ImportTarget = 'incidents' | 'cameras' | 'sites';
export interface ImportParams { target: ImportTarget; crs: string; encoding: string; partial: boolean; dryRun: boolean; mapping?: Partial<Record<ImportField, string>> }

export function postImport(file: Blob, p: ImportParams, onUpload: (fraction: number) => void): Promise<{ status: number; body: ImportResponse }> {
  const q = new URLSearchParams({ crs: p.crs, encoding: p.encoding, partial: String(p.partial), dryRun: String(p.dryRun) });
  if (p.target === 'incidents' && p.mapping && Object.keys(p.mapping).length) q.set('mapping', JSON.stringify(p.mapping));
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/import/${p.target}?${q}`);
    xhr.upload.onprogress = (e) => e.lengthComputable && onUpload(e.loaded / e.total);
    xhr.onload = () => {
      try {
        resolve({ status: xhr.status, body: JSON.parse(xhr.responseText) as ImportResponse });
      } catch {
        reject(new Error(`HTTP ${xhr.status}`));
      }
    };
    xhr.onerror = () => reject(new Error('network error'));
    const form = new FormData();
    form.append('file', file, 'import.csv');
    xhr.send(form);
  });
}

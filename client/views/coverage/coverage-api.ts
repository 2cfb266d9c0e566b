// Typed calls to /api/coverage. POST bodies are JSON; failures become ApiError with the server's message.
import { ApiError, getJson, type Camera } from '../../api';
import type { Place } from '../../../shared/geo/place-label';

// The ledger's shapes are the server's own (type-only import: nothing of the server is bundled).
export type { CategoryRow, CrossingRow, KindRow, Ledger, RoadGap, RoadRow, SiteGap, UnitLevel, UnitRow } from '../../../shared/geo/coverage-ledger';
import type { Ledger, UnitLevel } from '../../../shared/geo/coverage-ledger';

export type PlannableKind = 'public' | 'face' | 'checkpoint';

export type CameraEdit =
  | { op: 'add'; id: string; kind: string; lon: number; lat: number; bearing: number; fov: number; rangeM: number; status?: 'online' | 'offline'; name?: string }
  | { op: 'update'; id: string; lon?: number; lat?: number; bearing?: number; fov?: number; rangeM?: number; status?: 'online' | 'offline' }
  | { op: 'remove'; id: string };

export interface PlannedCamera { id: string; kind: PlannableKind; lon: number; lat: number; bearing: number; fov: number; rangeM: number; costYuan: number; source: string; gain: number; newSites: number; newRoadM: number; place: Place }
export interface PlanResponse {
  plan: { cameras: PlannedCamera[]; candidates: number; demandPoints: number; objectiveBefore: number; objectiveAfter: number; greedyObjective: number; swaps: number; costYuan: number };
  before: Ledger;
  predicted: Ledger;
  computeMs: number;
}

export interface LedgerRequest { code?: string; level: UnitLevel; double?: string[]; edits: CameraEdit[] }
export interface PlanRequest extends LedgerRequest { k?: number; budgetYuan?: number; kinds?: PlannableKind[]; costs?: Partial<Record<PlannableKind, number>> }

async function post<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  return send<T>('POST', path, body, signal);
}

async function send<T>(method: 'POST' | 'DELETE', path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const res = await fetch(path, { method, signal, headers: { 'content-type': 'application/json', accept: 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = json && typeof json === 'object' ? (json as { error?: unknown }) : {};
    throw new ApiError(typeof err.error === 'string' ? err.error : `${res.status} ${res.statusText} (${path})`, res.status);
  }
  return json as T;
}

export const coverageApi = {
  cameras: (code: string, signal?: AbortSignal) => getJson<{ cameras: Camera[] }>('/api/cameras', { code }, signal),
  whatIf: (req: LedgerRequest, signal?: AbortSignal) => post<{ ledger: Ledger; computeMs: number }>('/api/coverage/whatif', { ...req, gaps: true }, signal),
  plan: (req: PlanRequest, signal?: AbortSignal) => post<PlanResponse>('/api/coverage/plan', req, signal),
  saveScenario: (name: string, edits: CameraEdit[]) => post<{ id: string; name: string; edits: number }>('/api/coverage/scenarios', { name, edits }),
  scenarios: () => getJson<{ scenarios: { id: string; name: string; createdAt: string; edits: number }[] }>('/api/coverage/scenarios'),
  scenario: (id: string) => getJson<{ id: string; name: string; edits: CameraEdit[] }>(`/api/coverage/scenarios/${encodeURIComponent(id)}`),
  deleteScenario: (id: string) => send<{ deleted: string }>('DELETE', `/api/coverage/scenarios/${encodeURIComponent(id)}`),
  /** The ledger of a scenario without its gap geometry (for comparisons: figures only). */
  ledgerOf: (req: LedgerRequest, signal?: AbortSignal) => post<{ ledger: Ledger; computeMs: number }>('/api/coverage/whatif', { ...req, gaps: false }, signal),
  /** Downloads a file produced by the server (CSV / GeoJSON) under `filename`. */
  async download(path: string, filename: string, body?: unknown): Promise<void> {
    const res = await fetch(path, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new ApiError(((await res.json().catch(() => ({}))) as { error?: string }).error ?? `${res.status}`, res.status);
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = filename;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  },
};

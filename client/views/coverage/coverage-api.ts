// Typed calls to /api/coverage. POST bodies are JSON; failures become ApiError with the server's message.
import { ApiError, getJson, type Camera } from '../../api';

// The answers' types are the routes' declarations (server/routes/coverage/coverage.routes.ts, type-only:
// nothing of the server is bundled), so a changed field fails to compile here.
import type { CameraEditRequest, CoverageLedger, PlanAnswer, PlanRequestBody, ScenarioAnswer, ScenarioSaved, ScenariosAnswer, WhatIfAnswer } from '../../../server/routes/coverage/coverage.routes';
export type { UnitLevel } from '../../../shared/geo/coverage-ledger';
import type { UnitLevel } from '../../../shared/geo/coverage-ledger';
import type { PlannableKind } from '../../../shared/domain/coverage';
export type { PlannableKind };

export type Ledger = CoverageLedger;
export type CategoryRow = Ledger['categories'][number];
export type KindRow = Ledger['kinds'][number];
export type RoadRow = Ledger['roads'][number];
export type UnitRow = Ledger['units'][number];
export type CrossingRow = Ledger['crossings'][number];
export type SiteGap = NonNullable<Ledger['gaps']>['sites'][number];
export type RoadGap = NonNullable<Ledger['gaps']>['roads'][number];
export type CameraEdit = CameraEditRequest;
export type PlannedCamera = PlanAnswer['plan']['cameras'][number];
export type PlanResponse = PlanAnswer;

/** What the panels ask a ledger for (the what-if's body without its gaps switch). */
export interface LedgerRequest { code?: string; level: UnitLevel; double?: PlanRequestBody['double']; edits: CameraEdit[] }
export type PlanRequest = LedgerRequest & Pick<PlanRequestBody, 'k' | 'budgetYuan' | 'kinds' | 'costs'>;

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
  /** The scenario's ledger; its gaps as a change against the stored gaps of token `held` ('' for none held). */
  whatIf: (req: LedgerRequest, held: string, signal?: AbortSignal) => post<WhatIfAnswer>('/api/coverage/whatif', { ...req, gaps: true, gapsAgainst: held }, signal),
  plan: (req: PlanRequest, signal?: AbortSignal) => post<PlanResponse>('/api/coverage/plan', req, signal),
  saveScenario: (name: string, edits: CameraEdit[]) => post<ScenarioSaved>('/api/coverage/scenarios', { name, edits }),
  scenarios: () => getJson<ScenariosAnswer>('/api/coverage/scenarios'),
  scenario: (id: string) => getJson<ScenarioAnswer>(`/api/coverage/scenarios/${encodeURIComponent(id)}`),
  deleteScenario: (id: string) => send<{ deleted: string }>('DELETE', `/api/coverage/scenarios/${encodeURIComponent(id)}`),
  /** The ledger of a scenario without its gap geometry (for comparisons: figures only). */
  ledgerOf: (req: LedgerRequest, signal?: AbortSignal) => post<WhatIfAnswer>('/api/coverage/whatif', { ...req, gaps: false }, signal),
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

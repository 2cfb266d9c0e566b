// The case workflow's API for the dashboard (server/routes/cases): list, one case, a transition.
import type { CaseAction, CaseLevel, CaseStatus } from '../../shared/domain/case-workflow';

export interface CaseListItem {
  id: number; category: string; categoryZh: string; title: string | null; address: string | null; lon: number; lat: number;
  gridCode: string; villageName: string | null; townshipName: string | null; status: CaseStatus; statusZh: string; level: CaseLevel; levelZh: string;
  overdue: boolean; supervised: boolean; assignee: string | null; reportedAt: string; dueAt: string; closedAt: string | null;
}
export interface CaseHistoryEntry { seq: number; action: string; actionZh: string; fromStatus: string | null; toStatus: CaseStatus; fromLevel: string | null; toLevel: CaseLevel; at: string; actor: { name: string | null; role: string | null }; note: string | null; assignee: string | null }
export interface CaseDetail extends CaseListItem {
  gridName: string | null; reporter: string | null; levelDueAt: string | null; resolved: boolean | null; source: string | null;
  history: CaseHistoryEntry[]; photos: { id: string; type: string; bytes: number }[]; actions: CaseAction[];
}
export interface CaseQuery { status?: string; overdue?: boolean; queue?: 'mine'; code?: string; categories?: string; from?: string; to?: string; sort: 'reportedAt' | 'dueAt'; order: 'asc' | 'desc'; page: number; pageSize: number }

export class CaseApiError extends Error { constructor(readonly status: number, message: string) { super(message); } }

async function json<T>(res: Response): Promise<T> {
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new CaseApiError(res.status, body?.errorZh ?? body?.error ?? `HTTP ${res.status}`);
  return body as T;
}

const qs = (o: Record<string, unknown>) => new URLSearchParams(Object.entries(o).filter(([, v]) => v !== undefined && v !== '' && v !== false).map(([k, v]) => [k, v === true ? '1' : String(v)])).toString();

export const casesApi = {
  list: (q: CaseQuery) => fetch(`/api/cases?${qs({ ...q })}`).then((r) => json<{ total: number; page: number; pageSize: number; items: CaseListItem[] }>(r)),
  points: (q: Omit<CaseQuery, 'sort' | 'order' | 'page' | 'pageSize'>) => fetch(`/api/cases/points?${qs({ ...q, limit: 20000 })}`).then((r) => json<{ statuses: CaseStatus[]; ids: number[]; lon: number[]; lat: number[]; status: number[]; overdue: number[] }>(r)),
  get: (id: number) => fetch(`/api/cases/${id}`).then((r) => json<CaseDetail>(r)),
  move: (id: number, body: { action: CaseAction; note?: string; assignee?: string }) =>
    fetch(`/api/cases/${id}/transitions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => json<CaseDetail>(r)),
};

// The case workflow's API for the dashboard (server/routes/cases): list, one case, a transition. The answers'
// types are the routes' declarations (server/routes/cases/cases.routes.ts), not copies of them.
import type { CaseAction } from '../../shared/domain/case-workflow';
import type { AssigneeListAnswer, CaseAnswer, CaseListAnswer, CasePointsAnswer } from '../../server/routes/cases/cases.routes';

export type CaseListItem = CaseListAnswer['items'][number];
export type CaseHistoryEntry = CaseAnswer['history'][number];
export type CaseDetail = CaseAnswer;
export type Assignee = AssigneeListAnswer['items'][number];
export interface CaseQuery { status?: string; overdue?: boolean; queue?: 'mine'; code?: string; categories?: string; from?: string; to?: string; sort: 'reportedAt' | 'dueAt'; order: 'asc' | 'desc'; page: number; pageSize: number;
  /** The `next` of the page before (keyset paging); `page` then only names the page shown. */
  cursor?: string }

import { failureMessage, isNetworkFailure } from './request-failure';

export class CaseApiError extends Error { constructor(readonly status: number, message: string) { super(message); } }

async function json<T>(res: Response): Promise<T> {
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new CaseApiError(res.status, body?.errorZh ?? body?.error ?? `HTTP ${res.status}`);
  return body as T;
}

/** fetch, with a dropped network told in words (status 0) rather than the browser's "Failed to fetch". */
const send = (url: string, init?: RequestInit) => fetch(url, init).catch((e: unknown) => {
  throw isNetworkFailure(e) ? new CaseApiError(0, failureMessage(e, document.documentElement.lang?.startsWith('en') ? 'en' : 'zh')) : e;
});

const qs = (o: Record<string, unknown>) => new URLSearchParams(Object.entries(o).filter(([, v]) => v !== undefined && v !== '' && v !== false).map(([k, v]) => [k, v === true ? '1' : String(v)])).toString();

export const casesApi = {
  list: (q: CaseQuery) => send(`/api/cases?${qs({ ...q })}`).then((r) => json<CaseListAnswer>(r)),
  points: (q: Omit<CaseQuery, 'sort' | 'order' | 'page' | 'pageSize' | 'cursor'>) => send(`/api/cases/points?${qs({ ...q, limit: 20000 })}`).then((r) => json<CasePointsAnswer>(r)),
  assignees: (id: number, q?: string) => send(`/api/cases/${id}/assignees?${qs({ q })}`).then((r) => json<AssigneeListAnswer>(r)),
  get: (id: number) => send(`/api/cases/${id}`).then((r) => json<CaseDetail>(r)),
  move: (id: number, body: { action: CaseAction; note?: string; assignee?: string }) =>
    send(`/api/cases/${id}/transitions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => json<CaseDetail>(r)),
};

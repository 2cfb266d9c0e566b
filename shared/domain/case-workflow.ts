// The vocabulary of the case workflow (登记 → 受理 → 派遣 → 处置 → 审核 → 办结, with 退回, 上报 and 督办), shared by the
// server's rules (server/cases/case-rules.ts) and the client's labels. Ids in the API, Chinese in the UI.
export const CASE_STATUSES = ['reported', 'accepted', 'dispatched', 'handled', 'checked', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_STATUS_NAMES: Record<CaseStatus, { zh: string; en: string }> = {
  reported: { zh: '已登记', en: 'Reported' },
  accepted: { zh: '已受理', en: 'Accepted' },
  dispatched: { zh: '已派遣', en: 'Dispatched' },
  handled: { zh: '已处置', en: 'Handled' },
  checked: { zh: '已审核', en: 'Checked' },
  closed: { zh: '已办结', en: 'Closed' },
};

/** What a user may ask for (POST /api/cases/:id/transitions). */
export const CASE_ACTIONS = ['accept', 'dispatch', 'handle', 'check', 'close', 'return', 'escalate', 'supervise'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** Everything a history row may record: the user actions, plus the report itself and the history of imported rows. */
export const HISTORY_ACTIONS = ['report', 'import', ...CASE_ACTIONS] as const;
export type HistoryAction = (typeof HISTORY_ACTIONS)[number];

export const HISTORY_ACTION_NAMES: Record<HistoryAction, { zh: string; en: string }> = {
  report: { zh: '登记', en: 'Reported' },
  import: { zh: '导入', en: 'Imported' },
  accept: { zh: '受理', en: 'Accept' },
  dispatch: { zh: '派遣', en: 'Dispatch' },
  handle: { zh: '处置', en: 'Mark handled' },
  check: { zh: '审核', en: 'Check' },
  close: { zh: '办结', en: 'Close' },
  return: { zh: '退回', en: 'Return' },
  escalate: { zh: '上报', en: 'Escalate' },
  supervise: { zh: '督办', en: 'Supervise' },
};

/** The tier that is responsible for a case: 村(社区) → 乡镇 → 县 (三级联动). */
export const CASE_LEVELS = ['village', 'township', 'county'] as const;
export type CaseLevel = (typeof CASE_LEVELS)[number];
export const CASE_LEVEL_NAMES: Record<CaseLevel, { zh: string; en: string }> = {
  village: { zh: '村(社区)级', en: 'Village' },
  township: { zh: '乡镇级', en: 'Township' },
  county: { zh: '县级', en: 'County' },
};

// How long a case has before its deadline (办理时限), or how long past it: "剩余 2 天", "已超期 3 天", and in
// hours when less than a day is at stake. The overdue boundary is the workflow's own (server/cases/deadlines.ts
// isOverdue: overdue once now > dueAt), so the card and the 超期 tag never disagree. Whole units are counted
// down, never rounded up: 2 days 23 hours left is 剩余 2 天 (the reader is not promised a day they do not have),
// 3 days 5 hours late is 已超期 3 天.
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface TimeLeft {
  overdue: boolean;
  /** Whole units (floor) of time left, or past the deadline when overdue; 0 means less than one hour. */
  amount: number;
  unit: 'day' | 'hour';
}

/** Time left before `dueAt` at `now` (both ms); null for a closed case (it has no deadline any more). */
export function timeLeft(dueAt: number, now: number, status: string): TimeLeft | null {
  if (status === 'closed' || !Number.isFinite(dueAt) || !Number.isFinite(now)) return null;
  const overdue = now > dueAt;
  const span = Math.abs(dueAt - now);
  return span >= DAY_MS ? { overdue, amount: Math.floor(span / DAY_MS), unit: 'day' } : { overdue, amount: Math.floor(span / HOUR_MS), unit: 'hour' };
}

/** The words for a TimeLeft: 剩余 2 天 / 已超期 5 小时 / 剩余不足 1 小时; in English 2 days left / 5 hours overdue. */
export function timeLeftText(t: TimeLeft, lang: 'zh' | 'en'): string {
  if (lang === 'zh') {
    const n = t.amount === 0 ? '不足 1 小时' : `${t.amount} ${t.unit === 'day' ? '天' : '小时'}`;
    return t.overdue ? `已超期${t.amount === 0 ? '' : ' '}${n}` : `剩余${t.amount === 0 ? '' : ' '}${n}`;
  }
  const n = t.amount === 0 ? 'under 1 hour' : `${t.amount} ${t.unit}${t.amount === 1 ? '' : 's'}`;
  return t.overdue ? `${n} overdue` : `${n} left`;
}

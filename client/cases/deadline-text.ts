// The case card's "剩余 2 天 / 已超期 3 天" line: the case's due time against the clock now (shared/time/time-left.ts).
import { clockNow } from '../../shared/time/clock';
import { timeLeft, timeLeftText } from '../../shared/time/time-left';

/** The words for the time a case has left, at the clock's now; null once it is closed. */
export function caseDeadlineText(c: { dueAt: string; status: string }, lang: 'zh' | 'en'): string | null {
  const t = timeLeft(Date.parse(c.dueAt), clockNow(), c.status);
  return t && timeLeftText(t, lang);
}

/** Whether the case is past its deadline at the clock's now (the tag's colour follows the words). */
export function pastDeadline(c: { dueAt: string; status: string }): boolean {
  return timeLeft(Date.parse(c.dueAt), clockNow(), c.status)?.overdue ?? false;
}

// "剩余 2 天 / 已超期 3 天" on the case card: whole units counted down, hours under a day, and the overdue boundary
// the workflow's own (isOverdue, server/cases/deadlines.ts) — checked on a fake clock around a real deadline.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { timeLeft, timeLeftText } from '../../shared/time/time-left.js';
import { caseDeadlineText } from '../../client/cases/deadline-text.js';
import { dueAt, isOverdue } from '../../server/cases/deadlines.js';
import { useClockSource } from '../../shared/time/clock.js';

const H = 3_600_000, D = 24 * H;
const due = Date.parse('2026-12-10T04:00:00Z'); // 12:00 in Shanghai

afterEach(() => { vi.useRealTimers(); useClockSource(); });

describe('time left before a case’s deadline', () => {
  it('counts whole days down, hours below a day, on both sides of the deadline', () => {
    const cases: [number, string, string][] = [
      [-(2 * D + 23 * H), '剩余 2 天', '2 days left'],
      [-(1 * D), '剩余 1 天', '1 day left'],
      [-(1 * D - 1), '剩余 23 小时', '23 hours left'],
      [-(5 * H + 59 * 60_000), '剩余 5 小时', '5 hours left'],
      [-(H - 1), '剩余不足 1 小时', 'under 1 hour left'],
      [0, '剩余不足 1 小时', 'under 1 hour left'], // at the deadline itself the case is not yet overdue
      [1, '已超期不足 1 小时', 'under 1 hour overdue'],
      [H, '已超期 1 小时', '1 hour overdue'],
      [D - 1, '已超期 23 小时', '23 hours overdue'],
      [D, '已超期 1 天', '1 day overdue'],
      [3 * D + 5 * H, '已超期 3 天', '3 days overdue'],
    ];
    for (const [offset, zh, en] of cases) {
      const t = timeLeft(due, due + offset, 'dispatched')!;
      expect(timeLeftText(t, 'zh'), `offset ${offset} ms`).toBe(zh);
      expect(timeLeftText(t, 'en'), `offset ${offset} ms`).toBe(en);
    }
  });

  it('a closed case has no time left to show', () => {
    expect(timeLeft(due, due + 5 * D, 'closed')).toBeNull();
  });

  it('on a fake clock, the card says overdue exactly when the workflow does (isOverdue)', () => {
    vi.useFakeTimers();
    useClockSource(() => Date.now()); // the jurisdiction's clock reads the faked Date
    const reported = Date.parse('2026-12-03T04:00:00Z');
    const deadline = dueAt('dispute', reported); // the category's days, as the server sets due_at
    const iso = new Date(deadline).toISOString();
    for (const offset of [-2 * D, -D, -H, -1, 0, 1, H, D, 3 * D]) {
      vi.setSystemTime(deadline + offset);
      const text = caseDeadlineText({ dueAt: iso, status: 'accepted' }, 'zh')!;
      expect(text.startsWith('已超期'), `${offset} ms from the deadline: ${text}`).toBe(isOverdue({ status: 'accepted', dueAt: deadline }, deadline + offset));
    }
    vi.setSystemTime(deadline - 2 * D - 1);
    expect(caseDeadlineText({ dueAt: iso, status: 'accepted' }, 'zh')).toBe('剩余 2 天');
    vi.setSystemTime(deadline + 3 * D);
    expect(caseDeadlineText({ dueAt: iso, status: 'accepted' }, 'zh')).toBe('已超期 3 天');
    expect(caseDeadlineText({ dueAt: iso, status: 'closed' }, 'zh')).toBeNull();
  });
});

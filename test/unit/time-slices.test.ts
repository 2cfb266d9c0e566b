import { describe, expect, it } from 'vitest';
import { firstSliceIsPartial, timeSlices } from '../../server/routes/hotspots/hotspots.queries.js';

describe('time slices (Asia/Shanghai calendar days)', () => {
  it('weeks start on Monday and are clipped to the window', () => {
    // 2026-08-23 is a Sunday: the first "week" is that one day.
    expect(timeSlices('2026-08-23', '2026-09-07', 'week')).toEqual([
      { start: '2026-08-23', end: '2026-08-23' },
      { start: '2026-08-24', end: '2026-08-30' },
      { start: '2026-08-31', end: '2026-09-06' },
      { start: '2026-09-07', end: '2026-09-07' },
    ]);
    expect(firstSliceIsPartial('2026-08-23', 'week')).toBe(true);
    expect(firstSliceIsPartial('2026-08-24', 'week')).toBe(false);
  });
  it('months follow the calendar, leap February included', () => {
    expect(timeSlices('2024-01-15', '2024-03-10', 'month')).toEqual([
      { start: '2024-01-15', end: '2024-01-31' },
      { start: '2024-02-01', end: '2024-02-29' },
      { start: '2024-03-01', end: '2024-03-10' },
    ]);
    expect(firstSliceIsPartial('2024-01-15', 'month')).toBe(true);
    expect(timeSlices('2024-01-01', '2026-11-20', 'month')).toHaveLength(35);
  });
  it('days', () => expect(timeSlices('2026-02-27', '2026-03-02', 'day').map((s) => s.start)).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']));
});

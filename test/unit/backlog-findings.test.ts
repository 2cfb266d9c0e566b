// The briefing's "待办与超期" sentences, from hand-made supervision figures: each sentence states a figure given,
// the share is computed right, the most overdue units come in order, and nothing is said that the figures lack.
import { describe, expect, it } from 'vitest';
import { backlogFindings } from '../../client/views/hotspots/briefing.js';
import type { Supervision, SupervisionUnit } from '../../client/views/hotspots/hotspots-api.js';

const unit = (code: string, name: string, open: number, overdue: number, t = 0, c = 0): SupervisionUnit =>
  ({ code, name, lon: 0, lat: 0, open, overdue, escalated: t + c, escalatedToTownship: t, escalatedToCounty: c, supervised: 0, oldestOverdueDays: overdue ? 3 : null });
const figures = (units: SupervisionUnit[], closeTimes: Partial<Supervision['closeTimes']> = {}): Supervision => ({
  level: 'township',
  units,
  totals: {
    open: units.reduce((n, u) => n + u.open, 0), overdue: units.reduce((n, u) => n + u.overdue, 0), escalated: units.reduce((n, u) => n + u.escalated, 0),
    escalatedToTownship: units.reduce((n, u) => n + u.escalatedToTownship, 0), escalatedToCounty: units.reduce((n, u) => n + u.escalatedToCounty, 0), supervised: 2,
    oldestOverdueDays: units.some((u) => u.overdue) ? 12 : null,
  },
  closeTimes: { unit: 'day', closed: 0, medianDays: null, p90Days: null, meanDays: null, bins: [], ...closeTimes },
});

describe('待办与超期 sentences', () => {
  it('states the backlog, the share overdue (8 of 32 = 25.0 %), the escalations and the three most overdue units', () => {
    const s = figures([unit('1', '甲镇', 10, 1), unit('2', '乙乡', 12, 4, 3, 1), unit('3', '丙街道', 6, 2, 2), unit('4', '丁镇', 4, 1, 0, 1)],
      { closed: 120, medianDays: 3.2, p90Days: 14.3, meanDays: 5.1, bins: [{ fromDays: 0, toDays: null, count: 120 }] });
    expect(backlogFindings('zh', s)).toEqual([
      '未办结事件 32 起，其中超期 8 起，占 25.0%，超期最久的已超出办理时限 12 天。',
      '已上报乡镇级 5 起、县级 2 起；督办中 2 起。',
      '超期最多的是乙乡（4 起）、丙街道（2 起）、甲镇（1 起），应重点督办。', // ties by code: 甲镇 (1) before 丁镇 (4)
      '期内已办结 120 起，办结用时中位数 3.2 天，90% 在 14.3 天内办结，平均 5.1 天。',
    ]);
    expect(backlogFindings('en', s)[0]).toBe('32 open cases, 8 of them overdue (25.0%); the longest is 12 days past its deadline.');
  });
  it('says none is overdue when none is, names no unit, and says nothing of closures when there were none', () => {
    const out = backlogFindings('zh', figures([unit('1', '甲镇', 5, 0)]));
    expect(out).toEqual(['未办结事件 5 起，均未超期。', '已上报乡镇级 0 起、县级 0 起；督办中 2 起。']);
  });
  it('an empty selection and missing figures', () => {
    expect(backlogFindings('zh', figures([]))).toEqual(['所选范围内没有未办结事件。']);
    expect(backlogFindings('zh', null)).toEqual([]);
  });
});

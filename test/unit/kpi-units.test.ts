// Units on every KPI figure (issue 15): counts in 件 (cases), rates and year-on-year in %, the average time to
// close in 天, or in 小时 when under a day — in both languages; a figure that is missing (—) carries no unit.
import { describe, expect, it } from 'vitest';
import { closeTime, kpis } from '../../client/views/kpis.js';
import type { Summary } from '../../client/api.js';

const summary = (over: Partial<Summary> = {}): Summary => ({
  total: 1234, closed: 1000, closureRate: 0.81, resolved: 900, resolutionRate: 0.73, open: 234, overdue: 12, escalated: 3, supervised: 1,
  avgCloseDays: 4.26, byCategory: {}, asOf: null, previousYear: { total: 1100 }, yoyPct: 12.2, ...over,
}) as Summary;

describe('KPI units', () => {
  it('every figure has its unit, in Chinese and in English', () => {
    for (const [lang, cases, days] of [['zh', '件', '天'], ['en', 'cases', 'days']] as const) {
      const cards = Object.fromEntries(kpis(lang, summary()).map((k) => [k.id, k]));
      for (const id of ['total', 'open', 'overdue']) expect(cards[id].unit, `${lang} ${id}`).toBe(cases);
      expect(cards['closure-rate'].value).toMatch(/%$/);
      expect(cards.yoy.value).toMatch(/%$/);
      expect(cards['close-time']).toMatchObject({ value: '4.3', unit: days });
      for (const k of Object.values(cards)) expect(Boolean(k.unit) || /%$/.test(k.value), `${lang} ${k.id}: ${k.value}`).toBe(true);
    }
    expect(kpis('zh', summary()).find((k) => k.id === 'yoy')!.note).toBe('去年同期 1,100 件');
  });

  it('the time to close is in hours under a day, and nothing when there is none', () => {
    expect(closeTime('zh', 0.5)).toEqual({ value: '12', unit: '小时' });
    expect(closeTime('en', 0.99)).toEqual({ value: '1', unit: 'day' }); // 23.8 hours round to a day, not to '24 hours'
    expect(closeTime('en', 1 / 24)).toEqual({ value: '1', unit: 'hour' });
    expect(closeTime('en', 0.2)).toEqual({ value: '5', unit: 'hours' });
    expect(closeTime('zh', 1)).toEqual({ value: '1', unit: '天' });
    expect(closeTime('zh', null)).toEqual({ value: '—' });
  });
});

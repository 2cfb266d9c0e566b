// The time presets of a jurisdiction with no incidents yet (DEMO=none, before its first import): each spans
// its own days up to today, and the one a filter holds is the one highlighted. Before, the range was today
// alone, so 近7天 read "2026-12-02 → 2026-12-02" and matched no preset. Checked for every day of a year.
import { describe, expect, it } from 'vitest';
import { addDays, emptyDataRange, matchingPreset, presetRange } from '../../client/time-window.js';

const days = (r: { from: string; to: string }) => Math.round((Date.parse(r.to) - Date.parse(r.from)) / 86400_000) + 1;

describe('time presets on an empty jurisdiction', () => {
  it('近7天, 近30天, 近90天 span 7, 30 and 90 days up to today, and are recognised', () => {
    for (let i = 0; i < 366; i++) {
      const today = addDays('2026-01-01', i);
      const data = emptyDataRange(today);
      for (const [p, n] of [['7d', 7], ['30d', 30], ['90d', 90]] as const) {
        const r = presetRange(p, data);
        expect(r.to).toBe(today);
        expect(days(r)).toBe(n);
        expect(matchingPreset(r, data)).toBe(p);
      }
      expect(presetRange('ytd', data).from).toBe(`${today.slice(0, 4)}-01-01`);
    }
  });
});

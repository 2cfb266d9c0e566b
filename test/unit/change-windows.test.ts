// The change map's comparison windows against the data's span, worked out by hand: no baseline before the
// data starts, a partial one that is cut to the days both windows have, and the days after the data's end.
import { describe, expect, it } from 'vitest';
import { changeWindows, dayCount, nextYear } from '../../server/routes/hotspots/change-windows.js';

const DATA = { from: '2024-01-01', to: '2026-11-20' };

describe('changeWindows', () => {
  it('has no baseline when the window a year earlier is before the data', () => {
    const w = changeWindows({ from: '2024-03-01', to: '2024-05-31' }, DATA);
    expect(w).toEqual({ previous: { from: '2023-03-01', to: '2023-05-31' }, baseline: 'none', compared: null });
  });
  it('compares only the days both windows have when the baseline is partial', () => {
    const w = changeWindows({ from: '2024-07-01', to: '2025-06-30' }, DATA);
    expect(w.baseline).toBe('partial');
    expect(w.compared).toEqual({ current: { from: '2025-01-01', to: '2025-06-30' }, previous: { from: '2024-01-01', to: '2024-06-30' } });
  });
  it('is full inside the data, and cuts the chosen window at the data end', () => {
    expect(changeWindows({ from: '2026-01-01', to: '2026-11-20' }, DATA)).toEqual({
      previous: { from: '2025-01-01', to: '2025-11-20' }, baseline: 'full',
      compared: { current: { from: '2026-01-01', to: '2026-11-20' }, previous: { from: '2025-01-01', to: '2025-11-20' } },
    });
    const late = changeWindows({ from: '2026-11-01', to: '2026-12-31' }, DATA);
    expect(late.baseline).toBe('full');
    expect(late.compared).toEqual({ current: { from: '2026-11-01', to: '2026-11-20' }, previous: { from: '2025-11-01', to: '2025-11-20' } });
    expect(changeWindows({ from: '2027-01-01', to: '2027-02-01' }, DATA).compared).toBeNull();
  });
  it('counts days and handles 29 February', () => {
    expect(dayCount({ from: '2024-02-01', to: '2024-03-01' })).toBe(30);
    expect(nextYear('2024-02-29')).toBe('2025-03-01');
    expect(changeWindows({ from: '2025-01-01', to: '2025-03-31' }, { from: '2024-02-29', to: '2026-01-01' }).compared?.current.from).toBe('2025-03-01');
  });
});

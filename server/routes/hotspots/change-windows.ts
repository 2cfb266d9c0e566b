// Which days the change map may compare. The comparison window is the same window a year earlier; where
// that lies before the data's first day, its zeros are missing data, not a quiet year, and testing against
// them paints every unit "up". Likewise days of the chosen window after the data's last day hold nothing yet.
// So the test runs on the days where both windows have data: the chosen window cut to the data's end and to
// a year after the data's start, and the same days a year before.
import { previousYear } from '../filters.js';

export type Baseline = 'none' | 'partial' | 'full';
export interface DayWindow { from: string; to: string }

const DAY = 86400000;
const t = (d: string) => Date.parse(`${d}T00:00:00Z`);
export const dayCount = (w: DayWindow) => Math.max(0, (t(w.to) - t(w.from)) / DAY + 1);
const max = (a: string, b: string) => (a > b ? a : b);
const min = (a: string, b: string) => (a < b ? a : b);

/** The first day whose previous-year day is on or after `date` (29 February → 1 March next year). */
export function nextYear(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  if (m === 2 && d === 29) return `${y + 1}-03-01`;
  return `${y + 1}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export interface ChangeWindows {
  /** The window a year before the chosen one. */
  previous: DayWindow;
  /** How much of the previous window the data covers. */
  baseline: Baseline;
  /** The days actually compared (both within the data), or null when there are none. */
  compared: { current: DayWindow; previous: DayWindow } | null;
}

export function changeWindows(current: DayWindow, data: DayWindow): ChangeWindows {
  const previous = { from: previousYear(current.from), to: previousYear(current.to) };
  const covered = dayCount({ from: max(previous.from, data.from), to: min(previous.to, data.to) });
  const baseline: Baseline = covered === 0 ? 'none' : covered < dayCount(previous) ? 'partial' : 'full';
  const cur = { from: max(current.from, nextYear(data.from)), to: min(current.to, data.to) };
  const compared = baseline !== 'none' && dayCount(cur) > 0 ? { current: cur, previous: { from: previousYear(cur.from), to: previousYear(cur.to) } } : null;
  return { previous, baseline, compared };
}

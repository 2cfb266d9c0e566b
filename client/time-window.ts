// Time-window presets. They count back from the END of the data (meta.dataRange.to), not from
// today: the demo county's data stops on a fixed date, and "last 7 days" of an empty week would
// show nothing. Dates are plain 'YYYY-MM-DD' calendar days in Asia/Shanghai, so the arithmetic is
// done on UTC noon of that label to stay clear of any time-zone or DST shift.

export const PRESETS = ['7d', '30d', '90d', 'ytd', 'all'] as const;
export type Preset = (typeof PRESETS)[number];

export interface DateRange { from: string; to: string }

const DAY_MS = 86_400_000;

export function addDays(day: string, n: number): string {
  const t = Date.parse(`${day}T12:00:00Z`) + n * DAY_MS;
  return new Date(t).toISOString().slice(0, 10);
}

function maxDay(a: string, b: string): string {
  return a > b ? a : b; // ISO calendar strings sort like the dates they name
}

export function presetRange(preset: Preset, data: DateRange): DateRange {
  const to = data.to;
  switch (preset) {
    case '7d':
      return { from: maxDay(addDays(to, -6), data.from), to };
    case '30d':
      return { from: maxDay(addDays(to, -29), data.from), to };
    case '90d':
      return { from: maxDay(addDays(to, -89), data.from), to };
    case 'ytd':
      return { from: maxDay(`${to.slice(0, 4)}-01-01`, data.from), to };
    case 'all':
      return { from: data.from, to };
  }
}

/** The preset whose range equals `range`, so its button can show as pressed. */
export function matchingPreset(range: DateRange, data: DateRange): Preset | null {
  return PRESETS.find((p) => {
    const r = presetRange(p, data);
    return r.from === range.from && r.to === range.to;
  }) ?? null;
}

/** Year to date is the leaders' usual view, unless the year has barely started. */
/** The range the filters work in on a jurisdiction with no incidents yet: the year up to today. Not today
 * alone: that made 近7天 (and every preset) read "today → today" and highlighted none of them. */
export function emptyDataRange(today: string): DateRange {
  return { from: addDays(today, -364), to: today };
}

export function defaultPreset(data: DateRange): Preset {
  const ytd = presetRange('ytd', data);
  return addDays(ytd.from, 30) <= data.to ? 'ytd' : '90d';
}

/** Keep a user-typed range inside the data and in order. */
export function clampRange(range: DateRange, data: DateRange): DateRange {
  const clamp = (d: string) => (d < data.from ? data.from : d > data.to ? data.to : d);
  const from = clamp(range.from || data.from);
  const to = clamp(range.to || data.to);
  return from <= to ? { from, to } : { from: to, to: from };
}

/**
 * The same calendar window one year earlier (去年同期), clamped to the data. 29 February maps to
 * 28 February: the comparison a leader means is "the same dates", and that date does not exist.
 */
export function sameWindowLastYear(range: DateRange, data: DateRange): DateRange {
  const back = (day: string) => {
    const year = String(Number(day.slice(0, 4)) - 1).padStart(4, '0');
    const md = day.slice(5) === '02-29' ? '02-28' : day.slice(5);
    return `${year}-${md}`;
  };
  return clampRange({ from: back(range.from), to: back(range.to) }, data);
}

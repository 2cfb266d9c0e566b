// Playback frames: the time slider's positions over a window of calendar days. A frame is a run of local
// calendar days (YYYY-MM-DD in the jurisdiction's clock, shared/time/clock.ts: the days the API's from/to
// mean), so the heat, KPI and ranking routes answer a frame with their ordinary `from`/`to`.
//
// The step is the calendar unit the slider moves by (a day, an ISO week from Monday, a calendar month) and the
// window how many of those units a frame spans, ending at the step (kepler.gl's moving time window; ArcGIS's
// time extent): step week × window 4 is a rolling four weeks moved a week at a time. Units are aligned to the
// calendar, not to the range's first day, so "week" always reads Monday–Sunday and "month" 1st–last day; a
// frame cut by the range's ends is marked partial (it holds fewer days, so it must not be read as quieter).
// Pure string-and-UTC-noon arithmetic: no time zone or DST can shift a day.

export const FRAME_STEPS = ['day', 'week', 'month'] as const;
export type FrameStep = (typeof FRAME_STEPS)[number];

/** The windows offered per step, in steps (1 = the frame is one step long). */
export const FRAME_WINDOWS: Record<FrameStep, readonly number[]> = { day: [1, 7, 30], week: [1, 2, 4], month: [1, 3, 12] };

/** The slider refuses more positions than this (the frames route's own limit: one SQL answer holds them all). */
export const MAX_PLAYBACK_FRAMES = 400;

export interface DayRange { from: string; to: string }
export interface PlaybackFrame extends DayRange {
  /** Fewer days than a full window: cut by the range's start or end. */
  partial: boolean;
}

const DAY_MS = 86_400_000;
const noon = (day: string) => Date.parse(`${day}T12:00:00Z`);
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

export function addDays(day: string, n: number): string {
  return iso(noon(day) + n * DAY_MS);
}

/** First day of the step unit holding `day` (Monday of its ISO week, 1st of its month). */
export function unitStart(day: string, step: FrameStep): string {
  if (step === 'day') return day;
  if (step === 'week') return addDays(day, -((new Date(noon(day)).getUTCDay() + 6) % 7));
  return `${day.slice(0, 7)}-01`;
}

/** First day of the unit `n` units after the one starting on `start` (n may be negative). */
export function addUnits(start: string, step: FrameStep, n: number): string {
  if (step === 'day') return addDays(start, n);
  if (step === 'week') return addDays(start, 7 * n);
  const d = new Date(noon(start));
  return iso(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1, 12));
}

/** Last day of the unit starting on `start` (28, 29, 30 or 31 for a month). */
export function unitEnd(start: string, step: FrameStep): string {
  return addDays(addUnits(start, step, 1), -1);
}

export function dayCount(r: DayRange): number {
  return Math.round((noon(r.to) - noon(r.from)) / DAY_MS) + 1;
}

/** How many frames a range gives, without making them (for the limit check). */
export function frameCount(range: DayRange, step: FrameStep, window = 1): number {
  if (range.from > range.to) return 0;
  const first = unitStart(range.from, step), last = unitStart(range.to, step);
  let units: number;
  if (step === 'day') units = dayCount(range);
  else if (step === 'week') units = Math.round((noon(last) - noon(first)) / (7 * DAY_MS)) + 1;
  else units = (Number(last.slice(0, 4)) - Number(first.slice(0, 4))) * 12 + Number(last.slice(5, 7)) - Number(first.slice(5, 7)) + 1;
  return Math.max(1, units - window + 1);
}

/**
 * The frames of a range: the first ends with the `window`-th unit (every frame but a cut edge holds a full
 * window), each next one a step later, the last ends on `range.to`. A range shorter than the window is one
 * partial frame. Window 1 gives the same days as the server's time slices (hotspots.queries timeSlices).
 */
export function playbackFrames(range: DayRange, step: FrameStep, window = 1): PlaybackFrame[] {
  if (!(window >= 1) || !Number.isInteger(window)) throw new RangeError(`window must be a whole number of steps ≥ 1, got ${window}`);
  if (range.from > range.to) return [];
  const n = frameCount(range, step, window);
  const firstUnit = unitStart(range.from, step);
  const frames: PlaybackFrame[] = [];
  for (let i = 0; i < n; i++) {
    const start = addUnits(firstUnit, step, i);
    const end = unitEnd(addUnits(firstUnit, step, i + window - 1), step);
    const from = start < range.from ? range.from : start;
    const to = end > range.to ? range.to : end;
    frames.push({ from, to, partial: from !== start || to !== end });
  }
  return frames;
}

/** The index of the frame that is exactly `frame`, else of the last frame starting on or before its first day. */
export function frameIndexOf(frames: readonly DayRange[], frame: DayRange): number {
  const exact = frames.findIndex((f) => f.from === frame.from && f.to === frame.to);
  if (exact >= 0) return exact;
  let best = 0;
  frames.forEach((f, i) => { if (f.from <= frame.from) best = i; });
  return best;
}

/** A step of `delta` frames from `index`, held to the ends (the slider neither wraps nor runs off). */
export function stepIndex(index: number, delta: number, count: number): number {
  if (count <= 0) return 0;
  return Math.max(0, Math.min(count - 1, index + delta));
}

/** "2026-03-01 至 03-07": the year is written once when both ends share it; one day is written alone. */
export function frameLabel(frame: DayRange, to = '至'): string {
  if (frame.from === frame.to) return frame.from;
  const end = frame.from.slice(0, 4) === frame.to.slice(0, 4) ? frame.to.slice(5) : frame.to;
  return `${frame.from} ${to} ${end}`;
}

// The time slider's frames (shared/time/frames.ts): calendar-aligned steps and moving windows over a range of
// local days, month ends and leap days, the ends of the range, and agreement with the server's own time slices
// (the frames route and the emerging-hotspot slices) on every range of a brute-force sweep.
import { describe, expect, it } from 'vitest';
import { addDays, dayCount, frameCount, frameIndexOf, frameLabel, FRAME_STEPS, FRAME_WINDOWS, playbackFrames, stepIndex, unitEnd } from '../../shared/time/frames.js';
import { localDate, localMidnight, useTimeZone } from '../../shared/time/clock.js';
import { timeSlices } from '../../server/routes/hotspots/hotspots.queries.js';

const days = (from: string, to: string) => {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
};

describe('playback frames', () => {
  it('weeks run Monday to Sunday, cut at the range’s ends and marked partial there', () => {
    // 2026-03-01 is a Sunday: its week began on 23 February.
    expect(playbackFrames({ from: '2026-03-01', to: '2026-03-18' }, 'week')).toEqual([
      { from: '2026-03-01', to: '2026-03-01', partial: true },
      { from: '2026-03-02', to: '2026-03-08', partial: false },
      { from: '2026-03-09', to: '2026-03-15', partial: false },
      { from: '2026-03-16', to: '2026-03-18', partial: true },
    ]);
  });

  it('months end on their last day: 28, 29 (leap years), 30 or 31', () => {
    const f = playbackFrames({ from: '2024-01-01', to: '2024-12-31' }, 'month');
    expect(f.map((x) => x.to)).toEqual(['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30', '2024-05-31', '2024-06-30', '2024-07-31', '2024-08-31', '2024-09-30', '2024-10-31', '2024-11-30', '2024-12-31']);
    expect(f.every((x) => !x.partial)).toBe(true);
    expect(unitEnd('2025-02-01', 'month')).toBe('2025-02-28');
    expect(unitEnd('2100-02-01', 'month')).toBe('2100-02-28'); // a century that is not a leap year
    expect(unitEnd('2000-02-01', 'month')).toBe('2000-02-29');
    // across a year end, a range starting on the 31st
    expect(playbackFrames({ from: '2025-12-31', to: '2026-01-31' }, 'month')).toEqual([
      { from: '2025-12-31', to: '2025-12-31', partial: true },
      { from: '2026-01-01', to: '2026-01-31', partial: false },
    ]);
  });

  it('a window of several steps moves one step at a time and every frame but a cut edge is full', () => {
    const f = playbackFrames({ from: '2026-01-01', to: '2026-06-30' }, 'month', 3);
    expect(f).toEqual([
      { from: '2026-01-01', to: '2026-03-31', partial: false },
      { from: '2026-02-01', to: '2026-04-30', partial: false },
      { from: '2026-03-01', to: '2026-05-31', partial: false },
      { from: '2026-04-01', to: '2026-06-30', partial: false },
    ]);
    const d = playbackFrames({ from: '2026-03-01', to: '2026-03-10' }, 'day', 7);
    expect(d.map((x) => `${x.from}/${x.to}`)).toEqual(['2026-03-01/2026-03-07', '2026-03-02/2026-03-08', '2026-03-03/2026-03-09', '2026-03-04/2026-03-10']);
    // shorter than the window: one frame of the whole range, partial
    expect(playbackFrames({ from: '2026-03-01', to: '2026-03-03' }, 'day', 7)).toEqual([{ from: '2026-03-01', to: '2026-03-03', partial: true }]);
    expect(() => playbackFrames({ from: '2026-03-01', to: '2026-03-03' }, 'day', 0)).toThrow(RangeError);
  });

  it('brute force: window 1 covers every day exactly once, in order, and equals the server’s time slices; frameCount agrees', () => {
    const starts = ['2023-12-25', '2024-02-27', '2024-02-29', '2025-03-31', '2026-01-01', '2026-08-23'];
    for (const from of starts) {
      for (const len of [1, 2, 6, 7, 8, 29, 30, 31, 32, 60, 366, 400]) {
        const range = { from, to: addDays(from, len - 1) };
        for (const step of FRAME_STEPS) {
          const f = playbackFrames(range, step);
          expect(f.flatMap((x) => days(x.from, x.to))).toEqual(days(range.from, range.to));
          expect(f.map((x) => ({ start: x.from, end: x.to }))).toEqual(timeSlices(range.from, range.to, step));
          for (const w of FRAME_WINDOWS[step]) {
            const fw = playbackFrames(range, step, w);
            expect(fw.length).toBe(frameCount(range, step, w));
            expect(fw[0].from).toBe(range.from);
            expect(fw[fw.length - 1].to).toBe(range.to);
            // each frame starts one step after the previous one and none leaves the range
            for (let i = 1; i < fw.length; i++) {
              expect(fw[i].from > fw[i - 1].from).toBe(true);
              expect(fw[i].to > fw[i - 1].to).toBe(true);
            }
            for (const x of fw) expect(x.from >= range.from && x.to <= range.to && x.from <= x.to).toBe(true);
            // a full frame holds exactly the window's days (for day and week steps a fixed number)
            for (const x of fw.filter((y) => !y.partial)) {
              if (step === 'day') expect(dayCount(x)).toBe(w);
              if (step === 'week') expect(dayCount(x)).toBe(7 * w);
            }
          }
        }
      }
    }
  });

  it('frames are days of the jurisdiction’s clock: an instant belongs to the frame holding its local day', () => {
    useTimeZone('Asia/Shanghai');
    const march = playbackFrames({ from: '2026-02-01', to: '2026-03-31' }, 'month');
    // 16:30 UTC on 28 February is 00:30 on 1 March in Tongyu: the March frame, not February's
    const instant = Date.parse('2026-02-28T16:30:00Z');
    const k = march.findIndex((f) => f.from <= localDate(instant) && localDate(instant) <= f.to);
    expect(march[k]).toMatchObject({ from: '2026-03-01', to: '2026-03-31' });
    // the frame begins at local midnight (UTC 16:00 of the day before) and ends before the next one
    expect(new Date(localMidnight(march[k].from)).toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(localDate(localMidnight(addDays(march[k].to, 1)) - 1)).toBe('2026-03-31');
  });

  it('stepping is held to the ends; a frame is found again by its days', () => {
    expect(stepIndex(0, -1, 5)).toBe(0);
    expect(stepIndex(4, 1, 5)).toBe(4);
    expect(stepIndex(2, 1, 5)).toBe(3);
    expect(stepIndex(3, 0, 0)).toBe(0);
    const f = playbackFrames({ from: '2026-01-01', to: '2026-03-31' }, 'week');
    expect(frameIndexOf(f, { from: '2026-01-12', to: '2026-01-18' })).toBe(2);
    expect(frameIndexOf(f, { from: '2026-01-14', to: '2026-01-20' })).toBe(2); // not a frame: the one it starts in
    expect(frameIndexOf(f, { from: '2025-01-01', to: '2025-01-02' })).toBe(0);
  });

  it('labels write the year once', () => {
    expect(frameLabel({ from: '2026-03-01', to: '2026-03-07' })).toBe('2026-03-01 至 03-07');
    expect(frameLabel({ from: '2025-12-29', to: '2026-01-04' }, 'to')).toBe('2025-12-29 to 2026-01-04');
    expect(frameLabel({ from: '2026-03-01', to: '2026-03-01' })).toBe('2026-03-01');
  });
});

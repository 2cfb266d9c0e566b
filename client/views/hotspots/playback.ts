// Time playback by day / week / month. Every frame is drawn with ONE set of class breaks computed
// over the counts of ALL frames: a unit's colour then means the same number in every frame, so a
// change of colour is a change of incidents (kepler.gl rescales per frame, and users complain that
// the map "changes" when only the scale did).

import { quantileBreaks, type ClassBreaks } from '../../layers/colour-scale';
import type { Frames, FrameStep } from './hotspots-api';

export const PLAY_INTERVAL_MS = 1200;

/** Class breaks over the pooled per-unit counts of every frame (zeros have their own colour). */
export function fixedFrameBreaks(frames: Frames): ClassBreaks {
  const values: number[] = [];
  for (const f of frames.frames) for (const n of Object.values(f.counts)) if (n > 0) values.push(n);
  return quantileBreaks(values);
}

export class Playback {
  step: FrameStep = 'week';
  /** True from the first play/step until the user leaves playback. */
  active = false;
  playing = false;
  index = 0;
  frames: Frames | null = null;
  breaks: ClassBreaks = { upper: [], colours: [] };
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly onFrame: () => void) {}

  setFrames(frames: Frames | null): void {
    this.frames = frames;
    this.breaks = frames ? fixedFrameBreaks(frames) : { upper: [], colours: [] };
    this.index = Math.min(this.index, Math.max(0, (frames?.frames.length ?? 1) - 1));
  }

  get count(): number {
    return this.frames?.frames.length ?? 0;
  }

  current() {
    return this.frames?.frames[this.index] ?? null;
  }

  start(): void {
    this.active = true;
  }

  stop(): void {
    this.pause();
    this.active = false;
    this.index = 0;
  }

  play(): void {
    this.active = true;
    if (this.playing) return;
    this.playing = true;
    // Restart from the beginning when play is pressed on the last frame.
    if (this.count > 0 && this.index >= this.count - 1) this.index = 0;
    this.timer = setInterval(() => {
      if (this.count === 0) return;
      if (this.index >= this.count - 1) {
        this.pause();
      } else {
        this.index++;
      }
      this.onFrame();
    }, PLAY_INTERVAL_MS);
    this.onFrame();
  }

  pause(): void {
    this.playing = false;
    clearInterval(this.timer);
    this.timer = undefined;
  }

  stepBy(delta: number): void {
    this.active = true;
    this.pause();
    if (this.count > 0) this.index = Math.max(0, Math.min(this.count - 1, this.index + delta));
    this.onFrame();
  }
}

// Time playback (时间回放): the frames of the filters' window (shared/time/frames.ts: a day, week or month
// step, a window of one or more steps), the frame on screen (held in the view state, so the map, the KPIs,
// the ranking and the address bar follow it), play / pause / step / seek and the speed.
//
// Every frame is drawn with ONE colour scale computed over ALL frames (the frames route's counts and heat
// top): a unit's colour then means the same number in every frame, so a change of colour is a change of
// incidents (kepler.gl rescales per frame, and users complain that the map "changes" when only the scale
// did). Playing waits for a frame to land before moving on, and fetches the next frames ahead.

import { quantileBreaks, type ClassBreaks } from '../../layers/colour-scale';
import type { AppState, Store } from '../../state';
import { FRAME_WINDOWS, frameIndexOf, MAX_PLAYBACK_FRAMES, playbackFrames, stepIndex, type FrameStep, type PlaybackFrame } from '../../../shared/time/frames';
import type { Frames } from './hotspots-api';

/** Time a frame stays on screen at 1×; the speeds multiply it. */
export const PLAY_INTERVAL_MS = 1500;
export const SPEEDS = [0.5, 1, 2, 4] as const;
/** Frames fetched ahead while playing or stepping. */
const AHEAD = 2;
/** How often a waiting player looks again whether its frame has landed. */
const WAIT_MS = 100;

/** Class breaks over the pooled per-unit counts of every frame (zeros have their own colour). */
export function fixedFrameBreaks(frames: Frames): ClassBreaks {
  const values: number[] = [];
  for (const f of frames.frames) for (const n of Object.values(f.counts)) if (n > 0) values.push(n);
  return quantileBreaks(values);
}

export interface PlaybackHooks {
  /** Something the controls show changed (playing, speed, step). */
  changed(): void;
  /** Fetch a frame's answers ahead of showing it. */
  prefetch(frame: PlaybackFrame): void;
  /** Has the frame on screen landed (KPIs, heat, ranking)? Playing waits for it. */
  landed(): boolean;
}

export class Playback {
  /** Step and window chosen before playback starts (once it runs they are the view state's). */
  private chosen: { step: FrameStep; window: number } = { step: 'week', window: 1 };
  speed: (typeof SPEEDS)[number] = 1;
  playing = false;
  /** The server's frames (fixed scale): set by the view when they arrive. */
  data: Frames | null = null;
  breaks: ClassBreaks = { upper: [], colours: [] };
  private cache: { key: string; frames: PlaybackFrame[] } = { key: '', frames: [] };
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly store: Store, private readonly hooks: PlaybackHooks) {
    // Playback belongs to the leaders' view: leaving the tab ends it (the other tabs show the filters' window).
    store.subscribe((s, prev) => {
      if (s.tab !== prev.tab && s.tab !== 'hotspots' && s.playback) queueMicrotask(() => this.stop());
    });
  }

  get active(): boolean {
    return !!this.store.state.playback;
  }

  get step(): FrameStep {
    return this.store.state.playback?.step ?? this.chosen.step;
  }

  get window(): number {
    return this.store.state.playback?.window ?? this.chosen.window;
  }

  /** The frames of the filters' window for the current step and window (remade only when one of them changed). */
  frames(state: AppState = this.store.state): PlaybackFrame[] {
    const { from, to } = state.filter;
    const key = `${from}|${to}|${this.step}|${this.window}`;
    if (this.cache.key !== key) this.cache = { key, frames: playbackFrames({ from, to }, this.step, this.window) };
    return this.cache.frames;
  }

  get count(): number {
    return this.frames().length;
  }

  /** More frames than the slider and the frames route take: a longer step is needed. */
  get tooMany(): boolean {
    return this.count > MAX_PLAYBACK_FRAMES;
  }

  get index(): number {
    const p = this.store.state.playback;
    return p ? frameIndexOf(this.frames(), p) : 0;
  }

  current(): PlaybackFrame | null {
    return this.active ? this.frames()[this.index] ?? null : null;
  }

  /** The server's answer for the frame on screen (its per-unit counts), when it matches the frames shown. */
  currentData() {
    const f = this.current();
    const d = this.data?.frames[this.index];
    return f && d && d.start === f.from && d.end === f.to ? d : null;
  }

  setFrames(frames: Frames | null): void {
    this.data = frames;
    this.breaks = frames ? fixedFrameBreaks(frames) : { upper: [], colours: [] };
  }

  /** Shows frame `i` (starting playback when it was off). */
  seek(i: number): void {
    const frames = this.frames();
    if (frames.length === 0 || this.tooMany) return;
    const k = stepIndex(i, 0, frames.length);
    const f = frames[k];
    this.store.update({ playback: { step: this.step, window: this.window, from: f.from, to: f.to } });
    for (let a = 1; a <= AHEAD && k + a < frames.length; a++) this.hooks.prefetch(frames[k + a]);
  }

  stepBy(delta: number): void {
    this.pause();
    this.seek(this.active ? this.index + delta : delta > 0 ? 0 : this.count - 1);
  }

  setStep(step: FrameStep): void {
    const day = this.current()?.from;
    this.chosen = { step, window: FRAME_WINDOWS[step].includes(this.window) ? this.window : 1 };
    this.rechoose(day);
  }

  setWindow(window: number): void {
    const day = this.current()?.from;
    this.chosen = { step: this.step, window: FRAME_WINDOWS[this.step].includes(window) ? window : 1 };
    this.rechoose(day);
  }

  /** After a new step or window: the frame holding the day shown before, if playback was on. */
  private rechoose(day: string | undefined): void {
    if (!this.active || !day) return this.hooks.changed();
    const p = this.store.state.playback!;
    // the view state carries the new step and window; the frame is then found among the new frames
    this.store.update({ playback: { ...p, step: this.chosen.step, window: this.chosen.window } });
    const frames = this.frames();
    this.seek(frameIndexOf(frames, { from: day, to: day }));
  }

  /** The filters' window changed: the frame on screen is re-found among the new frames (or the first one). */
  refit(): void {
    const p = this.store.state.playback;
    if (!p) return;
    const frames = this.frames();
    if (frames.length === 0 || this.tooMany) return this.stop();
    if (!frames.some((f) => f.from === p.from && f.to === p.to)) this.seek(frameIndexOf(frames, p));
  }

  setSpeed(speed: (typeof SPEEDS)[number]): void {
    this.speed = speed;
    this.hooks.changed();
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  play(): void {
    if (this.playing || this.tooMany) return;
    // Play on the last frame (or before any) starts from the first.
    if (!this.active || this.index >= this.count - 1) this.seek(0);
    this.playing = true;
    this.hooks.changed();
    this.schedule(PLAY_INTERVAL_MS / this.speed);
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), ms);
  }

  private tick(): void {
    if (!this.playing) return;
    if (!this.hooks.landed()) return this.schedule(WAIT_MS); // a slow frame is shown, never skipped
    if (this.index >= this.count - 1) return this.pause();
    this.seek(this.index + 1);
    this.schedule(PLAY_INTERVAL_MS / this.speed);
  }

  pause(): void {
    if (!this.playing) return;
    this.playing = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.hooks.changed();
  }

  /** Back to the filters' window. */
  stop(): void {
    this.pause();
    if (this.store.state.playback) this.store.update({ playback: null });
    this.hooks.changed();
  }
}

// The time slider under the map (热点研判) and the frame's dates written large on the map. The bar: step back,
// play / pause, step forward, the slider over the filters' window (its ends labelled), the step (日/周/月),
// the window (how many steps a frame spans), the speed, and 退出回放. Keys, when no field has the focus:
// Space plays or pauses, ← → step, Home / End go to the first / last frame, Esc leaves playback.
// Built once per language; `sync` writes the playback's state into it.

import { formatNumber, type Lang } from '../../i18n';
import { dayCount, FRAME_STEPS, FRAME_WINDOWS, frameLabel, MAX_PLAYBACK_FRAMES, type FrameStep, type PlaybackFrame } from '../../../shared/time/frames';
import { h } from '../dom';
import { ht, type HotspotsKey } from './hotspots-i18n';
import { SPEEDS, type Playback } from './playback';
import './timeline.css';

// Inline SVG icons: the media-control characters (⏮ ⏸ ⏭ ⏹) are missing from common CJK UI fonts.
const icon = (d: string) => `<svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true"><path d="${d}" fill="currentColor"/></svg>`;
const ICONS = {
  prev: icon('M3 3h2v10H3zM13 3v10L6 8z'),
  play: icon('M4 2.5v11L13.5 8z'),
  pause: icon('M3.5 3h3.2v10H3.5zM9.3 3h3.2v10H9.3z'),
  next: icon('M11 3h2v10h-2zM3 3v10l7-5z'),
  stop: icon('M3.5 3.5h9v9h-9z'),
};

export interface TimelineState {
  frames: PlaybackFrame[];
  index: number;
  active: boolean;
  playing: boolean;
  step: FrameStep;
  window: number;
  speed: number;
  /** Incidents in the frame on screen (the KPI answer), null while it loads. */
  total: number | null;
}

export class Timeline {
  readonly bar: HTMLElement;
  readonly date: HTMLElement;
  private builtFor: Lang | null = null;
  private els: Record<string, HTMLElement> = {};

  constructor(stage: HTMLElement, private readonly playback: Playback, private readonly isOn: () => boolean, private readonly toolActive: () => boolean) {
    this.bar = h('div', { id: 'playback', class: 'timeline', role: 'group' });
    this.date = h('div', { id: 'playback-date', class: 'timeline-date', 'aria-live': 'polite', hidden: true });
    stage.append(this.date, this.bar);
    document.addEventListener('keydown', (e) => this.onKey(e));
  }

  private button(id: string, svg: string, onClick: () => void): HTMLButtonElement {
    const b = h('button', { type: 'button', id, class: 'timeline-button' });
    b.innerHTML = svg;
    b.addEventListener('click', onClick);
    this.els[id] = b;
    return b;
  }

  private select(id: string, label: string, options: [string, string][], onChange: (v: string) => void): HTMLElement {
    const sel = h('select', { id, 'aria-label': label }, ...options.map(([v, text]) => h('option', { value: v }, text)));
    sel.addEventListener('change', () => onChange(sel.value));
    this.els[id] = sel;
    return h('label', { class: 'timeline-field' }, h('span', {}, label), sel);
  }

  private build(lang: Lang, step: FrameStep): void {
    this.builtFor = lang;
    this.els = {};
    const p = this.playback;
    const slider = h('input', { type: 'range', id: 'playback-slider', min: 0, max: 0, step: 1, value: 0, 'aria-label': ht(lang, 'play.slider') });
    slider.addEventListener('input', () => p.seek(Number((slider as HTMLInputElement).value)));
    this.els.slider = slider;
    this.els.start = h('span', { class: 'timeline-end', id: 'playback-range-start' });
    this.els.end = h('span', { class: 'timeline-end', id: 'playback-range-end' });
    this.els.frame = h('div', { id: 'playback-frame', class: 'timeline-frame' });
    this.els.dateRange = h('div', { class: 'timeline-date-range', id: 'playback-date-range' });
    this.els.dateNote = h('div', { class: 'timeline-date-note', id: 'playback-date-note' });
    this.date.replaceChildren(this.els.dateRange, this.els.dateNote);
    this.bar.setAttribute('aria-label', ht(lang, 'play.title'));
    this.bar.title = ht(lang, 'play.keys');
    this.bar.replaceChildren(
      h('span', { class: 'timeline-title' }, ht(lang, 'play.title')),
      this.button('playback-prev', ICONS.prev, () => p.stepBy(-1)),
      this.button('playback-play', ICONS.play, () => p.toggle()),
      this.button('playback-next', ICONS.next, () => p.stepBy(1)),
      h('div', { class: 'timeline-track' }, h('div', { class: 'timeline-slider-row' }, this.els.start, slider, this.els.end), this.els.frame),
      this.select('playback-step', ht(lang, 'play.step'), FRAME_STEPS.map((s) => [s, ht(lang, `play.step.${s}` as HotspotsKey)]), (v) => p.setStep(v as FrameStep)),
      this.select('playback-window', ht(lang, 'play.window'), this.windowOptions(lang, step), (v) => p.setWindow(Number(v))),
      this.select('playback-speed', ht(lang, 'play.speed'), SPEEDS.map((s) => [String(s), `${s}×`]), (v) => p.setSpeed(Number(v) as (typeof SPEEDS)[number])),
      this.button('playback-stop', ICONS.stop, () => p.stop()),
    );
    this.els['playback-prev'].title = this.els['playback-prev'].ariaLabel = ht(lang, 'play.prev');
    this.els['playback-next'].title = this.els['playback-next'].ariaLabel = ht(lang, 'play.next');
    this.els['playback-stop'].title = this.els['playback-stop'].ariaLabel = ht(lang, 'play.stop');
    this.els.windowFor = h('span', { 'data-step': step });
  }

  private windowOptions(lang: Lang, step: FrameStep): [string, string][] {
    return FRAME_WINDOWS[step].map((n) => [String(n), ht(lang, `play.unit.${step}` as HotspotsKey, { n })]);
  }

  sync(lang: Lang, s: TimelineState): void {
    if (this.builtFor !== lang) this.build(lang, s.step);
    const win = this.els['playback-window'] as HTMLSelectElement;
    if (this.els.windowFor.dataset.step !== s.step) {
      this.els.windowFor.dataset.step = s.step;
      win.replaceChildren(...this.windowOptions(lang, s.step).map(([v, text]) => h('option', { value: v }, text)));
    }
    (this.els['playback-step'] as HTMLSelectElement).value = s.step;
    win.value = String(s.window);
    (this.els['playback-speed'] as HTMLSelectElement).value = String(s.speed);

    const n = s.frames.length;
    const tooMany = n > MAX_PLAYBACK_FRAMES;
    const bar = this.bar;
    bar.dataset.active = String(s.active);
    bar.dataset.playing = String(s.playing);
    bar.dataset.frame = String(s.active ? s.index : -1);
    bar.dataset.frames = String(n);
    const slider = this.els.slider as HTMLInputElement;
    slider.max = String(Math.max(0, n - 1));
    slider.value = String(s.active ? s.index : 0);
    slider.disabled = n === 0 || tooMany;
    const to = ht(lang, 'play.to');
    slider.setAttribute('aria-valuetext', s.active && s.frames[s.index] ? frameLabel(s.frames[s.index], to) : '');
    this.els.start.textContent = n ? s.frames[0].from : '';
    this.els.end.textContent = n ? s.frames[n - 1].to : '';
    const play = this.els['playback-play'];
    if (play.dataset.playing !== String(s.playing)) {
      play.dataset.playing = String(s.playing);
      play.innerHTML = s.playing ? ICONS.pause : ICONS.play;
    }
    play.title = play.ariaLabel = ht(lang, s.playing ? 'play.pause' : 'play.play');
    for (const id of ['playback-prev', 'playback-play', 'playback-next']) this.els[id].toggleAttribute('disabled', n === 0 || tooMany);
    this.els['playback-stop'].toggleAttribute('disabled', !s.active);

    const frame = s.active ? s.frames[s.index] : undefined;
    const count = s.total === null ? '…' : formatNumber(lang, s.total);
    this.els.frame.textContent = tooMany ? ht(lang, 'play.tooMany', { n, max: MAX_PLAYBACK_FRAMES })
      : frame ? ht(lang, 'play.frame', { i: s.index + 1, n, total: count })
      : ht(lang, 'play.idle', { n });
    this.els.frame.dataset.tone = tooMany ? 'error' : '';

    // The frame's dates, large on the map; an empty frame says so there.
    this.date.hidden = !frame;
    if (frame) {
      this.els.dateRange.textContent = frameLabel(frame, to);
      const notes: string[] = [];
      if (s.total === 0) notes.push(ht(lang, 'play.empty'));
      else if (s.total !== null) notes.push(`${count} ${lang === 'zh' ? '起' : 'incidents'}`);
      if (frame.partial) notes.push(ht(lang, 'play.partial', { days: dayCount(frame) }));
      this.els.dateNote.textContent = notes.join(' · ');
      this.date.dataset.empty = String(s.total === 0);
    }
  }

  show(on: boolean): void {
    this.bar.hidden = !on;
    if (!on) this.date.hidden = true;
    this.bar.parentElement?.classList.toggle('with-timeline', on);
  }

  private onKey(e: KeyboardEvent): void {
    if (!this.isOn() || this.toolActive() || e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.target as HTMLElement | null;
    // Keys belong to what has the focus: a field, a button (Space presses it), the map (arrows pan it), a dialog.
    const free = !target || target === document.body || (this.bar.contains(target) && target.tagName !== 'SELECT');
    if (!free || document.querySelector('dialog[open]')) return;
    const p = this.playback;
    const onButton = target?.tagName === 'BUTTON';
    if (target?.id === 'playback-slider' && e.key !== ' ') return; // the slider steps itself with the arrows
    if (e.key === ' ' && !onButton) p.toggle();
    else if (e.key === 'ArrowLeft') p.stepBy(-1);
    else if (e.key === 'ArrowRight') p.stepBy(1);
    else if (e.key === 'Home') (p.pause(), p.seek(0));
    else if (e.key === 'End') (p.pause(), p.seek(p.count - 1));
    else if (e.key === 'Escape' && p.active) p.stop();
    else return;
    e.preventDefault();
  }
}

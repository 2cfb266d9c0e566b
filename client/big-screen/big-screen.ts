// 大屏: the command centre's wall. Full-screen map with the KPI cards, the live case notifications and a clock in
// type sized to the screen's width (readable from 5 m at 1920 × 1080 and at 3840 × 2160: client/big-screen/
// big-screen.css), rotating through the views the role may use (the header's tabs) every ROTATE_S seconds.
// Entered by the header's 大屏 button or a link with ?screen=wall (&rotate=<seconds>); Esc or 退出 leaves.
import { CATEGORY_INFO, type IncidentCategory } from '../../shared/domain/categories';
import type { Bbox } from '../api';
import type { CaseEventData } from '../cases/notifications';
import { formatTime, type Lang } from '../i18n';
import type { MapController } from '../map/map-controller';
import type { Store, Tab } from '../state';
import { TABS } from '../state';
import { h } from '../views/dom';
import './big-screen.css';

const ROTATE_S = 30;
const FEED = 8;
const TEXT = {
  zh: { open: '大屏', openTitle: '大屏模式：指挥中心墙屏，全屏地图、指标与实时警情，轮播各视图', exit: '退出大屏', live: '实时警情', none: '暂无新警情', tab: { hotspots: '热点研判', coverage: '监控覆盖', patrol: '巡逻防控' }, kind: { new: '新事件', moved: '进展', escalated: '上报', overdue: '超期' } },
  en: { open: 'Wall', openTitle: 'Wall display: full-screen map, KPIs and live cases, rotating the views', exit: 'Leave wall mode', live: 'Live cases', none: 'No new cases', tab: { hotspots: 'Hotspots', coverage: 'Coverage', patrol: 'Patrol' }, kind: { new: 'New', moved: 'Moved', escalated: 'Escalated', overdue: 'Overdue' } },
} as const;

export class BigScreen {
  private readonly button: HTMLButtonElement;
  private readonly bar: HTMLElement;
  private readonly feed: HTMLUListElement;
  private readonly events: { at: Date; e: CaseEventData }[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;
  private clock: ReturnType<typeof setInterval> | undefined;
  private nextAt = 0;
  active = false;

  constructor(private readonly store: Store, private readonly map: MapController, private readonly bbox: Bbox, private readonly county: string, private readonly rotateS = ROTATE_S) {
    this.button = h('button', { id: 'wall-open', type: 'button' });
    this.button.addEventListener('click', () => (this.active ? this.exit() : this.enter()));
    document.getElementById('lang')?.before(this.button);
    this.bar = h('div', { id: 'wall-bar', hidden: true });
    this.feed = h('ul', { id: 'wall-feed', hidden: true, 'aria-live': 'polite' });
    document.getElementById('stage')!.append(this.bar, this.feed);
    document.addEventListener('keydown', (e) => e.key === 'Escape' && this.active && this.exit());
    // a wall's window may be resized or moved to another screen: the jurisdiction stays framed
    window.addEventListener('resize', () => this.active && this.relayout());
    store.subscribe((s, prev) => {
      if (s.lang !== prev.lang || s.tab !== prev.tab) this.render();
    });
    this.render();
  }

  private get lang(): Lang {
    return this.store.state.lang;
  }

  /** The views this role may use, in the header's order (hidden tabs are another role's). */
  private tabs(): Tab[] {
    return TABS.filter((t) => !document.getElementById(`tab-${t}`)?.hidden);
  }

  enter(): void {
    if (this.active) return;
    this.active = true;
    document.body.classList.add('bigscreen');
    document.documentElement.requestFullscreen?.().catch(() => { /* a kiosk browser is full screen already */ });
    this.bar.hidden = this.feed.hidden = false;
    this.relayout();
    this.nextAt = Date.now() + this.rotateS * 1000;
    this.timer = setInterval(() => this.rotate(), this.rotateS * 1000);
    this.clock = setInterval(() => this.renderBar(), 1000);
    this.render();
  }

  exit(): void {
    if (!this.active) return;
    this.active = false;
    document.body.classList.remove('bigscreen');
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
    clearInterval(this.timer);
    clearInterval(this.clock);
    this.bar.hidden = this.feed.hidden = true;
    this.relayout();
    this.render();
  }

  /** The next view: its tab, over the whole jurisdiction. */
  private rotate(): void {
    const tabs = this.tabs();
    if (tabs.length > 1) {
      const next = tabs[(tabs.indexOf(this.store.state.tab) + 1) % tabs.length];
      document.getElementById(`tab-${next}`)?.click();
    }
    this.nextAt = Date.now() + this.rotateS * 1000;
    this.renderBar();
  }

  /** The map's container changed size: the map follows and shows the whole jurisdiction. */
  private relayout(): void {
    requestAnimationFrame(() => {
      this.map.map.resize();
      this.map.fitBbox(this.bbox);
    });
  }

  add(e: CaseEventData): void {
    if (e.kind === 'moved') return;
    this.events.unshift({ at: new Date(), e });
    this.events.splice(FEED);
    this.renderFeed();
  }

  private render(): void {
    const s = TEXT[this.lang];
    this.button.textContent = this.active ? s.exit : s.open;
    this.button.title = s.openTitle;
    this.renderBar();
    this.renderFeed();
  }

  private renderBar(): void {
    if (!this.active) return;
    const s = TEXT[this.lang];
    const tabs = this.tabs();
    const i = tabs.indexOf(this.store.state.tab);
    const left = Math.max(0, Math.round((this.nextAt - Date.now()) / 1000));
    this.bar.replaceChildren(
      h('span', { class: 'wall-title' }, this.county),
      h('span', { class: 'wall-view', id: 'wall-view', 'data-tab': this.store.state.tab }, `${s.tab[this.store.state.tab]}${tabs.length > 1 ? ` ${i + 1}/${tabs.length}` : ''}`),
      h('span', { class: 'wall-next' }, tabs.length > 1 ? `${left} s` : ''),
      h('span', { class: 'wall-clock', id: 'wall-clock' }, formatTime(this.lang, new Date())),
    );
  }

  private renderFeed(): void {
    const s = TEXT[this.lang];
    const zh = this.lang === 'zh';
    this.feed.replaceChildren(
      h('li', { class: 'wall-feed-head' }, s.live),
      ...(this.events.length
        ? this.events.map(({ at, e }) => {
            const cat = CATEGORY_INFO[e.case.category as IncidentCategory];
            return h('li', { class: `wall-event wall-${e.kind}`, 'data-case': e.case.id },
              h('span', { class: 'wall-event-kind' }, s.kind[e.kind]),
              h('span', { class: 'wall-event-text' }, `${cat ? (zh ? cat.zh : cat.en) : e.case.category} · ${e.case.title ?? ''}`),
              h('span', { class: 'wall-event-meta' }, `${formatTime(this.lang, at).slice(11)}${e.case.address ? ` · ${e.case.address}` : ''}`));
          })
        : [h('li', { class: 'wall-event-none' }, s.none)]),
    );
  }
}

/** ?screen=wall opens the dashboard in wall mode; ?rotate=<seconds> sets the rotation (at least 5 s). */
export function wallOptions(search: string): { wall: boolean; rotateS: number } {
  const q = new URLSearchParams(search);
  const r = Number(q.get('rotate'));
  return { wall: q.get('screen') === 'wall', rotateS: Number.isFinite(r) && r >= 5 ? r : ROTATE_S };
}

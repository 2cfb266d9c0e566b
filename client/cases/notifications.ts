// The notification list: the last NOTIFICATIONS live case events this user may see (new, escalated, overdue,
// moved), kept until read, behind a header button with an unread count; a click opens the case. The toasts of
// live-reports.ts still appear and fade; this list keeps what they said.
import { CASE_STATUS_NAMES } from '../../shared/domain/case-workflow';
import { CATEGORY_INFO, type IncidentCategory } from '../../shared/domain/categories';
import type { Store } from '../state';
import { h } from '../views/dom';

export const NOTIFICATIONS = 30;

export interface CaseEventData { kind: 'new' | 'moved' | 'escalated' | 'overdue'; action?: string; count?: number; case: { id: number; category: string; title: string | null; address: string | null; status: keyof typeof CASE_STATUS_NAMES; level: string; reportedAt: string } }

const KIND = { zh: { new: '新事件', moved: '事件进展', escalated: '事件上报', overdue: '事件超期' }, en: { new: 'New case', moved: 'Case moved', escalated: 'Escalated', overdue: 'Overdue' } };

export class Notifications {
  private readonly items: { at: number; e: CaseEventData; read: boolean }[] = [];
  private readonly button: HTMLButtonElement;
  private readonly list: HTMLUListElement;

  constructor(private readonly store: Store, private readonly open: (id: number) => void) {
    this.button = h('button', { id: 'notify-open', type: 'button', 'aria-haspopup': 'true' });
    this.list = h('ul', { id: 'notify-list', hidden: true, 'aria-live': 'polite' });
    document.getElementById('lang')?.before(this.button);
    document.body.append(this.list);
    this.button.addEventListener('click', () => {
      this.list.hidden = !this.list.hidden;
      if (!this.list.hidden) for (const i of this.items) i.read = true;
      this.render();
    });
    store.subscribe((s, prev) => { if (s.lang !== prev.lang) this.render(); });
    this.render();
  }

  add(e: CaseEventData): void {
    if (e.kind === 'moved') return; // progress is shown in the list and the card; notifications are for what needs eyes
    this.items.unshift({ at: Date.now(), e, read: !this.list.hidden });
    this.items.splice(NOTIFICATIONS);
    this.render();
  }

  private render(): void {
    const zh = this.store.state.lang !== 'en';
    const unread = this.items.filter((i) => !i.read).length;
    this.button.replaceChildren(zh ? '通知' : 'Alerts', unread ? h('span', { class: 'badge', id: 'notify-unread' }, String(unread)) : '');
    this.list.replaceChildren(...(this.items.length ? this.items.map(({ at, e }) => {
      const cat = CATEGORY_INFO[e.case.category as IncidentCategory];
      const li = h('li', { 'data-case': e.case.id, 'data-kind': e.kind },
        h('strong', {}, `${KIND[zh ? 'zh' : 'en'][e.kind]}${e.count ? `（${e.count}）` : ''} `), `${cat ? (zh ? cat.zh : cat.en) : e.case.category}：${e.case.title ?? ''}`,
        h('div', { class: 'meta' }, `${new Date(at + 8 * 3600_000).toISOString().slice(11, 16)} · ${zh ? CASE_STATUS_NAMES[e.case.status]?.zh : CASE_STATUS_NAMES[e.case.status]?.en} · ${e.case.address ?? ''}`));
      li.addEventListener('click', () => { this.list.hidden = true; this.open(e.case.id); });
      return li;
    }) : [h('li', { class: 'meta' }, zh ? '暂无通知' : 'No notifications')]));
  }
}

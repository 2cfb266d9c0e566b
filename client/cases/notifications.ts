// The notification list: the last NOTIFICATIONS live case events this user may see (new, escalated, overdue,
// moved), kept until read, behind a header button with an unread count; a click opens the case. The toasts of
// live-reports.ts still appear and fade; this list keeps what they said.
import { CASE_LEVEL_NAMES, CASE_STATUS_NAMES, type CaseLevel } from '../../shared/domain/case-workflow';
import { CATEGORY_INFO, type IncidentCategory } from '../../shared/domain/categories';
import type { Store } from '../state';
import { localDateTime } from '../i18n';
import { h } from '../views/dom';
import { localAddress } from './place-text';

export const NOTIFICATIONS = 30;

export interface CaseEventData { kind: 'new' | 'moved' | 'escalated' | 'overdue'; action?: string; count?: number; case: { id: number; category: string; title: string | null; address: string | null; status: keyof typeof CASE_STATUS_NAMES; level: string; reportedAt: string } }

const KIND = { zh: { new: '新事件', moved: '事件进展', escalated: '上报至{level}', overdue: '事件超期' }, en: { new: 'New case', moved: 'Case moved', escalated: 'Escalated to {level}', overdue: 'Overdue' } };

/** The headline of a notification: what happened, and for an escalation the tier it now lies with (上报 alone
 * reads as "reported" — the phone's 事件上报 — and says nothing of where the case went). */
export function notificationHeadline(e: CaseEventData, lang: 'zh' | 'en'): string {
  const level = CASE_LEVEL_NAMES[e.case.level as CaseLevel]?.[lang] ?? e.case.level;
  return KIND[lang][e.kind].replace('{level}', lang === 'en' ? level.toLowerCase() : level) + (e.count ? (lang === 'zh' ? `（共 ${e.count} 件）` : ` (${e.count} cases)`) : '');
}

/** Whether two events say the same thing to the reader: a case the job took village → township → county in one
 * run arrives as two escalations of the case as it now is (county); the list shows it once. */
export const sameNews = (a: CaseEventData, b: CaseEventData) => a.kind === b.kind && a.case.id === b.case.id && a.case.level === b.case.level && a.case.status === b.case.status && !a.count && !b.count;

export class Notifications {
  private readonly items: { at: number; e: CaseEventData; read: boolean }[] = [];
  private readonly button: HTMLButtonElement;
  private readonly list: HTMLUListElement;

  constructor(private readonly store: Store, private readonly open: (id: number) => void, private readonly jurisdictionName: string | null = null) {
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
    const same = this.items.findIndex((i) => sameNews(i.e, e));
    if (same >= 0) this.items.splice(same, 1);
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
        h('strong', {}, `${notificationHeadline(e, zh ? 'zh' : 'en')} `), `${cat ? (zh ? cat.zh : cat.en) : e.case.category}${zh ? '：' : ': '}${e.case.title ?? ''}`,
        h('div', { class: 'meta' }, [localDateTime(new Date(at).toISOString()).slice(11), zh ? CASE_STATUS_NAMES[e.case.status]?.zh : CASE_STATUS_NAMES[e.case.status]?.en, localAddress(e.case.address, this.jurisdictionName)].filter(Boolean).join(' · ')));
      li.addEventListener('click', () => { this.list.hidden = true; this.open(e.case.id); });
      return li;
    }) : [h('li', { class: 'meta' }, zh ? '暂无通知' : 'No notifications')]));
  }
}

// Live reports on every open dashboard: a server-sent events stream (/api/events). A grid member's accepted
// report shows as a notification and the incident data reloads at once (well within 2 s); a committed
// import elsewhere reloads too. EventSource reconnects by itself when the server restarts.
import { CATEGORY_INFO, type IncidentCategory } from '../../../shared/domain/categories';
import type { Store } from '../../state';
import { h } from '../dom';
import type { CaseEventData } from '../../cases/notifications';
import { localDateTime } from '../../i18n';

const SHOW_MS = 8000;

/** Called with each live case event (the case desk and the notification list subscribe here). */
export type CaseEventListener = (e: CaseEventData) => void;
const caseListeners: CaseEventListener[] = [];
export const onCaseEvent = (l: CaseEventListener) => void caseListeners.push(l);

export function startLiveReports(store: Store): void {
  if (typeof EventSource === 'undefined') return;
  const box = h('div', { id: 'live-reports', 'aria-live': 'polite' });
  document.body.append(box);
  const source = new EventSource('/api/events');
  const reload = () => store.updateFilter({});
  source.addEventListener('hello', () => (document.body.dataset.liveReports = 'connected'));
  source.addEventListener('report', (e) => {
    const { incident } = JSON.parse((e as MessageEvent).data) as { incident: { category: IncidentCategory; title: string; address: string | null; reportedAt: string } };
    const zh = store.state.lang === 'zh';
    const cat = CATEGORY_INFO[incident.category];
    const time = localDateTime(incident.reportedAt).slice(5);
    const toast = h('div', { class: 'live-report', role: 'status' },
      h('strong', {}, zh ? '新上报事件' : 'New report'),
      h('span', { class: 'live-report-cat', style: `background: rgb(${cat.color.join(',')})` }, zh ? cat.zh : cat.en),
      h('div', {}, incident.title),
      h('div', { class: 'live-report-meta' }, `${time} · ${incident.address ?? ''}`));
    box.prepend(toast);
    setTimeout(() => toast.remove(), SHOW_MS);
    reload();
  });
  source.addEventListener('import', reload);
  // A case moved, arrived, escalated or fell overdue. EventSource resends the last id it saw on reconnect
  // (Last-Event-ID): the server replays what was missed, or says `reset` when the gap is too old.
  source.addEventListener('case', (e) => {
    const data = JSON.parse((e as MessageEvent).data) as CaseEventData;
    for (const l of caseListeners) l(data);
    // Every kind reloads: a case closed elsewhere moves the closure rate (办结率) on the open dashboards. A
    // transition leaves the heat, counts and coverage answers cached (they do not depend on a case's status).
    reload();
  });
  source.addEventListener('reset', reload);
}

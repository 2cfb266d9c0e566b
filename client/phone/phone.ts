// The grid member's phone page (phone.html, its own small bundle): report an event (category, description,
// photo, place from GPS, a tap on the map or an address, time defaulting to now), see my reports and their
// status, and handle what is dispatched to me. A report goes to an outbox in localStorage first and is sent
// from there — at once, again when the network comes back, and every 15 s while anything waits — with its own
// clientId, so a resend after a lost answer finds the case already stored instead of making a second one.
// The map (maplibre) is loaded only when the member asks to pick on it: the page itself stays small.
import { CASE_STATUS_NAMES, type CaseStatus } from '../../shared/domain/case-workflow';
import { useTimeZone } from '../../shared/time/clock';
import type { CaseListAnswer } from '../../server/routes/cases/cases.routes';
import type { GeocodeAnswer, ReverseGeocodeAnswer } from '../../server/routes/geocode/geocode.routes';
import { localMinute, parseReportTime } from './report-time';
import { outbox, type OutboxItem } from './outbox';
import { failureMessage, isNetworkFailure } from '../cases/request-failure';
import { localAddress } from '../cases/place-text';
import type { PickMap } from './pick-map';
import type { CaseAnswer } from '../../server/routes/cases/cases.routes';
import { HISTORY_ACTION_NAMES } from '../../shared/domain/case-workflow';
import { caseDeadlineText, pastDeadline } from '../cases/deadline-text';
import { phoneLang, pt, setPhoneLang } from './phone-i18n';
import { h } from '../views/dom';
import { dataUrlBlob, shrinkPhoto } from './photo';

interface Category { id: string; zh: string; en: string }
/** A row of the case list (GET /api/cases), as its declaration gives it. */
type CaseItem = CaseListAnswer['items'][number];
type Place = { lon: number; lat: number; label: string; via: 'gps' | 'map' | 'address' };

const main = document.getElementById('phone-main')!;
const net = document.getElementById('phone-net')!;
let categories: Category[] = [];
let basemapStyleUrl = '/api/basemap/style.json';
let countyCentre: [number, number] = [123.0, 44.8];
let countyName: string | null = null;
/** The tap-to-pick map once opened: it shows whichever place was chosen last, however it was chosen. */
let pickMap: PickMap | null = null;
let place: Place | null = null;
let photo: string | null = null;
let page: 'report' | 'mine' | 'queue' = 'report';
/** The report opened from "my reports" (its timeline), or null for the list. */
let openReport: number | null = null;
const zh = () => phoneLang() === 'zh';

class HttpError extends Error { constructor(readonly status: number, message: string) { super(message); } }

async function api<T>(path: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch (e) {
    // no answer at all (offline, server away): status 0, in words — never the browser's "Failed to fetch"
    throw isNetworkFailure(e) ? new HttpError(0, failureMessage(e, phoneLang())) : e;
  }
  const body = res.headers.get('content-type')?.includes('json') ? await res.json() : null;
  if (res.status === 401) showSignIn();
  if (!res.ok) throw new HttpError(res.status, (zh() ? body?.errorZh : body?.error) ?? body?.errorZh ?? body?.error ?? `HTTP ${res.status}`);
  return body as T;
}

function showSignIn(): void {
  main.replaceChildren(h('div', { class: 'card' }, h('p', {}, pt('signInFirst')), h('a', { class: 'btn', id: 'phone-sign-in', href: `/?next=${encodeURIComponent('/phone.html')}` }, pt('signIn'))));
}

const shortTime = (iso: string) => localMinute(Date.parse(iso)).slice(5);

async function describePlace(lon: number, lat: number): Promise<string> {
  try {
    const r = await api<ReverseGeocodeAnswer>(`/api/reverse-geocode?lon=${lon}&lat=${lat}`);
    return r.address ? localAddress(r.address, countyName) : `${lon.toFixed(5)}, ${lat.toFixed(5)}`;
  } catch {
    return `${lon.toFixed(5)}, ${lat.toFixed(5)}`;
  }
}

function renderReport(): void {
  const category = h('select', { id: 'report-category', required: 'true' }, h('option', { value: '' }, pt('pickCategory')), ...categories.map((c) => h('option', { value: c.id }, zh() ? c.zh : c.en ?? c.zh)));
  const title = h('textarea', { id: 'report-title', maxlength: '200', placeholder: pt('descriptionHint') });
  const when = h('input', { id: 'report-time', class: 'grow', type: 'text', autocomplete: 'off', value: localMinute(Date.now()), placeholder: 'YYYY-MM-DD HH:MM', 'aria-describedby': 'report-time-hint' });
  const nowBtn = h('button', { type: 'button', class: 'big', id: 'report-now' }, pt('now'));
  nowBtn.onclick = () => { when.value = localMinute(Date.now()); };
  const placeText = h('div', { id: 'report-place', class: 'hint' }, place ? pt('placeIs', { place: place.label }) : pt('noPlace'));
  const msg = h('div', { id: 'report-message' });
  // The file input itself is hidden behind a big button of ours: the browser's own (a 21 px "Choose File / No
  // file chosen", in the browser's language) is too small to hit and says nothing in Chinese.
  const photoInput = h('input', { id: 'report-photo', class: 'visually-hidden', type: 'file', accept: 'image/jpeg,image/png,image/webp', capture: 'environment' });
  const photoButton = h('label', { for: 'report-photo', class: 'btn photo-button', id: 'report-photo-button' }, pt('takePhoto'));
  const preview = h('div', {});
  const setPlace = (p: Place) => { place = p; placeText.textContent = pt('placeIs', { place: p.label }); placeText.className = 'ok'; pickMap?.show(p.lon, p.lat); };
  const gps = h('button', { type: 'button', class: 'big', id: 'report-gps' }, pt('gps'));
  gps.onclick = () => {
    if (!navigator.geolocation) { placeText.textContent = pt('noGps'); return; }
    placeText.textContent = pt('locating');
    navigator.geolocation.getCurrentPosition(
      async (pos) => setPlace({ lon: pos.coords.longitude, lat: pos.coords.latitude, via: 'gps', label: await describePlace(pos.coords.longitude, pos.coords.latitude) }),
      () => (placeText.textContent = pt('gpsFailed')),
      { enableHighAccuracy: true, timeout: 15_000 });
  };
  const mapBox = h('div', { id: 'pick-map', hidden: 'true' });
  pickMap = null; // a new form: the old map's container is gone
  const mapBtn = h('button', { type: 'button', class: 'big', id: 'report-map' }, pt('pickOnMap'));
  mapBtn.onclick = async () => {
    mapBox.hidden = false;
    mapBtn.disabled = true;
    const { openPickMap } = await import('./pick-map');
    pickMap = openPickMap(mapBox, basemapStyleUrl, { centre: place ? [place.lon, place.lat] : countyCentre, zoom: place ? 15 : 9, marker: place ? [place.lon, place.lat] : undefined },
      async (lon, lat) => setPlace({ lon, lat, via: 'map', label: await describePlace(lon, lat) }));
  };
  const address = h('input', { id: 'report-address', class: 'grow', type: 'text', placeholder: pt('addressHint') });
  const find = h('button', { type: 'button', class: 'big', id: 'report-find' }, pt('find'));
  find.onclick = async () => {
    const q = address.value.trim();
    if (q.length < 2) { placeText.textContent = pt('addressTooShort'); placeText.className = 'error'; return; }
    try {
      const g = await api<GeocodeAnswer>(`/api/geocode?q=${encodeURIComponent(q)}`);
      // not found: say so, and say which place the report still has (if any) — it is not silently kept
      const still = place ? pt('placeKept', { place: place.label }) : '';
      if (!g.ok || g.lon === null || g.lat === null || g.confidence < 0.5) { placeText.textContent = (g.ambiguous ? pt('ambiguous') : pt('notFound')) + still; placeText.className = 'error'; return; }
      setPlace({ lon: g.lon, lat: g.lat, via: 'address', label: q });
    } catch (e) {
      placeText.textContent = failureMessage(e, phoneLang()) + (place ? pt('placeKept', { place: place.label }) : ''); placeText.className = 'error';
    }
  };
  photoInput.onchange = async () => {
    const f = photoInput.files?.[0];
    if (!f) return;
    try {
      photo = await shrinkPhoto(f);
      preview.replaceChildren(h('img', { class: 'photo-preview', src: photo, alt: pt('photoPreview') }), h('div', { class: 'hint' }, pt('photoSize', { kb: (photo.length * 0.75 / 1024).toFixed(0) })));
      photoButton.textContent = pt('changePhoto');
    } catch {
      photo = null;
      preview.replaceChildren(h('div', { class: 'error' }, pt('photoUnreadable')));
    }
  };
  const submit = h('button', { type: 'button', class: 'primary', id: 'report-submit' }, pt('submit'));
  submit.onclick = () => {
    msg.className = 'error';
    if (!category.value) { msg.textContent = pt('needCategory'); return; }
    if (!title.value.trim()) { msg.textContent = pt('needDescription'); return; }
    if (!place) { msg.textContent = pt('needPlace'); return; }
    const time = parseReportTime(when.value, Date.now(), phoneLang());
    if (!time.ok) { msg.textContent = time.error; return; }
    const item: OutboxItem = {
      clientId: crypto.randomUUID(),
      body: { category: category.value, title: title.value.trim(), reportedAt: time.value, lon: place.lon, lat: place.lat },
      photo, place: place.label, createdAt: new Date().toISOString(), stage: 'report',
    };
    outbox.add(item);
    photo = null;
    place = null;
    renderReport();
    const m = document.getElementById('report-message')!;
    m.className = 'ok';
    m.textContent = navigator.onLine ? pt('sending') : pt('savedOffline');
    void flush();
  };
  // an error said about the form goes once the member changes the form
  for (const input of [category, title, when]) input.addEventListener('input', () => { if (msg.className === 'error') msg.textContent = ''; });
  main.replaceChildren(h('div', { class: 'card' },
    h('label', { for: 'report-category' }, pt('category')), category,
    h('label', { for: 'report-title' }, pt('description')), title,
    h('label', {}, pt('place')), h('div', { class: 'row' }, gps, mapBtn), mapBox,
    h('div', { class: 'row', style: 'margin-top:8px' }, address, find), placeText,
    h('div', { class: 'label' }, pt('photo')), photoInput, photoButton, preview,
    h('label', { for: 'report-time' }, pt('time')), h('div', { class: 'row' }, when, nowBtn),
    h('div', { class: 'hint', id: 'report-time-hint' }, pt('timeHint')),
    submit, msg));
}

/** A waiting report's state: not yet sent because there is no network is not a failure. */
function pendingStatus(p: OutboxItem): string {
  if (!p.lastError) return pt('pending');
  return p.lastStatus === 0 || !navigator.onLine ? pt('pendingOffline') : pt('sendFailed');
}

/** The last list read from the server, kept to show (with its time) when the network is gone. */
const lastRead = {
  save(key: string, items: unknown[]) { try { localStorage.setItem(`pingan.phone.last.${key}`, JSON.stringify({ at: localMinute(Date.now()), items })); } catch { /* storage full: nothing kept */ } },
  load<T>(key: string): { at: string; items: T[] } | null { try { return JSON.parse(localStorage.getItem(`pingan.phone.last.${key}`) ?? 'null'); } catch { return null; } },
};

function statusBadge(c: { status: CaseStatus; statusZh?: string; overdue?: boolean }) {
  const name = zh() ? c.statusZh ?? CASE_STATUS_NAMES[c.status]?.zh : CASE_STATUS_NAMES[c.status]?.en;
  return h('span', { class: `status${c.overdue ? ' overdue' : ''}` }, (name ?? c.status) + (c.overdue ? ` · ${pt('overdue')}` : ''));
}

/** A category's name in the page's language (the case list gives the Chinese one). */
const categoryName = (c: { category: string; categoryZh: string }) => (zh() ? c.categoryZh : categories.find((k) => k.id === c.category)?.en ?? c.categoryZh);

async function renderMine(): Promise<void> {
  const pending = outbox.items();
  const list = h('div', { id: 'mine-list' });
  for (const p of pending) list.append(h('div', { class: 'card case-item pending' }, h('h3', {}, p.body.title), h('div', { class: 'meta' }, h('span', { class: 'status' }, pendingStatus(p)), p.place ?? '')));
  const loading = h('div', { class: 'empty' }, pt('loading'));
  list.append(loading);
  main.replaceChildren(list);
  const showItems = (items: CaseItem[]) => {
    for (const c of items) {
      // the whole card opens the report's timeline (a button: reachable by keyboard, ≥ 44 px high)
      const card = h('button', { type: 'button', class: 'card case-item case-open', 'data-case': String(c.id), 'aria-label': `${pt('openReport')}${zh() ? '：' : ': '}${c.title ?? ''}` },
        h('h3', {}, `${categoryName(c)}${zh() ? '：' : ': '}${c.title ?? ''}`),
        h('div', { class: 'meta' }, statusBadge(c), `${shortTime(c.reportedAt)} · ${[c.townshipName, c.villageName].filter(Boolean).join(' ') || localAddress(c.address, countyName)}`),
        h('div', { class: 'open-hint' }, `${pt('openReport')} ›`));
      card.onclick = () => { openReport = c.id; void renderReportDetail(c.id); };
      list.append(card);
    }
  };
  try {
    const r = await api<{ items: CaseItem[]; total: number }>('/api/cases?queue=reported&pageSize=50&sort=reportedAt&order=desc');
    loading.remove();
    lastRead.save('mine', r.items);
    showItems(r.items);
    if (!pending.length && !r.items.length) list.append(h('div', { class: 'empty' }, pt('noReports')));
  } catch (e) {
    loading.remove();
    const status = (e as HttpError).status;
    if (status === 401) return;
    const kept = lastRead.load<CaseItem>('mine');
    const offlineCopy = status === 0 && kept && kept.items.length > 0;
    list.append(h('div', { class: 'error', id: 'mine-error' }, offlineCopy ? pt('keptCopy', { reason: failureMessage(e, phoneLang()), at: kept.at }) : pt('cannotRead', { reason: failureMessage(e, phoneLang()) })));
    if (kept) showItems(kept.items);
  }
}

/** One of my reports: what, where, its deadline and its status timeline (who, when, note), oldest first. */
async function renderReportDetail(id: number): Promise<void> {
  const back = h('button', { type: 'button', class: 'big', id: 'report-back', style: 'width:100%;margin-bottom:12px' }, pt('back'));
  back.onclick = () => { openReport = null; void renderMine(); };
  const body = h('div', { id: 'report-detail', 'data-case': String(id) }, h('div', { class: 'empty' }, pt('loading')));
  main.replaceChildren(back, body);
  let c: CaseAnswer;
  let readAt: string | null = null;
  try {
    c = await api<CaseAnswer>(`/api/cases/${id}`);
    lastRead.save(`case.${id}`, [c]);
  } catch (e) {
    if ((e as HttpError).status === 401) return;
    const kept = (e as HttpError).status === 0 ? lastRead.load<CaseAnswer>(`case.${id}`) : null;
    if (!kept?.items[0]) { body.replaceChildren(h('div', { class: 'error' }, pt('cannotRead', { reason: failureMessage(e, phoneLang()) }))); return; }
    c = kept.items[0];
    readAt = kept.at;
    body.before(h('div', { class: 'error', id: 'detail-error' }, pt('keptCopy', { reason: failureMessage(e, phoneLang()), at: readAt })));
  }
  if (openReport !== id || page !== 'mine') return;
  const statusName = (st: CaseStatus) => (zh() ? CASE_STATUS_NAMES[st]?.zh : CASE_STATUS_NAMES[st]?.en) ?? st;
  const actionName = (a: string) => HISTORY_ACTION_NAMES[a as keyof typeof HISTORY_ACTION_NAMES]?.[zh() ? 'zh' : 'en'] ?? a;
  const left = caseDeadlineText(c, phoneLang());
  const timeline = h('ol', { class: 'timeline', id: 'report-timeline' }, ...c.history.map((step) => h('li', { 'data-action': step.action },
    h('div', { class: 'tl-head' }, h('strong', {}, actionName(step.action)), h('span', { class: 'status' }, statusName(step.toStatus))),
    h('div', { class: 'meta' }, [shortTime(step.at), step.actor.name ?? pt('system'), step.action === 'dispatch' && step.assignee ? `→ ${step.assigneeName ?? step.assignee}` : null].filter(Boolean).join(' · ')),
    step.note ? h('div', { class: 'tl-note' }, step.note) : null)));
  const where = [c.townshipName, c.villageName, c.gridName].filter(Boolean).join(' ') || localAddress(c.address, countyName);
  body.replaceChildren(h('div', { class: 'card' },
    h('h3', {}, `${categoryName(c)}${zh() ? '：' : ': '}${c.title ?? ''}`),
    h('div', { class: 'meta' }, statusBadge(c), ` #${c.id}`),
    h('dl', { class: 'facts' },
      h('dt', {}, pt('where')), h('dd', {}, where),
      h('dt', {}, pt('reportedAt')), h('dd', {}, shortTime(c.reportedAt)),
      h('dt', {}, pt('due')), h('dd', {}, shortTime(c.dueAt), left ? h('span', { class: `left${pastDeadline(c) ? ' late' : ''}`, id: 'report-left' }, left) : null),
      ...(c.assignee ? [h('dt', {}, pt('assignedTo')), h('dd', {}, c.assigneeName ?? c.assignee)] : [])),
    h('h4', {}, pt('timeline')), timeline));
}

async function renderQueue(): Promise<void> {
  const list = h('div', { id: 'queue-list' }, h('div', { class: 'empty' }, pt('loading')));
  main.replaceChildren(list);
  try {
    const r = await api<{ items: CaseItem[] }>('/api/cases?queue=mine&pageSize=50&sort=dueAt&order=asc');
    list.replaceChildren();
    if (!r.items.length) list.append(h('div', { class: 'empty' }, pt('noQueue')));
    for (const c of r.items) {
      const note = h('textarea', { placeholder: pt('handleNote'), 'aria-label': pt('handleNoteLabel') });
      const msg = h('div', {});
      const done = h('button', { type: 'button', class: 'primary', 'data-action': 'handle' }, pt('handled'));
      const back = h('button', { type: 'button', class: 'big', 'data-action': 'return', style: 'width:100%;margin-top:8px' }, pt('giveBack'));
      const act = async (action: 'handle' | 'return') => {
        done.disabled = back.disabled = true;
        try {
          await api(`/api/cases/${c.id}/transitions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action, note: note.value.trim() || undefined }) });
          msg.className = 'ok'; msg.textContent = action === 'handle' ? pt('handledDone') : pt('returnedDone');
          setTimeout(() => void renderQueue(), 800);
        } catch (e) {
          msg.className = 'error'; msg.textContent = failureMessage(e, phoneLang()); done.disabled = back.disabled = false;
        }
      };
      done.onclick = () => void act('handle');
      back.onclick = () => void act('return');
      list.append(h('div', { class: 'card case-item', 'data-case': String(c.id) }, h('h3', {}, `${categoryName(c)}${zh() ? '：' : ': '}${c.title ?? ''}`),
        h('div', { class: 'meta' }, statusBadge(c), `${shortTime(c.reportedAt)} · ${c.address ?? c.villageName ?? ''}`), note, done, back, msg));
    }
  } catch (e) {
    if ((e as HttpError).status !== 401) list.replaceChildren(h('div', { class: 'error' }, pt('cannotRead', { reason: failureMessage(e, phoneLang()) })));
  }
}

function show(p: typeof page): void {
  page = p;
  openReport = null;
  for (const b of document.querySelectorAll<HTMLButtonElement>('#phone-tabs button')) b.setAttribute('aria-selected', String(b.dataset.page === p));
  if (p === 'report') renderReport();
  else if (p === 'mine') void renderMine();
  else void renderQueue();
}

let flushing = false;
/** Sends what waits in the outbox, oldest first; a failure leaves the item for the next try. */
async function flush(): Promise<void> {
  if (flushing) return;
  flushing = true;
  try {
    for (const item of outbox.items()) {
      try {
        if (item.stage === 'report') {
          const r = await api<{ id: number }>('/api/reports', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...item.body, clientId: item.clientId }) });
          item.caseId = r.id;
          item.stage = item.photo ? 'photo' : 'done';
          outbox.update(item);
        }
        if (item.stage === 'photo' && item.photo && item.caseId) {
          await api(`/api/cases/${item.caseId}/photos`, { method: 'POST', headers: { 'content-type': 'image/jpeg' }, body: dataUrlBlob(item.photo) });
          item.stage = 'done';
        }
        outbox.remove(item.clientId);
        const m = document.getElementById('report-message');
        if (m) { m.className = 'ok'; m.textContent = pt('reported', { id: String(item.caseId) }); }
      } catch (e) {
        const status = (e as HttpError).status;
        // a refusal (400/403) will not change by resending: keep it visible, stop retrying it
        item.lastError = failureMessage(e, phoneLang());
        item.lastStatus = status ?? 0;
        if (status && status >= 400 && status < 500 && status !== 408 && status !== 429 && status !== 401) { outbox.remove(item.clientId); const m = document.getElementById('report-message'); if (m) { m.className = 'error'; m.textContent = pt('refused', { reason: item.lastError ?? '' }); } }
        else outbox.update(item);
        if (!status || status >= 500 || status === 401) break; // offline or server away: try later
      }
    }
  } finally {
    flushing = false;
    if (page === 'mine' && openReport === null) void renderMine();
  }
}

function showNet(): void { net.hidden = navigator.onLine; }

/** The words the page's own HTML carries (title, header, tabs), in the page's language. */
function applyStaticTexts(): void {
  document.title = pt('title');
  document.documentElement.lang = zh() ? 'zh-CN' : 'en';
  document.querySelector('#phone-header h1')!.textContent = pt('title');
  net.textContent = pt('offline');
  langButton.textContent = pt('langToggle');
  langButton.setAttribute('aria-label', zh() ? 'Switch to English' : '切换到中文');
  for (const b of document.querySelectorAll<HTMLButtonElement>('#phone-tabs button')) b.textContent = pt(`tab.${b.dataset.page as typeof page}`);
}

const langButton = document.getElementById('phone-lang') as HTMLButtonElement;
/** 中文 ⇄ English: the page is drawn again in the other language, the form keeping what was typed. */
function switchLang(): void {
  const kept = ['report-category', 'report-title', 'report-time', 'report-address'].map((id) => [id, (document.getElementById(id) as HTMLInputElement | null)?.value] as const);
  setPhoneLang(zh() ? 'en' : 'zh');
  applyStaticTexts();
  if (page === 'report') {
    renderReport();
    for (const [id, v] of kept) { const input = document.getElementById(id) as HTMLInputElement | null; if (input && v !== undefined) input.value = v; }
  } else if (page === 'mine' && openReport !== null) void renderReportDetail(openReport);
  else show(page);
}

async function boot(): Promise<void> {
  for (const b of document.querySelectorAll<HTMLButtonElement>('#phone-tabs button')) b.onclick = () => show(b.dataset.page as typeof page);
  langButton.onclick = switchLang;
  applyStaticTexts();
  window.addEventListener('online', () => { showNet(); void flush(); });
  window.addEventListener('offline', showNet);
  showNet();
  setInterval(() => { if (outbox.items().length) void flush(); }, 15_000);
  try {
    const meta = await api<{ categories: Category[]; basemapStyleUrl: string; county: { bbox: [number, number, number, number]; timeZone?: string; name?: string } }>('/api/meta');
    if (meta.county.timeZone) useTimeZone(meta.county.timeZone); // the jurisdiction's one clock, not the phone's
    categories = meta.categories;
    countyName = meta.county.name ?? null;
    basemapStyleUrl = meta.basemapStyleUrl;
    const b = meta.county.bbox;
    countyCentre = [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];
  } catch (e) {
    if ((e as HttpError).status === 401) return;
    main.replaceChildren(h('div', { class: 'error' }, pt('noServer', { reason: failureMessage(e, phoneLang()) })));
  }
  try {
    const me = await fetch('/api/auth/me').then((r) => (r.ok ? r.json() : null));
    if (me?.user) document.getElementById('phone-user')!.textContent = me.user.displayName ?? me.user.username;
  } catch { /* no session info: the page still works */ }
  show('report');
  document.body.dataset.ready = 'true';
  void flush();
}

void boot();

// 事件处置: the case list beside the map (the dashboard's time window, categories and area, plus status, overdue
// and "待我处理"), sorted and paged on the server; a case's detail card with its history timeline and the actions
// the user's role may take; and the cases as points on the map — clustered below street zoom (MapLibre's own
// GeoJSON clustering), single points from zoom 14 — where a click opens the detail. Live case events refresh it.
import type { GeoJSONSource, Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import { CASE_LEVEL_NAMES, CASE_STATUS_NAMES, HISTORY_ACTION_NAMES, type CaseAction, type CaseLevel, type CaseStatus } from '../../shared/domain/case-workflow';
import { CATEGORY_INFO, type IncidentCategory } from '../../shared/domain/categories';
import { localDateTime } from '../i18n';
import type { Store } from '../state';
import { h } from '../views/dom';
import { CaseApiError, casesApi, type Assignee, type CaseDetail, type CaseListItem, type CaseQuery } from './cases-api';
import { caseDeadlineText, pastDeadline } from './deadline-text';
import { localAddress } from './place-text';
import './cases.css';

const PAGE_SIZE = 20;
const SRC = 'case-points';
const STATUS_COLOURS: Record<CaseStatus, string> = { reported: '#d64545', accepted: '#e0861a', dispatched: '#d4b106', handled: '#3a8fd6', checked: '#6f5bd6', closed: '#8a96a3' };

const S = {
  zh: { open: '事件处置', title: '事件处置', mine: '待我处理', overdue: '仅超期', all: '全部状态', newest: '最新上报', dueFirst: '最先到期', prev: '上一页', next: '下一页', empty: '没有符合条件的事件', signIn: '登录后可查看和处理事件', loading: '加载中…', close: '关闭', back: '返回列表', note: '处理意见（可选）', assignee: '派遣给', assigneeSearch: '搜索姓名、网格或村', pickFirst: '请先从名单中选择派遣对象', noAssignees: '没有可派遣的人员', fit: { grid: '本网格', village: '本村', township: '本镇' }, history: '办理经过', where: '地点', due: '办理时限', level: '层级', overdueTag: '超期', supervisedTag: '督办', total: '共 {n} 件' },
  en: { open: 'Cases', title: 'Cases', mine: 'My queue', overdue: 'Overdue only', all: 'All statuses', newest: 'Newest', dueFirst: 'Due first', prev: 'Prev', next: 'Next', empty: 'No cases match', signIn: 'Sign in to see and handle cases', loading: 'Loading…', close: 'Close', back: 'Back to list', note: 'Note (optional)', assignee: 'Dispatch to', assigneeSearch: 'Search a name, grid or village', pickFirst: 'Pick a person from the list first', noAssignees: 'Nobody to dispatch to', fit: { grid: 'this grid', village: 'this village', township: 'this township' }, history: 'History', where: 'Where', due: 'Due', level: 'Tier', overdueTag: 'overdue', supervisedTag: 'supervised', total: '{n} cases' },
};

const local = localDateTime; // the jurisdiction's clock, whatever the viewer's machine says

/** A case's category and tier in the page's language: the server gives the Chinese names (categoryZh, levelZh). */
export function caseNames(c: { category: string; categoryZh: string; level: string; levelZh: string }, lang: 'zh' | 'en'): { category: string; level: string } {
  if (lang === 'zh') return { category: c.categoryZh, level: c.levelZh };
  return { category: CATEGORY_INFO[c.category as IncidentCategory]?.en ?? c.categoryZh, level: CASE_LEVEL_NAMES[c.level as CaseLevel]?.en ?? c.levelZh };
}

export class CaseDesk {
  private readonly root: HTMLElement;
  private readonly body: HTMLElement;
  private readonly toggle: HTMLButtonElement;
  private query: Pick<CaseQuery, 'status' | 'overdue' | 'queue' | 'sort' | 'order' | 'page'> = { sort: 'reportedAt', order: 'desc', page: 1 };
  /** Keyset paging: the cursor of each page reached so far (page n's is cursors[n - 1]; page 1 has none), so
   * page 1000 costs the server what page 1 does, and a live refresh keeps the rows the page started from. */
  private cursors: (string | undefined)[] = [undefined];
  private openId: number | null = null;
  private visible = false;
  private mapReady = false;

  /** `jurisdictionName`: the county (or city) whose name starts the addresses, dropped from them on the card. */
  constructor(private readonly store: Store, private readonly map: MapLibreMap, private readonly jurisdictionName: string | null = null) {
    this.toggle = h('button', { id: 'cases-open', type: 'button' }, this.s.open);
    this.toggle.addEventListener('click', () => this.setVisible(!this.visible));
    document.getElementById('import-open')?.before(this.toggle);
    this.body = h('div', { class: 'cases-body' });
    this.root = h('aside', { id: 'case-desk', hidden: true, 'aria-label': '事件处置' }, this.body);
    document.getElementById('stage')!.append(this.root);
    store.subscribe((s, prev) => {
      if (s.filter !== prev.filter && this.visible) { this.query.page = 1; this.cursors = [undefined]; void this.refresh(); }
      if (s.lang !== prev.lang) { this.toggle.textContent = this.s.open; if (this.visible) void this.refresh(); }
    });
  }

  private get s() { return S[this.store.state.lang === 'en' ? 'en' : 'zh']; }

  setVisible(v: boolean): void {
    this.visible = v;
    this.root.hidden = !v;
    this.toggle.setAttribute('aria-pressed', String(v));
    if (this.mapReady) for (const id of ['case-clusters', 'case-cluster-count', 'case-point']) this.map.setLayoutProperty(id, 'visibility', v ? 'visible' : 'none');
    if (v) void this.refresh();
  }

  /** A live case event arrived: refresh what is shown (list, open card, points). */
  onCaseEvent(): void {
    if (this.visible) void this.refresh();
  }

  /** Opens one case's card (from the list, a map point or a notification). */
  async openCase(id: number): Promise<void> {
    if (!this.visible) this.setVisible(true);
    this.openId = id;
    await this.renderDetail();
  }

  private filterParams() {
    const f = this.store.state.filter;
    return { from: f.from, to: f.to, code: f.code, categories: f.categories.length ? f.categories.join(',') : undefined };
  }

  private async refresh(): Promise<void> {
    void this.loadPoints();
    if (this.openId !== null) await this.renderDetail();
    else await this.renderList();
  }

  private async renderList(): Promise<void> {
    const s = this.s;
    const status = h('select', { id: 'cases-status', 'aria-label': 'status' }, h('option', { value: '' }, s.all),
      ...(Object.keys(CASE_STATUS_NAMES) as CaseStatus[]).map((st) => h('option', { value: st, selected: this.query.status === st }, this.store.state.lang === 'en' ? CASE_STATUS_NAMES[st].en : CASE_STATUS_NAMES[st].zh)));
    const mine = h('input', { type: 'checkbox', id: 'cases-mine', checked: this.query.queue === 'mine' });
    const overdue = h('input', { type: 'checkbox', id: 'cases-overdue', checked: Boolean(this.query.overdue) });
    const sort = h('select', { id: 'cases-sort', 'aria-label': 'sort' }, h('option', { value: 'reportedAt', selected: this.query.sort === 'reportedAt' }, s.newest), h('option', { value: 'dueAt', selected: this.query.sort === 'dueAt' }, s.dueFirst));
    const apply = () => {
      this.query = { status: status.value || undefined, queue: mine.checked ? 'mine' : undefined, overdue: overdue.checked || undefined, sort: sort.value as 'reportedAt' | 'dueAt', order: sort.value === 'dueAt' ? 'asc' : 'desc', page: 1 };
      this.cursors = [undefined];
      void this.refresh();
    };
    for (const c of [status, mine, overdue, sort]) c.addEventListener('change', apply);
    const list = h('ol', { id: 'cases-list' }, h('li', { class: 'cases-note' }, s.loading));
    const pager = h('div', { class: 'cases-pager' });
    this.body.replaceChildren(
      h('div', { class: 'cases-head' }, h('h2', {}, s.title), h('button', { type: 'button', class: 'cases-x', 'aria-label': s.close, id: 'cases-close' }, '×')),
      h('div', { class: 'cases-filters' }, h('label', {}, mine, ' ', s.mine), h('label', {}, overdue, ' ', s.overdue), status, sort),
      list, pager);
    this.body.querySelector('#cases-close')!.addEventListener('click', () => this.setVisible(false));
    try {
      const r = await casesApi.list({ ...this.filterParams(), ...this.query, cursor: this.cursors[this.query.page - 1], pageSize: PAGE_SIZE });
      list.replaceChildren(...(r.items.length ? r.items.map((c) => this.row(c)) : [h('li', { class: 'cases-note' }, s.empty)]));
      const pages = Math.max(1, Math.ceil(r.total / PAGE_SIZE));
      const prev = h('button', { type: 'button', disabled: r.page <= 1 }, s.prev), next = h('button', { type: 'button', disabled: r.next === null }, s.next);
      prev.addEventListener('click', () => { this.query.page--; void this.renderList(); });
      next.addEventListener('click', () => { this.cursors[this.query.page] = r.next ?? undefined; this.query.page++; void this.renderList(); });
      pager.replaceChildren(h('span', { id: 'cases-total' }, `${s.total.replace('{n}', r.total.toLocaleString())} · ${r.page}/${pages}`), prev, next);
    } catch (e) {
      list.replaceChildren(h('li', { class: 'cases-note' }, e instanceof CaseApiError && e.status === 401 ? s.signIn : (e as Error).message));
    }
  }

  private row(c: CaseListItem): HTMLElement {
    const s = this.s;
    const names = caseNames(c, this.store.state.lang === 'en' ? 'en' : 'zh');
    const li = h('li', { class: 'case-row', 'data-case': c.id, tabindex: 0 },
      h('div', { class: 'case-row-top' }, h('span', { class: 'case-status', style: `background:${STATUS_COLOURS[c.status]}` }, this.store.state.lang === 'en' ? CASE_STATUS_NAMES[c.status].en : c.statusZh),
        c.overdue ? h('span', { class: 'case-tag overdue' }, s.overdueTag) : null, c.supervised ? h('span', { class: 'case-tag' }, s.supervisedTag) : null,
        h('span', { class: 'case-cat' }, names.category), this.deadline(c), h('span', { class: 'case-time' }, local(c.reportedAt))),
      h('div', { class: 'case-title' }, c.title ?? '—'),
      h('div', { class: 'case-where' }, [c.townshipName, c.villageName, names.level].filter(Boolean).join(' · ')));
    const open = () => void this.openCase(c.id);
    li.addEventListener('click', open);
    li.addEventListener('keydown', (e) => { if (e.key === 'Enter') open(); });
    return li;
  }

  /** 剩余 2 天 / 已超期 3 天 beside a case (nothing once it is closed). */
  private deadline(c: { dueAt: string; status: string }): HTMLElement | null {
    const text = caseDeadlineText(c, this.store.state.lang === 'en' ? 'en' : 'zh');
    return text ? h('span', { class: `case-left${pastDeadline(c) ? ' late' : ''}` }, text) : null;
  }

  /** The dispatch picker: the people the case may go to (GET /api/cases/:id/assignees), searchable, closest first. */
  private assigneePicker(id: number): { root: HTMLElement; chosen: () => string | null } {
    const s = this.s;
    const zh = this.store.state.lang !== 'en';
    let chosen: string | null = null;
    const search = h('input', { id: 'case-assignee', type: 'search', placeholder: s.assigneeSearch, 'aria-label': s.assigneeSearch, autocomplete: 'off' });
    const list = h('ul', { id: 'case-assignees', role: 'listbox', 'aria-label': s.assignee }, h('li', { class: 'cases-note' }, s.loading));
    const option = (p: Assignee) => {
      const li = h('li', { role: 'option', class: 'assignee', 'data-username': p.username, 'aria-selected': String(p.username === chosen), tabindex: 0 },
        h('span', { class: 'assignee-name' }, p.displayName),
        h('span', { class: 'assignee-meta' }, [zh ? p.roleZh : p.roleEn, p.unitName].filter(Boolean).join(' · ')),
        h('span', { class: `assignee-fit fit-${p.fit}` }, s.fit[p.fit]));
      const pick = () => {
        chosen = p.username;
        document.getElementById('case-message')?.replaceChildren(); // a 'pick someone first' said before goes
        for (const o of list.querySelectorAll('li[role=option]')) o.setAttribute('aria-selected', String(o === li));
      };
      li.addEventListener('click', pick);
      li.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); pick(); } });
      return li;
    };
    let asked = 0;
    const load = async () => {
      const n = ++asked;
      try {
        const r = await casesApi.assignees(id, search.value.trim() || undefined);
        if (n !== asked) return;
        if (chosen && !r.items.some((p) => p.username === chosen)) chosen = null;
        list.replaceChildren(...(r.items.length ? r.items.map(option) : [h('li', { class: 'cases-note' }, s.noAssignees)]));
      } catch (e) {
        if (n === asked) list.replaceChildren(h('li', { class: 'cases-note' }, (e as Error).message));
      }
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    search.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => void load(), 200); });
    void load();
    return { root: h('div', { class: 'assignee-picker' }, h('label', { for: 'case-assignee' }, s.assignee), search, list), chosen: () => chosen };
  }

  private async renderDetail(): Promise<void> {
    const s = this.s;
    const id = this.openId!;
    let c: CaseDetail;
    try {
      c = await casesApi.get(id);
    } catch (e) {
      this.body.replaceChildren(h('div', { class: 'cases-note' }, (e as Error).message));
      return;
    }
    if (this.openId !== id) return;
    const zh = this.store.state.lang !== 'en';
    const names = caseNames(c, zh ? 'zh' : 'en');
    const back = h('button', { type: 'button', id: 'case-back' }, `‹ ${s.back}`);
    back.addEventListener('click', () => { this.openId = null; void this.renderList(); });
    const note = h('textarea', { id: 'case-note', placeholder: s.note, rows: 2 });
    const picker = c.actions.includes('dispatch') ? this.assigneePicker(id) : null;
    const msg = h('div', { id: 'case-message', role: 'status' });
    const buttons = c.actions.map((a) => {
      const b = h('button', { type: 'button', class: `case-action case-action-${a}`, 'data-action': a }, zh ? HISTORY_ACTION_NAMES[a].zh : HISTORY_ACTION_NAMES[a].en);
      b.addEventListener('click', async () => {
        msg.textContent = '';
        const assignee = a === 'dispatch' ? picker?.chosen() ?? null : null;
        if (a === 'dispatch' && !assignee) { msg.textContent = s.pickFirst; return; }
        try {
          await casesApi.move(id, { action: a as CaseAction, note: note.value.trim() || undefined, assignee: assignee ?? undefined });
          await this.renderDetail();
        } catch (e) {
          msg.textContent = (e as Error).message;
        }
      });
      return b;
    });
    const timeline = h('ol', { class: 'case-timeline', id: 'case-history' }, ...c.history.map((e) => h('li', {},
      h('div', { class: 'tl-head' }, h('strong', {}, zh ? e.actionZh : HISTORY_ACTION_NAMES[e.action as keyof typeof HISTORY_ACTION_NAMES]?.en ?? e.action), ` ${local(e.at)}`),
      h('div', { class: 'tl-meta' }, [e.actor.name, e.assignee && e.action === 'dispatch' ? `→ ${e.assigneeName ?? e.assignee}` : null, e.fromLevel && e.fromLevel !== e.toLevel ? `${e.fromLevel} → ${e.toLevel}` : null].filter(Boolean).join(' · ')),
      e.note ? h('div', { class: 'tl-note' }, e.note) : null)));
    const photos = h('div', { class: 'case-photos' }, ...c.photos.map((p) => h('a', { href: `/api/cases/${id}/photos/${p.id}`, target: '_blank', rel: 'noopener' }, h('img', { src: `/api/cases/${id}/photos/${p.id}`, alt: '现场照片', loading: 'lazy' }))));
    this.body.replaceChildren(
      h('div', { class: 'cases-head' }, back, h('button', { type: 'button', class: 'cases-x', 'aria-label': s.close }, '×')),
      h('div', { class: 'case-card', id: 'case-detail', 'data-case': id, 'data-status': c.status },
        h('div', { class: 'case-row-top' }, h('span', { class: 'case-status', style: `background:${STATUS_COLOURS[c.status]}` }, zh ? c.statusZh : CASE_STATUS_NAMES[c.status].en),
          c.overdue ? h('span', { class: 'case-tag overdue' }, s.overdueTag) : null, c.supervised ? h('span', { class: 'case-tag' }, s.supervisedTag) : null, h('span', { class: 'case-cat' }, `${names.category} · #${c.id}`)),
        h('h3', {}, c.title ?? '—'),
        h('dl', {}, h('dt', {}, s.where), h('dd', {}, [c.townshipName, c.villageName, c.gridName].filter(Boolean).join(' · ') + (c.address ? `（${localAddress(c.address, this.jurisdictionName)}）` : '')),
          h('dt', {}, s.due), h('dd', { id: 'case-due' }, local(c.dueAt), ' ', this.deadline(c)), h('dt', {}, s.level), h('dd', { id: 'case-level' }, names.level + (c.assignee ? ` · → ${c.assigneeName ?? c.assignee}` : ''))),
        photos,
        c.actions.length ? h('div', { class: 'case-actions' }, picker?.root ?? null, note, h('div', { class: 'case-buttons' }, ...buttons), msg) : null,
        h('h4', {}, s.history), timeline));
    this.body.querySelector('.cases-x')!.addEventListener('click', () => this.setVisible(false));
    this.map.easeTo({ center: [c.lon, c.lat], zoom: Math.max(this.map.getZoom(), 14), duration: 500 });
  }

  private async loadPoints(): Promise<void> {
    try {
      const p = await casesApi.points({ ...this.filterParams(), status: this.query.status, overdue: this.query.overdue, queue: this.query.queue });
      const features = p.ids.map((id, i) => ({ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [p.lon[i], p.lat[i]] }, properties: { id, status: p.statuses[p.status[i]], overdue: p.overdue[i] } }));
      this.ensureLayers();
      (this.map.getSource(SRC) as GeoJSONSource | undefined)?.setData({ type: 'FeatureCollection', features });
    } catch {
      // the list says why (sign in, error); the map simply has no case points
    }
  }

  private ensureLayers(): void {
    if (this.mapReady || !this.map.isStyleLoaded()) return;
    this.map.addSource(SRC, { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, cluster: true, clusterMaxZoom: 13, clusterRadius: 40 });
    this.map.addLayer({ id: 'case-clusters', type: 'circle', source: SRC, filter: ['has', 'point_count'], paint: { 'circle-color': '#0b3d6e', 'circle-opacity': 0.75, 'circle-radius': ['step', ['get', 'point_count'], 12, 50, 16, 500, 22], 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5 } });
    this.map.addLayer({ id: 'case-cluster-count', type: 'symbol', source: SRC, filter: ['has', 'point_count'], layout: { 'text-field': ['get', 'point_count_abbreviated'], 'text-size': 11, 'text-font': ['Noto Sans Regular'] }, paint: { 'text-color': '#fff' } });
    this.map.addLayer({ id: 'case-point', type: 'circle', source: SRC, filter: ['!', ['has', 'point_count']], paint: {
      'circle-radius': 7, 'circle-stroke-color': ['case', ['==', ['get', 'overdue'], 1], '#b3261e', '#fff'], 'circle-stroke-width': ['case', ['==', ['get', 'overdue'], 1], 3, 1.5],
      'circle-color': ['match', ['get', 'status'], ...Object.entries(STATUS_COLOURS).flat(), '#888'] as never } });
    this.map.on('click', 'case-point', (e) => { const id = e.features?.[0]?.properties?.id; if (id) void this.openCase(Number(id)); });
    this.map.on('click', 'case-clusters', (e: MapMouseEvent) => this.map.easeTo({ center: e.lngLat, zoom: this.map.getZoom() + 2 }));
    this.mapReady = true;
  }
}

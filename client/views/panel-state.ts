// The one way a panel says it has nothing to show, and why: nothing in the database yet, no category
// selected, a filter that matches nothing, still loading, or a failed request (with the server's reason).
// Every panel uses it instead of leaving its previous content on screen (stale) or going blank.
import type { Lang } from '../i18n';
import { h } from './dom';

export type PanelStateKind = 'no-data' | 'no-categories' | 'no-match' | 'loading' | 'error';

const TEXT: Record<Lang, Record<PanelStateKind, string>> = {
  zh: {
    'no-data': '尚无数据: 请先导入',
    'no-categories': '未选择事件类别: 在左侧“事件类别”中勾选',
    'no-match': '当前条件下没有事件: 放宽时间范围、类别或辖区',
    loading: '加载中…',
    error: '加载失败',
  },
  en: {
    'no-data': 'No data yet: import some first',
    'no-categories': 'No category selected: tick some under “Categories”',
    'no-match': 'Nothing matches the current filter: widen the dates, categories or area',
    loading: 'Loading…',
    error: 'Could not load',
  },
};

export function panelStateText(lang: Lang, kind: PanelStateKind): string {
  return TEXT[lang][kind];
}

/** `detail`: the server's reason for an error, or a panel's own wording of the empty case. */
export function panelState(lang: Lang, kind: PanelStateKind, detail?: string | null): HTMLElement {
  const text = kind === 'error' && detail ? `${TEXT[lang].error}: ${detail}` : (detail ?? TEXT[lang][kind]);
  return h('div', { class: `panel-state panel-state-${kind}`, 'data-state': kind, role: kind === 'error' ? 'alert' : 'status' }, text);
}

export interface Loadable<T> { data: T | null; loading: boolean; error: string | null }

/**
 * The state a panel of loaded data shows instead of its content, or null to show the content: no category
 * selected (whatever data is held: it answers an older filter), an error or a first load with nothing to
 * show yet, or data that holds nothing (`isEmpty`). While a newer request is in flight the old content
 * stays, marked stale by the caller.
 */
export function loadableState<T>(lang: Lang, r: Loadable<T>, o: { noCategories: boolean; isEmpty(data: T): boolean }): HTMLElement | null {
  if (o.noCategories) return panelState(lang, 'no-categories');
  if (r.error && !r.loading) return panelState(lang, 'error', r.error);
  if (!r.data) return panelState(lang, 'loading');
  if (!r.loading && o.isEmpty(r.data)) return panelState(lang, 'no-match');
  return null;
}

/** Old content kept while newer data loads: dimmed and marked busy, so nobody reads it as current. */
export function markStale(el: HTMLElement, stale: boolean): void {
  el.classList.toggle('stale', stale);
  if (stale) el.setAttribute('aria-busy', 'true');
  else el.removeAttribute('aria-busy');
}

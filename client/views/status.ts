// Loading indicator, empty state and error banner over the map.

import { t, type Lang } from '../i18n';

export function showLoading(loading: boolean): void {
  document.getElementById('loading')!.hidden = !loading;
}

export function renderStatus(lang: Lang, status: { empty: boolean; error: string | null }): void {
  const empty = document.getElementById('empty')!;
  empty.hidden = !status.empty;
  empty.textContent = t(lang, 'empty');
  const error = document.getElementById('error')!;
  error.hidden = status.error === null;
  error.textContent = status.error === null ? '' : `${t(lang, 'errorPrefix')}${status.error}`;
}

// The ledger section of the coverage panel: the export link, the double-coverage option and the tables of
// the current scenario's ledger (or its loading state, or the last error).
import type { Lang } from '../../i18n';
import { h } from '../dom';
import type { Ledger } from './coverage-api';
import { ct } from './coverage-i18n';
import { ledgerTables } from './coverage-panel';
import { panelState } from '../panel-state';

export interface LedgerModel {
  ledger: Ledger | null;
  /** raised with every ledger that arrives (tests wait on data-version) */
  version: number;
  ledgerMs: number;
  error: string | null;
  double: boolean;
  csvHref: string;
  /** the jurisdiction's cameras (online, offline): an empty ledger still says what was imported */
  cameras: { online: number; offline: number };
}

export interface LedgerActions {
  setDouble(on: boolean): void;
  drillInto(code: string): void;
}

/** What the section shows depends on nothing else: re-render when this changes. */
export const ledgerKey = (lang: Lang, m: LedgerModel) => [lang, m.version, m.ledger ? 1 : 0, m.error, m.double, m.csvHref, m.cameras.online, m.cameras.offline].join('|');

export function ledgerSection(lang: Lang, m: LedgerModel, actions: LedgerActions): HTMLElement {
  const double = h('input', { type: 'checkbox', id: 'cov-double', checked: m.double });
  double.addEventListener('change', () => actions.setDouble(double.checked));
  const csv = h('a', { class: 'link-button', id: 'cov-export-ledger', href: `${m.csvHref}&lang=${lang}`, download: lang === 'zh' ? '监控覆盖台账.csv' : 'coverage-ledger.csv' }, ct(lang, 'exportCsv'));
  const l = m.ledger;
  const nothing = l !== null && l.categories.every((c) => c.sites === 0) && l.roads.every((r) => r.lengthM === 0);
  const body = !l
    ? [m.error ? panelState(lang, 'error', m.error) : withId(panelState(lang, 'loading', ct(lang, 'loadingLedger')), 'cov-loading')]
    : nothing
      ? [withId(panelState(lang, 'no-data', ct(lang, 'ledgerEmpty', { online: m.cameras.online, offline: m.cameras.offline })), 'cov-empty')]
      : ledgerTables(lang, l, actions.drillInto);
  return h(
    'section',
    { class: 'panel-section', id: 'cov-ledger', 'data-version': String(m.version) },
    h('h2', {}, ct(lang, 'ledger'), ' ', csv),
    h('div', { class: 'cov-note' }, ct(lang, 'ledgerNote'), m.ledger ? ` · ${ct(lang, 'ledgerMs', { ms: Math.round(m.ledgerMs) })}` : ''),
    h('label', { class: 'layer-toggle' }, double, ct(lang, 'doubleFace')),
    ...(m.error && l ? [h('div', { class: 'cov-error', role: 'alert' }, m.error)] : []),
    ...body,
  );
}

function withId(el: HTMLElement, id: string): HTMLElement {
  el.id = id;
  return el;
}

// Header: title, the three role tabs and the language toggle. The tabs are static in index.html
// (stable ids for tests); this view only wires them and keeps their text and state in sync.

import { t } from '../i18n';
import { TAB_LAYERS, TABS, type AppState, type Store, type Tab } from '../state';
import { ImportModal } from './import/import-modal';
import type { ImportTarget } from './import/import-api';
import { importStrings } from './import/import-i18n';
import { startLiveReports } from './import/live-reports';
import { CATEGORY_INFO } from '../../shared/domain/categories';

export class HeaderView {
  /** `county`: the jurisdiction's name from /api/meta (the title names it). */
  constructor(
    private readonly store: Store,
    private readonly county: string,
  ) {
    for (const tab of TABS) {
      document.getElementById(`tab-${tab}`)!.addEventListener('click', () => {
        // A tab is a role's starting view: it resets the layer toggles to that role's set.
        if (this.store.state.tab !== tab) this.store.update({ tab, layers: { ...TAB_LAYERS[tab] } });
      });
    }
    startLiveReports(this.store);
    document.getElementById('import-open')!.addEventListener('click', () => this.openImport());
    document.getElementById('lang')!.addEventListener('click', () => {
      this.store.update({ lang: this.store.state.lang === 'zh' ? 'en' : 'zh' });
    });
  }

  private importModal: ImportModal | null = null;

  /** The import dialog, on `target` when given (the first-run screen's next steps: ?import=township…). */
  openImport(target?: ImportTarget): void {
    (this.importModal ??= new ImportModal(this.store, { ...CATEGORY_INFO })).open(target);
  }

  render(state: AppState): void {
    const { lang } = state;
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t(lang, 'title', { county: this.county });
    document.getElementById('title')!.textContent = t(lang, 'title', { county: this.county });
    document.getElementById('lang')!.textContent = t(lang, 'langToggle');
    document.getElementById('loading')!.textContent = t(lang, 'loading');
    document.getElementById('import-open')!.textContent = importStrings(lang).open;
    for (const tab of TABS) {
      const button = document.getElementById(`tab-${tab}`)!;
      button.textContent = t(lang, `tab.${tab}` as `tab.${Tab}`);
      button.setAttribute('aria-selected', String(tab === state.tab));
      button.classList.toggle('active', tab === state.tab);
    }
  }
}

// The township / village ranking over the map's lower right (the panel is too narrow for a table): its title
// (with the playback frame's days while one is shown), the fold toggle (folded at first below 1600 × 900, where the
// open table would cover the county's south-east), the empty and loading states and the sortable table.

import type { Lang } from '../../i18n';
import { h } from '../dom';
import { noIncidentsNotice } from '../kpis';
import { loadableState, markStale } from '../panel-state';
import type { Ranking } from './hotspots-api';
import { renderRanking, type SortState } from './ranking';
import type { Resource } from './resource';

export class RankingDock {
  readonly el: HTMLElement;
  private readonly title: HTMLElement;
  private readonly box: HTMLElement;
  private sort: SortState = { key: 'total', desc: true };

  constructor(stage: HTMLElement, private readonly rerender: () => void, private readonly drill: (code: string) => void) {
    this.title = h('h3', { class: 'hs-dock-title' });
    this.box = h('div', { id: 'hotspots-ranking', class: 'hs-ranking-box' });
    const toggle = h('button', { type: 'button', class: 'hs-dock-toggle', id: 'hotspots-dock-toggle' }, '–');
    toggle.addEventListener('click', () => {
      this.el.classList.toggle('collapsed');
      toggle.textContent = this.el.classList.contains('collapsed') ? '+' : '–';
    });
    this.el = h('div', { id: 'hotspots-dock', class: 'hs-dock' }, h('div', { class: 'hs-dock-head' }, this.title, toggle), this.box);
    if (window.innerWidth < 1600 || window.innerHeight < 900) this.el.classList.add('collapsed'), (toggle.textContent = '+');
    stage.append(this.el);
  }

  /** `noData`: the jurisdiction holds no incident at all — say so and offer the import, not "none in this window". */
  render(lang: Lang, title: string, ranking: Resource<Ranking>, o: { noCategories: boolean; noData: boolean; selectedCode: string }): void {
    this.title.textContent = title;
    const state = o.noData ? noIncidentsNotice(lang, 'ranking', 'hs-ranking-empty') : loadableState(lang, ranking, { noCategories: o.noCategories, isEmpty: (r) => r.rows.every((row) => row.total === 0) });
    markStale(this.box, !state && ranking.loading);
    if (state) this.box.replaceChildren(state);
    else renderRanking(this.box, lang, ranking.data, this.sort, o.selectedCode, {
      sort: (key) => {
        this.sort = { key, desc: this.sort.key === key ? !this.sort.desc : key !== 'name' };
        this.rerender();
      },
      drill: this.drill,
    });
  }
}

// What the leaders' view asks the server for, and the status line that says how it is going. Data is fetched
// only while the tab is active and only when a request's parameters changed (Resource keys); the KPI-side
// answers (matrix, ranking) follow a playback frame's days, the analyses (Gi*, emerging, change) the filters'.

import type { Lang } from '../../i18n';
import { shownFilter, type AppState } from '../../state';
import { ht } from './hotspots-i18n';
import type { HotspotsView } from './hotspots-view';

export function ensureHotspotsData(view: HotspotsView, state: AppState): void {
  const f = state.filter;
  const shown = shownFilter(state); // a playback frame's days, else the filters'
  if (f.categories.length === 0) return;
  const fk = JSON.stringify([f.from, f.to, f.categories, f.code]);
  view.matrix.ensure(JSON.stringify([shown.from, shown.to, f.categories, f.code]), (s) => view.api.matrix(shown, s));
  const rq = view.rankingQuery(shown);
  view.ranking.ensure(JSON.stringify([rq.level, rq.filter]), (s) => (state.playback ? view.playbackView.ranking(rq.filter, rq.level) : view.api.ranking(rq.filter, rq.level, s)));
  view.supervision.ensure(JSON.stringify([rq.level, rq.filter]), (s) => view.api.supervision(rq.filter, rq.level === 'county' ? 'township' : rq.level, s));
  if (view.mode === 'gistar' || (view.mode === 'density' && view.surface === 'h3')) {
    const { unit, res } = view.gistarUnit(state);
    if (unit !== 'h3') view.geometryOf(unit);
    view.gistar.ensure(JSON.stringify([fk, unit, res]), (s) => view.api.gistar(f, unit, res, undefined, s));
  }
  if (view.mode === 'emerging') {
    const { unit, res } = view.emergingUnit();
    if (unit === 'grid') view.geometryOf('grid');
    view.emerging.ensure(JSON.stringify([fk, unit, res, view.emergingStep]), (s) => view.api.emerging(f, unit, res, view.emergingStep, s));
  }
  if (view.mode === 'change') {
    view.geometryOf(state.level);
    view.change.ensure(JSON.stringify([fk, state.level]), (s) => view.api.change(f, state.level, s));
  }
  view.playbackView.ensureData(state, (level) => view.geometryOf(level));
  if (state.filter.code.length >= 15) view.geometryOf('grid'); // the breadcrumb names the grid
}

export function hotspotsStatus(view: HotspotsView, lang: Lang, state: AppState): { text: string; tone: 'info' | 'error' | 'empty' } | null {
  if (state.filter.categories.length === 0) return { text: ht(lang, 'empty'), tone: 'empty' };
  const active = view.playback.active ? view.playbackView.frames
    : view.mode === 'gistar' || (view.mode === 'density' && view.surface === 'h3') ? view.gistar
    : view.mode === 'emerging' ? view.emerging
    : view.mode === 'change' ? view.change
    : null;
  if (!active) return null;
  if (active.error) return { text: active.error, tone: 'error' };
  if (active.loading) return { text: ht(lang, 'loading'), tone: 'info' };
  if (active === view.gistar && view.gistar.data) {
    const g = view.gistar.data;
    if (g.cells.every((c) => c.count === 0)) return { text: ht(lang, 'empty'), tone: 'empty' };
    if (view.mode === 'gistar' && g.cells.every((c) => c.class === 0)) return { text: ht(lang, 'noneSignificant'), tone: 'empty' };
  }
  if (active === view.emerging && view.emerging.data && view.emerging.data.cells.length === 0) return { text: ht(lang, 'noPattern'), tone: 'empty' };
  return null;
}

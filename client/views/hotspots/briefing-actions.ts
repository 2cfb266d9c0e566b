// The two briefing actions of the panel: "导出PNG" (the map with title and legend as a PNG download)
// and "打印简报" (the printable one-page summary). Both describe the current selection in their title.

import type { Bbox } from '../../api';
import { label } from '../../i18n';
import { jurisdictionBbox } from '../../map/bbox';
import { breadcrumb } from './drill';
import { ht } from './hotspots-i18n';
import type { HotspotsView } from './hotspots-view';
import { composeMapImage, downloadCanvas } from './map-image';
import { openBriefingShell } from './briefing';

function describe(view: HotspotsView): { title: string; windowLine: string; area: string } {
  const { store, meta, regions } = view.ctx;
  const { lang, filter } = store.state;
  const crumbs = breadcrumb(filter.code, regions, (c) => view.unitName(c));
  const area = crumbs.map((c) => c.name).join(' › ');
  const cats = filter.categories.length === meta.categories.length
    ? ht(lang, 'brief.allCats')
    : meta.categories.filter((c) => filter.categories.includes(c.id)).map((c) => label(lang, c)).join('、');
  return {
    title: ht(lang, 'brief.title', { county: crumbs[0].name }),
    windowLine: ht(lang, 'brief.window', { from: filter.from, to: filter.to, cats, area }),
    area,
  };
}

/** The box of the jurisdiction in the filter (the county's, when its outline is not loaded). */
function jurisdictionBox(view: HotspotsView): Bbox {
  const { meta, store } = view.ctx;
  const code = store.state.filter.code;
  if (code === meta.county.code) return meta.county.bbox;
  for (const level of ['grid', 'village', 'township'] as const) {
    const g = view.geometry[level];
    const box = g && jurisdictionBbox(g, code);
    if (box) return box;
  }
  return meta.county.bbox;
}

export async function exportPng(view: HotspotsView): Promise<void> {
  const { map, store } = view.ctx;
  const d = describe(view);
  const mode = ht(store.state.lang, `mode.${view.mode}`);
  const canvas = await composeMapImage(map.map, `${d.title} · ${mode}`, d.windowLine, document.getElementById('legend'));
  const { filter } = store.state;
  downloadCanvas(canvas, `热点研判_${filter.code}_${filter.from}_${filter.to}.png`);
}

export async function openBriefing(view: HotspotsView): Promise<void> {
  const { map, store } = view.ctx;
  const state = store.state;
  const { lang, filter } = state;
  view.ctx.setBusy('hotspots-briefing', true);
  const shell = openBriefingShell(lang, () => undefined);
  try {
    const d = describe(view);
    const rq = view.rankingQuery(filter);
    view.geometryOf('grid');
    const none = <T>(p: Promise<T>) => p.catch(() => null);
    // The map as it is now (whatever mode), plus the numbers the page needs, fetched for the same filter.
    const [image, summary, gistar, emerging, ranking, supervision] = await Promise.all([
      // The whole jurisdiction whatever the zoom on screen (the view is put back afterwards).
      map.atBbox(jurisdictionBox(view), () => composeMapImage(map.map, `${d.title} · ${ht(lang, `mode.${view.mode}`)}`, d.windowLine, document.getElementById('legend'))).then((c) => c.toDataURL('image/png')).catch(() => null),
      none(view.api.summary(filter)),
      none(view.api.gistar(filter, 'grid', undefined, undefined)),
      none(view.api.emerging(filter, 'grid', undefined, 'week')),
      none(view.api.ranking(rq.filter, rq.level)),
      none(view.api.supervision(rq.filter, rq.level === 'county' ? 'township' : rq.level)), // supervision goes down from townships
    ]);
    await view.ctx.geometry('grid').then((g) => (view.geometry.grid = g)).catch(() => null);
    shell.fill({
      lang,
      title: d.title,
      windowLine: d.windowLine,
      mapImage: image,
      summary,
      gistar,
      emerging,
      ranking,
      supervision,
      placeName: (code) => view.placeName(code),
      issuer: ht(lang, 'brief.issuer', { county: view.ctx.meta.county.name }),
    });
  } finally {
    view.ctx.setBusy('hotspots-briefing', false);
  }
}

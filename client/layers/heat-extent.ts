// Which part of the jurisdiction the heat cells are asked for. Up to zoom band 10 the whole jurisdiction: a few
// thousand cells, and the legend's top is the jurisdiction's busiest cell wherever the map is panned. From band 12
// on, the cells of the whole county are tens of thousands (a year of the 1M-incident bench county at band 12:
// ~39,000 cells, 456 KB, the dearest request of a command centre under load, `npm run bench:load -- --tail`),
// while a street-level view shows a few percent of them: the view is asked for, padded and snapped (below).

/** [west, south, east, north] in degrees. */
export type Box = readonly [number, number, number, number];

/** The first zoom band (heatZoomFor) whose heat is asked for the view rather than the whole jurisdiction. */
export const VIEW_HEAT_ZOOM = 12;

/**
 * The box to ask heat for at a zoom band, for the view on screen; null below VIEW_HEAT_ZOOM (the whole
 * jurisdiction). The view is padded by a quarter of its size on each side — more than the heat kernel's 28 px
 * radius, so the view's edge is drawn from every cell that reaches it, and a small pan needs no new request —
 * then widened to a lattice of 360 / 2^(band + 1) degrees (0.044° at band 12, a view's width at zoom 14 in
 * 1366 px): nearby views of different desks ask for the same box and share the server's cached answer.
 */
export function heatBoxFor(band: number, view: Box): Box | null {
  if (band < VIEW_HEAT_ZOOM) return null;
  const step = 360 / 2 ** (band + 1);
  const [w, s, e, n] = view;
  const padX = (e - w) / 4, padY = (n - s) / 4;
  const down = (v: number) => Math.floor(v / step) * step, up = (v: number) => Math.ceil(v / step) * step;
  // rounded to 1e-6° so the URL is short and the same box is the same text
  const r = (v: number) => Math.round(v * 1e6) / 1e6;
  return [r(Math.max(-180, down(w - padX))), r(Math.max(-90, down(s - padY))), r(Math.min(180, up(e + padX))), r(Math.min(90, up(n + padY)))];
}

/** What the heat on screen was asked for: the zoom band and the box (null: the whole jurisdiction). */
export interface HeatAsked { band: number; box: Box | null }

/** What to ask heat for at a zoom band (heat-layer.ts heatZoomFor of the map's zoom) and view. */
export const heatAskFor = (band: number, view: Box): HeatAsked => ({ band, box: heatBoxFor(band, view) });

/** Whether the heat asked for still serves the view at `band`: the same band, and the view inside the box. */
export function heatServes(asked: HeatAsked, band: number, view: Box): boolean {
  if (asked.band !== band) return false;
  if (!asked.box) return band < VIEW_HEAT_ZOOM;
  const b = asked.box;
  return view[0] >= b[0] && view[1] >= b[1] && view[2] <= b[2] && view[3] <= b[3];
}

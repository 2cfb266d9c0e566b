// The deck.gl layers of the leaders' view, from the view's loaded data: hexagon density, Gi*
// classes (areas or H3), emerging-hotspot patterns, and the change map (a playback frame is drawn by
// the base heat and choropleth, on the scale the view holds fixed). Each is
// built every render as a cheap descriptor over data arrays that keep their identity; `version`
// strings (the data's request key) tell deck.gl when colours must be recomputed.

import type { Layer } from '@deck.gl/core';
import type { AreaLevel } from '../../api';
import { classColour } from '../../layers/colour-scale';
import { createH3Layer } from '../../layers/h3-layer';
import { createGistarLayer } from '../../layers/gistar-layer';
import { createEmergingLayer } from '../../layers/emerging-layer';
import { createChangeLayer } from '../../layers/change-layer';
import type { AppState } from '../../state';
import type { GistarCell } from './hotspots-api';
import type { HotspotsView } from './hotspots-view';

export const DENSITY_H3_LAYER_ID = 'hotspots-density-h3';

export function hotspotsLayers(view: HotspotsView, state: AppState): Layer[] {
  const on = state.tab === view.tab;
  const beforeId = view.ctx.labelLayerId();
  const code = state.filter.code;
  const layers: Layer[] = [];
  const g = view.gistar.data;
  if (g) {
    const showGistar = on && view.mode === 'gistar';
    const showHexDensity = on && view.mode === 'density' && view.surface === 'h3' && g.unit === 'h3';
    if (g.unit === 'h3') {
      const breaks = view.densityH3Breaks();
      layers.push(createH3Layer<GistarCell>({
        id: DENSITY_H3_LAYER_ID,
        cells: g.cells,
        fillOf: (c) => [...classColour(breaks, c.count), c.count > 0 ? 200 : 30],
        version: view.gistar.dataKey ?? '',
        visible: showHexDensity,
        beforeId,
      }));
    }
    layers.push(createGistarLayer({
      cells: g.cells,
      geometry: g.unit === 'h3' ? null : view.geometry[g.unit] ?? null,
      h3: g.unit === 'h3',
      version: `${view.gistar.dataKey}|${g.unit !== 'h3' && view.geometry[g.unit] ? 1 : 0}`,
      code,
      visible: showGistar,
      beforeId,
    }) as Layer);
  }
  const e = view.emerging.data;
  if (e) {
    layers.push(createEmergingLayer({
      cells: e.cells,
      geometry: e.unit === 'grid' ? view.geometry.grid ?? null : null,
      h3: e.unit === 'h3',
      version: `${view.emerging.dataKey}|${view.geometry.grid ? 1 : 0}`,
      code,
      selected: view.selectedCell,
      visible: on && view.mode === 'emerging',
      beforeId,
    }) as Layer);
  }
  const c = view.change.data;
  if (c) {
    const level = (JSON.parse(view.change.dataKey ?? '[]') as unknown[])[1] as AreaLevel | undefined;
    layers.push(createChangeLayer({
      units: c.units,
      geometry: level ? view.geometry[level] ?? null : null,
      version: `${view.change.dataKey}|${level && view.geometry[level] ? 1 : 0}`,
      code,
      visible: on && view.mode === 'change',
      beforeId,
    }));
  }
  return layers;
}

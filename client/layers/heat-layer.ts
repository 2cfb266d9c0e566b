// Incident heat: kernel density of the server's pre-binned cells, weighted by each cell's count
// (the server bins by zoom so the browser never holds raw incident rows).

import { HeatmapLayer } from '@deck.gl/aggregation-layers';
import type { HeatPoint } from '../api';
import { HEAT_RAMP } from './colour-scale';

export const HEAT_LAYER_ID = 'incident-heat';

/** How long the camera must rest before the heat is re-aggregated for the new view. */
export const HEAT_DEBOUNCE_MS = 300;

/**
 * The zoom the heat cells are asked for: the map's zoom held to bands of two levels, so the cell (a fixed
 * size in metres per band, not a number of screen pixels) and therefore the legend's numbers do not change
 * with the window: the county fitted into 1366 or 1920 pixels lands in the same band. Cells are 4–16 px wide
 * within a band, fine under the kernel's 28 px radius.
 */
export function heatZoomFor(mapZoom: number): number {
  return Math.max(0, 2 * Math.floor(mapZoom / 2));
}

export interface HeatLayerInput {
  points: HeatPoint[];
  visible: boolean;
  /** Map layer id to draw beneath, so basemap labels stay readable above the heat. */
  beforeId?: string;
}

export function createHeatLayer({ points, visible, beforeId }: HeatLayerInput): HeatmapLayer<HeatPoint> {
  return new HeatmapLayer<HeatPoint>({
    id: HEAT_LAYER_ID,
    data: points,
    visible,
    getPosition: (d) => [d[0], d[1]],
    getWeight: (d) => d[2],
    colorRange: HEAT_RAMP,
    radiusPixels: 28,
    intensity: 1,
    // The county seat holds far more incidents than any village; a low threshold keeps the rural
    // hotspots (a few incidents per cell) visible instead of fading them out with the default 5%.
    threshold: 0.015,
    aggregation: 'SUM',
    debounceTimeout: HEAT_DEBOUNCE_MS,
    opacity: 0.85,
    pickable: false,
    ...(beforeId ? { beforeId } : {}),
  });
}

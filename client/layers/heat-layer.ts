// Incident heat: kernel density of the server's pre-binned cells, weighted by each cell's count
// (the server bins by zoom so the browser never holds raw incident rows).

import { HeatmapLayer } from '@deck.gl/aggregation-layers';
import type { HeatPoint } from '../api';
import { HEAT_RAMP } from './colour-scale';

export const HEAT_LAYER_ID = 'incident-heat';

/** How long the camera must rest before the heat is re-aggregated for the new view. */
export const HEAT_DEBOUNCE_MS = 300;

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

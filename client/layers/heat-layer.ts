// Incident heat: kernel density of the server's pre-binned cells, weighted by each cell's count
// (the server bins by zoom so the browser never holds raw incident rows). The cells arrive as binary columns
// (shared/geo/heat-columns.ts) and go to deck.gl as binary attributes: no object per cell, no accessor calls.

import { HeatmapLayer } from '@deck.gl/aggregation-layers';
import type { Heat } from '../api';
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
  cells: Heat | null;
  visible: boolean;
  /** Map layer id to draw beneath, so basemap labels stay readable above the heat. */
  beforeId?: string;
  /** Below 1 the whole surface is drawn dimmer: a playback frame against the busiest frame (a fixed scale). */
  intensity?: number;
}

interface BinaryCells { length: number; attributes: { getPosition: { value: Float32Array; size: 2 }; getWeight: { value: Float32Array; size: 1 } } }
const NO_CELLS: BinaryCells = { length: 0, attributes: { getPosition: { value: new Float32Array(0), size: 2 }, getWeight: { value: new Float32Array(0), size: 1 } } };
const dataOf = new WeakMap<Heat, BinaryCells>();
/** One data object per answer: deck.gl compares `data` by reference, and a new object on every render would
 * make it upload and re-aggregate the cells each time the layers are rebuilt (any state change). */
function binaryData(cells: Heat | null): BinaryCells {
  if (!cells) return NO_CELLS;
  let data = dataOf.get(cells);
  if (!data) dataOf.set(cells, (data = { length: cells.count, attributes: { getPosition: { value: cells.positions, size: 2 }, getWeight: { value: cells.weights, size: 1 } } }));
  return data;
}

export function createHeatLayer({ cells, visible, beforeId, intensity = 1 }: HeatLayerInput): HeatmapLayer {
  return new HeatmapLayer({
    id: HEAT_LAYER_ID,
    data: binaryData(cells),
    visible,
    colorRange: HEAT_RAMP,
    radiusPixels: 28,
    intensity,
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

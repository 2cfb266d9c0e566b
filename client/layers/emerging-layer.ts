// Emerging-hotspot patterns (ArcGIS Emerging Hot Spot Analysis categories), one categorical colour
// per pattern: reds for hot patterns from the most urgent (new, intensifying) to the fading ones,
// blues mirrored for cold, and a distinct hue for oscillating so "flip-flopping" stands out.

import type { AreaCollection } from '../api';
import type { EmergingCell, EmergingPattern } from '../views/hotspots/hotspots-api';
import { createAreaClassLayer, type Rgba } from './area-class-layer';
import { hexToRgb } from './gistar-layer';
import { createH3Layer } from './h3-layer';

export const EMERGING_LAYER_ID = 'hotspots-emerging';

export const PATTERN_COLOURS: Record<EmergingPattern, string> = {
  new_hot: '#7f0000',
  consecutive_hot: '#b30000',
  intensifying_hot: '#e31a1c',
  persistent_hot: '#fc4e2a',
  diminishing_hot: '#fd8d3c',
  sporadic_hot: '#fecc5c',
  oscillating_hot: '#c51b7d',
  historical_hot: '#c9a27e',
  new_cold: '#08306b',
  consecutive_cold: '#08519c',
  intensifying_cold: '#2171b5',
  persistent_cold: '#4292c6',
  diminishing_cold: '#6baed6',
  sporadic_cold: '#9ecae1',
  oscillating_cold: '#762a83',
  historical_cold: '#a6bddb',
  none: '#f0f0f0',
};

export function patternFill(pattern: EmergingPattern): Rgba {
  return [...hexToRgb(PATTERN_COLOURS[pattern]), pattern === 'none' ? 0 : 220];
}

export interface EmergingLayerInput {
  cells: EmergingCell[];
  geometry: AreaCollection | null;
  h3: boolean;
  version: string | number;
  code: string;
  /** The cell whose explanation is open: drawn with a thick outline. */
  selected: string | null;
  visible: boolean;
  beforeId?: string;
}

export function createEmergingLayer(input: EmergingLayerInput) {
  const { cells, geometry, h3, version, code, selected, visible, beforeId } = input;
  const key = `${version}|${selected}`;
  if (h3) {
    return createH3Layer<EmergingCell>({
      id: `${EMERGING_LAYER_ID}-h3`,
      cells,
      fillOf: (c) => patternFill(c.pattern),
      lineOf: (c) => (c.id === selected ? [17, 24, 39, 255] : [255, 255, 255, 110]),
      version: key,
      visible,
      beforeId,
    });
  }
  const byCode = new Map(cells.map((c) => [c.id, c]));
  return createAreaClassLayer({
    id: `${EMERGING_LAYER_ID}-area`,
    geometry,
    fillOf: (c) => {
      const cell = byCode.get(c);
      return cell ? patternFill(cell.pattern) : [0, 0, 0, 0];
    },
    lineOf: (c) => (c === selected ? [17, 24, 39, 255] : [55, 65, 81, 70]),
    lineWidthOf: (c) => (c === selected ? 3 : 0.5),
    version: key,
    code,
    visible,
    beforeId,
  });
}

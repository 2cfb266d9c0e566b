// An H3 hexagon surface: one hexagon per cell id (hex string) coloured by a class the caller
// computes. Used for hexagon densities, Gi* on H3 cells and emerging hotspots on H3 cells; the
// hexagon outlines come from h3-js inside H3HexagonLayer, so the browser never receives polygons.

import { H3HexagonLayer } from '@deck.gl/geo-layers';
import type { Rgba } from './area-class-layer';

export interface H3LayerInput<T extends { id: string }> {
  id: string;
  cells: T[];
  fillOf: (cell: T) => Rgba;
  lineOf?: (cell: T) => Rgba;
  version: string | number;
  visible: boolean;
  beforeId?: string;
}

export function createH3Layer<T extends { id: string }>(input: H3LayerInput<T>): H3HexagonLayer<T> {
  const { id, cells, fillOf, lineOf, version, visible, beforeId } = input;
  return new H3HexagonLayer<T>({
    id,
    data: cells,
    visible,
    getHexagon: (c) => c.id,
    filled: true,
    stroked: true,
    extruded: false,
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 255, 255, 90],
    getFillColor: fillOf,
    getLineColor: (c) => lineOf?.(c) ?? [255, 255, 255, 120],
    lineWidthUnits: 'pixels',
    getLineWidth: 0.5,
    updateTriggers: { getFillColor: [version], getLineColor: [version] },
    ...(beforeId ? { beforeId } : {}),
  });
}

// Getis-Ord Gi* significance classes, drawn on admin areas or on H3 cells. The colours are ArcGIS
// Pro's hot-spot renderer (what analysts already read); "not significant" is near-transparent so
// the basemap shows through, and units with no neighbour (Gi* undefined) get a grey outline rather
// than a colour, because "not tested" must not look like "tested and not significant".

import type { AreaCollection } from '../api';
import type { GistarCell, GistarClass } from '../views/hotspots/hotspots-api';
import { createAreaClassLayer, type Rgba } from './area-class-layer';
import { createH3Layer } from './h3-layer';

export const GISTAR_LAYER_ID = 'hotspots-gistar';

/** Class → colour, hot 99/95/90, none, cold 90/95/99. */
export const GISTAR_COLOURS: Record<GistarClass, string> = {
  3: '#d62f27',
  2: '#ed7551',
  1: '#fab984',
  0: '#f7f7f7',
  [-1]: '#c0ccbe',
  [-2]: '#849eba',
  [-3]: '#4575b5',
};

export const ISOLATED_COLOUR = '#8c8c8c';

/** Legend order, hottest first. */
export const GISTAR_ORDER: GistarClass[] = [3, 2, 1, 0, -1, -2, -3];

export function hexToRgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function gistarFill(cell: GistarCell): Rgba {
  if (cell.isolated) return [...hexToRgb(ISOLATED_COLOUR), 50];
  return [...hexToRgb(GISTAR_COLOURS[cell.class as GistarClass]), cell.class === 0 ? 40 : 215]; // the answer schema bounds class to −3..3
}

export interface GistarLayerInput {
  cells: GistarCell[];
  /** Area outlines of the unit when the unit is an admin level; null for H3 cells. */
  geometry: AreaCollection | null;
  h3: boolean;
  version: string | number;
  code: string;
  visible: boolean;
  beforeId?: string;
}

export function createGistarLayer(input: GistarLayerInput) {
  const { cells, geometry, h3, version, code, visible, beforeId } = input;
  if (h3) {
    return createH3Layer<GistarCell>({
      id: `${GISTAR_LAYER_ID}-h3`,
      cells,
      fillOf: gistarFill,
      lineOf: (c) => (c.isolated ? [...hexToRgb(ISOLATED_COLOUR), 255] : [255, 255, 255, 110]),
      version,
      visible,
      beforeId,
    });
  }
  const byCode = new Map(cells.map((c) => [c.id, c]));
  return createAreaClassLayer({
    id: `${GISTAR_LAYER_ID}-area`,
    geometry,
    fillOf: (c) => {
      const cell = byCode.get(c);
      return cell ? gistarFill(cell) : null;
    },
    lineOf: (c) => (byCode.get(c)?.isolated ? [...hexToRgb(ISOLATED_COLOUR), 255] : [55, 65, 81, 110]),
    lineWidthOf: (c) => (byCode.get(c)?.isolated ? 2 : 0.5),
    version,
    code,
    visible,
    beforeId,
  });
}

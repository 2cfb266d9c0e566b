// Area choropleth / outlines (township, village or grid). Geometry is fetched once per level and
// passed by the same reference every render; only the fill accessor changes with the counts,
// signalled through updateTriggers so deck.gl recomputes colours without re-tessellating polygons.

import { GeoJsonLayer } from '@deck.gl/layers';
import type { AreaCollection, AreaFeature, Rgb } from '../api';
import { withinJurisdiction } from '../map/bbox';
import { classColour, type ClassBreaks } from './colour-scale';

export const GRIDS_LAYER_ID = 'area-grids';

export interface GridsLayerInput {
  geometry: AreaCollection | null;
  counts: Record<string, number>;
  breaks: ClassBreaks;
  /** Bumped whenever `counts` is replaced; drives updateTriggers. */
  countsVersion: number | string;
  /** Jurisdiction code prefix; areas outside it are drawn faint. */
  code: string;
  filled: boolean;
  visible: boolean;
  beforeId?: string;
}

function inside(f: AreaFeature, code: string): boolean {
  return withinJurisdiction(f.properties.code, code);
}

// One shared empty collection, so an unloaded level does not look like new data on every render.
const NO_AREAS: AreaCollection = { type: 'FeatureCollection', features: [] };

const OUTLINE: Rgb = [55, 65, 81];

export function createGridsLayer(input: GridsLayerInput): GeoJsonLayer<AreaFeature['properties']> {
  const { geometry, counts, breaks, countsVersion, code, filled, visible, beforeId } = input;
  return new GeoJsonLayer<AreaFeature['properties']>({
    id: GRIDS_LAYER_ID,
    data: geometry ?? NO_AREAS,
    visible: visible && geometry !== null,
    filled,
    stroked: true,
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 255, 255, 90],
    getFillColor: (f) => {
      const feature = f as AreaFeature;
      if (!inside(feature, code)) return [0, 0, 0, 0];
      const [r, g, b] = classColour(breaks, counts[feature.properties.code] ?? 0);
      return [r, g, b, 190];
    },
    getLineColor: (f) => (inside(f as AreaFeature, code) ? [...OUTLINE, 200] : [...OUTLINE, 50]),
    lineWidthUnits: 'pixels',
    getLineWidth: 1,
    lineWidthMinPixels: 0.5,
    updateTriggers: {
      getFillColor: [countsVersion, code],
      getLineColor: [code],
    },
    ...(beforeId ? { beforeId } : {}),
  });
}

// Areas (township / village / grid polygons) coloured by a class the caller computes per code: the
// Gi* classes, the change-map classes and the playback frames all draw through here. The geometry
// keeps its identity between renders; `version` tells deck.gl when the colour accessors changed.

import { GeoJsonLayer } from '@deck.gl/layers';
import type { AreaCollection, AreaFeature } from '../api';
import { withinJurisdiction } from '../map/bbox';

export type Rgba = [number, number, number, number];

export interface AreaClassLayerInput {
  id: string;
  geometry: AreaCollection | null;
  /** Fill for a unit inside the jurisdiction; null = not drawn. */
  fillOf: (code: string) => Rgba | null;
  /** Outline for a unit inside the jurisdiction (defaults to a thin dark line). */
  lineOf?: (code: string) => Rgba;
  lineWidthOf?: (code: string) => number;
  /** Bumped whenever what fillOf / lineOf return changes. */
  version: string | number;
  /** Jurisdiction code prefix: units outside it are not filled. */
  code: string;
  visible: boolean;
  beforeId?: string;
}

const NO_AREAS: AreaCollection = { type: 'FeatureCollection', features: [] };
const LINE: Rgba = [55, 65, 81, 150];
const FAINT: Rgba = [55, 65, 81, 40];

export function createAreaClassLayer(input: AreaClassLayerInput): GeoJsonLayer<AreaFeature['properties']> {
  const { id, geometry, fillOf, lineOf, lineWidthOf, version, code, visible, beforeId } = input;
  const inside = (f: unknown) => withinJurisdiction((f as AreaFeature).properties.code, code);
  return new GeoJsonLayer<AreaFeature['properties']>({
    id,
    data: geometry ?? NO_AREAS,
    visible: visible && geometry !== null,
    filled: true,
    stroked: true,
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 255, 255, 90],
    getFillColor: (f) => (inside(f) ? fillOf((f as AreaFeature).properties.code) ?? [0, 0, 0, 0] : [0, 0, 0, 0]),
    getLineColor: (f) => (inside(f) ? lineOf?.((f as AreaFeature).properties.code) ?? LINE : FAINT),
    getLineWidth: (f) => (inside(f) ? lineWidthOf?.((f as AreaFeature).properties.code) ?? 1 : 1),
    lineWidthUnits: 'pixels',
    lineWidthMinPixels: 0.5,
    updateTriggers: {
      getFillColor: [version, code],
      getLineColor: [version, code],
      getLineWidth: [version, code],
    },
    ...(beforeId ? { beforeId } : {}),
  });
}

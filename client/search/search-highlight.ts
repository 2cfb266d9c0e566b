// What the search found, on the map: an area's outline drawn thick over everything, a point as a ring. It stays
// until the next search or the box's clear button, so the user can look around it.
import { GeoJsonLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { SearchHit } from './search-api';

export const SEARCH_LAYER_ID = 'search-highlight';
const COLOUR: [number, number, number] = [233, 30, 99];

export function createSearchLayers(hit: SearchHit | null): Layer[] {
  const area = hit?.geometry ? [{ type: 'Feature' as const, geometry: hit.geometry, properties: {} }] : [];
  const point = hit && !hit.geometry ? [hit] : [];
  return [
    new GeoJsonLayer({
      id: `${SEARCH_LAYER_ID}-area`,
      data: { type: 'FeatureCollection', features: area },
      visible: area.length > 0,
      stroked: true,
      filled: true,
      getFillColor: [...COLOUR, 28],
      getLineColor: [...COLOUR, 255],
      getLineWidth: 3,
      lineWidthUnits: 'pixels',
      pickable: false,
    }),
    new ScatterplotLayer<SearchHit>({
      id: `${SEARCH_LAYER_ID}-point`,
      data: point,
      visible: point.length > 0,
      getPosition: (h) => [h.lon, h.lat],
      getRadius: 14,
      radiusUnits: 'pixels',
      stroked: true,
      filled: true,
      getFillColor: [...COLOUR, 60],
      getLineColor: [...COLOUR, 255],
      getLineWidth: 3,
      lineWidthUnits: 'pixels',
      pickable: false,
    }),
  ];
}

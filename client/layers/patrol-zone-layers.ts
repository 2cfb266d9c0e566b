// The dispatchers' area layers: shift risk cells (H3), border patrol zones with their road crossings
// (coloured by camera status), railway / national-road corridors with their key points, and response-time
// isochrones (H3 cells per band). Data arrays are passed through unchanged so deck.gl keeps them.
import type { Place } from '../../shared/geo/place-label';
import { GeoJsonLayer, ScatterplotLayer } from '@deck.gl/layers';
import { H3HexagonLayer } from '@deck.gl/geo-layers';
import type { Layer } from '@deck.gl/core';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { Rgb } from '../api';
import { HEAT_RAMP } from './colour-scale';

export const RISK_LAYER_ID = 'patrol-risk';
export const ZONES_LAYER_ID = 'patrol-zones';
export const CROSSINGS_LAYER_ID = 'patrol-crossings';
export const CORRIDORS_LAYER_ID = 'patrol-corridors';
export const KEYPOINTS_LAYER_ID = 'patrol-keypoints';
export const ISO_LAYER_ID = 'patrol-isochrones';

export const CAMERA_STATUS_COLOURS: Record<'online' | 'offline' | 'none', Rgb> = { online: [0, 158, 115], offline: [140, 140, 140], none: [214, 39, 40] };
export const ZONE_COLOUR: Rgb = [148, 103, 189];
export const CORRIDOR_COLOUR: Rgb = [70, 70, 70];
export const KEYPOINT_COLOURS: Record<'bridge' | 'level_crossing' | 'station', Rgb> = { bridge: [31, 119, 180], level_crossing: [230, 159, 0], station: [11, 61, 145] };
/** Response bands from fast to slow: greens to pale yellow. */
export const ISO_COLOURS: Rgb[] = [
  [0, 104, 55],
  [49, 163, 84],
  [120, 198, 121],
  [217, 240, 163],
  [255, 255, 204],
  [255, 237, 160],
];

/** Ramp position of a risk value on a square-root scale (a few cells dominate; sqrt keeps the rest visible). */
export function riskColour(risk: number, max: number): Rgb {
  const t = max > 0 ? Math.sqrt(Math.min(1, risk / max)) : 0;
  const i = Math.min(HEAT_RAMP.length - 1, Math.floor(t * (HEAT_RAMP.length - 1) + 0.5));
  return HEAT_RAMP[i] as Rgb;
}

export interface RiskCellDatum { cell: string; risk: number; count: number; rank?: number; place?: Place }
export interface CrossingDatum { lon: number; lat: number; roadName: string; neighbour: string; status: 'online' | 'offline' | 'none'; nearestM?: number; distanceM?: number }
export interface KeyPointDatum { lon: number; lat: number; name: string; kind: 'bridge' | 'level_crossing' | 'station'; corridor: string }
export interface IsoCellDatum { cell: string; band: number; minutes: number }

export interface PatrolAreaInput {
  risk: { cells: RiskCellDatum[]; max: number; visible: boolean };
  zones: { features: FeatureCollection<Geometry, { name: string; incidents: number; kind: 'zone' }> | null; crossings: CrossingDatum[]; visible: boolean };
  corridors: { features: FeatureCollection<Geometry, { name: string; incidents: number; kind: 'corridor' }> | null; keyPoints: KeyPointDatum[]; visible: boolean };
  iso: { cells: IsoCellDatum[]; visible: boolean };
  beforeId?: string;
}

export function createPatrolAreaLayers(input: PatrolAreaInput): Layer[] {
  const before = input.beforeId ? { beforeId: input.beforeId } : {};
  const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };
  return [
    new H3HexagonLayer<IsoCellDatum>({
      id: ISO_LAYER_ID,
      data: input.iso.cells,
      visible: input.iso.visible,
      pickable: true,
      extruded: false,
      stroked: false,
      getHexagon: (d) => d.cell,
      getFillColor: (d) => [...ISO_COLOURS[d.band % ISO_COLOURS.length], 120],
      ...before,
    }),
    new GeoJsonLayer({
      id: CORRIDORS_LAYER_ID,
      data: (input.corridors.features ?? empty) as FeatureCollection,
      visible: input.corridors.visible,
      pickable: true,
      stroked: true,
      filled: true,
      getFillColor: [...CORRIDOR_COLOUR, 40],
      getLineColor: [...CORRIDOR_COLOUR, 200],
      lineWidthUnits: 'pixels',
      getLineWidth: 1,
      ...before,
    }),
    new GeoJsonLayer({
      id: ZONES_LAYER_ID,
      data: (input.zones.features ?? empty) as FeatureCollection,
      visible: input.zones.visible,
      pickable: true,
      stroked: true,
      filled: true,
      getFillColor: [...ZONE_COLOUR, 50],
      getLineColor: (f: Feature) => ((f.geometry.type === 'MultiLineString' ? [...ZONE_COLOUR, 255] : [...ZONE_COLOUR, 160]) as [number, number, number, number]),
      lineWidthUnits: 'pixels',
      getLineWidth: (f: Feature) => (f.geometry.type === 'MultiLineString' ? 3 : 1),
      ...before,
    }),
    new H3HexagonLayer<RiskCellDatum>({
      id: RISK_LAYER_ID,
      data: input.risk.cells,
      visible: input.risk.visible,
      pickable: true,
      extruded: false,
      stroked: true,
      getHexagon: (d) => d.cell,
      getFillColor: (d) => [...riskColour(d.risk, input.risk.max), 190],
      getLineColor: (d) => (d.rank ? [20, 20, 20, 255] : [0, 0, 0, 0]),
      lineWidthUnits: 'pixels',
      getLineWidth: (d) => (d.rank ? 2 : 0),
      updateTriggers: { getFillColor: [input.risk.max] },
      // beneath the place names like the other areas (drawn over everything it hid the labels and the route stops)
      ...before,
    }),
    new ScatterplotLayer<KeyPointDatum>({
      id: KEYPOINTS_LAYER_ID,
      data: input.corridors.keyPoints,
      visible: input.corridors.visible,
      pickable: true,
      getPosition: (d) => [d.lon, d.lat],
      getRadius: 5,
      radiusUnits: 'pixels',
      stroked: true,
      getFillColor: (d) => [...KEYPOINT_COLOURS[d.kind], 255],
      getLineColor: [255, 255, 255, 255],
      lineWidthUnits: 'pixels',
      getLineWidth: 1,
    }),
    new ScatterplotLayer<CrossingDatum>({
      id: CROSSINGS_LAYER_ID,
      data: input.zones.crossings,
      visible: input.zones.visible,
      pickable: true,
      getPosition: (d) => [d.lon, d.lat],
      getRadius: 6,
      radiusUnits: 'pixels',
      stroked: true,
      getFillColor: (d) => [...CAMERA_STATUS_COLOURS[d.status], 255],
      getLineColor: [255, 255, 255, 255],
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
    }),
  ];
}

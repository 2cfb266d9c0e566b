// Patrol routes: one coloured path per unit along the roads, numbered stops (order = visiting order), and
// the start station. Route colours are distinct hues that stay readable over the heat layer.
import { PathLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { Rgb } from '../api';
import type { StopCluster } from './stop-clusters';

export const ROUTE_LAYER_ID = 'patrol-routes';
export const STOPS_LAYER_ID = 'patrol-stops';
export const STATION_LAYER_ID = 'patrol-station';

export const UNIT_COLOURS: Rgb[] = [
  [0, 114, 178],
  [213, 94, 0],
  [0, 158, 115],
  [204, 121, 167],
  [86, 180, 233],
  [230, 159, 0],
  [120, 80, 200],
  [30, 30, 30],
  [160, 120, 40],
  [0, 90, 90],
];
export const unitColour = (unit: number): Rgb => UNIT_COLOURS[(unit - 1) % UNIT_COLOURS.length];

export interface RouteDatum { unit: number; path: [number, number][] }
export interface StopDatum { unit: number; order: number; lon: number; lat: number; label: string; place: string; risk: number; eta: string; leave: string; count: number }
export type StopMarker = StopCluster<StopDatum>;
/** Colour of a marker holding several units' stops. */
const MIXED_COLOUR: Rgb = [70, 70, 70];
const markerColour = (m: StopMarker): Rgb => (m.unit === null ? MIXED_COLOUR : unitColour(m.unit));

/** `beforeId`: the basemap's first label layer. Routes and stops are drawn beneath the place names, so a pile of
 * stops in the county seat never prints over them (乌兰花镇 read "乌11镇"). `stops` are the markers at the current
 * zoom (stop-clusters.ts: stops that would overlap are one marker "3–5"); the place labels give way to them
 * (map/label-space.ts). */
export function createRouteLayers(input: { routes: RouteDatum[]; stops: StopMarker[]; station: { lon: number; lat: number; name: string } | null; visible: boolean; beforeId?: string }): Layer[] {
  const { routes, stops, station, visible, beforeId } = input;
  return [
    new PathLayer<RouteDatum>({
      id: ROUTE_LAYER_ID,
      ...(beforeId ? { beforeId } : {}),
      data: routes,
      visible,
      pickable: true,
      getPath: (r) => r.path,
      getColor: (r) => [...unitColour(r.unit), 230],
      getWidth: 4,
      widthUnits: 'pixels',
      widthMinPixels: 3,
      capRounded: true,
      jointRounded: true,
    }),
    new ScatterplotLayer<StopMarker>({
      id: STOPS_LAYER_ID,
      ...(beforeId ? { beforeId } : {}),
      data: stops,
      visible,
      pickable: true,
      getPosition: (s) => [s.lon, s.lat],
      getRadius: (s) => s.radiusPx,
      radiusUnits: 'pixels',
      stroked: true,
      getFillColor: (s) => [...markerColour(s), 255],
      getLineColor: [255, 255, 255, 255],
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
    }),
    new TextLayer<StopMarker>({
      id: `${STOPS_LAYER_ID}-labels`,
      ...(beforeId ? { beforeId } : {}),
      data: stops,
      visible,
      getPosition: (s) => [s.lon, s.lat],
      getText: (s) => s.label,
      getSize: (s) => (s.stops.length === 1 ? 11 : s.label.length > 4 ? 9 : 10),
      getColor: [255, 255, 255, 255],
      fontWeight: 700,
      getTextAnchor: 'middle',
      getAlignmentBaseline: 'center',
      characterSet: '0123456789–,站',
    }),
    new ScatterplotLayer<{ lon: number; lat: number; name: string }>({
      id: STATION_LAYER_ID,
      ...(beforeId ? { beforeId } : {}),
      data: station ? [station] : [],
      visible,
      pickable: true,
      getPosition: (s) => [s.lon, s.lat],
      getRadius: 11,
      radiusUnits: 'pixels',
      stroked: true,
      getFillColor: [11, 61, 145, 255],
      getLineColor: [255, 255, 255, 255],
      lineWidthUnits: 'pixels',
      getLineWidth: 3,
    }),
  ];
}

// Coverage gaps on the map: uncovered road stretches (red lines), uncovered key sites (red rings), county
// border crossings (green when a camera watches them, red when not), and the handles of the camera being
// edited (a dot to drag it, a handle at the end of its axis to rotate it).
import { PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { CrossingRow, RoadGap, SiteGap } from '../views/coverage/coverage-api';

export const GAP_ROADS_LAYER_ID = 'coverage-gap-roads';
export const GAP_SITES_LAYER_ID = 'coverage-gap-sites';
export const CROSSINGS_LAYER_ID = 'coverage-crossings';
export const HANDLES_LAYER_ID = 'coverage-handles';

export const GAP_COLOUR: [number, number, number] = [220, 38, 38];
export const COVERED_COLOUR: [number, number, number] = [22, 163, 74];

export interface Handle {
  role: 'move' | 'rotate';
  position: [number, number];
}

export interface GapLayersInput {
  roads: RoadGap[];
  sites: SiteGap[];
  crossings: CrossingRow[];
  handles: Handle[];
  visible: boolean;
  /** only the top gaps are drawn: all of them bold (else village roads and railways are drawn lighter) */
  focused?: boolean;
  beforeId?: string;
}

// The data arrays are replaced only when the gaps changed (client/views/coverage/gap-identity.ts): a new array
// is what tells deck.gl to rebuild a layer, so there are no update triggers here. None is pickable by deck.gl:
// the Coverage tab finds what is under the pointer on the CPU (client/views/coverage/coverage-picker.ts).
export function createGapLayers({ roads, sites, crossings, handles, visible, focused = false, beforeId }: GapLayersInput): Layer[] {
  const before = beforeId ? { beforeId } : {};
  return [
    new PathLayer<RoadGap>({
      id: GAP_ROADS_LAYER_ID,
      data: roads,
      visible,
      pickable: false,
      getPath: (d) => d.line,
      // Village roads are most of the county's length and nearly all unwatched: drawn lighter, so the
      // gaps on streets and trunk roads (the 100 % targets) stand out.
      getColor: (d) => [...GAP_COLOUR, !focused && (d.roadClass === 'village' || d.roadClass === 'railway') ? 110 : 230],
      widthUnits: 'pixels',
      getWidth: (d) => (focused ? 5 : d.roadClass === 'village' || d.roadClass === 'railway' ? 1.5 : 3),
      updateTriggers: { getColor: [focused], getWidth: [focused] },
      capRounded: true,
      ...before,
    }),
    new ScatterplotLayer<SiteGap>({
      id: GAP_SITES_LAYER_ID,
      data: sites,
      visible,
      pickable: false,
      getPosition: (d) => [d.lon, d.lat],
      radiusUnits: 'pixels',
      getRadius: focused ? 8 : 7,
      updateTriggers: { getRadius: [focused] },
      ...before, // beneath the place names: a ring on a township seat must not hide its name
      stroked: true,
      filled: true,
      getFillColor: [...GAP_COLOUR, 60],
      getLineColor: [...GAP_COLOUR, 255],
      lineWidthUnits: 'pixels',
      getLineWidth: 2.5,
    }),
    new ScatterplotLayer<CrossingRow>({
      id: CROSSINGS_LAYER_ID,
      data: crossings,
      visible,
      pickable: false,
      getPosition: (d) => [d.lon, d.lat],
      radiusUnits: 'pixels',
      getRadius: 8,
      stroked: true,
      getFillColor: (d) => [...(d.covered ? COVERED_COLOUR : GAP_COLOUR), 230],
      getLineColor: [255, 255, 255, 255],
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
    }),
    new ScatterplotLayer<Handle>({
      id: HANDLES_LAYER_ID,
      data: handles,
      visible: visible && handles.length > 0,
      pickable: false,
      getPosition: (d) => d.position,
      radiusUnits: 'pixels',
      getRadius: (d) => (d.role === 'move' ? 7 : 6),
      stroked: true,
      getFillColor: (d) => (d.role === 'move' ? [20, 20, 20, 255] : [255, 255, 255, 255]),
      getLineColor: [20, 20, 20, 255],
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
    }),
  ];
}

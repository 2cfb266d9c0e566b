// Cameras as points coloured by kind. Offline cameras are hollow grey rings: a planner must see at
// a glance that the spot has a camera that does not currently work (a coverage gap in practice).

import { ScatterplotLayer } from '@deck.gl/layers';
import type { Camera, Rgb } from '../api';

export const CAMERAS_LAYER_ID = 'cameras';

export const OFFLINE_COLOUR: Rgb = [140, 140, 140];

export interface CamerasLayerInput {
  cameras: Camera[];
  kindColours: Record<string, Rgb>;
  visible: boolean;
  /** Drawn beneath the basemap labels: thousands of dots would otherwise hide the place names. */
  beforeId?: string;
}

export function createCamerasLayer({ cameras, kindColours, visible, beforeId }: CamerasLayerInput): ScatterplotLayer<Camera> {
  return new ScatterplotLayer<Camera>({
    id: CAMERAS_LAYER_ID,
    data: cameras,
    visible,
    pickable: true,
    autoHighlight: true,
    getPosition: (c) => [c.lon, c.lat],
    // Metres with pixel bounds: thousands of cameras stay small dots at county zoom (the heat
    // beneath must stay readable on the patrol tab) and grow when a planner zooms into a street.
    radiusUnits: 'meters',
    // Social (private) cameras line every town street; drawn smaller so public-network ones stand out.
    getRadius: (c) => (c.kind === 'social' ? 12 : 25),
    // Small and without a white ring: a street lined with cameras must still read its name (labels are
    // drawn above, but a row of ringed 6 px dots leaves their halo nothing to stand on).
    radiusMinPixels: 1.5,
    radiusMaxPixels: 4,
    stroked: true,
    filled: true,
    lineWidthUnits: 'pixels',
    getLineWidth: (c) => (c.status === 'offline' ? 1.5 : 0),
    getFillColor: (c) => (c.status === 'offline' ? [0, 0, 0, 0] : [...(kindColours[c.kind] ?? OFFLINE_COLOUR), 200]),
    getLineColor: (c) => (c.status === 'offline' ? [...OFFLINE_COLOUR, 255] : [255, 255, 255, 0]),
    updateTriggers: { getFillColor: [kindColours] },
    ...(beforeId ? { beforeId } : {}),
  });
}

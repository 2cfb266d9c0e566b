// Camera fields of view as sector polygons (position, bearing, angle, range — the same geometry the server
// counts coverage with: shared/geo/camera-sector.ts), filled in the camera kind's colour. Offline
// cameras are light grey: shown, but covering nothing. Proposed and scenario cameras are outlined in purple
// in a small layer of their own, so they stand apart from the real network.
import { PolygonLayer, ScatterplotLayer, SolidPolygonLayer } from '@deck.gl/layers';
import type { Rgb } from '../api';
import { sectorPolygon } from '../../shared/geo/camera-sector';

export const SECTOR_LAYER_ID = 'coverage-sectors';
/** The scenario's added / changed cameras and a proposed plan: a small layer drawn over the stored ones. */
export const EDITED_SECTOR_LAYER_ID = 'coverage-sectors-edited';
export const OFFLINE_SECTOR: Rgb = [130, 130, 130];
export const PROPOSED_COLOUR: Rgb = [142, 68, 173];

export interface SectorCamera {
  id: string;
  kind: string;
  status: 'online' | 'offline';
  lon: number;
  lat: number;
  bearing: number;
  fov: number;
  rangeM: number;
  /** added by a scenario or a proposed plan rather than stored */
  proposed?: boolean;
  name?: string;
}
export interface SectorDatum extends SectorCamera {
  polygon: [number, number][];
}

export function toSectorData(cameras: readonly SectorCamera[]): SectorDatum[] {
  return cameras.map((c) => ({ ...c, polygon: sectorPolygon(c, 8) }));
}

/** Stored sectors of offline cameras: light grey, no outline (they cover nothing). */
export const OFFLINE_FILL: [number, number, number, number] = [...OFFLINE_SECTOR, 55];

export interface StoredSectorLayerInput {
  data: SectorDatum[];
  /** stored cameras a scenario changed or removed: not drawn here (their new state is in the edited layer) */
  hidden: ReadonlySet<string>;
  /** raised whenever `hidden` changes: the only thing that re-runs an accessor of this layer */
  hiddenVersion: number;
  kindColours: Record<string, Rgb>;
  visible: boolean;
  beforeId?: string;
}

/**
 * Every stored camera's sector as ONE non-instanced fill. No outlines here: deck.gl outlines a polygon with
 * an instanced PathLayer, one instance per edge (~17 per sector, ~300,000 for the county), and software GL
 * (SwiftShader, as in headless Chromium) pays ~20 µs per instance on every frame and every hover pick —
 * seconds per frame — while the triangles of the fill cost a few hundred ms for all of them. The data
 * array is built once per jurisdiction; an edit only re-runs getFillColor (hidden cameras get alpha 0).
 */
export function createStoredSectorLayer({ data, hidden, hiddenVersion, kindColours, visible, beforeId }: StoredSectorLayerInput): SolidPolygonLayer<SectorDatum> {
  return new SolidPolygonLayer<SectorDatum>({
    id: SECTOR_LAYER_ID,
    data,
    visible,
    // not picked by deck.gl: a pick re-draws every pickable vertex on each pointer event, which costs software
    // GL hundreds of ms; hover and click find stored sectors on the CPU (shared/geo/sectors-at-point.ts)
    pickable: false,
    getPolygon: (d) => d.polygon,
    filled: true,
    getFillColor: (d) => (hidden.has(d.id) ? [0, 0, 0, 0] : d.status === 'offline' ? OFFLINE_FILL : [...(kindColours[d.kind] ?? OFFLINE_SECTOR), 90]),
    updateTriggers: { getFillColor: [kindColours, hiddenVersion] },
    ...(beforeId ? { beforeId } : {}),
  });
}

export interface EditedSectorLayerInput {
  data: SectorDatum[];
  kindColours: Record<string, Rgb>;
  visible: boolean;
  selectedId: string | null;
}

/** The few scenario, proposed and selected cameras: filled and outlined (small data, rebuilt freely). */
export function createEditedSectorLayer({ data, kindColours, visible, selectedId }: EditedSectorLayerInput): PolygonLayer<SectorDatum> {
  return new PolygonLayer<SectorDatum>({
    id: EDITED_SECTOR_LAYER_ID,
    data,
    visible,
    pickable: false, // hover and click on the CPU (client/views/coverage/coverage-picker.ts)
    getPolygon: (d) => d.polygon,
    filled: true,
    stroked: true,
    lineWidthUnits: 'pixels',
    // a what-if camera must stand out among thousands of stored sectors of the same kind colour: purple fill
    // and a thick purple outline (black when selected), drawn over the basemap labels
    getLineWidth: (d) => (d.id === selectedId || d.proposed ? 3 : 1),
    getFillColor: (d) => (d.status === 'offline' ? OFFLINE_FILL : d.proposed ? [...PROPOSED_COLOUR, 150] : [...(kindColours[d.kind] ?? OFFLINE_SECTOR), 90]),
    getLineColor: (d) => (d.id === selectedId ? [20, 20, 20, 255] : d.status === 'offline' ? [...OFFLINE_SECTOR, 230] : d.proposed ? [...PROPOSED_COLOUR, 255] : [...(kindColours[d.kind] ?? OFFLINE_SECTOR), 200]),
    updateTriggers: { getLineWidth: [selectedId], getLineColor: [selectedId, kindColours], getFillColor: [kindColours] },
  });
}

export const PROPOSED_POINTS_LAYER_ID = 'coverage-proposed-points';

/** Proposed and scenario cameras as purple dots, visible at every zoom (their sectors need zooming in). */
export function createProposedPointsLayer({ data, visible }: { data: SectorDatum[]; visible: boolean }): ScatterplotLayer<SectorDatum> {
  return new ScatterplotLayer<SectorDatum>({
    id: PROPOSED_POINTS_LAYER_ID,
    data,
    visible,
    pickable: false, // hover and click on the CPU (client/views/coverage/coverage-picker.ts)
    getPosition: (d) => [d.lon, d.lat],
    radiusUnits: 'pixels',
    getRadius: 6,
    stroked: true,
    getFillColor: (d) => (d.status === 'offline' ? [255, 255, 255, 255] : [...PROPOSED_COLOUR, 240]),
    getLineColor: [255, 255, 255, 255],
    lineWidthUnits: 'pixels',
    getLineWidth: 1.5,
  });
}

// Camera fields of view as sector polygons (position, bearing, angle, range — the same geometry the server
// counts coverage with: server/analysis/camera-sector.ts), filled in the camera kind's colour. Offline
// cameras keep their outline in grey with no fill: shown, but covering nothing. Proposed and scenario
// cameras are outlined in purple so they stand apart from the real network.
import { PolygonLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Rgb } from '../api';
import { sectorPolygon } from '../../server/analysis/camera-sector';

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

export interface SectorLayerInput {
  id?: string;
  data: SectorDatum[];
  /** stored cameras a scenario changed or removed: drawn transparent (their new state is in the edited layer) */
  hidden?: ReadonlySet<string>;
  hiddenVersion?: number;
  kindColours: Record<string, Rgb>;
  visible: boolean;
  selectedId: string | null;
  beforeId?: string;
}

export function createSectorLayer({ id = SECTOR_LAYER_ID, data, hidden, hiddenVersion = 0, kindColours, visible, selectedId, beforeId }: SectorLayerInput): PolygonLayer<SectorDatum> {
  // Hiding by colour keeps the 18,000 tessellated polygons: an edit only re-runs the colour accessors.
  const gone = (d: SectorDatum) => hidden !== undefined && hidden.has(d.id);
  return new PolygonLayer<SectorDatum>({
    id,
    data,
    visible,
    pickable: true,
    // no autoHighlight: it re-renders the picking buffer of every sector on each mouse move, which a
    // software-rendered browser feels; the selected camera is outlined instead
    getPolygon: (d) => d.polygon,
    filled: true,
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: (d) => (d.id === selectedId ? 3 : d.proposed ? 2 : 1),
    getFillColor: (d) => (gone(d) || d.status === 'offline' ? [0, 0, 0, 0] : [...(kindColours[d.kind] ?? OFFLINE_SECTOR), d.proposed ? 140 : 90]),
    getLineColor: (d) => (gone(d) ? [0, 0, 0, 0] : d.id === selectedId ? [20, 20, 20, 255] : d.status === 'offline' ? [...OFFLINE_SECTOR, 230] : d.proposed ? [...PROPOSED_COLOUR, 255] : [...(kindColours[d.kind] ?? OFFLINE_SECTOR), 200]),
    updateTriggers: { getLineWidth: [selectedId], getLineColor: [selectedId, kindColours, hiddenVersion], getFillColor: [kindColours, hiddenVersion] },
    ...(beforeId ? { beforeId } : {}),
  });
}

export const PROPOSED_POINTS_LAYER_ID = 'coverage-proposed-points';

/** Proposed and scenario cameras as purple dots, visible at every zoom (their sectors need zooming in). */
export function createProposedPointsLayer({ data, visible }: { data: SectorDatum[]; visible: boolean }): ScatterplotLayer<SectorDatum> {
  return new ScatterplotLayer<SectorDatum>({
    id: PROPOSED_POINTS_LAYER_ID,
    data,
    visible,
    pickable: true,
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

// What lies under the pointer on the Coverage tab, answered on the CPU. deck.gl's picking draws every
// pickable layer into an off-screen buffer and reads the pixel back, which waits for the frame being drawn:
// in a software-rendered browser each hover and each mouse-down cost 0.7–3 s with the county's 18,000
// sectors, grid outlines and gap roads on the map, and an edit's ledger could not show within 200 ms. So no
// deck layer is pickable on this tab and the same questions are answered here from the drawn data: small
// point layers by screen distance, gap roads through a segment index, camera dots through a Flatbush over
// their positions, sectors by the exact sector test, grid polygons through the polygon locator.
import Flatbush from 'flatbush';
import type { AreaCollection, AreaFeature } from '../../api';
import { CROSSINGS_LAYER_ID, GAP_ROADS_LAYER_ID, GAP_SITES_LAYER_ID, HANDLES_LAYER_ID, type Handle } from '../../layers/coverage-gap-layers';
import { GRIDS_LAYER_ID } from '../../layers/grids-layer';
import { EDITED_SECTOR_LAYER_ID, PROPOSED_POINTS_LAYER_ID, SECTOR_LAYER_ID, type SectorDatum } from '../../layers/sector-layer';
import { prepareSector, sectorContains, type Sector } from '../../../shared/geo/camera-sector';
import { haversineMeters, type LonLat } from '../../../shared/geo/geo';
import { PolygonLocator } from '../../../shared/geo/polygon-locator';
import { SegmentIndex } from '../../../shared/geo/segment-index';
import type { CrossingRow, RoadGap, SiteGap } from './coverage-api';

/** Screen position of a map point and back (MapLibre's project/unproject, in CSS pixels of the map). */
export interface Projection {
  project(p: LonLat): { x: number; y: number };
  unproject(x: number, y: number): LonLat;
}

/** Pixels around a drawn dot or line that still count as on it (deck.gl's pickingRadius of the old clicks). */
export const PICK_SLOP_PX = 4;
/** Drawn radii and widths (px), as in coverage-gap-layers.ts and sector-layer.ts. */
const RADIUS_PX = { handle: 7, proposed: 6, site: 7, crossing: 8, cameraDot: 6, road: 1.5 };

export type CoveragePick =
  | { layerId: typeof HANDLES_LAYER_ID; object: Handle }
  | { layerId: typeof PROPOSED_POINTS_LAYER_ID | typeof EDITED_SECTOR_LAYER_ID | typeof SECTOR_LAYER_ID; object: SectorDatum }
  | { layerId: typeof CROSSINGS_LAYER_ID; object: CrossingRow }
  | { layerId: typeof GAP_SITES_LAYER_ID; object: SiteGap }
  | { layerId: typeof GAP_ROADS_LAYER_ID; object: RoadGap }
  | { layerId: typeof GRIDS_LAYER_ID; object: AreaFeature };

/** What is drawn now: the picker only finds what the user can see. */
export interface DrawnCoverage {
  handles: readonly Handle[];
  /** scenario, proposed and selected cameras (the small layer over the stored sectors) */
  edited: readonly SectorDatum[];
  proposed: readonly SectorDatum[];
  sites: readonly SiteGap[];
  crossings: readonly CrossingRow[];
  roads: readonly RoadGap[];
  /** the stored camera whose drawn sector contains a point (the view's SectorIndex), if sectors are drawn */
  storedAt(lon: number, lat: number): SectorDatum | undefined;
  /** stored cameras drawn as dots (the base cameras layer), or none when that layer is off */
  cameraDots: readonly SectorDatum[];
  /** the area outlines on the map (the base grids layer), or null when off or not loaded */
  areas: AreaCollection | null;
}

/** Nearest item whose drawn dot (radius px + slop) contains the screen point; brute force (small lists). */
export function nearestDot<T>(items: readonly T[], at: { x: number; y: number }, position: (t: T) => LonLat, radiusPx: number, proj: Projection): T | undefined {
  let best: T | undefined;
  let bestD = radiusPx + PICK_SLOP_PX;
  for (const t of items) {
    const p = proj.project(position(t));
    const d = Math.hypot(p.x - at.x, p.y - at.y);
    if (d <= bestD) (best = t), (bestD = d);
  }
  return best;
}

/** Caches keyed by array identity: the view keeps the same arrays until their content changes. */
function memo<K extends object, V>(build: (k: K) => V): (k: K) => V {
  let key: K | null = null;
  let value!: V;
  return (k) => {
    if (k !== key) (key = k), (value = build(k));
    return value;
  };
}

class DotIndex {
  private readonly index: Flatbush | null;
  constructor(readonly items: readonly SectorDatum[]) {
    if (items.length === 0) {
      this.index = null;
      return;
    }
    this.index = new Flatbush(items.length);
    for (const c of items) this.index.add(c.lon, c.lat, c.lon, c.lat);
    this.index.finish();
  }
  near(at: { x: number; y: number }, radiusPx: number, proj: Projection): SectorDatum | undefined {
    if (!this.index) return undefined;
    const r = radiusPx + PICK_SLOP_PX;
    const [x0, y0] = proj.unproject(at.x - r, at.y + r);
    const [x1, y1] = proj.unproject(at.x + r, at.y - r);
    const hits = this.index.search(Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)).map((i) => this.items[i]);
    return nearestDot(hits, at, (c) => [c.lon, c.lat], radiusPx, proj);
  }
}

export class CoveragePicker {
  private readonly roadIndex = memo((roads: readonly RoadGap[]) => new SegmentIndex(roads.map((r) => ({ line: r.line, value: r }))));
  private readonly editedSectors = memo((edited: readonly SectorDatum[]) => edited.map((c): [SectorDatum, Sector] => [c, prepareSector(c)]));
  private readonly dots = memo((cams: readonly SectorDatum[]) => new DotIndex(cams));
  private readonly areaLocator = memo((areas: AreaCollection) => (areas.features.length ? new PolygonLocator(areas.features.map((f) => ({ geometry: f.geometry, value: f }))) : null));

  /** The topmost drawn thing at the screen point (x, y) — the order the layers are drawn in, top first. */
  pick(x: number, y: number, drawn: DrawnCoverage, proj: Projection): CoveragePick | null {
    const at = { x, y };
    const handle = nearestDot(drawn.handles, at, (h) => h.position, RADIUS_PX.handle, proj);
    if (handle) return { layerId: HANDLES_LAYER_ID, object: handle };
    const crossing = nearestDot(drawn.crossings, at, (c) => [c.lon, c.lat], RADIUS_PX.crossing, proj);
    if (crossing) return { layerId: CROSSINGS_LAYER_ID, object: crossing };
    const site = nearestDot(drawn.sites, at, (s) => [s.lon, s.lat], RADIUS_PX.site, proj);
    if (site) return { layerId: GAP_SITES_LAYER_ID, object: site };
    const proposed = nearestDot(drawn.proposed, at, (c) => [c.lon, c.lat], RADIUS_PX.proposed, proj);
    if (proposed) return { layerId: PROPOSED_POINTS_LAYER_ID, object: proposed };
    const [lon, lat] = proj.unproject(x, y);
    const road = this.roadAt(at, [lon, lat], drawn.roads, proj);
    if (road) return { layerId: GAP_ROADS_LAYER_ID, object: road };
    const edited = this.editedAt(lon, lat, drawn.edited);
    if (edited) return { layerId: EDITED_SECTOR_LAYER_ID, object: edited };
    const dot = this.dots(drawn.cameraDots).near(at, RADIUS_PX.cameraDot, proj);
    if (dot) return { layerId: SECTOR_LAYER_ID, object: dot };
    const stored = drawn.storedAt(lon, lat);
    if (stored) return { layerId: SECTOR_LAYER_ID, object: stored };
    const area = drawn.areas ? this.areaLocator(drawn.areas)?.locate(lon, lat) : undefined;
    if (area) return { layerId: GRIDS_LAYER_ID, object: area };
    return null;
  }

  /** A scenario or plan camera at the point: its dot, else its sector (what a click selects). */
  editedOrProposedAt(x: number, y: number, drawn: Pick<DrawnCoverage, 'edited' | 'proposed'>, proj: Projection): SectorDatum | undefined {
    const proposed = nearestDot(drawn.proposed, { x, y }, (c) => [c.lon, c.lat], RADIUS_PX.proposed, proj);
    if (proposed) return proposed;
    const [lon, lat] = proj.unproject(x, y);
    return this.editedAt(lon, lat, drawn.edited);
  }

  handleAt(x: number, y: number, handles: readonly Handle[], proj: Projection): Handle | undefined {
    return nearestDot(handles, { x, y }, (h) => h.position, RADIUS_PX.handle, proj);
  }

  private editedAt(lon: number, lat: number, edited: readonly SectorDatum[]): SectorDatum | undefined {
    // the smallest view first, as for the stored sectors (the most specific camera)
    let best: [SectorDatum, Sector] | undefined;
    for (const e of this.editedSectors(edited)) if (sectorContains(e[1], lon, lat) && (!best || e[1].r2 < best[1].r2)) best = e;
    return best?.[0];
  }

  private roadAt(at: { x: number; y: number }, p: LonLat, roads: readonly RoadGap[], proj: Projection): RoadGap | undefined {
    if (roads.length === 0) return undefined;
    // the slop in metres at this point of the screen
    const metresPerPx = haversineMeters(p, proj.unproject(at.x + 1, at.y));
    return this.roadIndex(roads).nearest(p, (RADIUS_PX.road + PICK_SLOP_PX) * metresPerPx)?.value;
  }
}

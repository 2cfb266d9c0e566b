// The seeded demo-county generator: real outline and division names in, a whole plausible county out.
// Same seed and options → same county (one Random stream, consumed in a fixed order).
import type { LonLat } from '../../shared/geo/geo.js';
import { haversineMeters } from '../../shared/geo/geo.js';
import { pointInGeometry } from '../../shared/geo/point-in-polygon.js';
import { PolygonLocator } from '../../shared/geo/polygon-locator.js';
import { SegmentIndex } from '../../shared/geo/segment-index.js';
import { buildTownships, buildVillages, seatTownIndex, townshipKind, type Township, type Village } from './admin.js';
import { placeNames } from './place-names.js';

import { buildCameras, type Camera, TONGYU_CAMERA_TARGETS } from './cameras.js';
import { buildGrids, type Grid, TONGYU_GRID_TARGETS } from './grids.js';
import { DEMO_DATA_END } from './incident-figures.js';
import { describeAddress, generateIncidents, type Incident, type PlantedHotspot, plantHotspots } from './incidents.js';
import { type CountyInput, type Neighbour, readRealInputs, type RealInputs } from './inputs.js';
import type { Area } from './partition.js';
import { Random } from './random.js';
import { DEFAULT_TIME_ZONE } from '../../shared/time/clock.js';
import { addressPrefix } from '../../shared/geo/address-prefix.js';
import { buildRoads, type Road } from './roads.js';
import { buildKeySites, buildPoliceStations, type KeySite, type PoliceStation } from './sites.js';

/** Villages of the county the seed documents' figures describe (通榆县 220822). */
const TONGYU_VILLAGES = 205;

export interface DemoOptions {
  seed: number;
  /** Integrated social cameras (Tongyu 2022: 16000+); unset: Tongyu's figure scaled by the county's size. */
  socialCameras: number;
  /** Multiplier on the yearly incident counts (1 = the county's real caseload; benchmarks use more). */
  incidentScale: number;
}
export const DEFAULT_DEMO_OPTIONS: DemoOptions = { seed: 220822, socialCameras: TONGYU_CAMERA_TARGETS.social, incidentScale: 1 };

export interface Settlement { name: string; kind: 'county_seat' | 'town' | 'village' | 'hamlet'; position: LonLat; population: number; villageCode: string | null; townshipCode: string | null }
export interface IncidentRecord extends Incident { address: string; villageCode: string; townshipCode: string }

/** `full`: the generated demo (grids, roads, cameras, incidents); `none`: the jurisdiction and nothing else. */
export type DemoKind = 'full' | 'none';

export interface DemoCounty {
  kind: DemoKind;
  options: DemoOptions;
  county: { code: string; name: string; province: string; prefecture: string; timeZone: string; seat: LonLat; outline: Area; dataEnd: string };
  neighbours: Neighbour[];
  /** A prefecture-level jurisdiction's county-level units (none for a county). */
  counties: CountyInput[];
  townships: Township[];
  villages: Village[];
  grids: Grid[];
  settlements: Settlement[];
  roads: Road[];
  sites: KeySite[];
  police: PoliceStation[];
  cameras: Camera[];
  hotspots: PlantedHotspot[];
  /** Streams the incidents (a second call replays the same ones). */
  incidents(): Generator<IncidentRecord>;
}

export function generateDemoCounty(options: Partial<DemoOptions> = {}, inputs: RealInputs = readRealInputs()): DemoCounty {
  // The seed documents' figures are Tongyu's (205 villages): another county gets them scaled by its villages.
  const size = inputs.divisions.villages.length / TONGYU_VILLAGES;
  const scaled = <T extends object>(figures: T): T => Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, Math.max(1, Math.round((v as number) * size))])) as T;
  const opts = { ...DEFAULT_DEMO_OPTIONS, socialCameras: scaled(TONGYU_CAMERA_TARGETS).social, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
  const random = new Random(opts.seed);
  const { outline, seat } = inputs.county;
  const ruralNames = inputs.divisions.townships.filter((t) => ['town', 'township'].includes(townshipKind(t.name)));
  const names = placeNames(inputs.county, ruralNames[seatTownIndex(ruralNames)]?.name ?? '', inputs.neighbours);
  const townships = jurisdictionTownships(inputs, random);
  const villages = buildVillages(townships, inputs.divisions, random);
  const townshipNames = new Map(townships.map((t) => [t.code, t.name]));
  const grids = buildGrids(villages, townshipNames, scaled(TONGYU_GRID_TARGETS), random, names);
  const net = buildRoads(outline, seat, townships, villages, grids, inputs.neighbours, random, names);
  const sites = buildKeySites(outline, seat, townships, villages, grids, net, random, names);
  const police = buildPoliceStations(seat, townships, names);
  const hotspots = plantHotspots(sites, townships, villages, random, names);
  // Drawn before the cameras, so the number of social cameras (an option) never changes the incidents.
  const incidentSeed = random.int(0, 2 ** 31);
  const cameras = buildCameras(outline, sites, net, grids, { ...scaled(TONGYU_CAMERA_TARGETS), social: opts.socialCameras }, random);
  const settlements = buildSettlements(seat, townships, villages, grids, `${names.countyShort}${names.countyWord}城`);

  const gridLocator = new PolygonLocator(grids.map((g) => ({ geometry: g.geometry, value: g })));
  const roadIndex = new SegmentIndex(net.roads.filter((r) => r.roadClass !== 'railway' && r.roadClass !== 'village').map((r) => ({ line: r.line, value: r })));
  const villageByCode = new Map(villages.map((v) => [v.code, v]));

  // The address's head: the jurisdiction's chain, then in a prefecture-level city the county of the place.
  const countyNames = new Map((inputs.counties ?? []).map((c) => [c.code, c.name]));
  const addressHead = (townshipCode: string) => addressPrefix(inputs.county.province, inputs.county.prefecture, inputs.county.name, countyNames.get(townshipCode.slice(0, 6)));

  function* incidents(): Generator<IncidentRecord> {
    // A separate stream, so replaying incidents does not disturb anything else and scale changes only them.
    const r = new Random(incidentSeed);
    const ctx = {
      outlineContains: (p: LonLat) => pointInGeometry(p[0], p[1], outline),
      locateGrid: (p: LonLat) => gridLocator.locate(p[0], p[1])?.code,
      towns: net.towns,
      roads: net.roads,
      villages,
      grids,
      hotspots,
      scale: opts.incidentScale * size,
    };
    for (const inc of generateIncidents(ctx, r)) {
      const grid = gridLocator.locate(inc.position[0], inc.position[1])!;
      const village = villageByCode.get(grid.villageCode)!;
      const address = describeAddress(addressHead(grid.townshipCode), townshipNames.get(grid.townshipCode) ?? '', village.name, grid, inc.position, (p) => roadIndex.nearest(p, 60)?.value, r);
      yield { ...inc, address, villageCode: grid.villageCode, townshipCode: grid.townshipCode };
    }
  }

  return {
    kind: 'full',
    options: opts,
    county: { ...jurisdictionRow(inputs), dataEnd: DEMO_DATA_END },
    neighbours: inputs.neighbours,
    counties: inputs.counties ?? [],
    townships,
    villages,
    grids,
    settlements,
    roads: net.roads,
    sites,
    police,
    cameras,
    hotspots,
    incidents,
  };
}

const jurisdictionRow = (inputs: RealInputs) => {
  const { code, name, province, prefecture, seat, outline } = inputs.county;
  return { code, name, province, prefecture, timeZone: DEFAULT_TIME_ZONE, seat, outline };
};

/** DEMO=none: the jurisdiction with its real outline, neighbours and real township and village names and
 * codes, and nothing else (no grids, roads, sites, cameras or incidents). The township and village polygons
 * are generated (the same seeded Voronoi layout as the demo) and recorded as provisional
 * (meta.provisional_areas) until the county imports its own: every map, filter and ranking needs a polygon
 * per unit, and the real names and codes let the county's own files join on them. */
export function generateEmptyJurisdiction(inputs: RealInputs, seed = DEFAULT_DEMO_OPTIONS.seed): DemoCounty {
  const random = new Random(seed);
  const townships = jurisdictionTownships(inputs, random);
  const villages = buildVillages(townships, inputs.divisions, random);
  return {
    kind: 'none',
    options: { ...DEFAULT_DEMO_OPTIONS, seed, socialCameras: 0, incidentScale: 0 },
    county: { ...jurisdictionRow(inputs), dataEnd: '' },
    neighbours: inputs.neighbours,
    counties: inputs.counties ?? [],
    townships,
    villages,
    grids: [],
    settlements: [],
    roads: [],
    sites: [],
    police: [],
    cameras: [],
    hotspots: [],
    *incidents() {},
  };
}

/** The townships laid out in the jurisdiction: in a prefecture-level one, inside each county-level unit's own
 * outline (a township never crosses a county border), else in the county's outline. */
function jurisdictionTownships(inputs: RealInputs, random: Random): Township[] {
  if (!inputs.counties) return buildTownships(inputs.county.outline, inputs.county.seat, inputs.divisions, random);
  return inputs.counties
    .flatMap((c) => buildTownships(c.outline, c.seat, { townships: inputs.divisions.townships.filter((t) => t.code.startsWith(c.code)), villages: [] }, random))
    .sort((a, b) => a.code.localeCompare(b.code));
}

function buildSettlements(seat: LonLat, townships: Township[], villages: Village[], grids: Grid[], seatName: string): Settlement[] {
  const out: Settlement[] = [{ name: seatName, kind: 'county_seat', position: seat, population: 120000, villageCode: null, townshipCode: null }];
  const households = new Map<string, number>();
  for (const g of grids) households.set(g.villageCode, (households.get(g.villageCode) ?? 0) + g.households);
  for (const t of townships)
    if ((t.kind === 'town' || t.kind === 'township') && haversineMeters(t.seat, seat) > 1000)
      out.push({ name: t.name.replace(/蒙古族乡$/, '乡'), kind: 'town', position: t.seat, population: 3000 + Math.round((households.get(t.code) ?? 0) * 0.3), villageCode: null, townshipCode: t.code });
  for (const v of villages) if (v.kind === 'village') out.push({ name: v.name, kind: 'village', position: v.centre, population: Math.round((households.get(v.code) ?? 300) * 0.8), villageCode: v.code, townshipCode: v.townshipCode });
  for (const g of grids) if (g.placeName && g.kind === 'residential') out.push({ name: g.placeName, kind: 'hamlet', position: g.centre, population: Math.round(g.households * 2.6), villageCode: g.villageCode, townshipCode: g.townshipCode });
  return out;
}

// The coverage ledger (覆盖台账): from per-point camera counts to the planner's table — per target category
// (sites, covered, %, target, shortfall), per road class (length covered), per township / village / grid —
// plus the gaps to draw (uncovered sites, uncovered road stretches) and the border crossings' status.
// A site is covered when at least `need` online sectors contain it (2 for kinds chosen for double
// coverage, e.g. face-recognition sites); a road piece when at least one does.
import { COVERAGE_CATEGORIES, COVERAGE_TARGETS, ROAD_CLASSES, type CoverageCategory, type RoadClass } from '../domain/sites.js';
import type { CoverageWorld } from './coverage-world.js';
import { sliceLine } from './road-sampling.js';

export type UnitLevel = 'township' | 'village' | 'grid';

/**
 * Road-length targets the policy names (DOMAIN.md): main urban / township streets 100 %, village main
 * roads 90 %. Trunk roads and the railway have no length target (only their key sections and crossings do).
 */
export const ROAD_TARGETS: Partial<Record<RoadClass, number>> = { street: 100, village: 90 };

export interface LedgerOptions {
  /** site kinds that need two cameras (double coverage) */
  doubleKinds?: ReadonlySet<string>;
  /** jurisdiction code prefix (county, township, village or grid code); everything when absent */
  code?: string;
  level?: UnitLevel;
  /** include the gap geometry (uncovered sites and road stretches) */
  gaps?: boolean;
}

export interface CategoryRow { category: CoverageCategory; sites: number; covered: number; pct: number | null; targetPct: number; shortfall: number }
export interface KindRow { kind: string; category: CoverageCategory; sites: number; covered: number; need: number }
export interface RoadRow { roadClass: RoadClass; lengthM: number; coveredM: number; pct: number | null; targetPct: number | null; shortfallM: number }
export interface UnitRow { code: string; name: string; sites: number; sitesCovered: number; roadM: number; roadCoveredM: number }
export interface CrossingRow { lon: number; lat: number; roadId: number; roadName: string; roadClass: RoadClass; cameras: number; covered: boolean }
/** `score`: what one new camera there gains, in the optimiser's points — set by the routes (server/analysis/gap-ranking.ts). */
export interface SiteGap { id: number; name: string; kind: string; category: CoverageCategory; lon: number; lat: number; cameras: number; need: number; score?: number }
export interface RoadGap { roadId: number; name: string; roadClass: RoadClass; lengthM: number; line: [number, number][]; score?: number }

export interface Ledger {
  categories: CategoryRow[];
  kinds: KindRow[];
  roads: RoadRow[];
  level: UnitLevel;
  units: UnitRow[];
  crossings: CrossingRow[];
  gaps?: { sites: SiteGap[]; roads: RoadGap[] };
}

const pct = (part: number, whole: number) => (whole > 0 ? (100 * part) / whole : null);
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** How many cameras each site needs (1, or 2 for the double-coverage kinds). */
export function siteNeeds(world: CoverageWorld, doubleKinds: ReadonlySet<string> = new Set()): Uint8Array {
  return Uint8Array.from(world.sites, (s) => (doubleKinds.has(s.kind) ? 2 : 1));
}

/** Whether each grid unit is inside the jurisdiction prefix (grid codes extend village and township codes). */
export function unitsInScope(world: CoverageWorld, code?: string): Uint8Array {
  return Uint8Array.from(world.units, (u) => (!code || u.code.startsWith(code) ? 1 : 0));
}

export function computeLedger(world: CoverageWorld, counts: Uint16Array, options: LedgerOptions = {}): Ledger {
  const level = options.level ?? 'township';
  const need = siteNeeds(world, options.doubleKinds);
  const inScope = unitsInScope(world, options.code);
  const nUnits = world.units.length;
  const uSites = new Float64Array(nUnits), uSitesCov = new Float64Array(nUnits), uRoad = new Float64Array(nUnits), uRoadCov = new Float64Array(nUnits);

  const cat = new Map<CoverageCategory, { sites: number; covered: number }>(COVERAGE_CATEGORIES.map((c) => [c, { sites: 0, covered: 0 }]));
  const kinds = new Map<string, KindRow>();
  const siteGaps: SiteGap[] = [];
  world.sites.forEach((s, i) => {
    const u = world.siteUnit[i];
    if (u < 0 || !inScope[u]) return;
    const covered = counts[i] >= need[i];
    const c = cat.get(s.category)!;
    c.sites++, uSites[u]++;
    if (covered) c.covered++, uSitesCov[u]++;
    const k = kinds.get(s.kind) ?? kinds.set(s.kind, { kind: s.kind, category: s.category, sites: 0, covered: 0, need: need[i] }).get(s.kind)!;
    k.sites++;
    if (covered) k.covered++;
    if (!covered && options.gaps) siteGaps.push(siteGapOf(world, i, counts, need));
  });

  // per road class by index (ROAD_CLASSES order): the same additions in the same order as by name, without a
  // lookup per sample (~360,000 on a county)
  const classOf = sampleClasses(world);
  const classLen = new Float64Array(ROAD_CLASSES.length), classCov = new Float64Array(ROAD_CLASSES.length);
  const { samples } = world;
  const off = world.offsets.samples;
  for (let i = 0; i < samples.lon.length; i++) {
    const u = world.sampleUnit[i];
    if (u < 0 || !inScope[u]) continue;
    const len = samples.lengthM[i];
    classLen[classOf[i]] += len, uRoad[u] += len;
    if (counts[off + i] > 0) classCov[classOf[i]] += len, uRoadCov[u] += len;
  }
  const roadGaps = options.gaps ? roadGapsIn(world, counts, inScope, 0, samples.lon.length) : [];

  const crossings: CrossingRow[] = [];
  world.crossings.forEach((c, i) => {
    const u = world.crossingUnit[i];
    if (options.code && (u < 0 || !inScope[u])) return;
    const road = world.roads[c.road];
    const n = counts[world.offsets.crossings + i];
    crossings.push({ lon: round6(c.lon), lat: round6(c.lat), roadId: road.id, roadName: road.name, roadClass: road.roadClass, cameras: n, covered: n > 0 });
  });

  return {
    categories: COVERAGE_CATEGORIES.map((category) => {
      const { sites, covered } = cat.get(category)!;
      const targetPct = COVERAGE_TARGETS[category].targetPct;
      // shortfall: sites still to cover before the share reaches the target
      return { category, sites, covered, pct: pct(covered, sites), targetPct, shortfall: Math.max(0, Math.ceil((targetPct * sites) / 100 - covered - 1e-9)) };
    }),
    kinds: [...kinds.values()],
    roads: ROAD_CLASSES.map((roadClass, c) => {
      const len = classLen[c], cov = classCov[c];
      const targetPct = ROAD_TARGETS[roadClass] ?? null;
      return { roadClass, lengthM: len, coveredM: cov, pct: pct(cov, len), targetPct, shortfallM: targetPct === null ? 0 : Math.max(0, (targetPct * len) / 100 - cov) };
    }),
    level,
    units: rollUp(world, level, inScope, uSites, uSitesCov, uRoad, uRoadCov),
    crossings,
    ...(options.gaps ? { gaps: { sites: siteGaps, roads: roadGaps } } : {}),
  };
}

/** Site i as a gap: uncovered (fewer than `need[i]` cameras see it). */
export function siteGapOf(world: CoverageWorld, i: number, counts: Uint16Array, need: Uint8Array): SiteGap {
  const s = world.sites[i];
  return { id: s.id, name: s.name, kind: s.kind, category: s.category, lon: s.lon, lat: s.lat, cameras: counts[i], need: need[i] };
}

/**
 * The uncovered stretches among samples [from, to): runs of in-scope samples of one road that no camera sees.
 * A stretch ends at a covered sample, an out-of-scope one, or where the road changes, so a range that starts
 * and ends at road boundaries gives that range's roads' stretches exactly as the whole county's scan does.
 */
export function roadGapsIn(world: CoverageWorld, counts: Uint16Array, inScope: Uint8Array, from: number, to: number): RoadGap[] {
  const { samples } = world;
  const off = world.offsets.samples;
  const gaps: RoadGap[] = [];
  let gapStart = -1; // first sample of the open uncovered stretch
  const closeGap = (last: number) => {
    if (gapStart < 0) return;
    const road = world.roads[samples.road[gapStart]];
    const a = samples.fromM[gapStart], b = samples.toM[last];
    gaps.push({ roadId: road.id, name: road.name, roadClass: road.roadClass, lengthM: b - a, line: sliceLine(road.line, a, b).map(([x, y]) => [round6(x), round6(y)]) });
    gapStart = -1;
  };
  for (let i = from; i < to; i++) {
    const u = world.sampleUnit[i];
    if (gapStart >= 0 && samples.road[i] !== samples.road[gapStart]) closeGap(i - 1);
    if (u < 0 || !inScope[u]) {
      if (gapStart >= 0) closeGap(i - 1);
      continue;
    }
    if (counts[off + i] > 0) {
      if (gapStart >= 0) closeGap(i - 1);
    } else if (gapStart < 0) gapStart = i;
  }
  if (gapStart >= 0) closeGap(to - 1);
  return gaps;
}

const classesOfWorld = new WeakMap<CoverageWorld, Uint8Array>();
/** Each sample's road class as its index in ROAD_CLASSES (once per world). */
function sampleClasses(world: CoverageWorld): Uint8Array {
  let c = classesOfWorld.get(world);
  if (!c) {
    const byRoad = Uint8Array.from(world.roads, (r) => ROAD_CLASSES.indexOf(r.roadClass));
    c = Uint8Array.from(world.samples.road, (r) => byRoad[r]);
    classesOfWorld.set(world, c);
  }
  return c;
}

function rollUp(world: CoverageWorld, level: UnitLevel, inScope: Uint8Array, sites: Float64Array, sitesCov: Float64Array, road: Float64Array, roadCov: Float64Array): UnitRow[] {
  const rows = new Map<string, UnitRow>();
  world.units.forEach((u, i) => {
    if (!inScope[i]) return;
    const [code, name] = level === 'grid' ? [u.code, u.name] : level === 'village' ? [u.villageCode, u.villageName] : [u.townshipCode, u.townshipName];
    const row = rows.get(code) ?? rows.set(code, { code, name, sites: 0, sitesCovered: 0, roadM: 0, roadCoveredM: 0 }).get(code)!;
    row.sites += sites[i], row.sitesCovered += sitesCov[i], row.roadM += road[i], row.roadCoveredM += roadCov[i];
  });
  return [...rows.values()].sort((a, b) => a.code.localeCompare(b.code));
}

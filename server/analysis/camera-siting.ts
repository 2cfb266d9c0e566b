// Where to put the next cameras: candidate positions and bearings (road intersections, points along
// uncovered roads, around uncovered key sites and border crossings), each turned into the set of
// still-uncovered demand points its sector would see, then the generic MCLP (mclp.ts) picks k of them —
// or as many as a budget buys — with existing cameras fixed as initial coverage.
//
// Demand weight = target priority × recent incident density:
//  - a key site or border crossing: 30 × target % / 100. One camera watches at most ~60–100 m of one
//    road (6–10 pieces), so a site at 30 outranks any road-only camera at equal density: the site targets
//    (counted one by one) fill first, then road length;
//  - a 10 m road piece: road target % / 100 (50 % for classes without a target) × piece length / 10 m;
//  - density factor: 1 + ln(1 + n / mean), n = incidents of the last year in the point's ~1 km cell, mean
//    over cells that had any. A gap where incidents happen weighs more than one where nothing happens, but
//    the logarithm keeps the county seat (tens of times the mean) from outweighing the policy targets:
//    a cell at the mean gets ×1.7, ten times the mean ×3.4, fifty times ×4.9.
import { NEW_CAMERA_SPECS, type PlannableKind } from '../../shared/domain/coverage.js';
import { COVERAGE_TARGETS } from '../../shared/domain/sites.js';
import { prepareSector, type CameraView } from '../../shared/geo/camera-sector.js';
import { ROAD_TARGETS, siteNeeds, unitsInScope } from '../../shared/geo/coverage-ledger.js';
import type { CoverageWorld } from '../../shared/geo/coverage-world.js';
import { bearingDeg, offsetMeters, type LonLat } from '../../shared/geo/geo.js';
import { solveMclp } from './mclp.js';

export type CandidateSource = 'intersection' | 'road' | 'site';
export interface Candidate extends CameraView {
  kind: PlannableKind;
  costYuan: number;
  source: CandidateSource;
}

export interface SitingOptions {
  /** number of new cameras (p-mode) */
  k?: number;
  /** money available, yuan (budget mode) */
  budgetYuan?: number;
  kinds?: PlannableKind[];
  costs?: Partial<Record<PlannableKind, number>>;
  code?: string;
  doubleKinds?: ReadonlySet<string>;
  /** spacing of candidates along uncovered roads, metres */
  spacingM?: number;
  /** incident density factor at a point (≥ 1); 1 everywhere when absent */
  density?: (lon: number, lat: number) => number;
  interchange?: boolean;
}

export interface PlannedCamera extends Candidate {
  /** weighted coverage this camera adds, given the cameras listed before it */
  gain: number;
  newSites: number;
  newRoadM: number;
}

export interface SitingPlan {
  cameras: PlannedCamera[];
  candidates: number;
  demandPoints: number;
  objectiveBefore: number;
  objectiveAfter: number;
  greedyObjective: number;
  swaps: number;
  costYuan: number;
  /** counts after adding the plan (same layout as the input counts), for the predicted ledger */
  countsAfter: Uint16Array;
}

export const SITE_WEIGHT = 30;

/** Weight of every demand point of the world (sites, road pieces, crossings), before density. */
export function demandPriority(world: CoverageWorld): Float64Array {
  const w = new Float64Array(world.points.size);
  world.sites.forEach((s, i) => (w[i] = (SITE_WEIGHT * COVERAGE_TARGETS[s.category].targetPct) / 100));
  const off = world.offsets.samples;
  for (let i = 0; i < world.samples.lon.length; i++) {
    const target = ROAD_TARGETS[world.roads[world.samples.road[i]].roadClass] ?? 50;
    w[off + i] = ((target / 100) * world.samples.lengthM[i]) / 10;
  }
  for (let i = world.offsets.crossings; i < world.points.size; i++) w[i] = SITE_WEIGHT;
  return w;
}

/** Incidents counted per cell of `cellDeg` degrees (cell x = floor(lon / cellDeg), y likewise), non-empty cells only. */
export interface DensityCells { cellDeg: number; x: Int32Array; y: Int32Array; n: Float64Array }

/** The cells of incident positions (what the SQL of coverage.queries.ts computes in the database). */
export function densityCellsOf(lons: ArrayLike<number>, lats: ArrayLike<number>, cellDeg = 0.01): DensityCells {
  const cells = new Map<string, { x: number; y: number; n: number }>();
  for (let i = 0; i < lons.length; i++) {
    const x = Math.floor(lons[i] / cellDeg), y = Math.floor(lats[i] / cellDeg);
    const c = cells.get(`${x}:${y}`) ?? cells.set(`${x}:${y}`, { x, y, n: 0 }).get(`${x}:${y}`)!;
    c.n++;
  }
  const list = [...cells.values()];
  return { cellDeg, x: Int32Array.from(list, (c) => c.x), y: Int32Array.from(list, (c) => c.y), n: Float64Array.from(list, (c) => c.n) };
}

/** Density factor from cell counts: 1 + ln(1 + count in the point's cell / mean count of non-empty cells). */
export function densityFromCells(c: DensityCells): (lon: number, lat: number) => number {
  const cells = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < c.x.length; i++) cells.set(`${c.x[i]}:${c.y[i]}`, c.n[i]), (total += c.n[i]);
  const mean = cells.size ? total / cells.size : 1;
  return (lon, lat) => 1 + Math.log1p((cells.get(`${Math.floor(lon / c.cellDeg)}:${Math.floor(lat / c.cellDeg)}`) ?? 0) / mean);
}

/** Density factor from incident positions (densityFromCells of densityCellsOf). */
export function incidentDensity(lons: ArrayLike<number>, lats: ArrayLike<number>, cellDeg = 0.01): (lon: number, lat: number) => number {
  return densityFromCells(densityCellsOf(lons, lats, cellDeg));
}

export function planCameras(world: CoverageWorld, counts: Uint16Array, options: SitingOptions): SitingPlan {
  const kinds = options.kinds?.length ? options.kinds : (['public'] as PlannableKind[]);
  const cost = (k: PlannableKind) => options.costs?.[k] ?? NEW_CAMERA_SPECS[k].costYuan;
  const spacing = Math.max(world.stepM, options.spacingM ?? 100);
  const inScope = unitsInScope(world, options.code);
  const siteNeed = siteNeeds(world, options.doubleKinds);
  const nPts = world.points.size;
  const need = new Uint8Array(nPts).fill(1);
  need.set(siteNeed, 0);
  const unitOf = (i: number) => (i < world.offsets.samples ? world.siteUnit[i] : i < world.offsets.crossings ? world.sampleUnit[i - world.offsets.samples] : world.crossingUnit[i - world.offsets.crossings]);

  // Demand: points in scope that are not yet fully covered; dense ids for the solver.
  const priority = demandPriority(world);
  const demandId = new Int32Array(nPts).fill(-1);
  const demandPoint: number[] = [];
  const weights: number[] = [], needs: number[] = [], initial: number[] = [];
  for (let i = 0; i < nPts; i++) {
    const u = unitOf(i);
    if (u < 0 || !inScope[u] || counts[i] >= need[i]) continue;
    demandId[i] = demandPoint.length;
    demandPoint.push(i);
    weights.push(priority[i] * (options.density?.(world.points.lon[i], world.points.lat[i]) ?? 1));
    needs.push(need[i]);
    initial.push(counts[i]);
  }

  const candidates: Candidate[] = [];
  const cover: Int32Array[] = [];
  const consider = (p: LonLat, bearing: number, source: CandidateSource) => {
    for (const kind of kinds) {
      const spec = NEW_CAMERA_SPECS[kind];
      const c: Candidate = { lon: p[0], lat: p[1], bearing: ((bearing % 360) + 360) % 360, fov: spec.fov, rangeM: spec.rangeM, kind, costYuan: cost(kind), source };
      const seen: number[] = [];
      for (const i of world.points.pointsIn(prepareSector(c))) if (demandId[i] >= 0) seen.push(demandId[i]);
      if (seen.length === 0) continue; // sees nothing that is missing: never worth a yuan
      candidates.push(c);
      cover.push(Int32Array.from(seen));
    }
  };

  // 1. Around uncovered sites and crossings: 20 m out on four sides, looking at the site (its entrances).
  for (let i = 0; i < nPts; i++) {
    if (demandId[i] < 0 || (i >= world.offsets.samples && i < world.offsets.crossings)) continue;
    const site: LonLat = [world.points.lon[i], world.points.lat[i]];
    for (const b of [0, 90, 180, 270]) {
      const from = offsetMeters(site, 20, b);
      consider(from, bearingDeg(from, site), 'site');
    }
  }
  // 2. Intersections (a vertex shared by two or more roads), looking down each road that meets there.
  const x = world.intersections;
  for (let i = 0; i < x.lon.length; i++) {
    if (!inScope[x.unit[i]]) continue;
    for (let b = x.bearingStart[i]; b < x.bearingStart[i + 1]; b++) consider([x.lon[i], x.lat[i]], x.bearings[b], 'intersection');
  }
  // 3. Along uncovered road stretches, every `spacing` metres, looking both ways along the road.
  const s = world.samples, off = world.offsets.samples;
  const every = Math.max(1, Math.round(spacing / world.stepM));
  let run = 0;
  for (let i = 0; i < s.lon.length; i++) {
    if (demandId[off + i] < 0) {
      run = 0;
      continue;
    }
    if (run++ % every !== 0) continue;
    const prev = i > 0 && s.road[i - 1] === s.road[i] ? i - 1 : i;
    const next = i + 1 < s.lon.length && s.road[i + 1] === s.road[i] ? i + 1 : i;
    if (prev === next) continue;
    const b = bearingDeg([s.lon[prev], s.lat[prev]], [s.lon[next], s.lat[next]]);
    consider([s.lon[i], s.lat[i]], b, 'road');
    consider([s.lon[i], s.lat[i]], b + 180, 'road');
  }

  const result = solveMclp(
    { weights, need: needs, initial, cover, cost: candidates.map((c) => c.costYuan) },
    { p: options.k, budget: options.budgetYuan, interchange: options.interchange },
  );

  // Replay the chosen cameras in order to report what each one newly covers.
  const countsAfter = Uint16Array.from(counts);
  const cameras: PlannedCamera[] = result.chosen.map((j, order) => {
    let newSites = 0, newRoadM = 0;
    for (const d of cover[j]) {
      const i = demandPoint[d];
      const was = countsAfter[i] >= need[i];
      countsAfter[i]++;
      if (was || countsAfter[i] < need[i]) continue;
      if (i >= off && i < world.offsets.crossings) newRoadM += s.lengthM[i - off];
      else newSites++;
    }
    return { ...candidates[j], gain: result.gains[order], newSites, newRoadM };
  });
  return {
    cameras,
    candidates: candidates.length,
    demandPoints: demandPoint.length,
    objectiveBefore: result.baseObjective,
    objectiveAfter: result.objective,
    greedyObjective: result.greedyObjective,
    swaps: result.swaps,
    costYuan: cameras.reduce((a, c) => a + c.costYuan, 0),
    countsAfter,
  };
}

// The coverage work as run on a worker thread (server/workers/pool.ts): building the demand model from the
// database rows, counting every camera's sector, the ledger, and camera siting (MCLP) with the ledgers before
// and after. Each task gets the world in its shared form (analysis/shared-world.ts: no copy of its arrays) and
// gives back plain data; large answers come back as JSON text, so the event loop neither rebuilds nor
// re-serialises them. Nothing here touches the database or HTTP.
import { densityFromCells, planCameras, type DensityCells, type PlannedCamera, type SitingOptions, type SitingPlan } from '../analysis/camera-siting.js';
import { countCoverage } from '../../shared/geo/coverage-count.js';
import { rankGaps } from '../analysis/gap-ranking.js';
import { computeLedger, type UnitLevel } from '../../shared/geo/coverage-ledger.js';
import { changedGaps, storedGaps, type StoredGaps } from '../analysis/whatif-gaps.js';
import { buildCoverageWorld, worldInputsFromRows, type WorldRows } from '../../shared/geo/coverage-world.js';
import { onShared, shareWorld, worldFromShared, type SharedWorld } from '../analysis/shared-world.js';

/** Builds the demand model (road sampling, point-in-grid for every sample, crossings, the point index). */
export function coverageWorld(rows: WorldRows): SharedWorld {
  return shareWorld(buildCoverageWorld(worldInputsFromRows(rows)));
}

/** Camera columns: the sector of camera i is (lon[i], lat[i], bearing[i], fov[i], rangeM[i]), seen when online[i]. */
export interface CameraColumns { lon: Float64Array; lat: Float64Array; bearing: Float64Array; fov: Float64Array; rangeM: Float64Array; online: Uint8Array }

/** How many online cameras see each demand point, on shared memory (handed to later tasks without a copy). */
export function cameraCounts(t: { world: SharedWorld; cameras: CameraColumns }): Uint16Array {
  const world = worldFromShared(t.world);
  const c = t.cameras;
  const cams = Array.from(c.lon, (lon, i) => ({ lon, lat: c.lat[i], bearing: c.bearing[i], fov: c.fov[i], rangeM: c.rangeM[i], online: c.online[i] === 1 }));
  return onShared(countCoverage(world.points, cams));
}

export interface LedgerParams { code?: string; level: UnitLevel; double: string[]; gaps: boolean }

const ledgerOf = (world: SharedWorld, counts: Uint16Array, p: LedgerParams) =>
  computeLedger(worldFromShared(world), counts, { code: p.code, level: p.level, doubleKinds: new Set(p.double), gaps: p.gaps });

/** The ledger as JSON text; with the incident density its gaps come best first with their scores. */
export function coverageLedger(t: { world: SharedWorld; counts: Uint16Array; ledger: LedgerParams; density?: DensityCells }): string {
  const ledger = ledgerOf(t.world, t.counts, t.ledger);
  return JSON.stringify(ledger.gaps && t.density ? { ...ledger, gaps: rankGaps(ledger.gaps, densityFromCells(t.density)) } : ledger);
}

export interface WhatIfTask {
  world: SharedWorld;
  /** the scenario's counts, and the stored network's (shared memory: the cached camera state's) */
  counts: Uint16Array;
  baseCounts: Uint16Array;
  ledger: LedgerParams;
  density: DensityCells;
  /** `token` names the stored network's gaps for these options; `held` is the one the client holds */
  gapsAgainst: { token: string; held: string };
}
export interface WhatIfText {
  /** the scenario's ledger without its gaps, as JSON text */
  ledger: string;
  /** its gaps as a GapChange against the stored network's, with the token of those (`against`) */
  gapsChange: string;
  /** the stored network's gaps ({ token, sites, roads }), when the client does not hold them */
  gapsBase?: string;
}

/** The stored network's ranked gaps by token, so an edit after the first ranks only the gaps it changed. */
const storedByToken = new Map<string, StoredGaps>();
/** Tokens kept per thread (options a planner switches between: levels share one, codes and doubles do not). */
const STORED_GAPS_KEPT = 4;

/** A what-if's ledger with its gaps as a change against the stored network's (analysis/whatif-gaps.ts). */
export function coverageWhatIf(t: WhatIfTask): WhatIfText {
  const { token, held } = t.gapsAgainst;
  const density = densityFromCells(t.density);
  let stored = storedByToken.get(token);
  if (!stored) {
    stored = storedGaps(rankGaps(ledgerOf(t.world, t.baseCounts, { ...t.ledger, gaps: true }).gaps!, density));
    storedByToken.set(token, stored);
    for (const old of storedByToken.keys()) if (storedByToken.size > STORED_GAPS_KEPT) storedByToken.delete(old);
  }
  const change = changedGaps(worldFromShared(t.world), stored, t.baseCounts, t.counts, t.ledger, density);
  return {
    ledger: JSON.stringify(ledgerOf(t.world, t.counts, { ...t.ledger, gaps: false })),
    gapsChange: JSON.stringify({ against: token, ...change }),
    ...(held === token ? {} : { gapsBase: JSON.stringify({ token, sites: stored.sites, roads: stored.roads }) }),
  };
}

export interface PlanTask {
  world: SharedWorld;
  counts: Uint16Array;
  siting: Omit<SitingOptions, 'density' | 'doubleKinds'> & { density: DensityCells };
  ledger: LedgerParams;
}
export interface PlanAnswer {
  plan: Omit<SitingPlan, 'countsAfter' | 'cameras'> & { cameras: PlannedCamera[] };
  /** ledgers before and predicted after the plan, as JSON text */
  before: string;
  predicted: string;
}

/** The MCLP plan and the ledgers before and after it (greedy + interchange: seconds on a county). */
export function coveragePlan(t: PlanTask): PlanAnswer {
  const world = worldFromShared(t.world);
  const { countsAfter, ...plan } = planCameras(world, t.counts, { ...t.siting, doubleKinds: new Set(t.ledger.double), density: densityFromCells(t.siting.density) });
  const ledger = { ...t.ledger, gaps: false };
  return { plan, before: JSON.stringify(ledgerOf(t.world, t.counts, ledger)), predicted: JSON.stringify(ledgerOf(t.world, countsAfter, ledger)) };
}

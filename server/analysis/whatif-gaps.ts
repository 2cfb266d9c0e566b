// A what-if's gaps as a change against the stored network's, found from what the edits changed rather than by
// listing the whole county's gaps again: a few edited cameras change the counts of a few hundred demand
// points, so only the sites among them and the roads they lie on can gain or lose a gap. Those roads are
// scanned again (coverage-ledger.ts roadGapsIn, the ledger's own scan), and only new gaps are scored.
// test/api/coverage-gap-change.test.ts checks the change applied to the stored gaps against the whole-county
// way (every gap of the scenario listed and ranked), on random scenarios.
import { roadGapsIn, siteGapOf, siteNeeds, unitsInScope, type RoadGap, type SiteGap } from '../../shared/geo/coverage-ledger.js';
import type { CoverageWorld } from '../../shared/geo/coverage-world.js';
import { roadGapKey, siteGapKey, type GapChange, type Gaps } from '../../shared/geo/gap-change.js';
import { scoredRoadGap, scoredSiteGap, type Density } from './gap-ranking.js';

/** The stored network's ranked gaps, indexed by road and by site. */
export interface StoredGaps extends Gaps {
  byRoad: Map<number, RoadGap[]>;
  bySite: Map<number, SiteGap>;
}

export function storedGaps(gaps: Gaps): StoredGaps {
  const byRoad = new Map<number, RoadGap[]>();
  for (const r of gaps.roads) (byRoad.get(r.roadId) ?? byRoad.set(r.roadId, []).get(r.roadId)!).push(r);
  return { ...gaps, byRoad, bySite: new Map(gaps.sites.map((s) => [s.id, s])) };
}

const runsOfWorld = new WeakMap<CoverageWorld, Map<number, [number, number][]>>();
/** Each road's runs of consecutive samples, [from, to) (once per world). */
function sampleRuns(world: CoverageWorld): Map<number, [number, number][]> {
  let runs = runsOfWorld.get(world);
  if (!runs) {
    runs = new Map();
    const road = world.samples.road;
    for (let i = 0; i < road.length; ) {
      let j = i + 1;
      while (j < road.length && road[j] === road[i]) j++;
      (runs.get(road[i]) ?? runs.set(road[i], []).get(road[i])!).push([i, j]);
      i = j;
    }
    runsOfWorld.set(world, runs);
  }
  return runs;
}

export interface GapScope { code?: string; double: readonly string[] }

/** What turns the stored gaps (of `baseCounts`) into the scenario's (of `counts`), for the same scope and doubles. */
export function changedGaps(world: CoverageWorld, stored: StoredGaps, baseCounts: Uint16Array, counts: Uint16Array, scope: GapScope, density: Density): GapChange {
  const need = siteNeeds(world, new Set(scope.double));
  const inScope = unitsInScope(world, scope.code);
  const change: GapChange = { removedSites: [], removedRoads: [], sites: [], roads: [] };

  // a site's gap changes with its count (the gap says how many cameras it has)
  for (let i = 0; i < world.sites.length; i++) {
    if (baseCounts[i] === counts[i]) continue;
    const was = stored.bySite.get(world.sites[i].id);
    const u = world.siteUnit[i];
    const now = u >= 0 && inScope[u] && counts[i] < need[i] ? siteGapOf(world, i, counts, need) : undefined;
    if (was && now && siteGapKey(was) === siteGapKey(now)) continue;
    if (was) change.removedSites.push(siteGapKey(was));
    if (now) change.sites.push(scoredSiteGap(now, density));
  }

  // a road's stretches change where a sample of it was seen and is not, or the reverse
  const off = world.offsets.samples;
  const touched = new Set<number>();
  for (let i = 0; i < world.samples.lon.length; i++) if (baseCounts[off + i] > 0 !== counts[off + i] > 0) touched.add(world.samples.road[i]);
  const runs = sampleRuns(world);
  for (const r of touched) {
    const was = stored.byRoad.get(world.roads[r].id) ?? [];
    const now = runs.get(r)!.flatMap(([from, to]) => roadGapsIn(world, counts, inScope, from, to));
    const wasKeys = new Set(was.map(roadGapKey)), nowKeys = new Set(now.map(roadGapKey));
    for (const g of was) if (!nowKeys.has(roadGapKey(g))) change.removedRoads.push(roadGapKey(g));
    for (const g of now) if (!wasKeys.has(roadGapKey(g))) change.roads.push(scoredRoadGap(g, density));
  }
  return change;
}

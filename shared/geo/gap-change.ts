// A what-if's gaps as a change against the stored network's gaps. A camera added or switched changes a few
// of the county's gaps, but the full list is ~2,200 road stretches with their lines (≈ 400 KB of JSON): sent
// for every edit it was most of what the server wrote, gzipped and the browser parsed. The client holds the
// stored network's gaps once (with their token) and each edit's answer names only the gaps it removed and
// the ones it added (server/analysis/whatif-gaps.ts finds them); the client applies that and gets exactly the
// full list the server would have sent — same rows, same order (test/api/coverage-gap-change.test.ts checks
// it against the full answer).
import type { RoadGap, SiteGap } from './coverage-ledger.js';

export interface Gaps { sites: SiteGap[]; roads: RoadGap[] }

export interface GapChange {
  /** keys (siteGapKey / roadGapKey) of the base's gaps that are not gaps of the scenario */
  removedSites: string[];
  removedRoads: string[];
  /** the scenario's gaps that are not in the base */
  sites: SiteGap[];
  roads: RoadGap[];
}

/** A site gap is its site with the cameras it has and needs (its score follows from the site and the density). */
export const siteGapKey = (s: SiteGap): string => `${s.id}/${s.cameras}/${s.need}`;

/** A road stretch is its road, its length and its two ends (its line is the road's between them). */
export function roadGapKey(r: RoadGap): string {
  const a = r.line[0], b = r.line[r.line.length - 1];
  return `${r.roadId}/${r.lengthM}/${a?.[0]},${a?.[1]}/${b?.[0]},${b?.[1]}`;
}

/** Best first; ties by site id, so the order is total and the same wherever it is sorted. */
export const bySiteGapRank = (a: SiteGap, b: SiteGap): number => (b.score ?? 0) - (a.score ?? 0) || a.id - b.id;

/** Best first; ties: the longer stretch, then by road and where the stretch starts (a total order). */
export function byRoadGapRank(a: RoadGap, b: RoadGap): number {
  return (b.score ?? 0) - (a.score ?? 0) || b.lengthM - a.lengthM || a.roadId - b.roadId || (a.line[0]?.[0] ?? 0) - (b.line[0]?.[0] ?? 0) || (a.line[0]?.[1] ?? 0) - (b.line[0]?.[1] ?? 0);
}

/** `base` with `change` applied, ranked best first: the scenario's full gaps. */
export function applyGapChange(base: Gaps, change: GapChange): Gaps {
  const goneSites = new Set(change.removedSites), goneRoads = new Set(change.removedRoads);
  return {
    sites: [...base.sites.filter((s) => !goneSites.has(siteGapKey(s))), ...change.sites].sort(bySiteGapRank),
    roads: [...base.roads.filter((r) => !goneRoads.has(roadGapKey(r))), ...change.roads].sort(byRoadGapRank),
  };
}

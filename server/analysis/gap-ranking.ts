// Which coverage gaps matter: each gap scored with the siting optimiser's own weighting (target priority ×
// incident density, camera-siting.ts demandPriority and incidentDensity) for what one new camera placed
// there would gain — the same points ("分") as the plan's marginal gain — and sorted best first. Without
// it the map at county zoom is all red: 3,000+ km of village road held to 90 % by length, where a camera
// at the county seat's busiest uncovered corner is worth many times a camera on an empty lane.
//
// A site scores SITE_WEIGHT × target share × density at the site. A road stretch scores what a public
// camera's reach (its range along the road) covers of it: target share × min(length, reach) / 10 m ×
// the highest density along the stretch (where that camera would go).
import { NEW_CAMERA_SPECS } from '../../shared/domain/coverage.js';
import { COVERAGE_TARGETS } from '../../shared/domain/sites.js';
import { ROAD_TARGETS, type RoadGap, type SiteGap } from '../../shared/geo/coverage-ledger.js';
import { bySiteGapRank, byRoadGapRank } from '../../shared/geo/gap-change.js';
import { SITE_WEIGHT } from './camera-siting.js';

/** Density is read every this many metres along a stretch (the density grid is ~1 km). */
const PROBE_M = 200;
const DEFAULT_ROAD_TARGET = 50;

export type Density = (lon: number, lat: number) => number;

export function siteGapScore(s: SiteGap, density: Density): number {
  return ((SITE_WEIGHT * COVERAGE_TARGETS[s.category].targetPct) / 100) * density(s.lon, s.lat);
}

export function roadGapScore(r: RoadGap, density: Density, reachM = NEW_CAMERA_SPECS.public.rangeM): number {
  const target = (ROAD_TARGETS[r.roadClass] ?? DEFAULT_ROAD_TARGET) / 100;
  return ((target * Math.min(r.lengthM, reachM)) / 10) * maxDensityAlong(r.line, density);
}

/** The highest density at the stretch's vertices and at points every PROBE_M between them. */
export function maxDensityAlong(line: readonly [number, number][], density: Density): number {
  let best = 0;
  for (let i = 0; i < line.length; i++) {
    const [x, y] = line[i];
    best = Math.max(best, density(x, y));
    if (i === line.length - 1) continue;
    const [x2, y2] = line[i + 1];
    const lenM = Math.hypot((x2 - x) * 111_320 * Math.cos((y * Math.PI) / 180), (y2 - y) * 110_540);
    const steps = Math.floor(lenM / PROBE_M);
    for (let k = 1; k <= steps; k++) best = Math.max(best, density(x + ((x2 - x) * k) / (steps + 1), y + ((y2 - y) * k) / (steps + 1)));
  }
  return best;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** The gap with its score as the answers give it (to a tenth of a point). */
export const scoredSiteGap = (s: SiteGap, density: Density): SiteGap => ({ ...s, score: round1(siteGapScore(s, density)) });
export const scoredRoadGap = (r: RoadGap, density: Density): RoadGap => ({ ...r, score: round1(roadGapScore(r, density)) });

/**
 * The gaps with their scores, each list best first in a total order (gap-change.ts: ties by site id; by
 * length, road and start): a what-if's gaps sent as a change against the stored ones sort back to this order.
 */
export function rankGaps(gaps: { sites: SiteGap[]; roads: RoadGap[] }, density: Density): { sites: SiteGap[]; roads: RoadGap[] } {
  const sites = gaps.sites.map((s) => scoredSiteGap(s, density)).sort(bySiteGapRank);
  const roads = gaps.roads.map((r) => scoredRoadGap(r, density)).sort(byRoadGapRank);
  return { sites, roads };
}

// The gaps the map shows by default: TOP_GAPS of them, chosen so that every kind of target is seen, the rest on
// demand. Scores come from the server with the optimiser's weighting (server/analysis/gap-ranking.ts: target
// priority × incident density, what one new camera there would gain), but sites and road stretches are scored
// on different scales (a site 30 × share × density, a stretch what 60 m of camera reach covers): merged by raw
// score, the top 20 were all camera sites. So the target classes — each site category, each road class — take
// turns: round 1 takes the best gap of every class (best first), round 2 the second best of each, and so on.
// Gaps that score 0 (a camera there gains nothing) only show with "all".
// The same arrays come back while the gaps and the choice are the same, so deck.gl keeps its buffers.
import type { RoadGap, SiteGap } from './coverage-api';

export const TOP_GAPS = 20;

/** `classRank`: the gap's place within its own target class (1 = that class's best). */
export type RankedGap = ({ type: 'site'; gap: SiteGap } | { type: 'road'; gap: RoadGap }) & { score: number; classRank: number };

export interface FocusedGaps {
  /** drawn on the map */
  roads: RoadGap[];
  sites: SiteGap[];
  /** the top gaps in the order of their turns (the panel's list) */
  top: RankedGap[];
  /** how many gaps there are in all */
  total: number;
}

/** A gap's target class: its site category or its road class. */
export const gapClass = (g: RankedGap): string => (g.type === 'site' ? `site:${g.gap.category}` : `road:${g.gap.roadClass}`);

/** The top `n` by turns of the target classes (see above); every gap on the map when `all`. */
export function focusGaps(roads: readonly RoadGap[], sites: readonly SiteGap[], all: boolean, n = TOP_GAPS): FocusedGaps {
  const classes = new Map<string, RankedGap[]>();
  const add = (g: RankedGap) => {
    if (g.score <= 0) return;
    const k = gapClass(g);
    if (!classes.has(k)) classes.set(k, []);
    classes.get(k)!.push(g);
  };
  for (const gap of sites) add({ type: 'site', gap, score: gap.score ?? 0, classRank: 0 });
  for (const gap of roads) add({ type: 'road', gap, score: gap.score ?? 0, classRank: 0 });
  const queues = [...classes.values()].map((q) => q.sort((a, b) => b.score - a.score)); // stable: ties keep the server's order
  const top: RankedGap[] = [];
  for (let round = 0; top.length < n; round++) {
    const turn = queues.flatMap((q) => (q[round] ? [q[round]] : [])).sort((a, b) => b.score - a.score);
    if (turn.length === 0) break;
    for (const g of turn.slice(0, n - top.length)) top.push({ ...g, classRank: round + 1 });
  }
  return {
    roads: all ? [...roads] : top.flatMap((g) => (g.type === 'road' ? [g.gap] : [])),
    sites: all ? [...sites] : top.flatMap((g) => (g.type === 'site' ? [g.gap] : [])),
    top,
    total: roads.length + sites.length,
  };
}

/** Memoises focusGaps on its inputs' identity. */
export class GapFocus {
  private last: { roads: readonly RoadGap[]; sites: readonly SiteGap[]; all: boolean; out: FocusedGaps } | null = null;
  of(roads: readonly RoadGap[], sites: readonly SiteGap[], all: boolean): FocusedGaps {
    const l = this.last;
    if (l && l.roads === roads && l.sites === sites && l.all === all) return l.out;
    this.last = { roads, sites, all, out: focusGaps(roads, sites, all) };
    return this.last.out;
  }
}

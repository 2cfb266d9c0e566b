// The gaps the map shows by default: the TOP_GAPS best-scoring ones (sites and road stretches together,
// scored by the server with the optimiser's weighting: server/analysis/gap-ranking.ts), the rest on demand.
// The same arrays come back while the gaps and the choice are the same, so deck.gl keeps its buffers.
import type { RoadGap, SiteGap } from './coverage-api';

export const TOP_GAPS = 20;

export type RankedGap = { type: 'site'; gap: SiteGap; score: number } | { type: 'road'; gap: RoadGap; score: number };

export interface FocusedGaps {
  /** drawn on the map */
  roads: RoadGap[];
  sites: SiteGap[];
  /** the top gaps best first (the panel's list) */
  top: RankedGap[];
  /** how many gaps there are in all */
  total: number;
}

/** The top `n` of both lists merged by score (each list comes best first); all of them when `all`. */
export function focusGaps(roads: readonly RoadGap[], sites: readonly SiteGap[], all: boolean, n = TOP_GAPS): FocusedGaps {
  const top: RankedGap[] = [];
  let i = 0, j = 0;
  while (top.length < n && (i < sites.length || j < roads.length)) {
    const s = sites[i], r = roads[j];
    if (s && (!r || (s.score ?? 0) >= (r.score ?? 0))) top.push({ type: 'site', gap: s, score: s.score ?? 0 }), i++;
    else top.push({ type: 'road', gap: r, score: r.score ?? 0 }), j++;
  }
  return {
    roads: all ? [...roads] : roads.slice(0, j),
    sites: all ? [...sites] : sites.slice(0, i),
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

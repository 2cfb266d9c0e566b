// Maximal covering location problem (MCLP), generic: demand points with weights, candidate facilities
// with the sets of demand they cover, facilities already in place (initial coverage counts), a number p
// of new facilities or a budget with a cost per candidate. The same core sites the spopt San Francisco
// oracle (stores covering census tracts) and new cameras (sectors covering sites and road pieces).
//
// Objective: Σ w_i · min(c_i, need_i) / need_i, where c_i counts chosen + existing facilities covering i.
// With need = 1 this is the textbook MCLP; need = 2 gives half credit per cover (backup coverage). The
// objective is submodular (each term is concave in c_i), which is what makes lazy greedy exact for the
// greedy step and gives greedy its (1 − 1/e) guarantee. Greedy can stop at a local optimum (on the SF
// oracle it picks {11, 12, 16, 2}), so an interchange step (Teitz–Bart vertex substitution) follows: drop
// one chosen facility, add the best replacement if it gains more than was lost, repeat until no swap helps.

export interface MclpProblem {
  /** weight of each demand point */
  weights: ArrayLike<number>;
  /** covers each demand point needs for full credit (default 1 everywhere) */
  need?: ArrayLike<number>;
  /** covers already in place (existing facilities, fixed) */
  initial?: ArrayLike<number>;
  /** demand indices covered by each candidate */
  cover: ArrayLike<number>[];
  /** cost of each candidate (budget mode); 1 each when absent */
  cost?: ArrayLike<number>;
}

export interface MclpOptions {
  /** number of facilities to add (p-mode) */
  p?: number;
  /** total cost allowed (budget mode); both may be given, the stricter binds */
  budget?: number;
  /** run the interchange step after greedy (default true) */
  interchange?: boolean;
  maxPasses?: number;
}

export interface MclpResult {
  /** chosen candidates, ordered so that each has the largest marginal gain given the ones before it */
  chosen: number[];
  /** marginal objective gain of each chosen candidate, in that order */
  gains: number[];
  objective: number;
  /** objective before any new facility */
  baseObjective: number;
  /** objective after greedy only (before interchange) */
  greedyObjective: number;
  swaps: number;
}

const EPS = 1e-9;

class State {
  readonly counts: Float64Array;
  readonly need: Float64Array;
  constructor(private readonly pb: MclpProblem) {
    const n = pb.weights.length;
    this.counts = Float64Array.from({ length: n }, (_, i) => pb.initial?.[i] ?? 0);
    this.need = Float64Array.from({ length: n }, (_, i) => Math.max(1, pb.need?.[i] ?? 1));
  }
  /** gain of adding candidate j now */
  gain(j: number): number {
    let g = 0;
    const cov = this.pb.cover[j];
    for (let k = 0; k < cov.length; k++) {
      const i = cov[k];
      if (this.counts[i] < this.need[i]) g += this.pb.weights[i] / this.need[i];
    }
    return g;
  }
  /** loss of removing candidate j (already added) */
  loss(j: number): number {
    let l = 0;
    const cov = this.pb.cover[j];
    for (let k = 0; k < cov.length; k++) {
      const i = cov[k];
      if (this.counts[i] <= this.need[i]) l += this.pb.weights[i] / this.need[i];
    }
    return l;
  }
  add(j: number, delta: 1 | -1): void {
    const cov = this.pb.cover[j];
    for (let k = 0; k < cov.length; k++) this.counts[cov[k]] += delta;
  }
  objective(): number {
    let v = 0;
    for (let i = 0; i < this.counts.length; i++) v += (this.pb.weights[i] * Math.min(this.counts[i], this.need[i])) / this.need[i];
    return v;
  }
}

export function solveMclp(pb: MclpProblem, options: MclpOptions): MclpResult {
  const m = pb.cover.length;
  const cost = (j: number) => pb.cost?.[j] ?? 1;
  const p = options.p ?? Infinity;
  const budget = options.budget ?? Infinity;
  if (!Number.isFinite(p) && !Number.isFinite(budget)) throw new Error('solveMclp: give p or a budget');
  const state = new State(pb);
  const baseObjective = state.objective();
  // What greedy ranks by: with a budget, gain per unit cost (money is what runs out); with only a count p,
  // gain itself — cost does not enter the objective, and ranking by gain per yuan would prefer cheap
  // cameras that see little (0.81–0.89 of the optimum on the county before the interchange repaired it).
  const byCost = Number.isFinite(budget);
  const rank = (j: number) => (byCost ? state.gain(j) / cost(j) : state.gain(j));

  // Lazy greedy: a max-heap of stale ranks; a popped entry whose rank is fresh is the best.
  const chosen: number[] = [];
  const inSet = new Uint8Array(m);
  let spent = 0;
  const heap = new MaxHeap();
  for (let j = 0; j < m; j++) heap.push(j, rank(j));
  const fresh = new Int32Array(m); // round in which each heap key was computed (all at round 0)
  while (chosen.length < p && heap.size > 0) {
    const j = heap.pop()!;
    if (spent + cost(j) > budget + EPS) continue; // can never fit again: budgets only fill up
    if (fresh[j] !== chosen.length) {
      fresh[j] = chosen.length;
      heap.push(j, rank(j));
      continue;
    }
    if (state.gain(j) <= EPS) break; // nothing left to gain anywhere
    chosen.push(j), (inSet[j] = 1), (spent += cost(j)), state.add(j, 1);
  }
  // Budget-mode safeguard (Khuller et al.): the best single affordable candidate may beat ratio-greedy.
  if (Number.isFinite(budget) && chosen.length > 0) {
    const total = state.objective() - baseObjective;
    const fresh0 = new State(pb);
    let best = -1, bestGain = total + EPS;
    for (let j = 0; j < m; j++) if (cost(j) <= budget + EPS && fresh0.gain(j) > bestGain) (best = j), (bestGain = fresh0.gain(j));
    if (best >= 0) {
      for (const j of chosen) state.add(j, -1), (inSet[j] = 0);
      chosen.length = 0;
      chosen.push(best), (inSet[best] = 1), (spent = cost(best)), state.add(best, 1);
    }
  }
  const greedyObjective = state.objective();

  let swaps = 0;
  if (options.interchange !== false && chosen.length > 0) {
    const maxPasses = options.maxPasses ?? 20;
    for (let pass = 0; pass < maxPasses; pass++) {
      let improved = false;
      for (let s = 0; s < chosen.length; s++) {
        const j = chosen[s];
        state.add(j, -1);
        const lost = state.gain(j);
        const room = budget - (spent - cost(j));
        let best = -1, bestGain = lost + 1e-7 * Math.max(1, lost);
        for (let c = 0; c < m; c++) {
          if (inSet[c] || cost(c) > room + EPS) continue;
          const g = state.gain(c);
          if (g > bestGain) (bestGain = g), (best = c);
        }
        if (best >= 0) {
          inSet[j] = 0, (inSet[best] = 1), (chosen[s] = best), (spent += cost(best) - cost(j)), state.add(best, 1);
          swaps++, (improved = true);
        } else state.add(j, 1);
      }
      if (!improved) break;
    }
  }

  // Report in greedy order over the final set: the marginal gain of each camera given those before it.
  const ordered: number[] = [], gains: number[] = [];
  const replay = new State(pb);
  const left = new Set(chosen);
  while (left.size) {
    let best = -1, bestG = -Infinity;
    for (const j of left) {
      const g = byCost ? replay.gain(j) / cost(j) : replay.gain(j);
      if (g > bestG || (g === bestG && j < best)) (bestG = g), (best = j);
    }
    gains.push(replay.gain(best));
    replay.add(best, 1), left.delete(best), ordered.push(best);
  }
  return { chosen: ordered, gains, objective: replay.objective(), baseObjective, greedyObjective, swaps };
}

/** Binary max-heap of (id, key); ties pop the lower id first so results are deterministic. */
class MaxHeap {
  private ids: number[] = [];
  private keys: number[] = [];
  get size(): number {
    return this.ids.length;
  }
  private above(a: number, b: number): boolean {
    return this.keys[a] > this.keys[b] || (this.keys[a] === this.keys[b] && this.ids[a] < this.ids[b]);
  }
  private swap(a: number, b: number): void {
    [this.ids[a], this.ids[b]] = [this.ids[b], this.ids[a]];
    [this.keys[a], this.keys[b]] = [this.keys[b], this.keys[a]];
  }
  push(id: number, key: number): void {
    this.ids.push(id), this.keys.push(key);
    let i = this.ids.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.above(i, parent)) break;
      this.swap(i, parent), (i = parent);
    }
  }
  pop(): number | undefined {
    if (!this.ids.length) return undefined;
    const top = this.ids[0];
    const lastId = this.ids.pop()!, lastKey = this.keys.pop()!;
    if (this.ids.length) {
      this.ids[0] = lastId, (this.keys[0] = lastKey);
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let top2 = i;
        if (l < this.ids.length && this.above(l, top2)) top2 = l;
        if (r < this.ids.length && this.above(r, top2)) top2 = r;
        if (top2 === i) break;
        this.swap(i, top2), (i = top2);
      }
    }
    return top;
  }
}

// The (team) orienteering problem: from a depot, each of `units` routes visits stops and returns within a
// time budget; every stop has a score (risk) and a dwell time; no stop is visited twice. Maximise the total
// score. NP-hard, so: greedy insertion by score per added minute, then local search until nothing improves
// — 2-opt inside routes (frees time), relocation of a stop to another route (balances time), insertion of
// left-out stops, and swaps of a visited stop for a better left-out one. Several restarts with noisy
// insertion ratios; the best plan wins. With a seed, the scores themselves are jittered a little so that
// different seeds give different (still good) routes: a patrol that always runs the same loop is predictable.
import { Random } from '../demo/random.js';

export interface OrienteeringInstance {
  /** Travel seconds between points; index 0 is the depot, 1..n the stops. Infinity = unreachable. */
  time: readonly (ArrayLike<number>)[];
  /** Score of each point (index 0, the depot, is ignored). */
  score: readonly number[];
  /** Seconds spent at each stop. */
  dwell: readonly number[];
  budget: number;
  units: number;
}

export interface OrienteeringOptions {
  /** Randomise (seeded) so routes are not predictable; omitted = deterministic. */
  seed?: number;
  /** Relative score jitter when seeded (0.15 = ±15 %). */
  jitter?: number;
  restarts?: number;
  /** Iterated-local-search perturbations after the restarts. */
  kicks?: number;
}

export interface OrienteeringSolution {
  /** Per unit: stop indices (1..n) in visiting order, depot implied at both ends. */
  routes: number[][];
  /** Per unit: total seconds (travel + dwell). */
  times: number[];
  score: number;
}

export function routeTime(inst: OrienteeringInstance, route: readonly number[]): number {
  let t = 0, prev = 0;
  for (const s of route) (t += inst.time[prev][s] + inst.dwell[s]), (prev = s);
  return t + inst.time[prev][0];
}

export function solveOrienteering(inst: OrienteeringInstance, options: OrienteeringOptions = {}): OrienteeringSolution {
  const rnd = options.seed === undefined ? undefined : new Random(options.seed);
  const jitter = options.jitter ?? 0.15;
  // Working scores: the true ones, or jittered ones when randomised (the reported score is always the true one).
  const work = inst.score.map((s, i) => (i === 0 || !rnd ? s : s * (1 + jitter * (2 * rnd.next() - 1))));
  const restarts = options.restarts ?? 6;
  const kicks = options.kicks ?? 40;
  let best: OrienteeringSolution | undefined;
  const consider = (routes: number[][]) => {
    const score = routes.reduce((s, route) => s + route.reduce((a, i) => a + work[i], 0), 0);
    const times = routes.map((route) => routeTime(inst, route));
    const total = times.reduce((a, b) => a + b, 0);
    const bestTotal = best ? best.times.reduce((a, b) => a + b, 0) : Infinity;
    if (!best || score > best.score + 1e-9 || (Math.abs(score - best.score) <= 1e-9 && total < bestTotal - 1e-6)) best = { routes, times, score };
  };
  for (let r = 0; r < restarts; r++) {
    const noise = r === 0 && !rnd ? 0 : 0.3;
    const pick = rnd ?? new Random(7919 * (r + 1));
    const routes = construct(inst, work, noise, pick, Array.from({ length: inst.units }, () => []));
    improve(inst, work, routes);
    consider(routes);
  }
  // Iterated local search: knock a few stops out of the best plan, refill greedily with noise, polish.
  const kick = rnd ?? new Random(104729);
  for (let k = 0; k < kicks; k++) {
    const routes = best!.routes.map((route) => route.slice());
    const visited = routes.flat();
    if (visited.length === 0) break;
    const drop = new Set<number>();
    const howMany = 1 + Math.floor(kick.next() * Math.max(2, Math.ceil(visited.length * 0.4)));
    while (drop.size < Math.min(howMany, visited.length)) drop.add(visited[Math.floor(kick.next() * visited.length)]);
    const partial = routes.map((route) => route.filter((s) => !drop.has(s)));
    const refilled = construct(inst, work, 0.3, kick, partial, drop);
    improve(inst, work, refilled);
    consider(refilled);
  }
  const sol = best!;
  balance(inst, sol.routes);
  if (rnd) sol.routes = sol.routes.map((route) => (rnd.next() < 0.5 ? route.slice().reverse() : route)); // same time either way round
  sol.times = sol.routes.map((route) => routeTime(inst, route));
  sol.score = sol.routes.reduce((s, route) => s + route.reduce((a, i) => a + inst.score[i], 0), 0);
  return sol;
}

/** Cheapest position to insert stop s in a route: added seconds and index. */
function cheapestInsertion(inst: OrienteeringInstance, route: readonly number[], s: number): { delta: number; at: number } {
  let best = { delta: Infinity, at: -1 };
  for (let p = 0; p <= route.length; p++) {
    const a = p === 0 ? 0 : route[p - 1], b = p === route.length ? 0 : route[p];
    const d = inst.time[a][s] + inst.dwell[s] + inst.time[s][b] - inst.time[a][b];
    if (d < best.delta) best = { delta: d, at: p };
  }
  return best;
}

/** Greedy: repeatedly insert the stop with the best score per added second, wherever it fits (from partial routes). */
function construct(inst: OrienteeringInstance, work: readonly number[], noise: number, rnd: Random, routes: number[][], tabu?: ReadonlySet<number>): number[][] {
  const n = inst.score.length - 1;
  const times = routes.map((route) => routeTime(inst, route));
  const used = new Uint8Array(n + 1);
  for (const route of routes) for (const s of route) used[s] = 1;
  // Stops just knocked out may not come straight back in this pass (else the kick undoes itself).
  if (tabu) for (const s of tabu) used[s] = 1;
  const factor = new Float64Array(n + 1).map(() => (noise ? 1 + noise * (2 * rnd.next() - 1) : 1));
  for (;;) {
    let best: { s: number; r: number; at: number; delta: number; ratio: number } | undefined;
    for (let s = 1; s <= n; s++) {
      if (used[s] || work[s] <= 0) continue;
      for (let r = 0; r < routes.length; r++) {
        const ins = cheapestInsertion(inst, routes[r], s);
        if (times[r] + ins.delta > inst.budget) continue;
        const ratio = (work[s] * factor[s]) / Math.max(1, ins.delta);
        if (!best || ratio > best.ratio) best = { s, r, at: ins.at, delta: ins.delta, ratio };
      }
    }
    if (!best) return routes;
    routes[best.r].splice(best.at, 0, best.s);
    times[best.r] += best.delta;
    used[best.s] = 1;
  }
}

/** Local search until no move improves the score (or, at equal score, the time). */
function improve(inst: OrienteeringInstance, work: readonly number[], routes: number[][]): void {
  const n = inst.score.length - 1;
  for (let round = 0; round < 50; round++) {
    let changed = false;
    for (const route of routes) changed = twoOpt(inst, route) || changed;
    changed = relocate(inst, routes) || changed;
    const used = new Uint8Array(n + 1);
    for (const route of routes) for (const s of route) used[s] = 1;
    // Insert left-out stops (best score first) wherever one fits.
    const left = [...Array(n).keys()].map((i) => i + 1).filter((s) => !used[s] && work[s] > 0).sort((a, b) => work[b] - work[a]);
    for (const s of left) {
      let best: { r: number; at: number; delta: number } | undefined;
      routes.forEach((route, r) => {
        const ins = cheapestInsertion(inst, route, s);
        if (routeTime(inst, route) + ins.delta <= inst.budget && (!best || ins.delta < best.delta)) best = { r, ...ins };
      });
      if (best) routes[best.r].splice(best.at, 0, s), (used[s] = 1), (changed = true);
    }
    // Swap a visited stop for a better left-out one (at its cheapest position in the freed route).
    swap: for (const s of left) {
      if (used[s]) continue;
      for (const route of routes)
        for (let k = 0; k < route.length; k++) {
          const v = route[k];
          if (work[s] <= work[v]) continue;
          const without = route.slice(0, k).concat(route.slice(k + 1));
          const ins = cheapestInsertion(inst, without, s);
          if (routeTime(inst, without) + ins.delta <= inst.budget) {
            without.splice(ins.at, 0, s);
            route.splice(0, route.length, ...without);
            used[s] = 1, (used[v] = 0), (changed = true);
            continue swap;
          }
        }
    }
    if (!changed) return;
  }
}

/** 2-opt: reverse a segment when that shortens the closed tour. Returns whether it changed anything. */
function twoOpt(inst: OrienteeringInstance, route: number[]): boolean {
  let improved = false;
  for (let again = true; again; ) {
    again = false;
    const tour = [0, ...route, 0];
    for (let i = 1; i < tour.length - 2; i++)
      for (let j = i + 1; j < tour.length - 1; j++) {
        const before = inst.time[tour[i - 1]][tour[i]] + inst.time[tour[j]][tour[j + 1]];
        const after = inst.time[tour[i - 1]][tour[j]] + inst.time[tour[i]][tour[j + 1]];
        if (after < before - 1e-6) {
          const seg = tour.slice(i, j + 1).reverse();
          tour.splice(i, seg.length, ...seg);
          again = improved = true;
        }
      }
    route.splice(0, route.length, ...tour.slice(1, -1));
  }
  return improved;
}

/** Moves a stop to another route where it saves total time (frees room in the busier route). */
function relocate(inst: OrienteeringInstance, routes: number[][]): boolean {
  let changed = false;
  for (let a = 0; a < routes.length; a++)
    for (let k = 0; k < routes[a].length; k++) {
      const s = routes[a][k];
      const without = routes[a].slice(0, k).concat(routes[a].slice(k + 1));
      const saved = routeTime(inst, routes[a]) - routeTime(inst, without);
      for (let b = 0; b < routes.length; b++) {
        if (b === a) continue;
        const ins = cheapestInsertion(inst, routes[b], s);
        if (ins.delta < saved - 1e-6 && routeTime(inst, routes[b]) + ins.delta <= inst.budget) {
          routes[b].splice(ins.at, 0, s);
          routes[a] = without;
          changed = true;
          k--;
          break;
        }
      }
    }
  return changed;
}

/**
 * Same stops, fairer shifts: when one unit carries most of the work (e.g. every candidate fits a long shift),
 * move stops from the longest route to another while that shortens the longest route. The score is unchanged.
 */
function balance(inst: OrienteeringInstance, routes: number[][]): void {
  for (let guard = 0; guard < 1000; guard++) {
    const times = routes.map((route) => routeTime(inst, route));
    const l = times.indexOf(Math.max(...times));
    let best: { k: number; r: number; at: number; worst: number } | undefined;
    for (let k = 0; k < routes[l].length; k++) {
      const without = routes[l].slice(0, k).concat(routes[l].slice(k + 1));
      const left = routeTime(inst, without);
      for (let r = 0; r < routes.length; r++) {
        if (r === l) continue;
        const ins = cheapestInsertion(inst, routes[r], routes[l][k]);
        const grown = times[r] + ins.delta;
        const worst = Math.max(left, grown);
        if (grown <= inst.budget && worst < times[l] - 1e-6 && (!best || worst < best.worst)) best = { k, r, at: ins.at, worst };
      }
    }
    if (!best) return;
    const [s] = routes[l].splice(best.k, 1);
    routes[best.r].splice(best.at, 0, s);
    twoOpt(inst, routes[l]);
    twoOpt(inst, routes[best.r]);
  }
}

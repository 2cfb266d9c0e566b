// Patrol route planning: the shift's risk cells become candidate stops (snapped to the road graph), travel
// times between them come from one Dijkstra per stop, the orienteering solver picks and orders the stops for
// each unit, and A* draws each leg on the roads. Left-out candidates get a reason a dispatcher can act on.
import type { LonLat } from '../../../shared/geo/geo.js';
import { haversineMeters } from '../../../shared/geo/geo.js';
import { routeTime, solveOrienteering } from '../../analysis/orienteering.js';
import type { RiskCell } from '../../analysis/risk-windows.js';
import { dijkstra, pathTo } from '../../analysis/shortest-path.js';
import type { PatrolData, Station } from './patrol.data.js';

export interface PlanInput {
  station: Station;
  cells: readonly RiskCell[];
  totalRisk: number;
  budgetMin: number;
  dwellMin: number;
  units: number;
  candidates: number;
  seed?: number;
  weights: Float64Array;
  /** Stops farther than this from any road are not drivable. */
  maxSnapM?: number;
}

/** no_road: no road near the cell; unreachable: not connected; too_far: the round trip alone exceeds the shift; no_time: fits alone, but the units' time went to higher risk per minute. */
export type LeftOutReason = 'no_road' | 'unreachable' | 'too_far' | 'no_time';
export interface PlannedStop { order: number; cell: string; lon: number; lat: number; risk: number; count: number; byCategory: Record<string, number>; arriveMin: number; departMin: number; legMin: number }
export interface PlannedRoute { unit: number; stops: PlannedStop[]; path: LonLat[]; timeMin: number; travelMin: number; distanceKm: number; risk: number }
export interface RoutePlan {
  station: Station;
  budgetMin: number;
  dwellMin: number;
  routes: PlannedRoute[];
  collectedRisk: number;
  candidateRisk: number;
  totalRisk: number;
  shareOfShift: number;
  shareOfCandidates: number;
  leftOut: { cell: string; lon: number; lat: number; risk: number; rank: number; reason: LeftOutReason; detailMin?: number }[];
}

/** The request is valid but cannot be planned (e.g. a station far from every road). */
export class PlanError extends Error {}

export function planPatrol(data: Pick<PatrolData, 'graph'>, input: PlanInput): RoutePlan {
  const { graph } = data;
  const maxSnap = input.maxSnapM ?? 1500;
  const depot = graph.nearest([input.station.lon, input.station.lat], 5000);
  if (!depot) throw new PlanError(`station ${input.station.name} is more than 5 km from any road: no route can start there`);
  const budget = input.budgetMin * 60, dwell = input.dwellMin * 60;
  const depotTree = dijkstra(graph, [depot.node], input.weights, budget);
  // Candidates: the highest-risk cells a unit can drive to, stop at and come back from within the shift.
  // Cells ranked above the last candidate but undrivable are reported as left out, with the reason.
  const cands: RiskCell[] = [];
  const candNodes: number[] = [];
  const early: RoutePlan['leftOut'] = [];
  let fullTree: ReturnType<typeof dijkstra> | undefined; // unpruned, only to tell 'too far' from 'unreachable'
  for (let i = 0; i < input.cells.length && cands.length < input.candidates; i++) {
    const c = input.cells[i];
    const base = { cell: c.cell, lon: c.focusLon, lat: c.focusLat, risk: c.risk, rank: i + 1 };
    // Only the top ranks are worth explaining; deeper cells skipped on the way to `candidates` drivable ones are not.
    const explain = i < input.candidates;
    const snap = graph.nearest([c.focusLon, c.focusLat], maxSnap);
    if (!snap) {
      if (explain) early.push({ ...base, reason: 'no_road' });
      continue;
    }
    const out = depotTree.dist[snap.node];
    if (!Number.isFinite(out) || 2 * out + dwell > budget) {
      // Undirected graph: the way back takes as long as the way out.
      if (explain) early.push({ ...base, reason: Number.isFinite(out) || (fullTree ??= dijkstra(graph, [depot.node], input.weights)).dist[snap.node] < Infinity ? 'too_far' : 'unreachable', detailMin: Number.isFinite(out) ? (2 * out + dwell - budget) / 60 : undefined });
      continue;
    }
    cands.push(c);
    candNodes.push(snap.node);
  }
  // Points: 0 = depot, then the candidates. One Dijkstra per point (pruned at the budget) fills the matrix.
  const nodes = [depot.node, ...candNodes];
  const trees = [depotTree, ...candNodes.map((n) => dijkstra(graph, [n], input.weights, budget))];
  const time = trees.map((t) => nodes.map((n) => t.dist[n]));
  const score = [0, ...cands.map((c) => c.risk)];
  const dwellArr = [0, ...cands.map(() => dwell)];
  const inst = { time, score, dwell: dwellArr, budget, units: input.units };
  const sol = solveOrienteering(inst, { seed: input.seed });

  const routes: PlannedRoute[] = sol.routes.map((route, u) => {
    const stops: PlannedStop[] = [];
    const path: LonLat[] = [];
    let clock = 0, prev = 0, dist = 0, travel = 0;
    const leg = (from: number, to: number) => {
      // The Dijkstra tree of the leg's start already holds the path.
      const nodesOnPath = pathTo(trees[from], nodes[to]);
      for (let k = 0; k < nodesOnPath.length; k++) {
        const p: LonLat = [graph.lon[nodesOnPath[k]], graph.lat[nodesOnPath[k]]];
        if (k > 0) dist += haversineMeters(path[path.length - 1], p);
        if (k > 0 || path.length === 0) path.push(p);
      }
      travel += time[from][to];
      return time[from][to];
    };
    route.forEach((pt, k) => {
      const legS = leg(prev, pt);
      clock += legS;
      const c = cands[pt - 1];
      stops.push({ order: k + 1, cell: c.cell, lon: graph.lon[nodes[pt]], lat: graph.lat[nodes[pt]], risk: c.risk, count: c.count, byCategory: c.byCategory, arriveMin: clock / 60, departMin: (clock + dwell) / 60, legMin: legS / 60 });
      clock += dwell;
      prev = pt;
    });
    if (route.length) leg(prev, 0);
    return { unit: u + 1, stops, path, timeMin: routeTime(inst, route) / 60, travelMin: travel / 60, distanceKm: dist / 1000, risk: stops.reduce((s, x) => s + x.risk, 0) };
  });

  // Why each left-out candidate was left out.
  const visited = new Set(sol.routes.flat());
  const leftOut: RoutePlan['leftOut'] = [...early];
  cands.forEach((c, i) => {
    const p = i + 1;
    if (visited.has(p)) return;
    // The extra minutes its cheapest insertion would need beyond the time a unit has left.
    let need = Infinity;
    sol.routes.forEach((route) => {
      const t = routeTime(inst, route);
      for (let q = 0; q <= route.length; q++) {
        const a = q === 0 ? 0 : route[q - 1], b = q === route.length ? 0 : route[q];
        need = Math.min(need, t + time[a][p] + dwell + time[p][b] - time[a][b] - budget);
      }
    });
    leftOut.push({ cell: c.cell, lon: c.focusLon, lat: c.focusLat, risk: c.risk, rank: input.cells.indexOf(c) + 1, reason: 'no_time', detailMin: Math.max(0, need) / 60 });
  });
  leftOut.sort((a, b) => a.rank - b.rank);

  const collected = routes.reduce((s, r) => s + r.risk, 0);
  const candidateRisk = cands.reduce((s, c) => s + c.risk, 0);
  return {
    station: input.station,
    budgetMin: input.budgetMin,
    dwellMin: input.dwellMin,
    routes,
    collectedRisk: collected,
    candidateRisk,
    totalRisk: input.totalRisk,
    shareOfShift: input.totalRisk > 0 ? collected / input.totalRisk : 0,
    shareOfCandidates: candidateRisk > 0 ? collected / candidateRisk : 0,
    leftOut,
  };
}

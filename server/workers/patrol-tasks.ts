// Patrol route planning as run on a worker thread (server/workers/pool.ts): one Dijkstra per candidate stop,
// the orienteering solver and A* legs take a second or more at the top of the limits (10 units, 80
// candidates), so they leave the event loop. The road graph comes as its arrays (~100 KB) and is rebuilt
// once per thread per graph; a plan that cannot be made comes back as its reason, not as a thrown error
// (an error's class does not survive the trip between threads).
import { graphFromArrays, type GraphArrays, type RoadGraph } from '../analysis/road-graph.js';
import { planPatrol, PlanError, type PlanInput, type RoutePlan } from '../routes/patrol/route-plan.js';

const graphs = new Map<string, RoadGraph>();

export interface PatrolPlanTask { graphId: string; graph: GraphArrays; input: PlanInput }

export function patrolPlan(t: PatrolPlanTask): { plan: RoutePlan } | { planError: string } {
  let graph = graphs.get(t.graphId);
  if (!graph) {
    if (graphs.size >= 2) graphs.clear();
    graphs.set(t.graphId, (graph = graphFromArrays(t.graph)));
  }
  try {
    return { plan: planPatrol({ graph }, t.input) };
  } catch (err) {
    if (err instanceof PlanError) return { planError: err.message };
    throw err;
  }
}

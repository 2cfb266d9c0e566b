// Shortest paths on the road graph: Dijkstra from one or many sources (travel-time trees for route
// planning and isochrones) and A* between two nodes (a single route leg). Costs are an edge weight array
// of the graph's CSR layout: `graph.timeS` for travel time, `graph.lengthM` for distance.
import { haversineMeters } from '../../shared/geo/geo.js';
import type { RoadGraph } from './road-graph.js';

/** Binary min-heap of (node, key) with lazy deletion: stale entries are skipped when popped. */
class MinHeap {
  private nodes: Uint32Array;
  private keys: Float64Array;
  size = 0;
  constructor(capacity: number) {
    this.nodes = new Uint32Array(Math.max(16, capacity));
    this.keys = new Float64Array(Math.max(16, capacity));
  }
  push(node: number, key: number): void {
    if (this.size === this.nodes.length) {
      const n = new Uint32Array(this.size * 2), k = new Float64Array(this.size * 2);
      n.set(this.nodes), k.set(this.keys);
      this.nodes = n, this.keys = k;
    }
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.keys[parent] <= key) break;
      this.nodes[i] = this.nodes[parent], this.keys[i] = this.keys[parent];
      i = parent;
    }
    this.nodes[i] = node, this.keys[i] = key;
  }
  /** Pops the minimum; its key is left in `lastKey`. */
  lastKey = 0;
  pop(): number {
    const top = this.nodes[0];
    this.lastKey = this.keys[0];
    const n = this.nodes[--this.size], k = this.keys[this.size];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= this.size) break;
      if (c + 1 < this.size && this.keys[c + 1] < this.keys[c]) c++;
      if (this.keys[c] >= k) break;
      this.nodes[i] = this.nodes[c], this.keys[i] = this.keys[c];
      i = c;
    }
    this.nodes[i] = n, this.keys[i] = k;
    return top;
  }
}

export interface ShortestPathTree {
  /** Cost from the nearest source; Infinity when unreached (or beyond maxCost). */
  dist: Float64Array;
  /** The node before each node on its best path; -1 at sources and unreached nodes. */
  prev: Int32Array;
  /** Which source each node's best path starts from (index into the sources given); -1 when unreached. */
  source: Int32Array;
}

export interface Source { node: number; cost?: number }

/** Dijkstra from several sources at once (each may start with a cost, e.g. the walk from a point to its node). */
export function dijkstra(graph: RoadGraph, sources: readonly (number | Source)[], weights: Float64Array = graph.timeS, maxCost = Infinity): ShortestPathTree {
  const n = graph.nodeCount;
  const dist = new Float64Array(n).fill(Infinity);
  const prev = new Int32Array(n).fill(-1);
  const source = new Int32Array(n).fill(-1);
  const heap = new MinHeap(n);
  sources.forEach((s, i) => {
    const node = typeof s === 'number' ? s : s.node;
    const cost = typeof s === 'number' ? 0 : (s.cost ?? 0);
    if (cost < dist[node]) dist[node] = cost, source[node] = i, heap.push(node, cost);
  });
  const { offsets, targets } = graph;
  while (heap.size > 0) {
    const u = heap.pop();
    const du = heap.lastKey;
    if (du > dist[u]) continue; // stale
    if (du > maxCost) break;
    for (let e = offsets[u]; e < offsets[u + 1]; e++) {
      const v = targets[e];
      const dv = du + weights[e];
      if (dv < dist[v]) {
        dist[v] = dv, prev[v] = u, source[v] = source[u];
        heap.push(v, dv);
      }
    }
  }
  if (Number.isFinite(maxCost)) for (let i = 0; i < n; i++) if (dist[i] > maxCost) (dist[i] = Infinity), (prev[i] = -1), (source[i] = -1);
  return { dist, prev, source };
}

/** Nodes from the tree's source to `target`, or [] when unreached. */
export function pathTo(tree: ShortestPathTree, target: number): number[] {
  if (!Number.isFinite(tree.dist[target])) return [];
  const out: number[] = [];
  for (let v = target; v !== -1; v = tree.prev[v]) out.push(v);
  return out.reverse();
}

/**
 * A* between two nodes by travel time. The heuristic (straight-line distance at the graph's top speed) never
 * overestimates, so the path is optimal; it settles far fewer nodes than Dijkstra for one leg.
 */
export function aStar(graph: RoadGraph, from: number, to: number, weights: Float64Array = graph.timeS): { cost: number; nodes: number[] } | undefined {
  const n = graph.nodeCount;
  const byLength = weights === graph.lengthM;
  const speed = byLength ? 1 : graph.maxSpeedMs;
  const goal: [number, number] = [graph.lon[to], graph.lat[to]];
  // Haversine on a sphere can exceed the edges' own haversine sum by rounding only; shave 0.1 % for safety.
  const h = (v: number) => (0.999 * haversineMeters([graph.lon[v], graph.lat[v]], goal)) / speed;
  const g = new Float64Array(n).fill(Infinity);
  const prev = new Int32Array(n).fill(-1);
  const closed = new Uint8Array(n);
  const heap = new MinHeap(64);
  g[from] = 0;
  heap.push(from, h(from));
  while (heap.size > 0) {
    const u = heap.pop();
    if (closed[u]) continue;
    closed[u] = 1;
    if (u === to) break;
    for (let e = graph.offsets[u]; e < graph.offsets[u + 1]; e++) {
      const v = graph.targets[e];
      const gv = g[u] + weights[e];
      if (gv < g[v]) {
        g[v] = gv, prev[v] = u;
        heap.push(v, gv + h(v));
      }
    }
  }
  if (!Number.isFinite(g[to])) return undefined;
  const nodes: number[] = [];
  for (let v = to; v !== -1; v = prev[v]) nodes.push(v);
  return { cost: g[to], nodes: nodes.reverse() };
}

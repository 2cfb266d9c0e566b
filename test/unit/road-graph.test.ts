// The road graph's construction on hand-made layouts (crossings, T-junctions, snapping, railway left out),
// and Dijkstra / A* against Floyd–Warshall over the same edges on random graphs.
import { describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import { buildRoadGraph, type GraphLine, type RoadGraph } from '../../server/analysis/road-graph.js';
import { aStar, dijkstra, pathTo } from '../../server/analysis/shortest-path.js';
import { haversineMeters, offsetMeters, type LonLat } from '../../server/analysis/geo.js';
import { Random } from '../../server/demo/random.js';

const SPEEDS = { national: 72, street: 36, village: 18, railway: 0 };
const O: LonLat = [123, 44.8];
const at = (eastM: number, northM: number): LonLat => offsetMeters(offsetMeters(O, eastM, 90), northM, 0);
const line = (id: number, roadClass: string, ...pts: LonLat[]): GraphLine => ({ id, name: `r${id}`, roadClass, line: pts });

function edgeCount(g: RoadGraph): number {
  return g.offsets[g.nodeCount] / 2;
}

describe('buildRoadGraph', () => {
  it('splits two streets where they cross mid-segment', () => {
    const g = buildRoadGraph([line(1, 'street', at(-500, 0), at(500, 0)), line(2, 'street', at(0, -500), at(0, 500))], { speedKmh: SPEEDS });
    expect(g.nodeCount).toBe(5);
    expect(edgeCount(g)).toBe(4);
    const centre = g.nearest(at(0, 0))!;
    expect(centre.distanceM).toBeLessThan(0.5);
    expect(g.offsets[centre.node + 1] - g.offsets[centre.node]).toBe(4);
    // 500 m at 36 km/h = 50 s from the crossing to each end.
    const tree = dijkstra(g, [centre.node]);
    const end = g.nearest(at(500, 0))!.node;
    expect(tree.dist[end]).toBeCloseTo(50, 0);
  });

  it('joins a road that ends on another road (T-junction) and snaps near-equal vertices', () => {
    const g = buildRoadGraph(
      [line(1, 'national', at(0, 0), at(1000, 0)), line(2, 'village', at(400, 2), at(400, 800)), line(3, 'village', at(1000.5, 0.5), at(1000, 600))],
      { speedKmh: SPEEDS, snapM: 5 },
    );
    // Nodes: 0, the T at 400, 1000 (shared by road 3 within 0.7 m), top of road 2, top of road 3.
    expect(g.nodeCount).toBe(5);
    const a = g.nearest(at(400, 800))!.node, b = g.nearest(at(1000, 600))!.node;
    const tree = dijkstra(g, [a], g.lengthM);
    expect(tree.dist[b]).toBeGreaterThan(800 + 600 + 600 - 5);
    expect(tree.dist[b]).toBeLessThan(800 + 600 + 600 + 5);
  });

  it('leaves the railway out and does not join roads that merely pass near each other', () => {
    const g = buildRoadGraph([line(1, 'street', at(0, 0), at(1000, 0)), line(2, 'street', at(0, 20), at(1000, 20)), line(3, 'railway', at(500, -500), at(500, 500))], { speedKmh: SPEEDS });
    expect(g.nodeCount).toBe(4);
    const tree = dijkstra(g, [g.nearest(at(0, 0))!.node]);
    expect(tree.dist[g.nearest(at(0, 20))!.node]).toBe(Infinity);
  });

  it('creates one node per crossing, as many as turf finds, on random segments', () => {
    const r = new Random(11);
    const lines = Array.from({ length: 25 }, (_, i) => line(i, 'street', at(r.uniform(0, 5000), r.uniform(0, 5000)), at(r.uniform(0, 5000), r.uniform(0, 5000))));
    const g = buildRoadGraph(lines, { speedKmh: SPEEDS, snapM: 0.01 });
    let crossings = 0;
    for (let i = 0; i < lines.length; i++)
      for (let j = i + 1; j < lines.length; j++) crossings += turf.lineIntersect(turf.lineString(lines[i].line.map((p) => [...p])), turf.lineString(lines[j].line.map((p) => [...p]))).features.length;
    expect(crossings).toBeGreaterThan(20);
    expect(g.nodeCount).toBe(lines.length * 2 + crossings);
    expect(edgeCount(g)).toBe(lines.length + 2 * crossings);
  });
});

/** Floyd–Warshall over the graph's own edge list: the brute-force oracle for every pair. */
function floydWarshall(g: RoadGraph, w: Float64Array): Float64Array[] {
  const n = g.nodeCount;
  const d = Array.from({ length: n }, (_, i) => {
    const row = new Float64Array(n).fill(Infinity);
    row[i] = 0;
    return row;
  });
  for (let u = 0; u < n; u++) for (let e = g.offsets[u]; e < g.offsets[u + 1]; e++) d[u][g.targets[e]] = Math.min(d[u][g.targets[e]], w[e]);
  for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (d[i][k] + d[k][j] < d[i][j]) d[i][j] = d[i][k] + d[k][j];
  return d;
}

describe('shortest paths vs Floyd–Warshall', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`agree on every pair of a random road network (seed ${seed})`, () => {
      const r = new Random(seed);
      const classes = ['national', 'street', 'village'];
      // Random polylines with a few vertices: their crossings make the graph irregular; some parts disconnect.
      const lines = Array.from({ length: 14 }, (_, i) =>
        line(i, classes[r.int(0, 2)], ...Array.from({ length: r.int(2, 4) }, () => at(r.uniform(0, 8000), r.uniform(0, 8000)))),
      );
      const g = buildRoadGraph(lines, { speedKmh: SPEEDS });
      expect(g.nodeCount).toBeGreaterThan(20);
      for (const w of [g.timeS, g.lengthM]) {
        const fw = floydWarshall(g, w);
        for (let s = 0; s < g.nodeCount; s++) {
          const tree = dijkstra(g, [s], w);
          for (let t = 0; t < g.nodeCount; t++) {
            if (fw[s][t] === Infinity) expect(tree.dist[t]).toBe(Infinity);
            else expect(tree.dist[t]).toBeCloseTo(fw[s][t], 6);
          }
          const t = r.int(0, g.nodeCount - 1);
          const a = aStar(g, s, t, w);
          if (fw[s][t] === Infinity) expect(a).toBeUndefined();
          else {
            expect(a!.cost).toBeCloseTo(fw[s][t], 6);
            // The path's own edges add up to its cost, and the Dijkstra tree's path ends where it should.
            const p = pathTo(tree, t);
            expect(p[0]).toBe(s);
            expect(p[p.length - 1]).toBe(t);
          }
        }
      }
    });
  }

  it('multi-source Dijkstra gives the minimum over sources with start costs', () => {
    const r = new Random(9);
    const lines = Array.from({ length: 12 }, (_, i) => line(i, 'street', at(r.uniform(0, 6000), r.uniform(0, 6000)), at(r.uniform(0, 6000), r.uniform(0, 6000))));
    const g = buildRoadGraph(lines, { speedKmh: SPEEDS });
    const fw = floydWarshall(g, g.timeS);
    const sources = [{ node: 0, cost: 30 }, { node: 5, cost: 0 }, { node: 9, cost: 100 }];
    const tree = dijkstra(g, sources);
    for (let t = 0; t < g.nodeCount; t++) {
      const want = Math.min(...sources.map((s) => s.cost + fw[s.node][t]));
      if (want === Infinity) expect(tree.dist[t]).toBe(Infinity);
      else expect(tree.dist[t]).toBeCloseTo(want, 6);
    }
    expect(haversineMeters([g.lon[0], g.lat[0]], lines[0].line[0])).toBeLessThan(1);
  });
});

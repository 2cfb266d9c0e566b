// The road graph's construction on hand-made layouts (crossings, T-junctions, snapping, railway left out),
// and Dijkstra / A* against Floyd–Warshall over the same edges on random graphs.
import { describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import { buildRoadGraph, type GraphLine, type RoadGraph } from '../../server/analysis/road-graph.js';
import { aStar, dijkstra, pathTo } from '../../server/analysis/shortest-path.js';
import { haversineMeters, offsetMeters, type LonLat } from '../../shared/geo/geo.js';
import { watchStatus, type WatchCamera } from '../../server/analysis/border-zones.js';
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

describe('nearest node (snapping to the road graph) ranks by metres', () => {
  const NORTH45: LonLat = [123, 45];
  const near = (eastM: number, northM: number): LonLat => offsetMeters(offsetMeters(NORTH45, eastM, 90), northM, 0);
  /** The nearest node in metres within maxM by looking at every node. */
  const bruteForce = (g: RoadGraph, p: LonLat, maxM: number) => {
    let best: { node: number; distanceM: number } | undefined;
    for (let i = 0; i < g.nodeCount; i++) {
      const d = haversineMeters(p, [g.lon[i], g.lat[i]]);
      if (d <= maxM && (!best || d < best.distanceM)) best = { node: i, distanceM: d };
    }
    return best;
  };

  it('equals brute force over 1,500 random points at 45° N, with and without a limit', () => {
    const r = new Random(45);
    // Over 40 × 40 km: east–west streets with a vertex every 30 m, and short north–south roads of two
    // vertices. North of a point, many street vertices are nearer in degrees than a road end that is
    // nearer in metres to its east: the layout where ranking in degrees goes wrong.
    const lines: GraphLine[] = [];
    for (let i = 0; i < 60; i++) {
      const a = near(r.uniform(-20000, 20000), r.uniform(-20000, 20000));
      lines.push(line(i, 'street', ...Array.from({ length: 100 }, (_, k) => offsetMeters(a, k * 30, 90))));
    }
    for (let i = 0; i < 120; i++) {
      const a = near(r.uniform(-20000, 20000), r.uniform(-20000, 20000));
      lines.push(line(100 + i, 'village', a, offsetMeters(a, r.uniform(300, 3000), r.next() < 0.5 ? 0 : 180)));
    }
    const g = buildRoadGraph(lines, { speedKmh: SPEEDS });
    let mismatches = 0, checked = 0, none = 0;
    for (let k = 0; k < 1500; k++) {
      const p = near(r.uniform(-22000, 22000), r.uniform(-22000, 22000));
      const maxM = k % 3 === 0 ? Infinity : r.uniform(500, 5000);
      const want = bruteForce(g, p, maxM);
      const got = g.nearest(p, maxM);
      checked++;
      if (!want) {
        none++;
        expect(got).toBeUndefined();
        continue;
      }
      if (!got || Math.abs(got.distanceM - want.distanceM) > 1e-6) mismatches++;
    }
    expect(checked).toBe(1500);
    expect(none).toBeGreaterThan(0); // the limit mattered somewhere
    expect(mismatches).toBe(0);
  });

  it('finds a node 2.75 km east within a 3 km limit although nodes 3.05–3.2 km north are nearer in degrees', () => {
    const lines: GraphLine[] = [];
    // Ten short streets whose near ends lie 3.05–3.2 km north or south: closer in degrees of latitude
    // (≈0.0275°) than the east one is in degrees of longitude (≈0.035°), but farther in metres.
    for (let i = 0; i < 10; i++) {
      const northM = (i % 2 ? -1 : 1) * (3050 + i * 15);
      lines.push(line(i, 'village', near((i - 5) * 40, northM), near((i - 5) * 40, northM + Math.sign(northM) * 200)));
    }
    lines.push(line(99, 'village', near(2750, 0), near(2950, 0)));
    const g = buildRoadGraph(lines, { speedKmh: SPEEDS });
    const hit = g.nearest(NORTH45, 3000);
    expect(hit).toBeDefined();
    expect(hit!.distanceM).toBeCloseTo(2750, 0);
    expect(g.nearest(NORTH45, 2700)).toBeUndefined();
  });

  it('the border watch measures its nearest camera the same way (brute force over random cameras)', () => {
    const r = new Random(142);
    // Cameras in north–south files: many are nearer in degrees than the one nearest in metres.
    const cameras: WatchCamera[] = [];
    for (let f = 0; f < 40; f++) {
      const a = near(r.uniform(-15000, 15000), r.uniform(-15000, 15000));
      for (let k = 0; k < 15; k++) {
        const [lon, lat] = offsetMeters(a, k * 40, 0);
        cameras.push({ id: `c${f}-${k}`, kind: 'public', status: 'online', lon, lat });
      }
    }
    const points = Array.from({ length: 800 }, () => near(r.uniform(-16000, 16000), r.uniform(-16000, 16000)));
    const got = watchStatus(points, cameras, 50);
    let wrong = 0;
    points.forEach((p, i) => {
      const want = Math.min(...cameras.map((c) => haversineMeters(p, [c.lon, c.lat])));
      if (want > 50 && Math.abs((got[i].nearestM ?? Infinity) - want) > 1e-6) wrong++;
    });
    expect(wrong).toBe(0);
  });
});

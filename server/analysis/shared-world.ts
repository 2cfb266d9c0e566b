// A coverage world (coverage-world.ts) in a form every thread holds at once: its arrays live on shared memory
// (SharedArrayBuffer), so handing it to a worker thread copies only the small lists (key sites, grid names,
// road names, crossings) — the ~335,000 demand points, their point index and the road geometry are not copied.
// The worker pool runs ledgers and camera siting on it (workers/analysis-tasks.ts) while the event loop routes.
import { randomUUID } from 'node:crypto';
import type { BorderCrossing } from '../../shared/geo/border-crossings.js';
import { PointIndex } from '../../shared/geo/coverage-count.js';
import type { CoverageWorld, GridUnit, Intersections, RoadInput, SiteInput } from '../../shared/geo/coverage-world.js';
import type { LonLat } from '../../shared/geo/geo.js';
import type { RoadSamples } from '../../shared/geo/road-sampling.js';

export interface SharedWorld {
  /** Unique per built world: a thread keeps the world it rebuilt under this id. */
  id: string;
  sites: SiteInput[];
  siteUnit: Int32Array;
  roads: Omit<RoadInput, 'line'>[];
  /** road r's vertices are lineCoords[2 * lineStart[r] … 2 * lineStart[r + 1]) as lon, lat pairs */
  lineStart: Int32Array;
  lineCoords: Float64Array;
  samples: RoadSamples;
  sampleUnit: Int32Array;
  crossings: BorderCrossing[];
  crossingUnit: Int32Array;
  units: GridUnit[];
  points: { lon: Float64Array; lat: Float64Array; index: ArrayBufferLike };
  offsets: CoverageWorld['offsets'];
  stepM: number;
  intersections: Intersections;
}

type Typed = Float64Array | Float32Array | Int32Array | Uint32Array | Uint16Array | Uint8Array;

/** A copy of a typed array on shared memory (the array itself when it already is). */
export function onShared<T extends Typed>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const Ctor = a.constructor as new (b: SharedArrayBuffer) => T;
  const out = new Ctor(new SharedArrayBuffer(a.byteLength));
  out.set(a as never);
  return out;
}

const sharedOfWorld = new WeakMap<CoverageWorld, SharedWorld>();
/** Worlds rebuilt on this thread, by id: the last few (a data version changes them rarely). */
const rebuilt = new Map<string, CoverageWorld>();

/** The shared form of a world (made once per world, then the same object). */
export function shareWorld(world: CoverageWorld): SharedWorld {
  const known = sharedOfWorld.get(world);
  if (known) return known;
  const lineStart = new Int32Array(new SharedArrayBuffer(4 * (world.roads.length + 1)));
  world.roads.forEach((r, i) => (lineStart[i + 1] = lineStart[i] + r.line.length));
  const lineCoords = new Float64Array(new SharedArrayBuffer(16 * lineStart[world.roads.length]));
  world.roads.forEach((r, i) => r.line.forEach((p, k) => ((lineCoords[2 * (lineStart[i] + k)] = p[0]), (lineCoords[2 * (lineStart[i] + k) + 1] = p[1]))));
  const s = world.samples, x = world.intersections;
  const shared: SharedWorld = {
    id: randomUUID(), // unique across threads (a counter per thread is not)
    sites: world.sites,
    siteUnit: onShared(world.siteUnit),
    roads: world.roads.map(({ line: _l, ...r }) => r),
    lineStart,
    lineCoords,
    samples: { lon: onShared(s.lon), lat: onShared(s.lat), lengthM: onShared(s.lengthM), road: onShared(s.road), fromM: onShared(s.fromM), toM: onShared(s.toM) },
    sampleUnit: onShared(world.sampleUnit),
    crossings: world.crossings,
    crossingUnit: onShared(world.crossingUnit),
    units: world.units,
    points: { lon: onShared(world.points.lon), lat: onShared(world.points.lat), index: world.points.data },
    offsets: world.offsets,
    stepM: world.stepM,
    intersections: { lon: onShared(x.lon), lat: onShared(x.lat), unit: onShared(x.unit), bearingStart: onShared(x.bearingStart), bearings: onShared(x.bearings) },
  };
  sharedOfWorld.set(world, shared);
  rebuilt.set(shared.id, world);
  return shared;
}

/** The world of a shared form, rebuilt once per thread (road lines as arrays, the point index from its bytes). */
export function worldFromShared(s: SharedWorld): CoverageWorld {
  const known = rebuilt.get(s.id);
  if (known) return known;
  const roads: RoadInput[] = s.roads.map((r, i) => {
    const line: LonLat[] = [];
    for (let k = s.lineStart[i]; k < s.lineStart[i + 1]; k++) line.push([s.lineCoords[2 * k], s.lineCoords[2 * k + 1]]);
    return { ...r, line };
  });
  const world: CoverageWorld = {
    sites: s.sites,
    siteUnit: s.siteUnit,
    roads,
    samples: s.samples,
    sampleUnit: s.sampleUnit,
    crossings: s.crossings,
    crossingUnit: s.crossingUnit,
    units: s.units,
    points: new PointIndex(s.points.lon, s.points.lat, s.points.index),
    offsets: s.offsets,
    stepM: s.stepM,
    intersections: s.intersections,
  };
  if (rebuilt.size >= 3) rebuilt.delete(rebuilt.keys().next().value!);
  rebuilt.set(s.id, world);
  sharedOfWorld.set(world, s);
  return world;
}

// The generated road network and railway: trunk roads that leave the county toward named neighbours,
// county roads between township seats, village and hamlet roads, and street grids in the towns.
import type { LonLat } from '../../shared/geo/geo.js';
import { bearingDeg, haversineMeters, lineLengthMeters, offsetMeters } from '../../shared/geo/geo.js';
import type { RoadClass } from '../../shared/domain/sites.js';
import type { Township, Village } from './admin.js';
import type { Grid } from './grids.js';
import type { Neighbour } from './inputs.js';
import type { Area } from './partition.js';
import type { Random } from './random.js';
import { streetStems } from './names.js';
import { type PlaceNames, shortTownName } from './place-names.js';

export interface Road { id: number; name: string; roadClass: RoadClass; line: LonLat[]; lengthM: number; townshipCode: string | null }

/** A street lattice: the skeleton of a town, used later to place shops, cameras and incidents. */
export interface TownStreets { townshipCode: string; centre: LonLat; streets: Road[]; intersections: LonLat[]; mainStreetId: number }

const outerRing = (g: Area): number[][] => (g.type === 'Polygon' ? g.coordinates[0] : g.coordinates.flatMap((p) => p[0]));

/** Outline vertices the county shares with a neighbour (the source draws shared borders with shared vertices). */
export function sharedBorder(outline: Area, neighbour: Neighbour): LonLat[] {
  const key = (c: number[]) => `${c[0].toFixed(5)},${c[1].toFixed(5)}`;
  const theirs = new Set(outerRing(neighbour.geometry).map(key));
  return outerRing(outline).filter((c) => theirs.has(key(c))).map((c) => [c[0], c[1]] as LonLat);
}

/** Wiggles a straight leg so generated roads do not look ruled. */
function naturalLine(points: LonLat[], random: Random, stepM = 1500, jitterM = 120): LonLat[] {
  const out: LonLat[] = [points[0]];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1], b = points[i];
    const n = Math.max(1, Math.round(haversineMeters(a, b) / stepM));
    const perpendicular = (bearingDeg(a, b) + 90) % 360;
    for (let k = 1; k < n; k++) {
      const t = k / n;
      const p: LonLat = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
      out.push(offsetMeters(p, random.normal(0, jitterM), perpendicular));
    }
    out.push(b);
  }
  return out;
}

export interface TrunkSpec { name: string; roadClass: 'national' | 'provincial' | 'railway'; from: LonLat; toward: string }

/** The border vertex shared with `neighbour` that lies most in the neighbour's direction seen from `from`. */
function borderPointToward(outline: Area, from: LonLat, neighbour: Neighbour): LonLat {
  const border = sharedBorder(outline, neighbour);
  if (border.length === 0) throw new Error(`no shared border with ${neighbour.name}`);
  const ring = outerRing(neighbour.geometry);
  const nc: LonLat = [ring.reduce((s, c) => s + c[0], 0) / ring.length, ring.reduce((s, c) => s + c[1], 0) / ring.length];
  const want = bearingDeg(from, nc);
  const diff = (p: LonLat) => Math.abs(((bearingDeg(from, p) - want + 540) % 360) - 180);
  // Prefer the middle of the shared border: a real trunk road crosses it, not at a tri-point.
  const inner = border.slice(Math.floor(border.length * 0.15), Math.ceil(border.length * 0.85));
  return (inner.length ? inner : border).reduce((best, p) => (diff(p) < diff(best) ? p : best));
}

/** A trunk from `from` to the border toward a neighbour, through the township seats that lie on the way. */
export function trunkLine(outline: Area, spec: TrunkSpec, neighbours: Neighbour[], seats: LonLat[], random: Random): LonLat[] {
  const n = neighbours.find((x) => x.name === spec.toward);
  if (!n) throw new Error(`unknown neighbour ${spec.toward}`);
  const exit = borderPointToward(outline, spec.from, n);
  const heading = bearingDeg(spec.from, exit);
  const total = haversineMeters(spec.from, exit);
  const via = seats
    .filter((s) => {
      const d = haversineMeters(spec.from, s);
      const off = Math.abs(((bearingDeg(spec.from, s) - heading + 540) % 360) - 180);
      return d > 3000 && d < total - 5000 && off < 22;
    })
    .sort((a, b) => haversineMeters(spec.from, a) - haversineMeters(spec.from, b));
  const beyond = offsetMeters(exit, 3000, heading); // roads run on past the border into the neighbour
  return naturalLine([spec.from, ...via, exit, beyond], random, 1500, spec.roadClass === 'railway' ? 40 : 120);
}

/** Street lattice of a town: `n` east–west 街 and `n` north–south 路, `spacing` metres apart. */
export function townStreets(townshipCode: string, townName: string, centre: LonLat, n: number, spacing: number, random: Random, firstId: number): TownStreets {
  const stems = streetStems(random, 2 * n);
  const half = ((n - 1) / 2) * spacing;
  const streets: Road[] = [];
  const intersections: LonLat[] = [];
  const at = (dx: number, dy: number): LonLat => offsetMeters(offsetMeters(centre, dx, 90), dy, 0);
  for (let i = 0; i < n; i++) {
    const dy = -half + i * spacing;
    const main = i === Math.floor(n / 2);
    const line = [at(-half - spacing / 2, dy), at(half + spacing / 2, dy)];
    streets.push({ id: firstId + streets.length, name: main ? `${townName}大街` : `${stems[i]}街`, roadClass: 'street', line, lengthM: lineLengthMeters(line), townshipCode });
  }
  for (let j = 0; j < n; j++) {
    const dx = -half + j * spacing;
    const line = [at(dx, -half - spacing / 2), at(dx, half + spacing / 2)];
    streets.push({ id: firstId + streets.length, name: `${stems[n + j]}路`, roadClass: 'street', line, lengthM: lineLengthMeters(line), townshipCode });
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) intersections.push(at(-half + j * spacing, -half + i * spacing));
  return { townshipCode, centre, streets, intersections, mainStreetId: firstId + Math.floor(n / 2) };
}

export interface RoadNetwork { roads: Road[]; towns: TownStreets[]; railway: Road; trunks: Road[] }

export function buildRoads(outline: Area, seat: LonLat, townships: Township[], villages: Village[], grids: Grid[], neighbours: Neighbour[], random: Random, names: PlaceNames): RoadNetwork {
  const roads: Road[] = [];
  const add = (name: string, roadClass: RoadClass, line: LonLat[], townshipCode: string | null) => {
    const r: Road = { id: roads.length + 1, name, roadClass, line, lengthM: lineLengthMeters(line), townshipCode };
    roads.push(r);
    return r;
  };
  const rural = townships.filter((t) => t.kind === 'town' || t.kind === 'township');
  const ruralSeats = rural.map((t) => t.seat).filter((s) => haversineMeters(s, seat) > 1000);

  // Trunks toward the neighbours (names are generated in the local "起讫点" style, not real road numbers).
  const has = (name: string) => neighbours.some((n) => n.name === name);
  const trunkSpecs: TrunkSpec[] = names.trunks.map((t) => ({ ...t, from: seat })).filter((s) => has(s.toward));
  const trunks = trunkSpecs.map((s) => add(s.name, s.roadClass, trunkLine(outline, s, neighbours, ruralSeats, random), null));

  // County roads: a minimum spanning tree over the seats, plus a few loops, skipping seats the trunks join.
  const nodes: LonLat[] = [seat, ...ruralSeats];
  const onTrunk = (p: LonLat) => trunks.some((t) => t.line.some((q) => haversineMeters(p, q) < 50));
  const inTree = new Set<number>([0]);
  const edges: [number, number][] = [];
  while (inTree.size < nodes.length) {
    let best: [number, number, number] | null = null;
    for (const i of inTree)
      for (let j = 0; j < nodes.length; j++) {
        if (inTree.has(j)) continue;
        const d = haversineMeters(nodes[i], nodes[j]);
        if (!best || d < best[2]) best = [i, j, d];
      }
    inTree.add(best![1]);
    edges.push([best![0], best![1]]);
  }
  const seatName = (p: LonLat) => (p === seat ? names.seatShort : (rural.find((t) => t.seat === p)?.name.replace(/蒙古族乡|镇|乡$/, '') ?? ''));
  for (const [i, j] of edges) {
    if (i === 0 && onTrunk(nodes[j])) continue;
    add(`${seatName(nodes[i])}—${seatName(nodes[j])}公路`, 'county', naturalLine([nodes[i], nodes[j]], random), null);
  }

  // Village roads: inside each township a tree from the seat to every village centre.
  for (const t of townships) {
    const vs = villages.filter((v) => v.townshipCode === t.code && v.kind === 'village');
    const connected: LonLat[] = [t.seat];
    const left = [...vs];
    while (left.length) {
      let bi = 0, bj = 0, bd = Infinity;
      left.forEach((v, i) => connected.forEach((c, j) => {
        const d = haversineMeters(v.centre, c);
        if (d < bd) (bd = d), (bi = i), (bj = j);
      }));
      const v = left.splice(bi, 1)[0];
      add(`${v.name}村道`, 'village', naturalLine([connected[bj], v.centre], random, 800, 60), t.code);
      connected.push(v.centre);
    }
  }
  // Hamlet roads: each hamlet to its village centre.
  const villageByCode = new Map(villages.map((v) => [v.code, v]));
  for (const g of grids) {
    const v = villageByCode.get(g.villageCode)!;
    if (g.kind !== 'residential' || v.kind !== 'village' || haversineMeters(g.centre, v.centre) < 200) continue;
    add(`${g.placeName ?? v.name}屯路`, 'village', naturalLine([v.centre, g.centre], random, 600, 40), g.townshipCode);
  }

  // Streets: a dense lattice in the county seat, a small one in every rural seat.
  const towns: TownStreets[] = [];
  const seatTown = townships.find((t) => shortTownName(t.name) === names.seatShort && t.kind === 'town') ?? townships[0];
  const ts = townStreets(seatTown.code, names.seatShort, seat, 9, 500, random, roads.length + 1);
  ts.streets.forEach((s) => roads.push(s));
  towns.push(ts);
  for (const t of rural) {
    if (haversineMeters(t.seat, seat) < 1000) continue;
    const town = townStreets(t.code, t.name.replace(/蒙古族乡|镇|乡$/, ''), t.seat, 3, 300, random, roads.length + 1);
    town.streets.forEach((s) => roads.push(s));
    towns.push(town);
  }

  // Railway through the county seat (in Tongyu the 平齐铁路, Siping–Qiqihar); its geometry here is generated.
  const south = neighbours.find((n) => n.name === names.railway.south) ?? neighbours[0];
  const north = neighbours.find((n) => n.name === names.railway.north) ?? neighbours[neighbours.length - 1];
  const station = offsetMeters(seat, 1300, 270);
  const southLine = trunkLine(outline, { name: '', roadClass: 'railway', from: station, toward: south.name }, neighbours, [], random);
  const northLine = trunkLine(outline, { name: '', roadClass: 'railway', from: station, toward: north.name }, neighbours, [], random);
  const railway = add(names.railway.name, 'railway', [...southLine.reverse(), ...northLine.slice(1)], null);
  return { roads, towns, railway, trunks };
}

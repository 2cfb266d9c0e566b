// Key sites (重点部位) and police stations of the demo county, placed where a real county has them:
// public places in the county seat and township seats, checkpoints where trunk roads meet the border,
// an entrance per village. Schools are the school grids themselves (seed 002: a school is its own grid).
import type { LonLat } from '../../shared/geo/geo.js';
import { haversineMeters, offsetMeters, pointAlong } from '../../shared/geo/geo.js';
import { pointInGeometry } from '../../shared/geo/point-in-polygon.js';
import type { SiteKind } from '../../shared/domain/sites.js';
import type { Township, Village } from './admin.js';
import type { Grid } from './grids.js';
import type { Area } from './partition.js';
import type { Random } from './random.js';
import type { Road, RoadNetwork } from './roads.js';
import type { PlaceNames } from './place-names.js';

export interface KeySite { id: number; kind: SiteKind; name: string; position: LonLat }
export interface PoliceStation { id: number; name: string; kind: 'bureau' | 'station'; position: LonLat; townshipCode: string; units: number }


const short = (name: string) => name.replace(/蒙古族乡|镇|乡$/, '');

export function buildKeySites(outline: Area, seat: LonLat, townships: Township[], villages: Village[], grids: Grid[], net: RoadNetwork, random: Random, names: PlaceNames): KeySite[] {
  const c = names.countyShort;
  const sites: KeySite[] = [];
  const add = (kind: SiteKind, name: string, position: LonLat) => sites.push({ id: sites.length + 1, kind, name, position });
  const nearCorner = (corners: LonLat[], used: Set<number>): LonLat => {
    let i = random.int(0, corners.length - 1);
    for (let tries = 0; used.has(i) && tries < 50; tries++) i = random.int(0, corners.length - 1);
    used.add(i);
    // beside the intersection, set back from the kerb
    return offsetMeters(corners[i], random.uniform(40, 90), random.pick([45, 135, 225, 315]));
  };

  for (const g of grids) if (g.kind === 'school') add('school', g.placeName ?? g.name, g.centre);

  const seatTown = net.towns[0];
  const usedSeat = new Set<number>();
  for (const [kind, list] of names.seatSites) for (const n of list) add(kind, n, nearCorner(seatTown.intersections, usedSeat));
  add('station', `${c}站`, pointAlong(net.railway.line, nearestAlong(net.railway, offsetMeters(seat, 1300, 270))));
  add('station', `${c}客运站`, nearCorner(seatTown.intersections, usedSeat));
  // Key intersections: along the seat's main street and its middle cross road.
  const n = Math.round(Math.sqrt(seatTown.intersections.length));
  seatTown.intersections.forEach((p, i) => {
    const row = Math.floor(i / n), col = i % n;
    if (row === Math.floor(n / 2) || col === Math.floor(n / 2)) add('key_intersection', `${names.seatShort}${seatTown.streets[row].name}与${seatTown.streets[n + col].name}交叉口`, p);
  });

  for (const town of net.towns.slice(1)) {
    const t = townships.find((x) => x.code === town.townshipCode)!;
    const used = new Set<number>([4]);
    const s = short(t.name);
    add('government', `${t.name}人民政府`, nearCorner(town.intersections, used));
    add('hospital', `${s}${t.kind === 'town' ? '镇' : '乡'}卫生院`, nearCorner(town.intersections, used));
    add('bank', `${c}农商银行${s}支行`, nearCorner(town.intersections, used));
    add('market', `${s}集贸市场`, nearCorner(town.intersections, used));
    add('key_intersection', `${s}${town.streets[1].name}与${town.streets[4].name}交叉口`, town.intersections[4]);
  }

  // Highway exits on the national roads, checkpoints where every trunk enters the county.
  for (const trunk of net.trunks) {
    if (trunk.roadClass === 'national') add('highway_exit', `${trunk.name}${names.seatShort}出口`, pointAlong(trunk.line, 6500));
    const crossing = borderCrossingDistance(outline, trunk.line);
    // The county-entrance checkpoint stands just inside the line (seed 000: cameras at border road crossings).
    if (crossing !== null) add('checkpoint', `${trunk.name}县界治安卡口`, pointAlong(trunk.line, Math.max(0, crossing - 30)));
  }

  // Village entrances: where the village road reaches the village, 350 m out from its centre.
  for (const v of villages) {
    if (v.kind !== 'village') continue;
    const road = net.roads.find((r) => r.roadClass === 'village' && r.name === `${v.name}村道`);
    const position = road ? pointAlong(road.line, Math.max(0, road.lengthM - 350)) : offsetMeters(v.centre, 350, random.uniform(0, 360));
    add('village_entrance', `${v.name}村口`, position);
  }
  return sites;
}

/** Distance along a line to the first point outside the outline (null if it never leaves). */
export function borderCrossingDistance(outline: Area, line: LonLat[]): number | null {
  let along = 0;
  for (let i = 1; i < line.length; i++) {
    const seg = haversineMeters(line[i - 1], line[i]);
    if (!pointInGeometry(line[i][0], line[i][1], outline)) {
      // bisect the segment for the crossing point
      let lo = 0, hi = 1;
      for (let k = 0; k < 30; k++) {
        const mid = (lo + hi) / 2;
        const p: LonLat = [line[i - 1][0] + mid * (line[i][0] - line[i - 1][0]), line[i - 1][1] + mid * (line[i][1] - line[i - 1][1])];
        if (pointInGeometry(p[0], p[1], outline)) lo = mid;
        else hi = mid;
      }
      return along + lo * seg;
    }
    along += seg;
  }
  return null;
}

function nearestAlong(road: Road, p: LonLat): number {
  let best = 0, bestD = Infinity, along = 0;
  for (let i = 0; i < road.line.length; i++) {
    if (i > 0) along += haversineMeters(road.line[i - 1], road.line[i]);
    const d = haversineMeters(road.line[i], p);
    if (d < bestD) (bestD = d), (best = along);
  }
  return best;
}

export function buildPoliceStations(seat: LonLat, townships: Township[], names: PlaceNames): PoliceStation[] {
  const seatTownship = townships.find((t) => t.kind === 'subdistrict') ?? townships[0];
  const out: PoliceStation[] = [{ id: 1, name: `${names.countyShort}${names.countyWord}公安局`, kind: 'bureau', position: offsetMeters(seat, 250, 20), townshipCode: seatTownship.code, units: 6 }];
  for (const t of townships) {
    if (t.kind === 'farm') continue;
    const position = t.kind === 'town' && short(t.name) === names.seatShort ? offsetMeters(seat, 900, 200) : offsetMeters(t.seat, 120, 300);
    out.push({ id: out.length + 1, name: `${short(t.name).replace(/街道$/, '').replace(/^.*经济开发区$/, '开发区')}派出所`, kind: 'station', position, townshipCode: t.code, units: t.kind === 'subdistrict' ? 3 : 2 });
  }
  return out;
}

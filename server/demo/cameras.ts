// Cameras of the demo county: the public network (2394 in Tongyu 2022, 70 of them face recognition) at
// intersections, key sites, township main streets, trunk roads and village entrances, with the gaps a real
// rollout leaves; plus integrated social cameras, mostly shop-front cameras in the towns.
import type { LonLat } from '../../shared/geo/geo.js';
import { bearingDeg, offsetMeters, pointAlong } from '../../shared/geo/geo.js';
import { pointInGeometry } from '../../shared/geo/point-in-polygon.js';
import type { CameraKind, CameraStatus } from '../../shared/domain/cameras.js';
import type { SiteKind } from '../../shared/domain/sites.js';
import type { Grid } from './grids.js';
import type { Area } from './partition.js';
import type { Random } from './random.js';
import type { RoadNetwork } from './roads.js';
import type { KeySite } from './sites.js';

export interface Camera {
  id: string;
  name: string;
  kind: CameraKind;
  position: LonLat;
  /** Compass bearing of the optical axis, degrees clockwise from north. */
  bearing: number;
  /** Horizontal field of view, degrees. */
  fov: number;
  rangeM: number;
  status: CameraStatus;
  installedOn: string; // YYYY-MM-DD
}

export interface CameraTargets { publicTotal: number; face: number; social: number }
export const TONGYU_CAMERA_TARGETS: CameraTargets = { publicTotal: 2394, face: 70, social: 16000 };

const FACE_PRIORITY: SiteKind[] = ['station', 'hospital', 'government', 'school', 'market', 'hotel', 'bank'];

export function buildCameras(outline: Area, sites: KeySite[], net: RoadNetwork, grids: Grid[], targets: CameraTargets, random: Random): Camera[] {
  const cams: Camera[] = [];
  const perKind: Record<CameraKind, number> = { public: 0, face: 0, checkpoint: 0, social: 0 };
  const inside = (p: LonLat) => pointInGeometry(p[0], p[1], outline);
  const add = (kind: CameraKind, name: string, position: LonLat, bearing: number, fov: number, rangeM: number) => {
    if (!inside(position)) return false;
    const offline = random.chance(kind === 'social' ? 0.05 : 0.035);
    const firstYear = kind === 'face' ? 2019 : kind === 'social' ? 2017 : 2013;
    const y = random.int(firstYear, 2026);
    const m = y === 2026 ? random.int(1, 10) : random.int(1, 12);
    cams.push({
      id: `${kindPrefix(kind)}${String(++perKind[kind]).padStart(5, '0')}`,
      name,
      kind,
      position,
      bearing: ((bearing % 360) + 360) % 360,
      fov,
      rangeM,
      status: offline ? 'offline' : 'online',
      installedOn: `${y}-${String(m).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`,
    });
    return true;
  };
  /** A camera a few metres from a site, looking at it. */
  const aimAt = (kind: CameraKind, site: KeySite, fov: number, rangeM: number) => {
    const from = offsetMeters(site.position, random.uniform(8, Math.min(30, rangeM * 0.6)), random.uniform(0, 360));
    return add(kind, `${site.name}${kind === 'face' ? '人脸' : ''}监控`, from, bearingDeg(from, site.position) + random.normal(0, 5), fov, rangeM);
  };

  // 1. Face recognition at the busiest key sites, in priority order, until the county's 70.
  let face = 0;
  for (const kind of FACE_PRIORITY)
    for (const s of sites.filter((x) => x.kind === kind))
      for (let k = 0; k < (kind === 'station' ? 4 : 2) && face < targets.face; k++) if (aimAt('face', s, 50, 25)) face++;

  // 2. HD checkpoints (卡口): both directions at every checkpoint and highway exit.
  for (const s of sites.filter((x) => x.kind === 'checkpoint' || x.kind === 'highway_exit')) {
    const road = net.trunks.reduce((best, r) => (minDist(r.line, s.position) < minDist(best.line, s.position) ? r : best));
    const b = roadBearingNear(road.line, s.position);
    // Trunks run outward from the seat, so b points out of the county. Each camera stands 20 m from the
    // checkpoint looking at it; the outward one also sees the border crossing 30 m beyond.
    add('checkpoint', `${s.name}卡口(出)`, offsetMeters(s.position, 20, b + 180), b, 40, 80);
    add('checkpoint', `${s.name}卡口(进)`, offsetMeters(s.position, 20, b), b + 180, 40, 80);
  }

  // 3. Public cameras. Each rule leaves the gaps a real rollout leaves (budget went to towns first).
  const pub = (name: string, p: LonLat, bearing: number, fov = 70, rangeM = 60) => add('public', name, p, bearing, fov, rangeM);
  const publicLeft = () => targets.publicTotal - perKind.public - perKind.face - perKind.checkpoint;
  for (const s of sites) {
    const cover: Partial<Record<SiteKind, [number, number]>> = { school: [2, 0.9], hospital: [2, 0.95], bank: [1, 0.9], market: [2, 0.85], hotel: [1, 0.8], government: [2, 1], station: [3, 1], village_entrance: [1, 0.78] };
    const rule = cover[s.kind];
    if (rule && random.chance(rule[1])) for (let k = 0; k < rule[0]; k++) aimAt('public', s, 70, 50);
    if (s.kind === 'key_intersection' && random.chance(0.93)) for (const b of [0, 90, 180, 270]) pub(`${s.name}监控`, offsetMeters(s.position, 5, b + 45), b + random.normal(0, 4));
  }
  for (const town of net.towns) {
    for (const p of town.intersections) if (random.chance(0.5)) for (const b of random.chance(0.5) ? [0, 180] : [90, 270]) pub('路口监控', offsetMeters(p, 5, b + 45), b);
    const main = town.streets.find((s) => s.id === town.mainStreetId)!;
    for (let d = 60; d < main.lengthM; d += random.uniform(110, 190)) pub(`${main.name}监控`, pointAlong(main.line, d), roadBearingNear(main.line, pointAlong(main.line, d)) + (random.chance(0.5) ? 0 : 180));
  }
  for (const trunk of net.trunks) for (let d = 1500; d < trunk.lengthM; d += random.uniform(1800, 3200)) {
    const p = pointAlong(trunk.line, d);
    pub(`${trunk.name}K${Math.round(d / 1000)}监控`, p, roadBearingNear(trunk.line, p) + (random.chance(0.5) ? 0 : 180), 50, 120);
  }
  if (publicLeft() < 0) throw new Error(`public camera rules placed ${-publicLeft()} more than the target`);
  // The rest of the public budget: along town streets, densest in the county seat.
  const streets = net.towns.flatMap((t, i) => t.streets.map((s) => ({ s, w: i === 0 ? 3 : 1 })));
  const weights = streets.map((x) => x.w * x.s.lengthM);
  while (publicLeft() > 0) {
    const { s } = streets[random.weightedIndex(weights)];
    const p = pointAlong(s.line, random.uniform(0, s.lengthM));
    pub(`${s.name}监控`, p, roadBearingNear(s.line, p) + (random.chance(0.5) ? 0 : 180));
  }

  // 4. Social cameras: shop fronts and courtyards, short range, facing the street.
  const homes = grids.filter((g) => g.kind === 'residential');
  for (let i = 0; cams.length < targets.publicTotal + targets.social && i < targets.social * 3; i++) {
    const r = random.next();
    if (r < 0.92) {
      const seatShare = r < 0.7;
      const pool = seatShare ? streets.filter((x) => x.w === 3) : streets.filter((x) => x.w === 1);
      const { s } = random.pick(pool);
      const p = pointAlong(s.line, random.uniform(0, s.lengthM));
      const side = random.chance(0.5) ? 90 : -90;
      const b = roadBearingNear(s.line, p);
      add('social', '社会监控', offsetMeters(p, random.uniform(10, 25), b + side), b - side + random.normal(0, 20), random.uniform(80, 110), random.uniform(15, 35));
    } else {
      const g = random.pick(homes);
      add('social', '社会监控', offsetMeters(g.centre, Math.abs(random.normal(0, 150)), random.uniform(0, 360)), random.uniform(0, 360), random.uniform(80, 110), random.uniform(15, 30));
    }
  }
  return cams;
}

function kindPrefix(kind: CameraKind): string {
  return { public: 'GG', face: 'RL', checkpoint: 'KK', social: 'SH' }[kind];
}

function minDist(line: LonLat[], p: LonLat): number {
  let best = Infinity;
  for (const q of line) best = Math.min(best, (q[0] - p[0]) ** 2 + (q[1] - p[1]) ** 2);
  return best;
}

/** Bearing of the road segment nearest to p. */
export function roadBearingNear(line: LonLat[], p: LonLat): number {
  let best = 1, bestD = Infinity;
  for (let i = 1; i < line.length; i++) {
    const mid: LonLat = [(line[i - 1][0] + line[i][0]) / 2, (line[i - 1][1] + line[i][1]) / 2];
    const d = (mid[0] - p[0]) ** 2 + (mid[1] - p[1]) ** 2;
    if (d < bestD) (bestD = d), (best = i);
  }
  return bearingDeg(line[best - 1], line[best]);
}

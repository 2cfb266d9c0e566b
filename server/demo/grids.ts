// Grids (网格): the finest management unit. Per seed document 002, one rural grid is one natural hamlet
// (自然屯) and a school or large enterprise is a grid of its own. Codes extend the village code by 3 digits.
import type { LonLat } from '../../shared/geo/geo.js';
import { offsetMeters } from '../../shared/geo/geo.js';
import { pointInGeometry } from '../../shared/geo/point-in-polygon.js';
import type { Village } from './admin.js';
import { type Area, clip, partition, randomPointIn, subtract } from './partition.js';
import type { Random } from './random.js';
import { chineseOrdinal, hamletName, personName } from './names.js';
import type { Polygon } from 'geojson';
import type { PlaceNames } from './place-names.js';

export type GridKind = 'residential' | 'school' | 'enterprise';
export interface Grid {
  code: string;
  name: string;
  villageCode: string;
  townshipCode: string;
  kind: GridKind;
  /** Hamlet name for rural residential grids, school/enterprise name for special grids. */
  placeName: string | null;
  leader: string;
  members: number;
  households: number;
  centre: LonLat;
  geometry: Area;
}

export interface GridTargets {
  total: number; // 1058 in Tongyu (seed 004)
  schools: number;
  enterprises: number;
  members: number; // 1254 grid members (seed 004)
  leaders: number; // 641 grid leaders (seed 004)
}
export const TONGYU_GRID_TARGETS: GridTargets = { total: 1058, schools: 36, enterprises: 14, members: 1254, leaders: 641 };

const SCHOOL_NAMES = ['实验小学', '第一中学', '第二中学', '第三中学', '第四中学', '育才小学', '第一小学', '第二小学', '职业高中', '实验中学', '民族中学', '特殊教育学校'];

/** A small rectangle of w × h metres centred at c. */
function rectangle(c: LonLat, w: number, h: number): Polygon {
  const n = offsetMeters(c, h / 2, 0)[1], s = offsetMeters(c, h / 2, 180)[1];
  const e = offsetMeters(c, w / 2, 90)[0], wst = offsetMeters(c, w / 2, 270)[0];
  return { type: 'Polygon', coordinates: [[[wst, s], [e, s], [e, n], [wst, n], [wst, s]]] };
}

function rectangleInside(area: Area, c: LonLat, w: number, h: number, avoid: Polygon[]): boolean {
  const r = rectangle(c, w * 1.6, h * 1.6); // keep a margin so the rest of the village stays connected
  return r.coordinates[0].every(([x, y]) => pointInGeometry(x, y, area) && !avoid.some((a) => pointInGeometry(x, y, a)));
}

export function buildGrids(villages: Village[], townshipNames: Map<string, string>, targets: GridTargets, random: Random, names: PlaceNames): Grid[] {
  const ENTERPRISE_NAMES = names.enterprises;
  // 1. Special grids: schools where people live densely, enterprises in the development zone and seat.
  const communities = villages.filter((v) => v.kind === 'community');
  const rural = villages.filter((v) => v.kind === 'village');
  const zone = villages.filter((v) => townshipNames.get(v.townshipCode)?.includes('开发区'));
  const special = new Map<string, { kind: GridKind; name: string; poly: Polygon }[]>();
  const addSpecial = (v: Village, kind: GridKind, name: string, w: number, h: number) => {
    const list = special.get(v.code) ?? [];
    for (let tries = 0; tries < 300; tries++) {
      const c = randomPointIn(v.geometry, random);
      if (!rectangleInside(v.geometry, c, w, h, list.map((x) => x.poly))) continue;
      list.push({ kind, name, poly: rectangle(c, w, h) });
      special.set(v.code, list);
      return true;
    }
    return false;
  };
  let schools = 0;
  const schoolHosts = [...communities, ...random.shuffle([...rural])];
  for (let i = 0; schools < targets.schools && i < schoolHosts.length * 3; i++) {
    const v = schoolHosts[i % schoolHosts.length];
    const town = townshipNames.get(v.townshipCode) ?? '';
    const name = v.kind === 'community' && town.endsWith('街道') ? `${names.countyShort}${names.countyWord}${SCHOOL_NAMES[schools % SCHOOL_NAMES.length]}` : `${v.name.replace(/村|社区$/, '')}${v.kind === 'community' ? '中心学校' : '小学'}`;
    if (addSpecial(v, 'school', name, 220, 160)) schools++;
  }
  let enterprises = 0;
  const enterpriseHosts = [...zone, ...zone, ...zone, ...communities, ...rural];
  for (let i = 0; enterprises < targets.enterprises && i < enterpriseHosts.length * 3; i++) {
    if (addSpecial(enterpriseHosts[i % enterpriseHosts.length], 'enterprise', ENTERPRISE_NAMES[enterprises % ENTERPRISE_NAMES.length], 420, 300)) enterprises++;
  }

  // 2. Residential grids share the rest, denser in town (communities) than in the countryside.
  const residentialTotal = targets.total - schools - enterprises;
  const weights = villages.map((v) => (v.kind === 'community' ? (townshipNames.get(v.townshipCode)?.endsWith('街道') ? 5 : 3) : 1));
  const counts = apportion(residentialTotal, weights, 2);

  const grids: Grid[] = [];
  const usedHamlets = new Set<string>();
  villages.forEach((v, vi) => {
    const own = special.get(v.code) ?? [];
    let rest: Area = v.geometry;
    for (const s of own) rest = subtract(rest, s.poly) ?? rest;
    const k = counts[vi];
    const seeds: LonLat[] = [];
    for (let i = 0; i < k; i++) seeds.push(randomPointIn(rest, random));
    const { cells, seeds: centres } = partition(rest, seeds, { lloydIterations: 2 });
    let seq = 0;
    const next = () => v.code + String(++seq).padStart(3, '0');
    cells.forEach((cell, i) => {
      if (!cell) return;
      const hamlet = v.kind === 'village' ? hamletName(random, usedHamlets) : null;
      grids.push({
        code: next(),
        name: hamlet ? `${v.name}${hamlet}网格` : `${v.name}第${chineseOrdinal(i + 1)}网格`,
        villageCode: v.code,
        townshipCode: v.townshipCode,
        kind: 'residential',
        placeName: hamlet,
        leader: '',
        members: 1,
        households: 0,
        centre: centres[i],
        geometry: clip(cell, v.geometry) ?? cell,
      });
    });
    for (const s of own) {
      const c: LonLat = [(s.poly.coordinates[0][0][0] + s.poly.coordinates[0][2][0]) / 2, (s.poly.coordinates[0][0][1] + s.poly.coordinates[0][2][1]) / 2];
      grids.push({ code: next(), name: `${s.name}网格`, villageCode: v.code, townshipCode: v.townshipCode, kind: s.kind, placeName: s.name, leader: '', members: 1, households: 0, centre: c, geometry: s.poly });
    }
  });
  staffGrids(grids, targets, random);
  return grids;
}

/** Largest-remainder apportionment of `total` by weights, with a floor per item. */
export function apportion(total: number, weights: number[], minimum: number): number[] {
  const free = total - minimum * weights.length;
  if (free < 0) throw new Error(`cannot give ${weights.length} units at least ${minimum} of ${total}`);
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (free * w) / sum);
  const out = raw.map((r) => minimum + Math.floor(r));
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let j = 0; left > 0; j++, left--) out[order[j % order.length][1]]++;
  return out;
}

/** Leaders, members and households, matching the county's totals (seed 004: 641 leaders, 1254 members). */
function staffGrids(grids: Grid[], targets: GridTargets, random: Random): void {
  // Every grid has at least one member; the extra members go to the residential grids of the towns first.
  let extra = targets.members - grids.length;
  const residential = grids.filter((g) => g.kind === 'residential');
  for (let i = 0; extra > 0 && residential.length > 0; i = (i + 1) % residential.length, extra--) residential[i].members++;
  for (const g of grids) {
    let households = 0;
    for (let m = 0; m < g.members; m++) households += random.int(20, 30); // 20–30 households per member (seed 002)
    g.households = g.kind === 'residential' ? households : 0;
  }
  // A leader may lead two neighbouring grids of one village: 1058 grids, 641 leaders.
  let shared = Math.max(0, grids.length - targets.leaders);
  let prevPaired = false;
  for (let i = 0; i < grids.length; i++) {
    const prev = grids[i - 1];
    const pair: boolean = shared > 0 && !prevPaired && prev !== undefined && prev.villageCode === grids[i].villageCode;
    grids[i].leader = pair ? prev.leader : personName(random);
    if (pair) shared--;
    prevPaired = pair;
  }
}

// The demo county's administrative partition: townships, villages and grids with real names and codes
// (data/divisions) laid out inside the real county outline (data/county). Positions are generated.
import type { LonLat } from '../../shared/geo/geo.js';
import { haversineMeters, offsetMeters } from '../../shared/geo/geo.js';
import { pointInGeometry } from '../../shared/geo/point-in-polygon.js';
import { type Area, areaCentroid, circle, clip, partition, randomPointIn, subtract } from './partition.js';
import type { Random } from './random.js';
import { shortVillageName } from './names.js';

export type TownshipKind = 'subdistrict' | 'town' | 'township' | 'zone' | 'farm';
export interface Township { code: string; name: string; kind: TownshipKind; seat: LonLat; geometry: Area }
export interface Village { code: string; name: string; officialName: string; townshipCode: string; kind: 'village' | 'community'; centre: LonLat; geometry: Area }

export interface DivisionsInput {
  townships: { code: string; name: string }[];
  villages: { code: string; name: string; townshipCode: string }[];
}

export function townshipKind(name: string): TownshipKind {
  if (name.endsWith('街道')) return 'subdistrict';
  if (name.endsWith('镇')) return 'town';
  if (name.endsWith('乡')) return 'township';
  if (name.includes('开发区')) return 'zone';
  return 'farm';
}

/** The county seat's town: the first town (镇) in code order (codes 1xx, the seat town is usually 100 or
 * 101, e.g. 开通镇 220822100), else the first rural unit. */
export function seatTownIndex(rural: { code: string; name: string }[]): number {
  return Math.max(0, rural.findIndex((t) => t.name.endsWith('镇')));
}

/** Urban core of the county seat: the three subdistricts share a disc this big around the seat. */
const URBAN_CORE_RADIUS_M = 3500;

export function buildTownships(outline: Area, seat: LonLat, divisions: DivisionsInput, random: Random): Township[] {
  const byKind = (k: TownshipKind) => divisions.townships.filter((t) => townshipKind(t.name) === k);
  const rural = [...byKind('town'), ...byKind('township')];
  // The county seat town is pinned at the seat; the others are spread out and relaxed.
  const seatIndex = seatTownIndex(rural);
  const seeds: LonLat[] = [];
  for (let i = 0; i < rural.length; i++) {
    if (i === seatIndex) {
      seeds.push(seat);
      continue;
    }
    let p = randomPointIn(outline, random);
    for (let tries = 0; tries < 200 && seeds.some((s) => haversineMeters(s, p) < 14000); tries++) p = randomPointIn(outline, random);
    seeds.push(p);
  }
  const relaxed = partition(outline, seeds, { pinned: new Set([seatIndex]), lloydIterations: 4 });

  // The subdistricts share the urban core round the seat and a development zone lies beside it, when the
  // county has them (a county without subdistricts keeps its seat town whole).
  const subdistricts = byKind('subdistrict');
  const core = subdistricts.length ? clip(circle(seat, URBAN_CORE_RADIUS_M), outline)! : null;
  const zoneArea = byKind('zone').length ? zonePlace(outline, seat, core) : null;
  const special: Area[] = [core, zoneArea].filter((a): a is Area => a !== null);
  const out: Township[] = [];

  // Farms sit beside a rural town (新华牛场 beside 新华镇), carved out of whatever they overlap.
  const farms = byKind('farm').map((f, k) => {
    const hostName = f.name.replace(/牛场|种牛场/, '').replace(/^三家子$/, '');
    let host = rural.findIndex((t) => hostName && t.name.startsWith(hostName));
    if (host < 0) host = (seatIndex + 5 + 4 * k) % rural.length;
    let centre = offsetMeters(relaxed.seeds[host], 7000, random.uniform(0, 360));
    if (!pointInGeometry(centre[0], centre[1], outline)) centre = relaxed.seeds[host];
    let area = clip(circle(centre, 3800), outline)!;
    for (const s of special) area = subtract(area, s) ?? area;
    special.push(area);
    return { f, centre, area };
  });

  rural.forEach((t, i) => {
    let g = relaxed.cells[i];
    if (!g) throw new Error(`township ${t.name} got no area`);
    for (const s of special) g = subtract(g, s) ?? g;
    out.push({ code: t.code, name: t.name, kind: townshipKind(t.name), seat: relaxed.seeds[i], geometry: g });
  });

  const subSeeds = subdistricts.map((_, i) => offsetMeters(seat, 1600, (300 + (i * 360) / subdistricts.length) % 360));
  if (core) {
    const subCells = partition(core, subSeeds).cells;
    subdistricts.forEach((t, i) => out.push({ code: t.code, name: t.name, kind: 'subdistrict', seat: subSeeds[i], geometry: subCells[i]! }));
  }
  if (zoneArea) for (const z of byKind('zone')) out.push({ code: z.code, name: z.name, kind: 'zone', seat: areaCentroid(zoneArea), geometry: zoneArea });
  for (const { f, area } of farms) out.push({ code: f.code, name: f.name, kind: 'farm', seat: areaCentroid(area), geometry: area });
  const lost = divisions.townships.filter((t) => !out.some((o) => o.code === t.code));
  if (lost.length) throw new Error(`townships without an area: ${lost.map((t) => `${t.code} ${t.name}`).join(', ')}`);
  return out.sort((a, b) => a.code.localeCompare(b.code));
}

/** The development zone's area: a disc beside the seat (east, 5.8 km, as in Tongyu), outside the urban core;
 * where that falls outside a small or narrow county, nearer or on another side, so a zone is never lost. */
function zonePlace(outline: Area, seat: LonLat, core: Area | null): Area | null {
  for (const distance of [5800, 3500, 2000])
    for (const bearing of [95, 275, 5, 185]) {
      const disc = clip(circle(offsetMeters(seat, distance, bearing), 2300), outline);
      const area = disc && core ? subtract(disc, core) : disc;
      if (area) return area;
    }
  return null;
}

export function buildVillages(townships: Township[], divisions: DivisionsInput, random: Random): Village[] {
  const out: Village[] = [];
  for (const t of townships) {
    const list = divisions.villages.filter((v) => v.townshipCode === t.code);
    if (list.length === 0) continue;
    const seatInside = pointInGeometry(t.seat[0], t.seat[1], t.geometry);
    const isCommunity = (name: string) => /社区|居委会/.test(name);
    // Communities are the township's own town: they cluster round its seat. Villages spread out.
    const seeds: LonLat[] = [];
    const pinned = new Set<number>();
    list.forEach((v, i) => {
      let p: LonLat;
      if (isCommunity(v.name) && seatInside && t.kind !== 'subdistrict') {
        p = offsetMeters(t.seat, 500 + 300 * i, (i * 137) % 360);
        if (!pointInGeometry(p[0], p[1], t.geometry)) p = t.seat;
        // Two seeds on one spot would leave one of them without a cell: spread the next one out instead.
        if (seeds.some((s) => s[0] === p[0] && s[1] === p[1])) p = randomPointIn(t.geometry, random);
        else pinned.add(i);
      } else {
        p = randomPointIn(t.geometry, random);
        for (let tries = 0; tries < 100 && seeds.some((s) => haversineMeters(s, p) < 800); tries++) p = randomPointIn(t.geometry, random);
      }
      seeds.push(p);
    });
    const { cells, seeds: relaxed } = partition(t.geometry, seeds, { pinned, lloydIterations: 2 });
    list.forEach((v, i) => {
      const g = cells[i];
      if (!g) throw new Error(`village ${v.name} got no area`);
      out.push({
        code: v.code,
        name: shortVillageName(v.name),
        officialName: v.name,
        townshipCode: t.code,
        kind: isCommunity(v.name) ? 'community' : 'village',
        centre: relaxed[i],
        geometry: g,
      });
    });
  }
  return out.sort((a, b) => a.code.localeCompare(b.code));
}


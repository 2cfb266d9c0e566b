// Three years of incidents for the demo county: yearly totals per category (incident-figures.ts), placed
// where people and roads are, timed by hour, weekday and season, with planted hotspots that persist,
// emerge, fade or come with the season, and a workflow (reported → accepted → dispatched → closed).
import type { LonLat } from '../../shared/geo/geo.js';
import { offsetMeters, pointAlong } from '../../shared/geo/geo.js';
import { CATEGORY_INFO, INCIDENT_CATEGORIES, type IncidentCategory, type IncidentStatus } from '../../shared/domain/categories.js';
import type { Village, Township } from './admin.js';
import type { Grid } from './grids.js';
import { DEMO_DATA_END, DEMO_YEARS, HOUR_WEIGHTS, MONTH_WEIGHTS, PLACE_MIX, TITLES, WEEKDAY_WEIGHTS, YEARLY_COUNTS } from './incident-figures.js';
import { Random, WeightedTable } from './random.js';
import type { Road, RoadNetwork } from './roads.js';
import type { KeySite } from './sites.js';
import { localMidnight, localOffsetMs } from '../../shared/time/clock.js';
import type { PlaceNames } from './place-names.js';

export interface Incident {
  seq: number;
  category: IncidentCategory;
  title: string;
  address: string;
  position: LonLat;
  gridCode: string;
  reportedAt: number; // epoch ms, UTC
  acceptedAt: number | null;
  assignedAt: number | null;
  closedAt: number | null;
  dueAt: number;
  status: IncidentStatus;
  /** 化解/解决: for closed cases, whether the matter was resolved (disputes are sometimes only closed). */
  resolved: boolean | null;
  source: 'grid_member' | 'call_110' | 'hotline_12345' | 'walk_in';
  hotspotId: number | null;
}

export type HotspotKind = 'persistent' | 'emerging' | 'fading' | 'seasonal';
export interface PlantedHotspot {
  id: number;
  name: string;
  kind: HotspotKind;
  centre: LonLat;
  radiusM: number;
  /** Share of the category's yearly count drawn here, per demo year. */
  shares: Partial<Record<IncidentCategory, [number, number, number]>>;
  /** Local-date window (inclusive) within which its incidents fall, and whether their rate ramps up or down. */
  window: { from: string; to: string; ramp: 'flat' | 'up' | 'down'; months?: number[] };
}

const DAY = 86400000;

export function plantHotspots(sites: KeySite[], townships: Township[], villages: Village[], random: Random, names: PlaceNames): PlantedHotspot[] {
  const market = sites.find((s) => s.kind === 'market')!;
  const station = sites.find((s) => s.kind === 'station')!; // the railway station, the first station placed
  const zhanyu = townships.find((t) => t.name === names.hotspotTown) ?? townships.find((t) => t.kind === 'town')!;
  const westCheckpoint = sites.find((s) => s.kind === 'checkpoint' && !!names.checkpointRoad && s.name.startsWith(names.checkpointRoad)) ?? sites.find((s) => s.kind === 'checkpoint')!;
  const xianghai = villages.filter((v) => v.kind === 'village' && townships.find((t) => t.code === v.townshipCode)?.name === names.grasslandTownship);
  const grassland = xianghai.length ? random.pick(xianghai) : villages.find((v) => v.kind === 'village')!;
  return [
    { id: 1, name: `${market.name}周边盗窃热点`, kind: 'persistent', centre: market.position, radiusM: 300, shares: { theft: [0.16, 0.16, 0.16], public_order: [0.05, 0.05, 0.05] }, window: { from: '2024-01-01', to: DEMO_DATA_END, ramp: 'flat' } },
    // A new trading estate at the edge of town, quiet before autumn 2025 (not the town centre, which has always been busy).
    { id: 2, name: `${zhanyu.name}东北新区盗窃诈骗热点`, kind: 'emerging', centre: offsetMeters(zhanyu.seat, 1800, 45), radiusM: 300, shares: { theft: [0, 0.07, 0.22], fraud: [0, 0.05, 0.14] }, window: { from: '2025-10-01', to: DEMO_DATA_END, ramp: 'up' } },
    { id: 3, name: `${station.name}站前治安热点`, kind: 'fading', centre: offsetMeters(station.position, 200, 90), radiusM: 300, shares: { theft: [0.14, 0.05, 0], public_order: [0.08, 0.03, 0] }, window: { from: '2024-01-01', to: '2025-06-30', ramp: 'down' } },
    { id: 4, name: `${westCheckpoint.name.replace(/县界治安卡口$/, '')}县界牲畜盗窃（跨区域）`, kind: 'seasonal', centre: offsetMeters(westCheckpoint.position, 1500, random.uniform(0, 360)), radiusM: 1500, shares: { theft: [0.06, 0.06, 0.06] }, window: { from: '2024-01-01', to: DEMO_DATA_END, ramp: 'flat', months: [9, 10, 11] } },
    { id: 5, name: `${grassland.name}草场边界纠纷`, kind: 'persistent', centre: grassland.centre, radiusM: 600, shares: { dispute: [0.035, 0.035, 0.035] }, window: { from: '2024-01-01', to: DEMO_DATA_END, ramp: 'flat' } },
  ];
}

export interface IncidentContext {
  outlineContains: (p: LonLat) => boolean;
  locateGrid: (p: LonLat) => string | undefined;
  towns: RoadNetwork['towns'];
  roads: Road[];
  villages: Village[];
  grids: Grid[];
  hotspots: PlantedHotspot[];
  /** Multiplies every yearly count (benchmarks use large counties). */
  scale: number;
}

/** Incidents in generation order (not time order: the loader sorts). A generator so 10M rows stream. */
export function* generateIncidents(ctx: IncidentContext, random: Random): Generator<Incident> {
  const end = localMidnight(DEMO_DATA_END) + DAY - 1;
  const seatStreets = ctx.towns[0].streets;
  const townStreets = ctx.towns.slice(1).flatMap((t) => t.streets);
  const byLength = (rs: Road[]) => new WeightedTable(rs, rs.map((r) => r.lengthM));
  const seatTable = byLength(seatStreets);
  const townTable = byLength(townStreets.length ? townStreets : seatStreets);
  const roadTable = byLength(ctx.roads.filter((r) => r.roadClass === 'national' || r.roadClass === 'provincial' || r.roadClass === 'county'));
  const villageHouseholds = new Map<string, number>();
  for (const g of ctx.grids) villageHouseholds.set(g.villageCode, (villageHouseholds.get(g.villageCode) ?? 0) + g.households);
  const ruralVillages = ctx.villages.filter((v) => v.kind === 'village');
  const villageTable = new WeightedTable(ruralVillages, ruralVillages.map((v) => villageHouseholds.get(v.code) ?? 1));
  const hamlets = ctx.grids.filter((g) => g.placeName && g.kind === 'residential');
  const hamletTable = new WeightedTable(hamlets, hamlets.map((g) => g.households + 1));
  const hourTables = new Map(INCIDENT_CATEGORIES.map((c) => [c, new WeightedTable([...Array(24).keys()], HOUR_WEIGHTS[c])]));

  const alongStreet = (r: Road): LonLat => offsetMeters(pointAlong(r.line, random.uniform(0, r.lengthM)), random.normal(0, 35), random.uniform(0, 360));
  const placeBySource = (source: number): LonLat => {
    switch (source) {
      case 0: return alongStreet(seatTable.draw(random));
      case 1: return alongStreet(townTable.draw(random));
      case 2: return offsetMeters(villageTable.draw(random).centre, Math.abs(random.normal(0, 250)), random.uniform(0, 360));
      case 3: return offsetMeters(hamletTable.draw(random).centre, Math.abs(random.normal(0, 120)), random.uniform(0, 360));
      default: {
        const r = roadTable.draw(random);
        return offsetMeters(pointAlong(r.line, random.uniform(0, r.lengthM)), random.normal(0, 15), random.uniform(0, 360));
      }
    }
  };

  // Case handling has its own random stream, and each township its own performance: some close late or
  // leave cases stuck more often than others (what a leader's ranking is for).
  const workflowRandom = new Random(Math.floor(random.next() * 2 ** 31));
  const performance = new Map([...new Set(ctx.villages.map((v) => v.townshipCode))].sort().map((code) => [code, Math.exp(workflowRandom.normal(0, 0.6))]));
  let seq = 0;
  for (let yi = 0; yi < DEMO_YEARS.length; yi++) {
    const year = DEMO_YEARS[yi];
    for (const category of INCIDENT_CATEGORIES) {
      const total = Math.round(YEARLY_COUNTS[category][yi] * ctx.scale);
      const planted = ctx.hotspots.map((h) => Math.round(total * (h.shares[category]?.[yi] ?? 0)));
      const general = total - planted.reduce((a, b) => a + b, 0);
      const dayTable = dayWeights(`${year}-01-01`, year === 2026 ? DEMO_DATA_END : `${year}-12-31`, category, null);
      const mixTable = new WeightedTable([0, 1, 2, 3, 4], PLACE_MIX[category]);
      const emit = (position: LonLat, day: number, hotspotId: number | null): Incident | null => {
        const gridCode = ctx.locateGrid(position);
        if (!gridCode) return null;
        const hour = hourTables.get(category)!.draw(random);
        const reportedAt = day + hour * 3600000 + random.int(0, 3599) * 1000;
        if (reportedAt > end) return null;
        return { seq: ++seq, category, title: random.pick(TITLES[category]), address: '', position, gridCode, reportedAt, hotspotId, ...workflow(category, reportedAt, end, workflowRandom, performance.get(gridCode.slice(0, 9)) ?? 1) };
      };
      for (let i = 0; i < general; ) {
        const inc = emit(placeBySource(mixTable.draw(random)), dayTable.draw(random), null);
        if (inc) (yield inc), i++;
      }
      for (let h = 0; h < ctx.hotspots.length; h++) {
        if (!planted[h]) continue;
        const spot = ctx.hotspots[h];
        const from = spot.window.from > `${year}-01-01` ? spot.window.from : `${year}-01-01`;
        const to = spot.window.to < `${year}-12-31` ? spot.window.to : `${year}-12-31`;
        if (from > to) continue;
        const days = dayWeights(from, to, category, spot);
        for (let i = 0; i < planted[h]; ) {
          const p = offsetMeters(spot.centre, Math.abs(random.normal(0, spot.radiusM / 2)), random.uniform(0, 360));
          const inc = ctx.outlineContains(p) ? emit(p, days.draw(random), spot.id) : null;
          if (inc) (yield inc), i++;
        }
      }
    }
  }
}

/** Days between two local dates, weighted by month, weekday and a hotspot's ramp and months. */
function dayWeights(from: string, to: string, category: IncidentCategory, spot: PlantedHotspot | null): WeightedTable<number> {
  const start = localMidnight(from);
  const stop = localMidnight(to);
  const days: number[] = [];
  const weights: number[] = [];
  const n = Math.round((stop - start) / DAY) + 1;
  for (let i = 0; i < n; i++) {
    const t = start + i * DAY;
    const local = new Date(t + localOffsetMs());
    const month = local.getUTCMonth();
    let w = MONTH_WEIGHTS[category][month] * WEEKDAY_WEIGHTS[category][(local.getUTCDay() + 6) % 7];
    if (spot?.window.months && !spot.window.months.includes(month + 1)) w = 0;
    const progress = (t - localMidnight(spot?.window.from ?? from)) / Math.max(DAY, localMidnight(spot?.window.to ?? to) - localMidnight(spot?.window.from ?? from));
    if (spot?.window.ramp === 'up') w *= 0.7 + 0.6 * progress;
    if (spot?.window.ramp === 'down') w *= 2 - 1.8 * progress;
    days.push(t);
    weights.push(w);
  }
  return new WeightedTable(days, weights);
}

const URGENT = new Set<IncidentCategory>(['emergency', 'fire', 'traffic', 'criminal', 'theft']);

/** Timestamps and status of one case as of the data end: most close within their time limit, a few late, a few stuck. */
function workflow(category: IncidentCategory, reportedAt: number, end: number, random: Random, slackness: number) {
  const sla = CATEGORY_INFO[category].slaDays * DAY;
  const dueAt = reportedAt + sla;
  const accepted = reportedAt + random.exponential(URGENT.has(category) ? 0.2 * 3600000 : 2 * 3600000);
  const assigned = accepted + random.exponential(4 * 3600000);
  let closed: number | null = assigned + Math.min(random.exponential(sla * 0.3), sla * 0.95);
  if (random.chance(Math.min(0.3, 0.03 * slackness))) closed = dueAt + random.exponential(10 * DAY); // closed late
  if (random.chance(Math.min(0.3, (category === 'petition' ? 0.04 : 0.012) * slackness))) closed = null; // stuck
  const at = (t: number | null) => (t !== null && t <= end ? Math.round(t) : null);
  const acceptedAt = at(accepted), assignedAt = at(assigned), closedAt = at(closed);
  const status: IncidentStatus = closedAt ? 'closed' : assignedAt ? 'dispatched' : acceptedAt ? 'accepted' : 'reported';
  const resolved = closedAt ? (category === 'dispute' ? random.chance(0.986) : true) : null;
  const source = URGENT.has(category)
    ? random.chance(0.7) ? 'call_110' : 'grid_member'
    : random.weightedIndex([0.5, 0.1, 0.28, 0.12]);
  const sources = ['grid_member', 'call_110', 'hotline_12345', 'walk_in'] as const;
  return { acceptedAt, assignedAt, closedAt, dueAt, status, resolved, source: typeof source === 'number' ? sources[source] : source };
}

/** A Chinese postal-style address from where the incident fell. */
export function describeAddress(countyPrefix: string, township: string, village: string, grid: Grid | undefined, position: LonLat, streetsNear: (p: LonLat) => Road | undefined, random: Random): string {
  const street = streetsNear(position);
  if (street && street.roadClass === 'street') return `${countyPrefix}${township}${street.name}${random.int(1, 320)}号`;
  if (street && (street.roadClass === 'national' || street.roadClass === 'provincial' || street.roadClass === 'county')) return `${countyPrefix}${township}${street.name}附近（${village}）`;
  const hamlet = grid?.placeName && grid.kind === 'residential' ? grid.placeName : grid?.kind !== 'residential' ? grid?.placeName ?? '' : '';
  return `${countyPrefix}${township}${village}${hamlet}`;
}


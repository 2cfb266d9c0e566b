// Risk windows (警灯闪烁: police where *and when* incidents are high): for a shift (e.g. 20:00–02:00 on
// weekdays) every H3 cell gets risk = Σ over recent incidents that fell in that shift window of
// severity(category) × 0.5^(age / half-life). Times are stored in UTC; the county's clock is Asia/Shanghai
// (UTC+8 all year, no daylight saving), so local time is a fixed offset.
import { cellToLatLng, latLngToCell } from 'h3-js';
import { localOffsetMs } from '../../shared/time/clock.js';

const HOUR_MS = 3600_000;
const DAY_MS = 86400_000;

export interface Shift {
  /** Local hour the shift starts (0–23). */
  startHour: number;
  /** Local hour it ends (0–24); at or before startHour means it runs past midnight (20 → 2). */
  endHour: number;
  /** Local weekdays (0 = Sunday … 6 = Saturday) on which the shift *starts*: a Friday-night shift's 01:00 is Friday's. */
  days: readonly number[];
}

export const WEEKDAYS = [1, 2, 3, 4, 5] as const;
export const WEEKENDS = [0, 6] as const;
export const ALL_DAYS = [0, 1, 2, 3, 4, 5, 6] as const;

export function shiftHours(shift: Pick<Shift, 'startHour' | 'endHour'>): number {
  const h = (shift.endHour - shift.startHour + 24) % 24;
  return h === 0 ? 24 : h;
}

/** Whether a UTC instant falls in the shift (on one of its start days). */
export function inShift(utcMs: number, shift: Shift): boolean {
  const local = utcMs + localOffsetMs();
  const hour = Math.floor(local / HOUR_MS) % 24;
  const intoShift = (hour - shift.startHour + 24) % 24; // whole hours since the latest shift start
  if (intoShift >= shiftHours(shift)) return false;
  const startDay = new Date(local - intoShift * HOUR_MS).getUTCDay();
  return shift.days.includes(startDay);
}

export interface RiskIncident { lon: number; lat: number; category: string; reportedAtMs: number }

export interface RiskOptions {
  shift: Shift;
  /** "Now": ages are measured back from here; later incidents are ignored. */
  asOfMs: number;
  lookbackDays: number;
  halfLifeDays: number;
  /** H3 resolution of the cells (8 ≈ 0.74 km², a patrol car's stop). */
  resolution: number;
  severity: Record<string, number>;
}

export interface RiskCell {
  cell: string;
  /** Cell centre. */
  lon: number;
  lat: number;
  /** Severity-weighted, risk-weighted mean position of its incidents: where the patrol should stop. */
  focusLon: number;
  focusLat: number;
  risk: number;
  count: number;
  byCategory: Record<string, number>;
}

export interface RiskResult { cells: RiskCell[]; totalRisk: number; incidents: number }

export function rankRiskCells(incidents: Iterable<RiskIncident>, o: RiskOptions): RiskResult {
  const from = o.asOfMs - o.lookbackDays * DAY_MS;
  const cells = new Map<string, RiskCell & { wx: number; wy: number }>();
  let total = 0, used = 0;
  for (const inc of incidents) {
    if (inc.reportedAtMs > o.asOfMs || inc.reportedAtMs < from || !inShift(inc.reportedAtMs, o.shift)) continue;
    const sev = o.severity[inc.category] ?? 0;
    if (sev <= 0) continue;
    const w = sev * Math.pow(0.5, (o.asOfMs - inc.reportedAtMs) / DAY_MS / o.halfLifeDays);
    const id = latLngToCell(inc.lat, inc.lon, o.resolution);
    let c = cells.get(id);
    if (!c) {
      const [lat, lon] = cellToLatLng(id);
      c = { cell: id, lon, lat, focusLon: lon, focusLat: lat, risk: 0, count: 0, byCategory: {}, wx: 0, wy: 0 };
      cells.set(id, c);
    }
    c.risk += w;
    c.count++;
    c.byCategory[inc.category] = (c.byCategory[inc.category] ?? 0) + 1;
    c.wx += w * inc.lon;
    c.wy += w * inc.lat;
    total += w;
    used++;
  }
  const out: RiskCell[] = [];
  for (const c of cells.values()) {
    const { wx, wy, ...cell } = c;
    out.push({ ...cell, focusLon: wx / c.risk, focusLat: wy / c.risk });
  }
  out.sort((a, b) => b.risk - a.risk || (a.cell < b.cell ? -1 : 1));
  return { cells: out, totalRisk: total, incidents: used };
}

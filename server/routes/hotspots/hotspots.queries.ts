// Incident counts per study unit (and per time slice) for the hotspot analyses, and the analyses
// themselves: Gi* with FDR classes, emerging hot spots over slices, and period-over-period change.
import type { Database } from '../../db/database.js';
import { areaCountsFromTotals } from '../regions/area-day-counts.js';
import { periodChange } from '../../analysis/change-test.js';
import { type EmergingPattern, EMERGING_PATTERNS } from '../../analysis/emerging-hotspots.js';
import { bhCriticalP } from '../../analysis/fdr.js';
import { emergingRun, giStarRun } from '../../workers/hotspot-runs.js';
import { h3HexSql, h3ParentSql, h3ToBigInt } from '../../analysis/h3-cells.js';
import { type IncidentFilter, incidentWhere } from '../filters.js';
import { changeWindows, dayCount, type DayWindow } from './change-windows.js';
import { studyUnits, type StudyUnits, type UnitKind } from './study-units.js';
import { sqlLocal } from '../../../shared/time/clock.js';

// A county-level unit (prefecture-level jurisdiction) is its townships' first 6 digits.
const UNIT_COLUMN: Record<Exclude<UnitKind, 'h3'>, string> = { county: 'left(township_code, 6)', township: 'township_code', village: 'village_code', grid: 'grid_code' };
/** A unit's grouping key in SQL and how the key becomes the unit's id. H3 cells are grouped as the integer
 * parent and made hex strings only on the output rows (one per cell, not one per incident: at 1M incidents a
 * year of r8 cells spent most of its query making and hashing 340k strings). */
export const unitKey = (unit: UnitKind, resolution: number): { key: string; id: (key: string) => string } =>
  unit === 'h3' ? { key: h3ParentSql('h3_r9', resolution), id: h3HexSql } : { key: UNIT_COLUMN[unit], id: (k) => k };

export async function unitCounts(db: Database, unit: UnitKind, resolution: number, f: IncidentFilter): Promise<Map<string, number>> {
  // areas from the running totals per area and day when they serve the filter (regions/area-day-counts.ts)
  const totals = unit === 'h3' ? null : areaCountsFromTotals(db, unit, f);
  if (totals) return new Map(totals.codes.map((code, i) => [code as string, totals.counts[i]]));
  const where = incidentWhere(f);
  const { key, id } = unitKey(unit, resolution);
  const [ids, counts] = await db.queryColumns(`SELECT ${id('k')} AS id, n FROM (SELECT ${key} AS k, count(*)::INTEGER AS n FROM incidents ${where.sql} GROUP BY 1)`, where.params);
  const out = new Map<string, number>();
  (ids ?? []).forEach((id, i) => out.set(id as string, (counts as number[])[i]));
  return out;
}

/** Each study unit's count for the filter, in the units' order. H3 cells are counted by their parent's base cell
 * and digits as two INTEGER columns read as typed arrays (queryInt32Columns) and matched to the units by number:
 * making each counted cell's 15-character hex id cost more than the aggregation (a string over 12 bytes is a
 * native call and a decode apiece: a year of r8 on the 1M county, 3.6 of 7.5 ms CPU). Other units by their code. */
export async function unitValues(db: Database, unit: UnitKind, resolution: number, f: IncidentFilter, unitsFor: StudyUnits | Promise<StudyUnits>): Promise<Float64Array> {
  if (unit !== 'h3') {
    const [counts, units] = await Promise.all([unitCounts(db, unit, resolution, f), unitsFor]);
    return Float64Array.from(units.ids, (id) => counts.get(id) ?? 0);
  }
  const where = incidentWhere(f);
  const { base, digits } = h3KeySql('k', resolution);
  const [bases, digitss, ns] = await db.queryInt32Columns(
    `SELECT ${base} AS base, ${digits} AS digits, n FROM (SELECT ${h3ParentSql('h3_r9', resolution)} AS k, count(*)::INTEGER AS n FROM incidents
     ${where.sql ? `${where.sql} AND` : 'WHERE'} h3_r9 IS NOT NULL GROUP BY 1)`,
    where.params,
  );
  const units = await unitsFor;
  const index = h3UnitIndex(units, resolution);
  const values = new Float64Array(units.ids.length);
  for (let i = 0; i < ns.length; i++) {
    const at = index.get(bases[i] * 2 ** 27 + digitss[i]);
    if (at !== undefined) values[at] = ns[i];
  }
  return values;
}

/** An H3 cell's base cell (bits 45–51) and its first `res` digits (3 bits each below them) as INTEGER SQL. */
const h3KeySql = (k: string, res: number) => ({ base: `((${k} >> 45) & 127)::INTEGER`, digits: `((${k} >> ${45 - 3 * res}) & ${2 ** (3 * res) - 1})::INTEGER` });
const h3Key = (cell: string, res: number) => {
  const k = h3ToBigInt(cell);
  return Number((k >> 45n) & 127n) * 2 ** 27 + Number((k >> BigInt(45 - 3 * res)) & BigInt(2 ** (3 * res) - 1));
};
const unitIndexes = new WeakMap<StudyUnits, Map<number, number>>();
/** Unit index by h3Key, made once per study-unit set (which is kept per data version). */
function h3UnitIndex(units: StudyUnits, res: number): Map<number, number> {
  let m = unitIndexes.get(units);
  if (!m) unitIndexes.set(units, (m = new Map(units.ids.map((id, i) => [h3Key(id, res), i]))));
  return m;
}

export interface GiStarCell { id: string; count: number; z: number | null; p: number | null; class: number; isolated: boolean }

export async function giStarMap(db: Database, unit: UnitKind, resolution: number, f: IncidentFilter, signal?: AbortSignal) {
  const unitsFor = studyUnits(db, unit, resolution, f.code);
  const values = await unitValues(db, unit, resolution, f, unitsFor); // the count query runs while the units load
  const units = await unitsFor;
  // Gi* and the FDR classes: on the worker pool for large surfaces (workers/hotspot-runs.ts).
  const { z, p, classes, critical } = await giStarRun(values.slice(), units.weights, signal);
  const summary = { hot99: 0, hot95: 0, hot90: 0, cold99: 0, cold95: 0, cold90: 0, none: 0, isolated: 0 };
  const cells: GiStarCell[] = units.ids.map((id, i) => {
    const isolated = units.weights.offsets[i + 1] === units.weights.offsets[i];
    const c = classes[i];
    if (isolated) summary.isolated++;
    else if (c === 0) summary.none++;
    else summary[`${c > 0 ? 'hot' : 'cold'}${[0, 90, 95, 99][Math.abs(c)]}` as keyof typeof summary]++;
    return { id, count: values[i], z: round(z[i]), p: round(p[i], 8), class: c, isolated };
  });
  // On the hexagon surface most cells are empty and not significant: leave them out (they are n − cells.length),
  // which keeps a street-level answer (~100k cells) small.
  const shown = unit === 'h3' ? cells.filter((c) => c.count > 0 || c.class !== 0 || c.isolated) : cells;
  return { unit, resolution: unit === 'h3' ? resolution : null, n: units.ids.length, omitted: cells.length - shown.length, cells: shown, fdr: critical, summary };
}

const round = (x: number | null, digits = 4) => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);

export type SliceStep = 'day' | 'week' | 'month';
const DAY = 86400000;

/** Calendar slices (Asia/Shanghai days) covering [from, to]; weeks start on Monday. */
export function timeSlices(from: string, to: string, step: SliceStep): { start: string; end: string }[] {
  const d = (s: string) => Date.parse(`${s}T00:00:00Z`);
  const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
  const out: { start: string; end: string }[] = [];
  let t = d(from);
  const stop = d(to);
  if (step === 'week') t -= ((new Date(t).getUTCDay() + 6) % 7) * DAY;
  if (step === 'month') t = Date.UTC(new Date(t).getUTCFullYear(), new Date(t).getUTCMonth(), 1);
  while (t <= stop) {
    const next = step === 'day' ? t + DAY : step === 'week' ? t + 7 * DAY : Date.UTC(new Date(t).getUTCFullYear(), new Date(t).getUTCMonth() + 1, 1);
    out.push({ start: iso(Math.max(t, d(from))), end: iso(Math.min(next - DAY, stop)) });
    t = next;
  }
  return out;
}

/** SQL for the slice index of an incident (local time), matching timeSlices(). */
export function sliceIndexSql(from: string, step: SliceStep): string {
  const local = sqlLocal('reported_at');
  const [y, m] = from.split('-').map(Number);
  if (step === 'month') return `((year(${local}) - ${y}) * 12 + month(${local}) - ${m})`;
  const start = Date.parse(`${from}T00:00:00Z`);
  const anchor = step === 'week' ? start - ((new Date(start).getUTCDay() + 6) % 7) * DAY : start;
  const days = step === 'week' ? 7 : 1;
  return `floor((epoch(${local}) - ${anchor / 1000}) / ${days * 86400})::INTEGER`;
}

export async function sliceCounts(db: Database, unit: { key: string; id: (key: string) => string }, f: IncidentFilter & { from: string; to: string }, step: SliceStep): Promise<{ slice: number[]; id: string[]; n: number[] }> {
  const where = incidentWhere(f);
  const cols = await db.queryColumns(`SELECT s, ${unit.id('k')} AS id, n FROM (SELECT ${sliceIndexSql(f.from, step)} AS s, ${unit.key} AS k, count(*)::INTEGER AS n FROM incidents ${where.sql} GROUP BY 1, 2)`, where.params);
  return { slice: (cols[0] ?? []) as number[], id: (cols[1] ?? []) as string[], n: (cols[2] ?? []) as number[] };
}

/** Is the first slice cut short by the window's start (a Sunday starting a "week", the 20th a "month")? */
export function firstSliceIsPartial(from: string, step: 'week' | 'month'): boolean {
  const d = new Date(`${from}T00:00:00Z`);
  return step === 'week' ? d.getUTCDay() !== 1 : d.getUTCDate() !== 1;
}

/** Is the last slice cut short by the window's end (a Wednesday ending a "week", the 20th a "month")? */
export function lastSliceIsPartial(to: string, step: 'week' | 'month'): boolean {
  const next = new Date(Date.parse(`${to}T00:00:00Z`) + DAY);
  return step === 'week' ? next.getUTCDay() !== 1 : next.getUTCDate() !== 1;
}

/**
 * The whole weeks or months of a window, and how many slices of timeSlices() precede the first one. A cut
 * first or last slice would look like a quiet period and bend the trend: a live report on 1 December would
 * add a one-day "December" and flip every pattern whose last slice must be hot. So both are left out, and
 * the patterns change only when a slice is complete.
 */
export function wholeSlices(from: string, to: string, step: 'week' | 'month'): { slices: { start: string; end: string }[]; skip: number } {
  const all = timeSlices(from, to, step);
  const skip = all.length > 0 && firstSliceIsPartial(from, step) ? 1 : 0;
  const drop = all.length > skip && lastSliceIsPartial(to, step) ? 1 : 0;
  return { slices: all.slice(skip, all.length - drop), skip };
}

export async function emergingHotspots(db: Database, unit: UnitKind, resolution: number, step: 'week' | 'month', f: IncidentFilter & { from: string; to: string }, signal?: AbortSignal) {
  const { slices, skip } = wholeSlices(f.from, f.to, step);
  const units = await studyUnits(db, unit, resolution, f.code);
  const position = new Map(units.ids.map((id, i) => [id, i]));
  const n = units.ids.length;
  // Counts per slice and unit in one flat array (slice-major), handed to the worker pool without a copy.
  const grid = new Float64Array(slices.length * n);
  const counts = await sliceCounts(db, unitKey(unit, resolution), f, step);
  for (let k = 0; k < counts.slice.length; k++) {
    if (k % 50_000 === 49_999) await new Promise((r) => setImmediate(r)); // a street-level surface has ~1M rows: let others in
    const i = position.get(counts.id[k]);
    const slice = counts.slice[k] - skip;
    if (i !== undefined && slice >= 0 && slice < slices.length) grid[slice * n + i] += counts.n[k];
  }
  // Gi* (with FDR classes) per slice, then each location's series is classified (workers/analysis-tasks.ts).
  const run = await emergingRun({ counts: grid, slices: slices.length, weights: units.weights }, signal);
  const summary = Object.fromEntries(EMERGING_PATTERNS.map((p) => [p, 0])) as Record<EmergingPattern, number>;
  for (const [p, k] of Object.entries(run.patternCounts)) summary[p as EmergingPattern] += k;
  const cells = [];
  for (const r of run.units) {
    const z = r.z;
    cells.push({
      id: units.ids[r.index],
      pattern: r.pattern,
      trend: { s: r.trend.s, z: round(r.trend.z), p: round(r.trend.p, 6), direction: r.trend.direction },
      hotSlices: r.hotSlices,
      coldSlices: r.coldSlices,
      finalClass: r.finalClass,
      zSeries: z.map((v) => round(v, 3)),
    });
  }
  return { unit, resolution: unit === 'h3' ? resolution : null, step, slices, cells, summary };
}

const CHANGE_ALPHA = 0.05;

/**
 * This period against the same period last year, per unit, on the days where both have data (see
 * change-windows.ts). With no baseline there is no test: every unit is "none" with p null.
 * @param data the span of the incident data (the whole table, not the filter: a quiet category is a real zero).
 */
export async function changeMap(db: Database, level: Exclude<UnitKind, 'h3'>, f: IncidentFilter & { from: string; to: string }, data: DayWindow) {
  const windows = changeWindows({ from: f.from, to: f.to }, data);
  const cmp = windows.compared ?? { current: { from: f.from, to: f.to }, previous: windows.previous };
  const [units, now, before] = await Promise.all([
    studyUnits(db, level, 0, f.code),
    unitCounts(db, level, 0, { ...f, ...cmp.current }),
    unitCounts(db, level, 0, { ...f, ...cmp.previous }),
  ]);
  const share = dayCount(cmp.current) / (dayCount(cmp.current) + dayCount(cmp.previous));
  const tests = units.ids.map((code) => ({ code, current: now.get(code) ?? 0, previous: before.get(code) ?? 0 }));
  const results = windows.compared ? tests.map((t) => periodChange(t.current, t.previous, share, CHANGE_ALPHA)) : null;
  // Each unit is judged at 5 %; across many units (a thousand grids) some of those are chance, so each
  // also says whether it survives Benjamini–Hochberg over all units (`fdr`), the stricter reading.
  const critical = results ? bhCriticalP(results.map((r) => r.p), CHANGE_ALPHA) : null;
  const summary = { up: 0, down: 0, none: 0, fdr: 0 };
  const out = tests.map((t, i) => {
    const r = results?.[i];
    if (!r) {
      summary.none++;
      return { ...t, changePct: null, p: null, class: 'none' as const, fdr: false };
    }
    const fdr = r.class !== 'none' && critical !== null && r.p <= critical;
    summary[r.class]++;
    if (fdr) summary.fdr++;
    return { ...t, changePct: round(r.changePct, 1), p: r.p, class: r.class, fdr };
  });
  return {
    current: { from: f.from, to: f.to },
    previous: windows.previous,
    dataRange: data,
    baseline: windows.baseline,
    compared: windows.compared,
    criticalP: critical,
    units: out,
    summary,
  };
}

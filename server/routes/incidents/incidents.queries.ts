// SQL behind the incident endpoints, kept apart from HTTP so benchmarks and tests can call it directly.
import { addKpiCounts, emptyKpiCounts, kpiAggregates, kpis, type KpiCounts } from '../../cases/case-kpis.js';
import type { Database } from '../../db/database.js';
import { categories } from '../../db/categories.js';
import { newestReportMs } from '../../db/newest-report.js';
import { type IncidentFilter, incidentWhere } from '../filters.js';
import { readyRollup, rollupCounts, rollupTotal } from './summary-rollup.js';
import { cellSizeDeg, levelCellRange, MAX_HEAT_LEVEL } from '../../analysis/heat-cells.js';
import { clockNow } from '../../../shared/time/clock.js';
import type { HeatColumns } from '../../../shared/geo/heat-columns.js';

export interface HeatCells { cellDeg: number; level: number; points: [number, number, number][]; max: number; total: number }
/** The query's answer: lattice indices (x, y at the level) and the count of each non-empty cell. */
export interface HeatLattice { level: number; cellDeg: number; xs: ArrayLike<number>; ys: ArrayLike<number>; counts: ArrayLike<number>; max: number; total: number }

/** Incident counts on the heat lattice at a level: the non-empty cells' indices and counts, given to the
 * client as JSON (heatPoints) or as binary columns (heatColumns, shared/geo/heat-columns.ts).
 * Why the SQL looks as it does (measured on a year of a 10M-incident county, 3.5M rows in the window):
 * - grouping by the two shifted INTEGER columns (45 ms) beats one packed BIGINT key (90 ms);
 * - the level is spliced as a literal: it is an integer 0–MAX_HEAT_LEVEL chosen by the server, never user text;
 * - a bounding box filters the integer cell columns the query reads anyway (40 ms) rather than lon/lat
 *   (two more DOUBLE columns: 200 ms), and is widened to whole cells of the level, so a cell at the edge of the
 *   viewport carries its full count instead of the part that happened to fall inside the box. */
export async function heatLattice(db: Database, f: IncidentFilter, level: number): Promise<HeatLattice> {
  if (!Number.isInteger(level) || level < 0 || level > MAX_HEAT_LEVEL) throw new Error(`heat level ${level} out of range`);
  const where = incidentWhere({ ...f, bbox: undefined });
  const conditions = where.sql ? [where.sql.slice('WHERE '.length)] : [];
  const params = [...where.params];
  if (f.bbox) {
    const [x0, y0, x1, y1] = levelCellRange(f.bbox, level);
    conditions.push('cell_x BETWEEN ? AND ? AND cell_y BETWEEN ? AND ?');
    params.push(x0, x1, y0, y1);
  }
  // Read as Int32Arrays straight from DuckDB's vectors (queryInt32Columns): no JS value per cell.
  const [xs, ys, counts] = await db.queryInt32Columns(
    `SELECT cell_x >> ${level} AS x, cell_y >> ${level} AS y, count(*)::INTEGER AS n
     FROM incidents ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''} GROUP BY 1, 2`,
    params,
  );
  let max = 0, total = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (c > max) max = c;
    total += c;
  }
  return { level, cellDeg: cellSizeDeg(level), xs, ys, counts, max, total };
}

/** The binary form's columns: cell centres as float32 degrees, counts as float32 weights. */
export function heatColumns(h: HeatLattice): HeatColumns {
  const n = h.xs.length, size = h.cellDeg;
  const positions = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) (positions[2 * i] = (h.xs[i] + 0.5) * size), (positions[2 * i + 1] = (h.ys[i] + 0.5) * size);
  return { cellDeg: size, level: h.level, count: n, positions, weights: Float32Array.from(h.counts), max: h.max, total: h.total };
}

const roundMicro = (x: number) => Math.round(x * 1e6) / 1e6;

/** The JSON form: [lon, lat, count] per cell, centres rounded to 1e-6°. */
export function heatPoints(h: HeatLattice): HeatCells {
  const size = h.cellDeg;
  const points = Array.from(h.xs, (x, i): [number, number, number] => [roundMicro((x + 0.5) * size), roundMicro((h.ys[i] + 0.5) * size), h.counts[i]]);
  return { cellDeg: size, level: h.level, points, max: h.max, total: h.total };
}

/** The JSON form's text, exactly JSON.stringify(heatPoints(h)), written straight from the columns: a county's
 * heat is thousands of cells, and making a [lon, lat, count] array of each only for JSON.stringify to walk took
 * twice the time of writing the text (2.9 against 1.4 ms for 3000 cells, loaded machine), on the event loop of
 * the commonest request of a command centre. A finite number's JSON text is its String() text, so each is
 * spliced in as a template would; test/unit/heat-json.test.ts compares the two on random lattices. */
export function heatJson(h: HeatLattice): string {
  const size = h.cellDeg, xs = h.xs, ys = h.ys, counts = h.counts;
  let s = `{"cellDeg":${JSON.stringify(size)},"level":${JSON.stringify(h.level)},"points":[`;
  for (let i = 0; i < xs.length; i++) s += `${i ? ',' : ''}[${roundMicro((xs[i] + 0.5) * size)},${roundMicro((ys[i] + 0.5) * size)},${counts[i]}]`;
  return `${s}],"max":${JSON.stringify(h.max)},"total":${JSON.stringify(h.total)}}`;
}

export interface SummaryKpis {
  total: number;
  byCategory: Record<string, number>;
  closed: number;
  closureRate: number | null;
  resolved: number;
  resolutionRate: number | null;
  open: number;
  overdue: number;
  /** Open cases above village tier (escalated), open cases under 督办, mean days from report to closure. */
  escalated: number;
  supervised: number;
  avgCloseDays: number | null;
  asOf: string | null;
  previousYear: { total: number } | null;
  yoyPct: number | null;
}

export async function summaryKpis(db: Database, f: IncidentFilter, previous: IncidentFilter | null): Promise<SummaryKpis> {
  // Overdue is judged at the jurisdiction clock's now, as in the case list (shared/time/clock.ts says why also for
  // historical data); asOf is the newest report in the data (what the figures cover).
  const now = clockNow();
  const asOfMs = await newestReportMs(db); // kept per data version
  // Without a bounding box a window is whole local days of a code: read off the rollup once it is built
  // (summary-rollup.ts), else one scan grouped by category (summed, the totals) — the same figures.
  const rollup = f.bbox || previous?.bbox ? null : readyRollup(db, f.code);
  const counts = rollup ? rollupCounts(rollup, f, now) : await scannedCounts(db, f, now);
  const byCategory: Record<string, number> = Object.fromEntries((await categories(db)).list.map((c) => [c.code, 0]));
  let sum = emptyKpiCounts();
  for (const [category, k] of counts) {
    byCategory[category] = k.n;
    sum = addKpiCounts(sum, k);
  }
  let prev: { total: number } | null = null;
  if (previous) prev = { total: rollup ? rollupTotal(rollup, previous) : await scannedTotal(db, previous) };
  return {
    ...kpis(sum),
    byCategory,
    asOf: asOfMs === null ? null : new Date(asOfMs).toISOString(),
    previousYear: prev,
    yoyPct: prev && prev.total > 0 ? ((sum.n - prev.total) / prev.total) * 100 : null,
  };
}

/** The KPI counts by category of the filter's rows, by a scan of them. */
export async function scannedCounts(db: Database, f: IncidentFilter, now: number): Promise<Map<string, KpiCounts>> {
  const where = incidentWhere(f);
  const rows = await db.query<KpiCounts & { category: string }>(`SELECT category, ${kpiAggregates(now)} FROM incidents ${where.sql} GROUP BY 1`, where.params);
  return new Map(rows.map(({ category, ...k }) => [category, k]));
}

/** How many rows the filter takes, by a scan. */
export async function scannedTotal(db: Database, f: IncidentFilter): Promise<number> {
  const w = incidentWhere(f);
  const [p] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM incidents ${w.sql}`, w.params);
  return p.n;
}

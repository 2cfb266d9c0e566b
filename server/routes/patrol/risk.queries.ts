// Shift risk per H3 cell in DuckDB SQL: the same sum as analysis/risk-windows.ts rankRiskCells (severity ×
// half-life decay over the incidents of the look-back that fell in the shift), aggregated where the rows are.
// The cell is the parent of the stored resolution-9 cell (h3_r9) by bit arithmetic, so no row crosses into
// JavaScript: at 10M incidents the JS binning took 2 s on the event loop, this takes tens of milliseconds on
// DuckDB's threads. What comes back is one row per (cell, category), as numbers only.
// A coarser cell holds the incidents whose resolution-9 cell descends from it (H3's hierarchy, as on the hotspot
// surface); near a cell's edge that can differ from latLngToCell at the coarser resolution, since H3 children are
// not exactly inside their parent. The sums are exact: each row's decay (and decay × lon, × lat) is rounded to a
// fixed-point integer of 2^-60 (a power of two: the scaling is exact, only bits below 1e-18 are dropped) and the
// integers summed as HUGEINT, which gives the same total in any order, so DuckDB's parallel, unordered aggregation
// still gives bit-for-bit the same risks for the same data (route plans with a seed are reproducible). Ordered
// float sums (sum(w ORDER BY …)) did the same at three times the cost: a sort per group. Rows are grouped by the
// integer cell; the severity multiplies each (cell, category) sum in JavaScript.
import { listValue } from '@duckdb/node-api';
import { cellFromHalves } from '../../analysis/h3-cell-memo.js';
import type { Database, Params } from '../../db/database.js';
import { h3ParentSql, STORED_H3_RESOLUTION } from '../../analysis/h3-cells.js';
import { shiftHours, type RiskCell, type RiskResult, type Shift } from '../../analysis/risk-windows.js';
import { incidentWhere, type IncidentFilter } from '../filters.js';
import { localOffsetMs } from '../../../shared/time/clock.js';

const HOUR_MS = 3600_000;
const DAY_MS = 86400_000;

export interface RiskSqlOptions {
  shift: Shift;
  asOfMs: number;
  lookbackDays: number;
  halfLifeDays: number;
  /** 0..9: a parent of the stored resolution-9 cell. */
  resolution: number;
  severity: Record<string, number>;
  filter: IncidentFilter;
}

/** SQL deciding whether epoch-ms `ms` falls in the shift (risk-windows.ts inShift, in integer arithmetic). */
function inShiftSql(ms: string, shift: Shift): string {
  const local = `(${ms} + ${localOffsetMs()})`;
  const into = `((((${local} // ${HOUR_MS}) % 24) - ${shift.startHour} + 24) % 24)`;
  // Weekday of the shift's start day: 1970-01-01 was a Thursday (4), 0 = Sunday as getUTCDay.
  const startDay = `(((${local} - ${into} * ${HOUR_MS}) // ${DAY_MS} + 4) % 7)`;
  const days = [...new Set(shift.days.map((d) => Math.trunc(d)))].filter((d) => d >= 0 && d <= 6);
  const hours = `${into} < ${shiftHours(shift)}`;
  if (days.length === 7) return hours;
  // The weekdays as a bit mask: DuckDB runs `x IN (…)` on a computed value as a join against the list.
  const mask = days.reduce((m, d) => m | (1 << d), 0);
  return `${hours} AND ((${mask} >> ${startDay}::INTEGER) & 1) = 1`;
}

/** Fixed-point scale of the exact sums (2^60): a row's decay is at most 1 (nothing after asOf is counted), its
 * decay × longitude at most 180 × 2^60 ≈ 2e20, and 10M of them under 1e28: inside HUGEINT (1.7e38). The focus
 * (wx / risk) needs the fine scale: a cell of small risk divides the rounding of wx by it. */
const FIXED = String(2n ** 60n);
const fixed = (x: string) => `round(${x} * ${FIXED}::DOUBLE)::HUGEINT`;
const unfixed = (x: string) => `(${x})::DOUBLE / ${FIXED}::DOUBLE`;

export async function riskCellsSql(db: Database, o: RiskSqlOptions): Promise<RiskResult> {
  if (!Number.isInteger(o.resolution) || o.resolution < 0 || o.resolution > STORED_H3_RESOLUTION) throw new Error(`risk cells need an H3 resolution 0..${STORED_H3_RESOLUTION}`);
  const where = incidentWhere(o.filter);
  const fromMs = o.asOfMs - o.lookbackDays * DAY_MS;
  // A category's severity is the same for all its rows, so the SQL sums the decay per (cell, category) and the
  // severity multiplies the sums here: no per-row CASE over the category names. Categories of no severity
  // weigh nothing and are left out (as rankRiskCells does).
  const severity = new Map(Object.entries(o.severity).filter(([, s]) => s > 0));
  // The time cut is on reported_at itself (the column's zone maps skip row groups outside the window); `ms <
  // asOf + 1` is epoch_ms(reported_at) ≤ asOf, as rankRiskCells compares whole milliseconds.
  const sql = `
    WITH rows AS (
      SELECT category, lon, lat, h3_r9, epoch_ms(reported_at) AS ms
      FROM incidents ${where.sql ? where.sql + ' AND' : 'WHERE'} reported_at >= make_timestamp(?::BIGINT * 1000)
        AND reported_at < make_timestamp((?::BIGINT + 1) * 1000) AND h3_r9 IS NOT NULL
    ), decayed AS (
      SELECT ${h3ParentSql('h3_r9', o.resolution)} AS cell, category, lon, lat, pow(0.5, (?::DOUBLE - ms) / ${DAY_MS} / ?::DOUBLE) AS d
      FROM rows WHERE ${inShiftSql('ms', o.shift)}
    ), sums AS (
      SELECT cell, category, sum(${fixed('d')}) AS d, count(*)::INTEGER AS n, sum(${fixed('d * lon')}) AS dx, sum(${fixed('d * lat')}) AS dy
      FROM decayed GROUP BY cell, category
    )
    SELECT (cell >> 32)::UINTEGER AS hi, (cell & 4294967295::UBIGINT)::UINTEGER AS lo, list_position(?::VARCHAR[], category)::INTEGER AS c,
      ${unfixed('d')} AS d, n, ${unfixed('dx')} AS dx, ${unfixed('dy')} AS dy
    FROM sums ORDER BY cell, category`;
  // The cell comes back as two 32-bit halves and the category as its place in the list of weighted ones (0: not
  // weighted): numbers, which DuckDB hands over without making a string per row (at resolution 9 over a year,
  // ~100k rows); the rows are ordered by cell, so each cell's id is looked up once (h3-cell-memo.ts).
  const weighted = [...severity.keys()];
  // Parameter order follows the text: filter, since, asOf (cut); then asOf and half-life (decay); the categories.
  const ordered: Params = [...where.params, Math.floor(fromMs), Math.floor(o.asOfMs), o.asOfMs, o.halfLifeDays, listValue(weighted)];
  const [hiCol, loCol, catCol, riskCol, nCol, wxCol, wyCol] = (await db.queryColumns(sql, ordered)) as number[][];
  const cells: (RiskCell & { wx: number; wy: number })[] = [];
  let c: (RiskCell & { wx: number; wy: number }) | undefined; // the cell of the rows being read
  let hi = -1, lo = -1;
  let total = 0, used = 0;
  for (let k = 0; k < (hiCol?.length ?? 0); k++) {
    const at = catCol[k];
    if (!at) continue; // a category of no severity
    const category = weighted[at - 1], sev = severity.get(category)!;
    const risk = sev * riskCol[k], n = nCol[k];
    if (!c || hiCol[k] !== hi || loCol[k] !== lo) {
      (hi = hiCol[k]), (lo = loCol[k]);
      const { id, lat, lon } = cellFromHalves(hi, lo);
      cells.push((c = { cell: id, lon, lat, focusLon: lon, focusLat: lat, risk: 0, count: 0, byCategory: {}, wx: 0, wy: 0 }));
    }
    c.risk += risk;
    c.count += n;
    c.byCategory[category] = (c.byCategory[category] ?? 0) + n;
    c.wx += sev * (wxCol[k] as number);
    c.wy += sev * (wyCol[k] as number);
    total += risk;
    used += n;
  }
  const out: RiskCell[] = cells.map(({ wx, wy, ...cell }) => ({ ...cell, focusLon: wx / cell.risk, focusLat: wy / cell.risk }));
  out.sort((a, b) => b.risk - a.risk || (a.cell < b.cell ? -1 : 1));
  return { cells: out, totalRisk: total, incidents: used };
}

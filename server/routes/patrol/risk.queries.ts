// Shift risk per H3 cell in DuckDB SQL: the same sum as analysis/risk-windows.ts rankRiskCells (severity ×
// half-life decay over the incidents of the look-back that fell in the shift), aggregated where the rows are.
// The cell is the parent of the stored resolution-9 cell (h3_r9) by bit arithmetic, so no row crosses into
// JavaScript: at 10M incidents the JS binning took 2 s on the event loop, this takes tens of milliseconds on
// DuckDB's threads. What comes back is one row per (cell, category) — a few thousand at most.
// A coarser cell holds the incidents whose resolution-9 cell descends from it (H3's hierarchy, as on the hotspot
// surface); near a cell's edge that can differ from latLngToCell at the coarser resolution, since H3 children are
// not exactly inside their parent. The sums are ordered (by time, then position) and the (cell, category) rows
// sorted, so the same data gives bit-for-bit the same risks: route plans with a seed are reproducible.
import { cellToLatLng } from 'h3-js';
import type { Database, Params } from '../../db/database.js';
import { h3HexSql, h3ParentSql, STORED_H3_RESOLUTION } from '../../analysis/h3-cells.js';
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
  const days = [...new Set(shift.days)].map((d) => Math.trunc(d)).filter((d) => d >= 0 && d <= 6);
  return `${into} < ${shiftHours(shift)} AND ${startDay} IN (${days.length ? days.join(', ') : '-1'})`;
}

export async function riskCellsSql(db: Database, o: RiskSqlOptions): Promise<RiskResult> {
  if (!Number.isInteger(o.resolution) || o.resolution < 0 || o.resolution > STORED_H3_RESOLUTION) throw new Error(`risk cells need an H3 resolution 0..${STORED_H3_RESOLUTION}`);
  const where = incidentWhere(o.filter);
  const fromMs = o.asOfMs - o.lookbackDays * DAY_MS;
  const severities = Object.entries(o.severity).filter(([, s]) => s > 0);
  const sevCase = severities.length ? `CASE category ${severities.map(() => 'WHEN ? THEN ?').join(' ')} ELSE 0 END` : '0';
  const sql = `
    WITH rows AS (
      SELECT category, lon, lat, h3_r9, epoch_ms(reported_at) AS ms, (${sevCase})::DOUBLE AS sev
      FROM incidents ${where.sql ? where.sql + ' AND' : 'WHERE'} reported_at >= make_timestamp(?::BIGINT * 1000) AND h3_r9 IS NOT NULL
    ), weighted AS (
      SELECT ${h3HexSql(h3ParentSql('h3_r9', o.resolution))} AS cell, category, lon, lat, ms,
        sev * pow(0.5, (?::DOUBLE - ms) / ${DAY_MS} / ?::DOUBLE) AS w
      FROM rows WHERE ms <= ?::BIGINT AND sev > 0 AND ${inShiftSql('ms', o.shift)}
    )
    SELECT cell, category, sum(w ORDER BY ms, lon, lat) AS risk, count(*)::INTEGER AS n, sum(w * lon ORDER BY ms, lon, lat) AS wx, sum(w * lat ORDER BY ms, lon, lat) AS wy
    FROM weighted GROUP BY cell, category ORDER BY cell, category`;
  // Parameter order follows the text: severities, filter, since; then asOf and half-life (weight), asOf (cut).
  const ordered: Params = [...severities.flatMap(([c, s]) => [c, s]), ...where.params, Math.floor(fromMs), o.asOfMs, o.halfLifeDays, Math.floor(o.asOfMs)];
  const [cellCol, catCol, riskCol, nCol, wxCol, wyCol] = await db.queryColumns(sql, ordered);
  const cells = new Map<string, RiskCell & { wx: number; wy: number }>();
  let total = 0, used = 0;
  for (let k = 0; k < (cellCol?.length ?? 0); k++) {
    const id = cellCol[k] as string, category = catCol[k] as string, risk = riskCol[k] as number, n = nCol[k] as number;
    let c = cells.get(id);
    if (!c) {
      const [lat, lon] = cellToLatLng(id);
      c = { cell: id, lon, lat, focusLon: lon, focusLat: lat, risk: 0, count: 0, byCategory: {}, wx: 0, wy: 0 };
      cells.set(id, c);
    }
    c.risk += risk;
    c.count += n;
    c.byCategory[category] = (c.byCategory[category] ?? 0) + n;
    c.wx += wxCol[k] as number;
    c.wy += wyCol[k] as number;
    total += risk;
    used += n;
  }
  const out: RiskCell[] = [];
  for (const c of cells.values()) {
    const { wx, wy, ...cell } = c;
    out.push({ ...cell, focusLon: wx / c.risk, focusLat: wy / c.risk });
  }
  out.sort((a, b) => b.risk - a.risk || (a.cell < b.cell ? -1 : 1));
  return { cells: out, totalRisk: total, incidents: used };
}

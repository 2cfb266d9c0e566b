// SQL behind the statistics endpoints.
import { emptyKpiCounts, kpiAggregates, kpis, type KpiCounts } from '../../cases/case-kpis.js';
import type { Database } from '../../db/database.js';
import { empiricalBayesRates } from '../../analysis/rate-stabilisation.js';
import { type IncidentFilter, incidentWhere, previousYear } from '../filters.js';
import { sqlLocal } from '../../jurisdiction/clock.js';

/** Counts by local weekday (Monday first) × hour, Asia/Shanghai. */
export async function hourWeekdayMatrix(db: Database, f: IncidentFilter) {
  const where = incidentWhere(f);
  const [dow, hour, n] = await db.queryColumns(
    `SELECT isodow(${sqlLocal('reported_at')}) - 1 AS d, hour(${sqlLocal('reported_at')}) AS h, count(*)::INTEGER AS n FROM incidents ${where.sql} GROUP BY 1, 2`,
    where.params,
  );
  const matrix = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  let max = 0, total = 0;
  (dow ?? []).forEach((d, i) => {
    const v = (n as number[])[i];
    matrix[d as number][(hour as number[])[i]] = v;
    max = Math.max(max, v);
    total += v;
  });
  return { matrix, max, total };
}

const LEVEL = {
  township: { table: 'townships', column: 'township_code', parent: '(SELECT code FROM county LIMIT 1)' },
  village: { table: 'villages', column: 'village_code', parent: 'u.township_code' },
} as const;

/** One row per unit: counts, year-on-year, households, closure and resolution rates (EB-stabilised). */
export async function ranking(db: Database, level: 'township' | 'village', f: IncidentFilter) {
  const L = LEVEL[level];
  const where = incidentWhere(f);
  const units = await db.query<{ code: string; name: string; parent_code: string; households: number }>(
    `SELECT u.code, u.name, ${L.parent} AS parent_code,
            coalesce((SELECT sum(households) FROM grids g WHERE starts_with(g.code, u.code)), 0)::INTEGER AS households
     FROM ${L.table} u ${f.code ? 'WHERE starts_with(u.code, ?) OR starts_with(?, u.code)' : ''} ORDER BY u.code`,
    f.code ? [f.code, f.code] : [],
  );
  const stats = await db.query<KpiCounts & { code: string }>(
    `SELECT ${L.column} AS code, ${kpiAggregates('(SELECT max(reported_at) FROM incidents)')} FROM incidents ${where.sql} GROUP BY 1`,
    where.params,
  );
  let previous = new Map<string, number>();
  if (f.from && f.to) {
    const pw = incidentWhere({ ...f, from: previousYear(f.from), to: previousYear(f.to) });
    previous = new Map((await db.query<{ code: string; n: number }>(`SELECT ${L.column} AS code, count(*) AS n FROM incidents ${pw.sql} GROUP BY 1`, pw.params)).map((r) => [r.code, r.n]));
  }
  const byCode = new Map(stats.map((s) => [s.code, s]));
  const rows = units.map((u) => {
    const k = byCode.get(u.code) ?? emptyKpiCounts();
    return { u, s: kpis(k) };
  });
  const eb = empiricalBayesRates(rows.map((r) => r.s.closed), rows.map((r) => r.s.total));
  return {
    level,
    rows: rows.map(({ u, s }, i) => {
      const prev = f.from && f.to ? previous.get(u.code) ?? 0 : null;
      return {
        code: u.code,
        name: u.name,
        parentCode: u.parent_code,
        total: s.total,
        households: u.households,
        perThousandHouseholds: u.households > 0 ? Math.round((s.total / u.households) * 1000 * 10) / 10 : null,
        previous: prev,
        yoyPct: prev ? Math.round(((s.total - prev) / prev) * 1000) / 10 : null,
        closed: s.closed,
        closureRate: eb[i].raw,
        closureRateEB: eb[i].eb,
        resolutionRate: s.closed > 0 ? s.resolved / s.closed : null,
        open: s.total - s.closed,
        overdue: s.overdue,
        escalated: s.escalated,
        supervised: s.supervised,
        avgCloseDays: s.avgCloseDays,
        lowConfidence: eb[i].lowConfidence,
      };
    }),
  };
}

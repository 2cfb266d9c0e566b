// SQL behind the statistics endpoints.
import { emptyKpiCounts, kpiAggregates, kpis, type KpiCounts } from '../../cases/case-kpis.js';
import type { Database } from '../../db/database.js';
import { empiricalBayesRates } from '../../analysis/rate-stabilisation.js';
import { type IncidentFilter, incidentWhere, previousYear } from '../filters.js';
import { clockNow, sqlLocal } from '../../../shared/time/clock.js';
import { instantSql } from '../../cases/deadlines.js';
import { townshipParentSql } from '../../jurisdiction/jurisdiction.js';

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
  // A prefecture-level jurisdiction's counties: a township's first 6 digits name its county.
  county: { table: 'counties', column: 'left(township_code, 6)', parent: '(SELECT code FROM county LIMIT 1)' },
  township: { table: 'townships', column: 'township_code', parent: townshipParentSql('u') },
  village: { table: 'villages', column: 'village_code', parent: 'u.township_code' },
} as const;

/** One row per unit: counts, year-on-year, households, closure and resolution rates (EB-stabilised). */
export async function ranking(db: Database, level: keyof typeof LEVEL, f: IncidentFilter) {
  const L = LEVEL[level];
  const where = incidentWhere(f);
  const units = await db.query<{ code: string; name: string; parent_code: string; households: number }>(
    `SELECT u.code, u.name, ${L.parent} AS parent_code,
            coalesce((SELECT sum(households) FROM grids g WHERE starts_with(g.code, u.code)), 0)::INTEGER AS households
     FROM ${L.table} u ${f.code ? 'WHERE starts_with(u.code, ?) OR starts_with(?, u.code)' : ''} ORDER BY u.code`,
    f.code ? [f.code, f.code] : [],
  );
  const stats = await db.query<KpiCounts & { code: string }>(
    `SELECT ${L.column} AS code, ${kpiAggregates(clockNow())} FROM incidents ${where.sql} GROUP BY 1`,
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


/** Equal-width one-day bins of the time-to-close histogram up to this many days; later closures share one last bin. */
const CLOSE_BINS_MAX_DAYS = 60;

/**
 * The supervision figures of the leaders' view (督办): per unit (townships of the county, or villages of one
 * township) the open cases, how many are overdue, how many were escalated to the township or the county and how
 * many are under 督办, at the unit's seat; the totals; and the time-to-close distribution of the cases closed in the
 * window, in whole days (one-day bins from 0, the bins after the 99th percentile folded into one "and over" bin),
 * with its median and 90th percentile.
 */
export async function supervision(db: Database, level: 'township' | 'village', f: IncidentFilter) {
  const L = LEVEL[level];
  const where = incidentWhere(f);
  const and = where.sql ? `${where.sql} AND` : 'WHERE';
  const seat = level === 'township' ? ['seat_lon', 'seat_lat'] : ['centre_lon', 'centre_lat'];
  const units = await db.query<{ code: string; name: string; lon: number; lat: number }>(
    `SELECT code, name, coalesce(${seat[0]}, (min_lon + max_lon) / 2) AS lon, coalesce(${seat[1]}, (min_lat + max_lat) / 2) AS lat
     FROM ${L.table} ${f.code ? 'WHERE starts_with(code, ?) OR starts_with(?, code)' : ''} ORDER BY code`,
    f.code ? [f.code, f.code] : [],
  );
  // "Overdue" at the jurisdiction clock's now, as in the summary, the ranking and the case list (deadlines.ts).
  const now = instantSql(clockNow());
  const counts = await db.query<{ code: string; open: number; overdue: number; to_township: number; to_county: number; supervised: number; oldest_overdue_days: number | null }>(
    `SELECT ${L.column} AS code, count(*)::INTEGER AS open,
       count(*) FILTER (WHERE due_at < ${now})::INTEGER AS overdue,
       count(*) FILTER (WHERE level = 'township')::INTEGER AS to_township,
       count(*) FILTER (WHERE level = 'county')::INTEGER AS to_county,
       count(*) FILTER (WHERE supervised)::INTEGER AS supervised,
       max(epoch(${now}) - epoch(due_at)) FILTER (WHERE due_at < ${now}) / 86400 AS oldest_overdue_days
     FROM incidents ${and} status <> 'closed' GROUP BY 1`,
    where.params,
  );
  const byCode = new Map(counts.map((c) => [c.code, c]));
  const rows = units.map((u) => {
    const c = byCode.get(u.code);
    const escalatedToTownship = c?.to_township ?? 0, escalatedToCounty = c?.to_county ?? 0;
    return { code: u.code, name: u.name, lon: u.lon, lat: u.lat, open: c?.open ?? 0, overdue: c?.overdue ?? 0,
      escalated: escalatedToTownship + escalatedToCounty, escalatedToTownship, escalatedToCounty, supervised: c?.supervised ?? 0,
      oldestOverdueDays: c?.oldest_overdue_days == null ? null : Math.floor(c.oldest_overdue_days) };
  });
  const sum = (k: 'open' | 'overdue' | 'escalated' | 'escalatedToTownship' | 'escalatedToCounty' | 'supervised') => rows.reduce((n, r) => n + r[k], 0);
  const oldest = rows.reduce<number | null>((m, r) => (r.oldestOverdueDays === null ? m : Math.max(m ?? 0, r.oldestOverdueDays)), null);
  return {
    level,
    units: rows,
    totals: { open: sum('open'), overdue: sum('overdue'), escalated: sum('escalated'), escalatedToTownship: sum('escalatedToTownship'), escalatedToCounty: sum('escalatedToCounty'), supervised: sum('supervised'), oldestOverdueDays: oldest },
    closeTimes: await closeTimes(db, and, where.params),
  };
}

/** The time-to-close distribution in days of the closed cases matching `and … status = 'closed'`. */
async function closeTimes(db: Database, and: string, params: IncidentFilterParams) {
  const closed = `FROM incidents ${and} status = 'closed' AND closed_at IS NOT NULL AND closed_at >= reported_at`;
  const [q] = await db.query<{ n: number; median: number | null; p90: number | null; p99: number | null; mean: number | null }>(
    `SELECT count(*)::INTEGER AS n, quantile_cont(d, 0.5) AS median, quantile_cont(d, 0.9) AS p90, quantile_cont(d, 0.99) AS p99, avg(d) AS mean
     FROM (SELECT (epoch(closed_at) - epoch(reported_at)) / 86400 AS d ${closed})`, params);
  const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
  if (!q || q.n === 0) return { unit: 'day' as const, closed: 0, medianDays: null, p90Days: null, meanDays: null, bins: [] as { fromDays: number; toDays: number | null; count: number }[] };
  // The last bin begins after the 99th percentile (at least 1 day, at most CLOSE_BINS_MAX_DAYS): a few very slow
  // closures do not stretch the axis, and they are still counted.
  const last = Math.max(1, Math.min(CLOSE_BINS_MAX_DAYS, Math.ceil(q.p99 ?? 0)));
  const hist = await db.query<{ b: number; n: number }>(
    `SELECT least(floor((epoch(closed_at) - epoch(reported_at)) / 86400)::INTEGER, ${last}) AS b, count(*)::INTEGER AS n ${closed} GROUP BY 1 ORDER BY 1`, params);
  const counts = new Map(hist.map((r) => [r.b, r.n]));
  const bins = Array.from({ length: last + 1 }, (_, i) => ({ fromDays: i, toDays: i === last ? null : i + 1, count: counts.get(i) ?? 0 }));
  return { unit: 'day' as const, closed: q.n, medianDays: round1(q.median), p90Days: round1(q.p90), meanDays: round1(q.mean), bins };
}

type IncidentFilterParams = ReturnType<typeof incidentWhere>['params'];

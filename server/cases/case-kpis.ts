// The leaders' KPIs, read off the case workflow: 办结率 (closed / all), 化解率 (resolved / closed), overdue (open past
// its deadline as of a time), escalated (open above village tier), supervised, and the average days from report
// to closure. The columns they read (status, closed_at, resolved, level, supervised) are written only by the
// workflow (case-store.ts, escalation-job.ts, seed-history.ts), each from a history row in the same transaction,
// so they are the history's fold — test/api/cases.test.ts checks that for every case, and test/unit/case-kpis
// checks these figures against hand-computed histories. One SQL fragment, so the summary, the ranking and any
// later view count alike.

import { overdueSql } from './deadlines.js';

/** Which cases each count takes, as SQL conditions over incidents (overdue, judged at a time, is overdueSql). */
export const KPI_CONDITIONS = {
  closed: "status = 'closed'",
  resolved: "status = 'closed' AND resolved",
  escalated: "status <> 'closed' AND coalesce(level, 'village') <> 'village'",
  supervised: "status <> 'closed' AND supervised",
  timed: "status = 'closed' AND closed_at IS NOT NULL",
} as const;

/** Aggregate columns (for a SELECT … FROM incidents … GROUP BY): n, closed, resolved, overdue, escalated,
 * supervised, close_seconds (sum over closed cases with a close time), timed (how many had one). "Overdue" is
 * judged at `now` (ms): the jurisdiction clock's now (shared/time/clock.ts), as in the case list (deadlines.ts). */
export function kpiAggregates(now: number): string {
  const k = KPI_CONDITIONS;
  return `count(*) AS n,
    count(*) FILTER (WHERE ${k.closed}) AS closed,
    count(*) FILTER (WHERE ${k.resolved}) AS resolved,
    count(*) FILTER (WHERE ${overdueSql(now)}) AS overdue,
    count(*) FILTER (WHERE ${k.escalated}) AS escalated,
    count(*) FILTER (WHERE ${k.supervised}) AS supervised,
    coalesce(sum(epoch(closed_at) - epoch(reported_at)) FILTER (WHERE ${k.timed}), 0)::DOUBLE AS close_seconds,
    count(*) FILTER (WHERE ${k.timed}) AS timed`;
}

export type KpiCounts = { n: number; closed: number; resolved: number; overdue: number; escalated: number; supervised: number; close_seconds: number; timed: number };

export const emptyKpiCounts = (): KpiCounts => ({ n: 0, closed: 0, resolved: 0, overdue: 0, escalated: 0, supervised: 0, close_seconds: 0, timed: 0 });

export function addKpiCounts(a: KpiCounts, b: KpiCounts): KpiCounts {
  return { n: a.n + b.n, closed: a.closed + b.closed, resolved: a.resolved + b.resolved, overdue: a.overdue + b.overdue, escalated: a.escalated + b.escalated,
    supervised: a.supervised + b.supervised, close_seconds: a.close_seconds + b.close_seconds, timed: a.timed + b.timed };
}

/** The rates and the average, from the counts. */
export function kpis(k: KpiCounts) {
  return {
    total: k.n,
    closed: k.closed,
    closureRate: k.n ? k.closed / k.n : null,
    resolved: k.resolved,
    resolutionRate: k.closed ? k.resolved / k.closed : null,
    open: k.n - k.closed,
    overdue: k.overdue,
    escalated: k.escalated,
    supervised: k.supervised,
    avgCloseDays: k.timed ? Math.round((k.close_seconds / k.timed / 86400) * 100) / 100 : null,
  };
}

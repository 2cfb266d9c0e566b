// The history of cases that did not live through the workflow here: the demo county's generated cases, rows of
// an imported file, and the incidents of a database from before case_transitions existed. Each timestamp the
// row has becomes the transition it stands for (登记 at reported_at, 受理 at accepted_at, 派遣 at assigned_at,
// 办结 at closed_at); when the row's status says more than its timestamps (a file with 状态 but no times), one
// "import" transition takes the case to that status. The case's tier deadline starts at its report.
import type { DuckDBConnection } from '@duckdb/node-api';
import { INCIDENT_CATEGORIES } from '../../shared/domain/categories.js';
import { DEFAULT_DEADLINE_DAYS, deadlineDays } from './deadlines.js';

/** SQL: the deadline days of `category` (deadlines.ts, as a CASE so that SQL and TypeScript agree). */
export function deadlineDaysSql(column = 'category'): string {
  return `CASE ${column} ${INCIDENT_CATEGORIES.map((c) => `WHEN '${c}' THEN ${deadlineDays(c)}`).join(' ')} ELSE ${DEFAULT_DEADLINE_DAYS} END`;
}

/** Seeding in batches of case ids: each batch's statements commit, then `between` runs (the demo build
 * checkpoints there), so what DuckDB holds at once is one batch's rows, not the whole history's. */
export interface SeedBatches { cases: number; between: () => Promise<void> }

/** Writes the history of the incidents matching `where` (bound `params`) that have none yet, and starts their
 * tier clock. Idempotent. `actor` names who brought them ('demo', 'import', 'upgrade'). With `batches` (outside a
 * transaction only), case ids go in ranges: at once, the 10M demo build's step (40M history rows written, then
 * every case's history_seq and tier clock updated) ran out of the build's 1500MB memory limit ("could not allocate
 * block", 1.4 GiB used) after 28 minutes of generation. */
export async function seedHistory(con: DuckDBConnection, where: string, params: (string | number)[], actor: string, batches?: SeedBatches): Promise<void> {
  if (!batches) return seedCases(con, where, params, actor, '');
  const [[lo, hi]] = (await con.runAndReadAll(`SELECT min(id), max(id) FROM incidents WHERE (${where})`, params)).getRows();
  if (lo === null || hi === null) return;
  for (let from = Number(lo); from <= Number(hi); from += batches.cases) {
    const range = `AND id >= ${from} AND id < ${from + batches.cases}`; // whole numbers of our own, not input
    await seedCases(con, `(${where}) ${range}`, params, actor, range);
    await batches.between();
  }
}

/** One statement set: the history of `where`'s cases; `range` also narrows the history_seq fill to the batch. */
async function seedCases(con: DuckDBConnection, where: string, params: (string | number)[], actor: string, range: string): Promise<void> {
  const rows = `(SELECT * FROM incidents i WHERE (${where}) AND NOT EXISTS (SELECT 1 FROM case_transitions t WHERE t.case_id = i.id))`;
  const implied = `CASE WHEN closed_at IS NOT NULL THEN 'closed' WHEN assigned_at IS NOT NULL THEN 'dispatched' WHEN accepted_at IS NOT NULL THEN 'accepted' ELSE 'reported' END`;
  await con.run(
    `INSERT INTO case_transitions (case_id, seq, action, from_status, to_status, from_level, to_level, happened_at, actor_name, actor_role, note)
     SELECT case_id, seq, action, from_status, to_status, 'village', 'village', happened, actor_name, 'system', note FROM (
       SELECT id AS case_id, 1 AS seq, 'report' AS action, NULL AS from_status, 'reported' AS to_status, reported_at AS happened, coalesce(source, '${actor}') AS actor_name, NULL AS note FROM ${rows}
       UNION ALL SELECT id, 2, 'accept', 'reported', 'accepted', accepted_at, '${actor}', NULL FROM ${rows} WHERE accepted_at IS NOT NULL
       UNION ALL SELECT id, 3, 'dispatch', 'accepted', 'dispatched', assigned_at, '${actor}', NULL FROM ${rows} WHERE assigned_at IS NOT NULL
       UNION ALL SELECT id, 4, 'close', CASE WHEN assigned_at IS NOT NULL THEN 'dispatched' WHEN accepted_at IS NOT NULL THEN 'accepted' ELSE 'reported' END, 'closed', closed_at, '${actor}', NULL FROM ${rows} WHERE closed_at IS NOT NULL
       UNION ALL SELECT id, 5, 'import', ${implied}, status, coalesce(closed_at, assigned_at, accepted_at, reported_at), '${actor}', 'status from the source: ' || status FROM ${rows} WHERE status <> ${implied}
     ) ORDER BY case_id, seq`,
    [...params, ...params, ...params, ...params, ...params],
  );
  // Every case's last seq (incidents.history_seq, what a transition numbers its row from): for the rows just
  // seeded, and once for a database from before the column (the EXISTS keeps a start-up without work cheap).
  await con.run(
    `UPDATE incidents SET history_seq = h.m FROM (
       SELECT case_id, max(seq)::INTEGER AS m FROM case_transitions WHERE case_id IN (SELECT id FROM incidents WHERE history_seq IS NULL ${range}) GROUP BY 1) h
     WHERE incidents.id = h.case_id AND incidents.history_seq IS NULL AND EXISTS (SELECT 1 FROM incidents WHERE history_seq IS NULL ${range})`);
  // The tier clock of a case not yet seen by the workflow starts at its report (tier deadline = its deadline).
  await con.run(
    `UPDATE incidents SET level = coalesce(level, 'village'), supervised = coalesce(supervised, false),
       level_due_at = coalesce(level_due_at, reported_at + to_days((${deadlineDaysSql()})::INTEGER))
     WHERE (${where}) AND level_due_at IS NULL`,
    params,
  );
}

// Automatic escalation (三级联动): an open case its tier has not closed by the tier deadline goes up one tier —
// village → township → county — with a system transition, back to "reported" for the tier above, whose own
// deadline is the same number of days again. Set-based SQL (one statement per tier, whatever the number of
// cases). The escalation is recorded at the moment the tier deadline passed, so a job that runs late (or the
// demo build, which runs it once as of the data end) writes the history a punctual job would have written, and
// running it again at the same or an earlier time changes nothing (idempotent).
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../db/database.js';
import { bumpDataVersion } from '../db/data-version.js';
import type { CaseLevel } from '../../shared/domain/case-workflow.js';
import { levelAbove } from './deadlines.js';
import { seedHistory, deadlineDaysSql } from './seed-history.js';
import { caseWrites } from './case-store.js';

export interface Escalation { id: number; from: CaseLevel; to: CaseLevel; at: number }

export const ESCALATION_NOTE = '超期自动上报 (overdue at its tier: escalated automatically)';

/** Escalates, as of `now` (ms), every open case whose tier deadline has passed, tier by tier, on `con`. */
export async function escalateOverdue(con: DuckDBConnection, now: number): Promise<Escalation[]> {
  const out: Escalation[] = [];
  for (const from of ['village', 'township'] as const) {
    const to = levelAbove(from)!;
    await con.run(`CREATE OR REPLACE TEMP TABLE escalating AS
      SELECT i.id, i.status, i.level_due_at, i.category, coalesce(i.history_seq, 0) seq FROM incidents i
      WHERE i.status <> 'closed' AND i.level = '${from}' AND i.level_due_at < epoch_ms(?::BIGINT)`, [now]);
    await con.run(`INSERT INTO case_transitions (case_id, seq, action, from_status, to_status, from_level, to_level, happened_at, actor_name, actor_role, note)
      SELECT id, seq + 1, 'escalate', status, 'reported', '${from}', '${to}', level_due_at, 'system', 'system', ? FROM escalating`, [ESCALATION_NOTE]);
    await con.run(`UPDATE incidents SET status = 'reported', level = '${to}', assignee = NULL, history_seq = e.seq + 1,
        level_due_at = e.level_due_at + to_days((${deadlineDaysSql('e.category')})::INTEGER)
      FROM escalating e WHERE incidents.id = e.id`);
    const rows = (await con.runAndReadAll(`SELECT id, epoch_ms(level_due_at) FROM escalating ORDER BY id`)).getRows();
    for (const [id, at] of rows) out.push({ id: Number(id), from, to, at: Number(at) });
    await con.run('DROP TABLE escalating');
  }
  return out;
}

/** Cases whose overall deadline passed in (since, now] while open: they have just become overdue. */
export async function newlyOverdue(db: Database, since: number, now: number): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    `SELECT id FROM incidents WHERE status <> 'closed' AND due_at > epoch_ms(?::BIGINT) AND due_at <= epoch_ms(?::BIGINT) ORDER BY id LIMIT 1000`, [since, now]);
  return rows.map((r) => r.id);
}

/** One run of the job on the database: escalations in one transaction, queued with every other case write. */
export function runEscalation(db: Database, now: number): Promise<Escalation[]> {
  return caseWrites(db, () => db.transaction((con) => escalateOverdue(con, now))).then((done) => {
    if (done.length) bumpDataVersion(db, ['cases']);
    return done;
  });
}

/** Brings the history of rows that have none (an older database, an import) in line, then escalates. */
export async function seedAndEscalate(con: DuckDBConnection, now: number): Promise<void> {
  await seedHistory(con, 'true', [], 'upgrade');
  await escalateOverdue(con, now);
}

// The escalation job's schedule: it runs at the next deadline any open case has (tier deadline or overall
// deadline), at most a minute apart, so an overdue case is escalated — and the
// dashboards told — within a second or two of its deadline rather than at the next round minute. Each run
// publishes the escalated and the newly overdue cases on the live stream; a new case or an import re-plans the
// wake (a back-dated report may be due at once). The clock is injectable (tests).
import { readCase } from '../../cases/case-store.js';
import { newlyOverdue, runEscalation } from '../../cases/escalation-job.js';
import type { Database } from '../../db/database.js';
import { bumpDataVersion } from '../../db/data-version.js';
import { publish, subscribe } from '../reports/event-bus.js';
import { caseEventOf } from './case-events.js';
import { clockNow } from '../../../shared/time/clock.js';

/** Escalations and overdue cases above this many in one run are announced as one summary event. */
const EVENTS_PER_RUN = 50;
const MAX_SLEEP_MS = 60_000;

export interface CaseSchedule { runNow(): Promise<void>; stop(): void }

export function startCaseSchedule(db: Database, clock: () => number = clockNow): CaseSchedule {
  let last = clock();
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let running: Promise<void> | null = null;

  const runOnce = async () => {
    const now = clock();
    const escalated = await runEscalation(db, now);
    const overdue = await newlyOverdue(db, last, now);
    last = now;
    // Overdue is judged at the clock's now (deadlines.ts): a case crossing its deadline changes the KPIs and the
    // supervision figures without any write, so the cached answers keyed by the case-state version refresh here.
    if (overdue.length) bumpDataVersion(db, ['cases']);
    for (const [kind, ids] of [['escalated', escalated.map((e) => e.id)], ['overdue', overdue]] as const) {
      if (!ids.length) continue;
      const shown = ids.length > EVENTS_PER_RUN ? ids.slice(0, 1) : ids;
      for (const id of shown) {
        const c = await readCase(db, id);
        if (c) publish(db, { ...caseEventOf(c, kind, kind === 'escalated' ? 'escalate' : undefined), ...(ids.length > EVENTS_PER_RUN ? { count: ids.length } : {}) } as never);
      }
    }
  };
  const nextWake = async (): Promise<number> => {
    const now = clock();
    const [r] = await db.query<{ t: number | null }>(
      `SELECT least(min(epoch_ms(level_due_at)) FILTER (WHERE level <> 'county'), min(epoch_ms(due_at)) FILTER (WHERE due_at > epoch_ms(?::BIGINT))) t FROM incidents WHERE status <> 'closed'`, [now]);
    const t = r?.t === null || r?.t === undefined ? now + MAX_SLEEP_MS : Number(r.t);
    return Math.max(250, Math.min(MAX_SLEEP_MS, t - now + 50));
  };
  const loop = async () => {
    if (stopped) return;
    try {
      running = runOnce();
      await running;
      running = null;
      const wait = await nextWake();
      if (!stopped) timer = setTimeout(() => void loop(), wait);
    } catch (e) {
      running = null;
      console.error('case escalation run failed:', e);
      if (!stopped) timer = setTimeout(() => void loop(), MAX_SLEEP_MS);
    }
  };
  // A new case (a back-dated report, an import) may fall due before the wake planned: plan it again.
  const replan = async () => {
    if (stopped || running) return;
    const wait = await nextWake();
    if (stopped || running) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void loop(), wait);
  };
  const unsubscribe = subscribe(db, ({ event }) => {
    if ((event.type === 'case' && event.kind === 'new') || event.type === 'import') void replan().catch(() => {});
  });
  timer = setTimeout(() => void loop(), 0);
  return {
    /** Runs the job now (after a run in progress); tests move the clock and call it. */
    async runNow() {
      if (running) await running.catch(() => {});
      if (timer) clearTimeout(timer);
      await loop();
    },
    stop() { stopped = true; unsubscribe(); if (timer) clearTimeout(timer); },
  };
}

// The span of the incident data in the jurisdiction's calendar days (defaults for windowed analyses).
import type { Database } from '../../db/database.js';
import { localDate, sqlLocal } from '../../../shared/time/clock.js';

export async function dataRange(db: Database): Promise<{ from: string; to: string }> {
  const [r] = await db.query<{ first: string | null; last: string | null }>(
    `SELECT strftime(${sqlLocal('min(reported_at)')}, '%Y-%m-%d') AS first, strftime(${sqlLocal('max(reported_at)')}, '%Y-%m-%d') AS last FROM incidents`,
  );
  const today = localDate(Date.now());
  return { from: r.first ?? today, to: r.last ?? today };
}

// The span of the incident data in Asia/Shanghai calendar days (defaults for windowed analyses).
import type { Database } from '../../db/database.js';

export async function dataRange(db: Database): Promise<{ from: string; to: string }> {
  const [r] = await db.query<{ first: string | null; last: string | null }>(
    `SELECT strftime(min(reported_at) + INTERVAL 8 HOUR, '%Y-%m-%d') AS first, strftime(max(reported_at) + INTERVAL 8 HOUR, '%Y-%m-%d') AS last FROM incidents`,
  );
  const today = new Date(Date.now() + 8 * 3600000).toISOString().slice(0, 10);
  return { from: r.first ?? today, to: r.last ?? today };
}

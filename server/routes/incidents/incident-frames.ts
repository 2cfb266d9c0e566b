// Playback frames: counts per unit for each frame of the window (a day, week or month step, a moving window
// of one or more steps: shared/time/frames.ts), with one maximum over all frames so the client can hold its
// colour scales fixed while playing (a drifting scale misleads). With a zoom it also answers the largest heat
// cell of any frame at that zoom's lattice level: the heat layer's fixed top. Both sums run in SQL (a window
// function over the per-step counts); only the per-unit counts of each frame are assembled here.
import type { Database } from '../../db/database.js';
import type { IncidentFilter } from '../filters.js';
import { incidentWhere } from '../filters.js';
import { sliceIndexSql, type SliceStep } from '../hotspots/hotspots.queries.js';
import { playbackFrames } from '../../../shared/time/frames.js';
import { cellSizeDeg, MAX_HEAT_LEVEL } from '../../analysis/heat-cells.js';

const COLUMN = { county: 'left(township_code, 6)', township: 'township_code', village: 'village_code', grid: 'grid_code' } as const;
export const MAX_FRAMES = 400;

type Window = IncidentFilter & { from: string; to: string };

/** Per unit and frame: the step counts summed over the frame's `window` steps (frame i ends with step i + window - 1). */
async function frameCounts(db: Database, unitExpr: string, f: Window, step: SliceStep, window: number, frames: number) {
  const where = incidentWhere(f);
  const cols = await db.queryColumns(
    `WITH s AS (SELECT ${sliceIndexSql(f.from, step)} AS s, ${unitExpr} AS id, count(*)::INTEGER AS n FROM incidents ${where.sql} GROUP BY 1, 2),
          frame AS (SELECT unnest(range(0, ${frames})) AS i)
     SELECT frame.i::INTEGER AS i, s.id, sum(s.n)::INTEGER AS n FROM frame JOIN s ON s.s BETWEEN frame.i AND frame.i + ${window - 1} GROUP BY 1, 2`,
    where.params,
  );
  return { frame: (cols[0] ?? []) as number[], id: (cols[1] ?? []) as string[], n: (cols[2] ?? []) as number[] };
}

/** The largest count of one heat cell (lattice `level`) in any frame. A sum over fewer than `window` steps
 * (the first steps of the range) is a part of the first frame's, so the maximum over every row is the frames'. */
async function heatMax(db: Database, f: Window, step: SliceStep, window: number, level: number): Promise<number> {
  if (!Number.isInteger(level) || level < 0 || level > MAX_HEAT_LEVEL) throw new Error(`heat level ${level} out of range`);
  const where = incidentWhere({ ...f, bbox: undefined });
  const [row] = await db.query<{ m: number | null }>(
    `WITH s AS (SELECT ${sliceIndexSql(f.from, step)} AS s, cell_x >> ${level} AS x, cell_y >> ${level} AS y, count(*)::INTEGER AS n FROM incidents ${where.sql} GROUP BY 1, 2, 3)
     SELECT max(w)::INTEGER AS m FROM (SELECT sum(n) OVER (PARTITION BY x, y ORDER BY s RANGE BETWEEN ${window - 1} PRECEDING AND CURRENT ROW) AS w FROM s)`,
    where.params,
  );
  return row?.m ?? 0;
}

export async function incidentFrames(db: Database, step: SliceStep, level: keyof typeof COLUMN, f: Window, window = 1, heatLevel?: number) {
  const days = playbackFrames(f, step, window);
  const frames = days.map((d) => ({ start: d.from, end: d.to, partial: d.partial, counts: {} as Record<string, number>, total: 0 }));
  const [rows, heat] = await Promise.all([
    frameCounts(db, COLUMN[level], f, step, window, frames.length),
    heatLevel === undefined ? null : heatMax(db, f, step, window, heatLevel),
  ]);
  let max = 0;
  rows.frame.forEach((i, k) => {
    const frame = frames[i];
    if (!frame) return;
    frame.counts[rows.id[k]] = rows.n[k];
    frame.total += rows.n[k];
    max = Math.max(max, rows.n[k]);
  });
  return { step, window, level, frames, max, heat: heat === null ? null : { level: heatLevel!, cellDeg: cellSizeDeg(heatLevel!), max: heat } };
}

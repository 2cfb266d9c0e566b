// Playback frames: counts per unit for each day, week or month of the window, with one maximum over all
// frames so the client can hold its colour scale fixed while playing (a drifting scale misleads).
import type { Database } from '../../db/database.js';
import type { IncidentFilter } from '../filters.js';
import { sliceCounts, timeSlices, type SliceStep } from '../hotspots/hotspots.queries.js';

const COLUMN = { county: 'left(township_code, 6)', township: 'township_code', village: 'village_code', grid: 'grid_code' } as const;
export const MAX_FRAMES = 400;

export async function incidentFrames(db: Database, step: SliceStep, level: keyof typeof COLUMN, f: IncidentFilter & { from: string; to: string }) {
  const slices = timeSlices(f.from, f.to, step);
  const frames = slices.map((s) => ({ ...s, counts: {} as Record<string, number>, total: 0 }));
  const rows = await sliceCounts(db, COLUMN[level], f, step);
  let max = 0;
  rows.slice.forEach((s, k) => {
    const frame = frames[s];
    if (!frame) return;
    frame.counts[rows.id[k]] = rows.n[k];
    frame.total += rows.n[k];
    max = Math.max(max, rows.n[k]);
  });
  return { step, level, frames, max };
}

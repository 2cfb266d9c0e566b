// Incidents per area for any window of days, read off running totals per area and local day instead of a scan
// of the window. The choropleth's counts (GET /api/areas/counts) and the Gi* counts of grids, villages and
// townships (hotspots.queries.ts unitCounts) each grouped every row of the window by an area code: a year of
// the 1M county is 330,000 rows, ~10 ms of one DuckDB thread, and those two are a third of a command centre's
// requests (`npm run bench:load`). A window is a union of whole local days (filters.ts), so the incidents are
// counted once per (grid, village, township) × local day — the same buckets as summary-rollup.ts — and kept as
// running totals: a window's count of an area is two subtractions, whatever its length.
//
// Exactly the scan's answer for the filters it serves: no categories chosen (every category) and no bbox; a
// code keeps the areas whose grid code starts with it, as incidentWhere does. test/api/area-day-counts.test.ts compares the two on many windows and codes.
//
// Kept per (incidents, areas) data version and clock offset — case work does not move it — and built only once
// the counts have been asked a few times at a version (a build is a scan of every row, ~30 windows' worth, and an
// import or a live report moves the version). Not built when the totals would exceed MAX_CELLS (many thousand
// grids over many years): the scan answers then.
import type { DuckDBIntegerVector } from '@duckdb/node-api';
import type { Database } from '../../db/database.js';
import { dataVersion } from '../../db/data-version.js';
import { localOffsetMs } from '../../../shared/time/clock.js';
import { dayNumber, daySql, DIRECT_ANSWERS_BEFORE_ROLLUP } from '../incidents/summary-rollup.js';

export type AreaLevel = 'county' | 'township' | 'village' | 'grid';

/** The most running totals kept (areas × days): 8M INTEGERs, 32 MB — 1,000 grids over 22 years. */
export const MAX_CELLS = 8_000_000;

export interface AreaDayCounts {
  /** The distinct (grid, village, township) codes of the rows, in the order of their totals. */
  grid: (string | null)[];
  village: (string | null)[];
  township: (string | null)[];
  /** The first local day number with a row, and the number of days from it to the last. */
  firstDay: number;
  days: number;
  /** Per area t, totals[t * (days + 1) + k]: its rows reported before local day firstDay + k. */
  totals: Int32Array;
}

/** The filters the running totals answer exactly (see the file's head). */
export function servedByDayCounts(f: { categories?: string[]; bbox?: unknown }): boolean {
  return !f.bbox && !f.categories?.length;
}

const LEVEL_CODE: Record<AreaLevel, (r: AreaDayCounts, t: number) => string | null> = {
  grid: (r, t) => r.grid[t],
  village: (r, t) => r.village[t],
  township: (r, t) => r.township[t],
  // as the scan's left(township_code, 6)
  county: (r, t) => (r.township[t] === null ? null : r.township[t]!.slice(0, 6)),
};

/** The counts of the window [from, to] (local dates, either open) per area of `level`, of the areas whose grid code
 * starts with `code` (all when none): the codes with at least one row and their counts, as the scan's GROUP BY. */
export function windowCounts(r: AreaDayCounts, level: AreaLevel, w: { from?: string; to?: string; code?: string }): { codes: (string | null)[]; counts: number[] } {
  const stride = r.days + 1;
  const clamp = (k: number) => Math.max(0, Math.min(r.days, k));
  const lo = w.from ? clamp(dayNumber(w.from) - r.firstDay) : 0;
  const hi = w.to ? clamp(dayNumber(w.to) + 1 - r.firstDay) : r.days;
  const byCode = new Map<string | null, number>();
  if (hi > lo) {
    for (let t = 0; t < r.grid.length; t++) {
      if (w.code && !r.grid[t]?.startsWith(w.code)) continue;
      const n = r.totals[t * stride + hi] - r.totals[t * stride + lo];
      if (n === 0) continue;
      const key = LEVEL_CODE[level](r, t);
      byCode.set(key, (byCode.get(key) ?? 0) + n);
    }
  }
  return { codes: [...byCode.keys()], counts: [...byCode.values()] };
}

/** Builds the running totals in one read transaction (its two statements see the same rows), or null when they
 * would exceed MAX_CELLS or there are no rows. */
export async function buildAreaDayCounts(db: Database, offsetMs: number): Promise<AreaDayCounts | null> {
  return db.transaction(async (con) => {
    const areas = (await con.runAndReadAll(
      `SELECT grid_code, village_code, township_code, min(${daySql(offsetMs)}) AS first_day, max(${daySql(offsetMs)}) AS last_day
       FROM incidents GROUP BY ALL ORDER BY grid_code, village_code, township_code`)).getRowsJS() as [string | null, string | null, string | null, number, number][];
    if (!areas.length) return null;
    const firstDay = Math.min(...areas.map((a) => a[3])), days = Math.max(...areas.map((a) => a[4])) - firstDay + 1;
    if (areas.length * (days + 1) > MAX_CELLS) return null;
    // the areas numbered in the same order as above (dense_rank's peers: equal codes, NULLs equal to each other)
    const result = await con.run(
      `SELECT (dense_rank() OVER (ORDER BY grid_code, village_code, township_code) - 1)::INTEGER AS area, (day - ${firstDay})::INTEGER AS k, n FROM
       (SELECT grid_code, village_code, township_code, ${daySql(offsetMs)} AS day, count(*)::INTEGER AS n FROM incidents GROUP BY ALL)`);
    const stride = days + 1;
    const totals = new Int32Array(areas.length * stride);
    for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      const [area, k, n] = [0, 1, 2].map((i) => chunk.getColumnVector(i) as DuckDBIntegerVector);
      // the day's own count, at k + 1: a running total counts the days before its index
      for (let i = 0; i < chunk.rowCount; i++) totals[area.getItem(i)! * stride + k.getItem(i)! + 1] = n.getItem(i)!;
    }
    for (let t = 0; t < areas.length; t++) for (let k = 1, at = t * stride; k < stride; k++) totals[at + k] += totals[at + k - 1];
    return { grid: areas.map((a) => a[0]), village: areas.map((a) => a[1]), township: areas.map((a) => a[2]), firstDay, days, totals };
  });
}

interface Entry { key: string; asked: number; building?: Promise<AreaDayCounts | null>; ready?: AreaDayCounts | null }
const kept = new WeakMap<Database, Entry>();

/** The running totals if built for the current version, else undefined (the caller scans); the build starts once
 * they have been asked DIRECT_ANSWERS_BEFORE_ROLLUP times at this version. null: built, and too large to keep. */
export function readyAreaDayCounts(db: Database): AreaDayCounts | null | undefined {
  const key = `${dataVersion(db, 'incidents', 'areas')}|${localOffsetMs()}`;
  let e = kept.get(db);
  if (!e || e.key !== key) kept.set(db, (e = { key, asked: 0 }));
  if (!e.building && ++e.asked > DIRECT_ANSWERS_BEFORE_ROLLUP) {
    const entry = e;
    const p = (entry.building = buildAreaDayCounts(db, localOffsetMs()));
    p.then(
      (r) => void (entry.building === p && (entry.ready = r)),
      () => void (entry.building === p && (entry.building = undefined)), // a failed build is tried again later
    );
  }
  return e.ready;
}

/** The window's counts per area from the running totals when they are ready and serve the filter, else null. */
export function areaCountsFromTotals(db: Database, level: AreaLevel, f: { from?: string; to?: string; code?: string; categories?: string[]; bbox?: unknown }): { codes: (string | null)[]; counts: number[] } | null {
  if (!servedByDayCounts(f)) return null;
  const r = readyAreaDayCounts(db);
  return r ? windowCounts(r, level, f) : null;
}

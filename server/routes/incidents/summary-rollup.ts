// The KPI strip's figures for any window, read off a per-data-version rollup instead of a scan of the window:
// the summary was the dearest request of a command centre's mix (16.7 ms of server CPU, a scan of every row of
// the window with eight filtered aggregates over VARCHAR status, ~70 ns a row), and a window of local days is a
// union of whole local days. So the incidents are counted once per local day × category (and per jurisdiction
// code asked for), and a request sums the days of its window: ~4,000 groups for a year instead of 330,000 rows.
//
// Exactly the old answer: a window [from, to] is reported_at in [localMidnight(from), localMidnight(to) + 1 day)
// (filters.ts), and with the clock's fixed offset (shared/time/clock.ts) those bounds are the starts of days of
// `(epoch + offset) / day`, the rollup's buckets. Overdue (open past due_at at the request's now) moves with the
// clock, so the open cases are kept one by one (3 % of the rows at 1M) with their due times and judged per request.
// The closing times are summed as integer microseconds (exact; the scan sums DOUBLE seconds, which only rounding
// could tell apart). test/api/summary-rollup.test.ts compares the two on many filters of the test county.
//
// Kept per (incidents, cases) data version — what moves a count or a status — and the clock's offset; a code is
// rolled up only once it has been asked for a few times at a version (ski rental: a rollup costs a scan of every
// row, a few windows' worth, and a busy case desk moves the cases version between two summaries).
import { listValue } from '@duckdb/node-api';
import type { Database } from '../../db/database.js';
import { dataVersion } from '../../db/data-version.js';
import { addKpiCounts, emptyKpiCounts, KPI_CONDITIONS, type KpiCounts } from '../../cases/case-kpis.js';
import { localOffsetMs } from '../../../shared/time/clock.js';

const DAY_MS = 86_400_000;
const DAY_US = 86_400_000_000n;
/** Direct answers of a code at a version before its rollup is built. */
export const DIRECT_ANSWERS_BEFORE_ROLLUP = 3;
/** Rollups kept (per database): the jurisdiction's and the most recently used codes'. */
const MAX_ROLLUPS = 16;

export interface SummaryRollup {
  /** Groups sorted by day: local day number (days since 1970-01-01 of the local calendar), category index, counts. */
  day: Int32Array;
  cat: Int32Array;
  n: Float64Array;
  closed: Float64Array;
  resolved: Float64Array;
  escalated: Float64Array;
  supervised: Float64Array;
  timed: Float64Array;
  closeUs: bigint[];
  /** Open cases sorted by day: day, category index, due_at in epoch µs. */
  openDay: Int32Array;
  openCat: Int32Array;
  openDueUs: Float64Array;
  categories: string[];
}

/** The local day number of a YYYY-MM-DD date (its bucket). */
export const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/** The bucket of a timestamp: floor((epoch µs + offset) / 1 day), written with a bias so that integer division
 * (which truncates) floors for any date after 3500 BC. */
const BIAS_DAYS = 2_000_000n;
export const daySql = (offsetMs: number) => `((epoch_us(reported_at) + ${BigInt(offsetMs) * 1000n + BIAS_DAYS * DAY_US}) // ${DAY_US} - ${BIAS_DAYS})::INTEGER`;

async function build(db: Database, code: string | undefined, offsetMs: number): Promise<SummaryRollup> {
  const where = code ? 'WHERE starts_with(grid_code, ?)' : '';
  const params = code ? [code] : [];
  const k = KPI_CONDITIONS;
  const [day = [], category = [], n = [], closed = [], resolved = [], escalated = [], supervised = [], timed = [], closeUs = []] = await db.queryColumns(
    `SELECT ${daySql(offsetMs)} AS day, category, count(*) AS n,
       count(*) FILTER (WHERE ${k.closed}) AS closed,
       count(*) FILTER (WHERE ${k.resolved}) AS resolved,
       count(*) FILTER (WHERE ${k.escalated}) AS escalated,
       count(*) FILTER (WHERE ${k.supervised}) AS supervised,
       count(*) FILTER (WHERE ${k.timed}) AS timed,
       coalesce(sum(epoch_us(closed_at) - epoch_us(reported_at)) FILTER (WHERE ${k.timed}), 0)::VARCHAR AS close_us
     FROM incidents ${where} GROUP BY 1, 2 ORDER BY 1, 2`,
    params,
  );
  const names = [...new Set(category as string[])];
  const index = new Map(names.map((c, i) => [c, i]));
  // The open cases (30,000 at 1M, ten times as many at 10M) as INTEGER columns only, read as typed arrays: the
  // category as its index in `names`, the due time in µs as two 31-bit halves (exact: below 2^53).
  const [openDay, openCat, dueHigh, dueLow] = names.length
    ? await db.queryInt32Columns(
        `SELECT ${daySql(offsetMs)} AS day, (list_position(?::VARCHAR[], category) - 1)::INTEGER AS cat,
           (epoch_us(due_at) >> 31)::INTEGER AS hi, (epoch_us(due_at) & 2147483647)::INTEGER AS lo
         FROM incidents ${where ? `${where} AND` : 'WHERE'} status <> 'closed' ORDER BY 1`,
        [listValue(names), ...params],
      )
    : [new Int32Array(0), new Int32Array(0), new Int32Array(0), new Int32Array(0)];
  const f64 = (xs: unknown[]) => Float64Array.from(xs as number[]);
  return {
    day: Int32Array.from(day as number[]),
    cat: Int32Array.from(category as string[], (c) => index.get(c)!),
    n: f64(n), closed: f64(closed), resolved: f64(resolved), escalated: f64(escalated), supervised: f64(supervised), timed: f64(timed),
    closeUs: (closeUs as string[]).map((s) => BigInt(s)),
    openDay,
    openCat,
    openDueUs: Float64Array.from(dueHigh, (h, i) => h * 2 ** 31 + dueLow[i]),
    categories: names,
  };
}

/** First index with xs[i] >= x (xs ascending). */
function lowerBound(xs: Int32Array, x: number): number {
  let lo = 0, hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface RollupWindow { from?: string; to?: string; categories?: string[] }

/** The KPI counts by category of the rows in a window (the scan's GROUP BY category), overdue judged at `now` (ms). */
export function rollupCounts(r: SummaryRollup, w: RollupWindow, now: number): Map<string, KpiCounts> {
  const d0 = w.from ? dayNumber(w.from) : -Infinity, d1 = w.to ? dayNumber(w.to) : Infinity;
  const wanted = w.categories?.length ? new Set(w.categories) : null;
  const take = r.categories.map((c) => !wanted || wanted.has(c));
  const out = new Map<number, KpiCounts & { us: bigint }>();
  const of = (c: number) => {
    let k = out.get(c);
    if (!k) out.set(c, (k = { ...emptyKpiCounts(), us: 0n }));
    return k;
  };
  for (let i = d0 === -Infinity ? 0 : lowerBound(r.day, d0); i < r.day.length && r.day[i] <= d1; i++) {
    if (!take[r.cat[i]]) continue;
    const k = of(r.cat[i]);
    k.n += r.n[i]; k.closed += r.closed[i]; k.resolved += r.resolved[i]; k.escalated += r.escalated[i];
    k.supervised += r.supervised[i]; k.timed += r.timed[i]; k.us += r.closeUs[i];
  }
  // Overdue: open and due before now, as `due_at < epoch_ms(now)` (deadlines.ts: now truncated to whole ms).
  const nowUs = Math.trunc(now) * 1000;
  for (let i = d0 === -Infinity ? 0 : lowerBound(r.openDay, d0); i < r.openDay.length && r.openDay[i] <= d1; i++)
    if (take[r.openCat[i]] && r.openDueUs[i] < nowUs) of(r.openCat[i]).overdue++;
  const byName = new Map<string, KpiCounts>();
  for (const [c, { us, ...k }] of out) byName.set(r.categories[c], { ...k, close_seconds: Number(us) / 1e6 });
  return byName;
}

/** The total of the window's rows (the previous year's count). */
export function rollupTotal(r: SummaryRollup, w: RollupWindow): number {
  let sum = emptyKpiCounts();
  for (const k of rollupCounts(r, w, 0).values()) sum = addKpiCounts(sum, k);
  return sum.n;
}

interface Entry { key: string; asked: number; rollup?: Promise<SummaryRollup>; ready?: SummaryRollup }
const kept = new WeakMap<Database, Map<string, Entry>>();

/** The rollup of a jurisdiction code (undefined: every incident) at the current data version, built now
 * (awaited) — for tests and for callers that know they will ask many windows. */
export function summaryRollup(db: Database, code: string | undefined): Promise<SummaryRollup> {
  const e = entry(db, code);
  return (e.rollup ??= start(db, code, e));
}

/** The rollup if it is built for the current version, else null: the caller answers by a scan, and the rollup is
 * started once the code has been asked DIRECT_ANSWERS_BEFORE_ROLLUP times at this version. */
export function readyRollup(db: Database, code: string | undefined): SummaryRollup | null {
  const e = entry(db, code);
  if (!e.rollup && ++e.asked > DIRECT_ANSWERS_BEFORE_ROLLUP) e.rollup = start(db, code, e);
  return e.ready ?? null;
}

function start(db: Database, code: string | undefined, e: Entry): Promise<SummaryRollup> {
  const p = build(db, code, localOffsetMs());
  p.then(
    (r) => void (e.rollup === p && (e.ready = r)),
    () => void (e.rollup === p && (e.rollup = undefined)), // a failed build is tried again by a later request
  );
  return p;
}

function entry(db: Database, code: string | undefined): Entry {
  const key = `${dataVersion(db, 'incidents', 'cases')}|${localOffsetMs()}|${code ?? ''}`;
  let byCode = kept.get(db);
  if (!byCode) kept.set(db, (byCode = new Map()));
  let e = byCode.get(code ?? '');
  if (e && e.key === key) {
    byCode.delete(code ?? ''); // most recently used last
    byCode.set(code ?? '', e);
    return e;
  }
  e = { key, asked: 0 };
  byCode.set(code ?? '', e);
  while (byCode.size > MAX_ROLLUPS) byCode.delete(byCode.keys().next().value!);
  return e;
}

// The KPI strip read off the per-data-version rollup (server/routes/incidents/summary-rollup.ts) against the scan
// of the window it replaces, on the test county: many seeded random filters (windows of a day to years, open at
// either end or both, the data's first and last days, category sets, jurisdiction codes of every level and one
// without rows), overdue judged at several clocks, in time zones whose offset is not whole days of UTC.
// Counts must be equal; the closing time's sum (integer µs against the scan's DOUBLE seconds) within rounding.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.js';
import { bumpDataVersion } from '../../server/db/data-version.js';
import { addKpiCounts, emptyKpiCounts, kpis } from '../../server/cases/case-kpis.js';
import { readyRollup, rollupCounts, rollupTotal, summaryRollup, DIRECT_ANSWERS_BEFORE_ROLLUP } from '../../server/routes/incidents/summary-rollup.js';
import { scannedCounts, scannedTotal, summaryKpis } from '../../server/routes/incidents/incidents.queries.js';
import type { IncidentFilter } from '../../server/routes/filters.js';
import { INCIDENT_CATEGORIES } from '../../shared/domain/categories.js';
import { localDate, useClockSource, useTimeZone } from '../../shared/time/clock.js';
import { seeded } from '../bench/stats.js';
import { openTestCounty } from '../support/test-county.js';
import { useWritableCounty } from '../support/writable-county.js';

const DAY = 86_400_000;
let db: Database;
let first: number, last: number;
let codes: (string | undefined)[];
let dueOfAnOpenCase: number;

beforeAll(async () => {
  db = await openTestCounty();
  const [r] = await db.query<{ a: number; b: number }>('SELECT epoch_ms(min(reported_at)) a, epoch_ms(max(reported_at)) b FROM incidents');
  [first, last] = [Number(r.a), Number(r.b)];
  const some = await db.query<{ g: string }>('SELECT grid_code g FROM incidents USING SAMPLE 3 ROWS (reservoir, 7)');
  const g = some.map((s) => s.g);
  const [o] = await db.query<{ due: number }>("SELECT epoch_ms(due_at) due FROM incidents WHERE status <> 'closed' ORDER BY id LIMIT 1");
  dueOfAnOpenCase = Number(o.due); // a clock at exactly a deadline: not yet overdue
  codes = [undefined, '220822', g[0].slice(0, 9), g[1].slice(0, 9), g[0].slice(0, 12), g[2].slice(0, 12), g[1], '220822999'];
});
afterAll(() => {
  useClockSource();
  useTimeZone('Asia/Shanghai');
  db.close();
});

/** Seeded random filters: windows of every length, open ends, edges of the data, category subsets. */
function filters(random: () => number, n: number): IncidentFilter[] {
  const day = (t: number) => localDate(t);
  const out: IncidentFilter[] = [{}, { from: day(first) }, { to: day(last) }, { from: day(first), to: day(first) }, { from: day(last), to: day(last) }, { from: day(last + DAY) }, { to: day(first - DAY) }];
  for (let i = 0; i < n; i++) {
    const span = [1, 2, 7, 30, 90, 365, 800][Math.floor(random() * 7)];
    const start = first - 3 * DAY + Math.floor(random() * ((last - first) / DAY + 6)) * DAY;
    const f: IncidentFilter = {};
    const ends = random();
    if (ends > 0.1) f.from = day(start);
    if (ends < 0.9 || ends > 0.95) f.to = day(start + (span - 1) * DAY);
    if (random() < 0.4) f.categories = [...INCIDENT_CATEGORIES].filter(() => random() < 0.3);
    if (f.categories?.length === 0) delete f.categories;
    out.push(f);
  }
  return out;
}

async function compare(code: string | undefined, fs: IncidentFilter[], now: number) {
  const rollup = await summaryRollup(db, code);
  for (const f0 of fs) {
    const f = { ...f0, code };
    const scanned = await scannedCounts(db, f, now);
    const rolled = rollupCounts(rollup, f, now);
    const strip = (m: Map<string, { close_seconds: number }>) => Object.fromEntries([...m].map(([c, { close_seconds, ...k }]) => [c, k]));
    expect(strip(rolled), JSON.stringify(f)).toEqual(strip(scanned));
    for (const [c, k] of scanned) expect(rolled.get(c)!.close_seconds).toBeCloseTo(k.close_seconds, 3);
    const sum = (m: typeof scanned) => kpis([...m.values()].reduce(addKpiCounts, emptyKpiCounts()));
    expect(sum(rolled), JSON.stringify(f)).toEqual(sum(scanned));
    expect(rollupTotal(rollup, f)).toBe(await scannedTotal(db, f));
  }
}

describe('summary rollup against the scan', () => {
  it('every code, many windows and categories, overdue at several clocks', async () => {
    const random = seeded(1313);
    const nows = [first - DAY, first + 400 * DAY + 1234.5, last - 20 * DAY, last + 3.7 * DAY, dueOfAnOpenCase, Date.now()];
    for (const code of codes) for (const now of nows) await compare(code, filters(random, 12), now);
  }, 120_000);

  it('in zones whose midnight is not a whole hour of UTC, or west of it', async () => {
    const random = seeded(77);
    for (const zone of ['Asia/Kathmandu', 'America/Caracas', 'Pacific/Kiritimati']) {
      useTimeZone(zone);
      for (const code of [undefined, codes[2]]) await compare(code, filters(random, 15), last);
    }
    useTimeZone('Asia/Shanghai');
  }, 120_000);
});

describe('when the rollup is used', () => {
  const county = useWritableCounty();
  it('after a few direct answers at a version, and again only once the version has moved and a few more asked', async () => {
    const w = county.db;
    const f: IncidentFilter = { from: '2025-01-01', to: '2025-12-31' };
    const direct = await summaryKpis(w, f, null);
    for (let i = 1; i < DIRECT_ANSWERS_BEFORE_ROLLUP; i++) expect(readyRollup(w, undefined)).toBeNull();
    await summaryRollup(w, undefined); // the build the last request started
    expect(readyRollup(w, undefined)).not.toBeNull();
    expect(await summaryKpis(w, f, null)).toEqual(direct);
    // a case closed: the cases version moves, the next answers are scans again until a new rollup is built
    const [open] = await w.query<{ id: number }>("SELECT id FROM incidents WHERE status <> 'closed' AND reported_at >= '2025-01-01' AND reported_at < '2025-12-31' LIMIT 1");
    await w.query("UPDATE incidents SET status = 'closed', closed_at = reported_at + INTERVAL 1 DAY WHERE id = ?", [open.id]);
    bumpDataVersion(w, ['cases']);
    expect(readyRollup(w, undefined)).toBeNull();
    const after = await summaryKpis(w, f, null);
    expect(after.closed).toBe(direct.closed + 1);
    await summaryRollup(w, undefined);
    expect(await summaryKpis(w, f, null)).toEqual(after);
  });
});

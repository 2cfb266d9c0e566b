// Incidents per area read off the running totals (server/routes/regions/area-day-counts.ts) against the scan they
// replace (GROUP BY the level's code column over the window's rows), on the test county: seeded random windows
// (a day to years, open at either end, beyond the data's edges), every level, jurisdiction codes of every level
// and one without rows, in time zones whose midnight is not a whole hour of UTC; rows with NULL codes; and when
// the totals are used — after a few scans at a version, never for a category or bbox filter, again only after a
// report has moved the version.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.js';
import { bumpDataVersion } from '../../server/db/data-version.js';
import { areaCountsFromTotals, buildAreaDayCounts, readyAreaDayCounts, windowCounts, type AreaLevel } from '../../server/routes/regions/area-day-counts.js';
import { DIRECT_ANSWERS_BEFORE_ROLLUP } from '../../server/routes/incidents/summary-rollup.js';
import { incidentWhere } from '../../server/routes/filters.js';
import { localDate, localOffsetMs, useTimeZone } from '../../shared/time/clock.js';
import { seeded } from '../bench/stats.js';
import { openTestCounty } from '../support/test-county.js';
import { useWritableCounty } from '../support/writable-county.js';

const DAY = 86_400_000;
const LEVELS: AreaLevel[] = ['county', 'township', 'village', 'grid'];
const COLUMN: Record<AreaLevel, string> = { county: 'left(township_code, 6)', township: 'township_code', village: 'village_code', grid: 'grid_code' };
let db: Database;
let first: number, last: number;
let codes: (string | undefined)[];

beforeAll(async () => {
  db = await openTestCounty();
  const [r] = await db.query<{ a: number; b: number }>('SELECT epoch_ms(min(reported_at)) a, epoch_ms(max(reported_at)) b FROM incidents');
  [first, last] = [Number(r.a), Number(r.b)];
  const g = (await db.query<{ g: string }>('SELECT grid_code g FROM incidents USING SAMPLE 3 ROWS (reservoir, 11)')).map((s) => s.g);
  codes = [undefined, '220822', g[0].slice(0, 9), g[1].slice(0, 9), g[0].slice(0, 12), g[2], '220822999'];
});
afterAll(() => {
  useTimeZone('Asia/Shanghai');
  db.close();
});

type Window = { from?: string; to?: string; code?: string };
function windows(random: () => number, n: number): Window[] {
  const day = (t: number) => localDate(t);
  const out: Window[] = [{}, { from: day(first) }, { to: day(last) }, { from: day(first), to: day(first) }, { from: day(last), to: day(last) }, { from: day(last + DAY) }, { to: day(first - DAY) }];
  for (let i = 0; i < n; i++) {
    const span = [1, 2, 7, 30, 90, 365, 800][Math.floor(random() * 7)];
    const start = first - 3 * DAY + Math.floor(random() * ((last - first) / DAY + 6)) * DAY;
    const w: Window = {};
    const ends = random();
    if (ends > 0.1) w.from = day(start);
    if (ends < 0.9 || ends > 0.95) w.to = day(start + (span - 1) * DAY);
    out.push(w);
  }
  return out;
}

async function scanned(d: Database, level: AreaLevel, w: Window): Promise<Record<string, number>> {
  const where = incidentWhere(w);
  const rows = await d.query<{ code: string | null; n: number }>(`SELECT ${COLUMN[level]} AS code, count(*)::INTEGER AS n FROM incidents ${where.sql} GROUP BY 1`, where.params);
  return Object.fromEntries(rows.map((r) => [String(r.code), r.n]));
}
const asRecord = ({ codes: cs, counts }: { codes: (string | null)[]; counts: number[] }) => Object.fromEntries(cs.map((c, i) => [String(c), counts[i]]));

async function compare(d: Database, random: () => number, perCode: number) {
  const totals = (await buildAreaDayCounts(d, localOffsetMs()))!;
  for (const code of codes) for (const w0 of windows(random, perCode)) {
    const w = { ...w0, code };
    for (const level of LEVELS) expect(asRecord(windowCounts(totals, level, w)), `${level} ${JSON.stringify(w)}`).toEqual(await scanned(d, level, w));
  }
}

describe('area counts from running totals against the scan', () => {
  it('every level and code, many windows', async () => {
    await compare(db, seeded(2024), 10);
  }, 120_000);

  it('in zones whose midnight is not a whole hour of UTC, or west of it', async () => {
    for (const zone of ['Asia/Kathmandu', 'America/Caracas', 'Pacific/Kiritimati']) {
      useTimeZone(zone);
      await compare(db, seeded(zone.length), 3);
    }
    useTimeZone('Asia/Shanghai');
  }, 120_000);
});

/** Waits for the build a request started (asking again meanwhile changes nothing: the build has started). */
async function built(d: Database): Promise<void> {
  for (let t = 0; readyAreaDayCounts(d) === undefined; t++) {
    if (t > 250) throw new Error('the running totals were not built within 5 s');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('when the totals are used', () => {
  const county = useWritableCounty();
  it('after a few scans at a version, for every-category filters without a box, and again only after the version moved', async () => {
    const w = county.db;
    const f = { from: '2025-01-01', to: '2025-12-31' };
    // the first DIRECT_ANSWERS_BEFORE_ROLLUP are scans, the next starts the build and is a scan too
    for (let i = 0; i <= DIRECT_ANSWERS_BEFORE_ROLLUP; i++) expect(areaCountsFromTotals(w, 'village', f)).toBeNull();
    await built(w);
    const used = areaCountsFromTotals(w, 'village', f);
    expect(used, 'ready after the build').not.toBeNull();
    expect(asRecord(used!)).toEqual(await scanned(w, 'village', f));
    expect(asRecord(areaCountsFromTotals(w, 'grid', {})!)).toEqual(await scanned(w, 'grid', {}));
    expect(areaCountsFromTotals(w, 'village', { ...f, categories: ['dispute'] }), 'a category filter is scanned').toBeNull();
    expect(areaCountsFromTotals(w, 'village', { ...f, bbox: [122, 44, 123, 45] }), 'a box is scanned').toBeNull();
    // a report moves the version: scans again until rebuilt, and the rebuilt totals hold the new row
    await w.query("INSERT INTO incidents SELECT * REPLACE (id + 10000000 AS id, '2025-06-01 10:00:00'::TIMESTAMP AS reported_at) FROM incidents ORDER BY id DESC LIMIT 1");
    bumpDataVersion(w, ['incidents']);
    expect(readyAreaDayCounts(w)).toBeUndefined();
    const after = await scanned(w, 'village', f);
    expect(Object.values(after).reduce((a, b) => a + b)).toBe(Object.values(asRecord(used!)).reduce((a, b) => a + b) + 1);
    for (let i = 0; i <= DIRECT_ANSWERS_BEFORE_ROLLUP; i++) expect(areaCountsFromTotals(w, 'village', f)).toBeNull();
    await built(w);
    expect(asRecord(areaCountsFromTotals(w, 'village', f)!)).toEqual(after);
  });
});

// The leaders' supervision figures (GET /api/stats/supervision) on the test county, checked against an
// independent answer: every incident row read into JavaScript and counted there — open, overdue, escalated to
// the township and to the county, 督办, per township and per village — and the time-to-close histogram binned by
// hand (whole days from report to closure), with its median and 90th percentile by sorting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import type { Database } from '../../server/db/database.js';
import { openTestCounty } from '../support/test-county.js';
import { signIn, type Requester } from '../support/session.js';
import { useClockSource } from '../../shared/time/clock.js';

let db: Database;
let request: Requester;
type Row = { township_code: string; village_code: string; status: string; level: string | null; supervised: boolean | null; r: number; d: number; c: number | null; category: string };
let rows: Row[];
let asOf: number;
beforeAll(async () => {
  db = await openTestCounty();
  request = await signIn(createApp(db), 'admin');
  rows = await db.query<Row>('SELECT township_code, village_code, status, level, supervised, category, epoch_ms(reported_at) r, epoch_ms(due_at) d, epoch_ms(closed_at) c FROM incidents');
  // Overdue is judged at the jurisdiction clock's now (deadlines.ts); a fixed one, 20 days past the last report.
  asOf = Math.max(...rows.map((x) => Number(x.r))) + 20 * 86_400_000;
  useClockSource(() => asOf);
});
afterAll(() => {
  useClockSource();
  db.close();
});

const get = async (path: string) => {
  const res = await request(path);
  return { status: res.status, body: (await res.json()) as any };
};
const DAY = 86_400_000;
/** UTC ms of local (+8 h) midnight of a YYYY-MM-DD day. */
const localDay = (s: string) => Date.parse(`${s}T00:00:00+08:00`);

function quantile(sorted: number[], p: number): number {
  const i = (sorted.length - 1) * p, lo = Math.floor(i), hi = Math.ceil(i);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo);
}

function oracle(selected: Row[], unitOf: (r: Row) => string) {
  const units = new Map<string, { open: number; overdue: number; toTownship: number; toCounty: number; supervised: number }>();
  for (const r of selected) {
    if (r.status === 'closed') continue;
    const u = units.get(unitOf(r)) ?? { open: 0, overdue: 0, toTownship: 0, toCounty: 0, supervised: 0 };
    u.open++;
    if (Number(r.d) < asOf) u.overdue++;
    if (r.level === 'township') u.toTownship++;
    if (r.level === 'county') u.toCounty++;
    if (r.supervised) u.supervised++;
    units.set(unitOf(r), u);
  }
  const days = selected.filter((r) => r.status === 'closed' && r.c !== null && Number(r.c) >= Number(r.r)).map((r) => (Number(r.c) - Number(r.r)) / DAY).sort((a, b) => a - b);
  return { units, days };
}

describe('GET /api/stats/supervision', () => {
  it('per township: open, overdue, escalated and 督办 counts equal a count of the rows; the histogram bins every closed case', async () => {
    const { status, body } = await get('/api/stats/supervision?level=township&from=2026-01-01&to=2026-11-20');
    expect(status).toBe(200);
    const from = localDay('2026-01-01'), to = localDay('2026-11-20') + DAY;
    const { units, days } = oracle(rows.filter((r) => Number(r.r) >= from && Number(r.r) < to), (r) => r.township_code);
    expect(body.units).toHaveLength(22);
    let overdueSeen = 0, escalatedSeen = 0;
    for (const u of body.units) {
      const o = units.get(u.code) ?? { open: 0, overdue: 0, toTownship: 0, toCounty: 0, supervised: 0 };
      expect({ code: u.code, open: u.open, overdue: u.overdue, t: u.escalatedToTownship, c: u.escalatedToCounty, s: u.supervised })
        .toEqual({ code: u.code, open: o.open, overdue: o.overdue, t: o.toTownship, c: o.toCounty, s: o.supervised });
      expect(u.escalated).toBe(o.toTownship + o.toCounty);
      expect(Number.isFinite(u.lon) && Number.isFinite(u.lat)).toBe(true);
      overdueSeen += u.overdue, escalatedSeen += u.escalated;
    }
    // The demo county has overdue and escalated cases, so the comparison above compared something.
    expect(overdueSeen).toBeGreaterThan(0);
    expect(escalatedSeen).toBeGreaterThan(0);
    expect(body.totals.overdue).toBe(overdueSeen);

    const ct = body.closeTimes;
    expect(ct.unit).toBe('day');
    expect(ct.closed).toBe(days.length);
    expect(ct.bins.reduce((n: number, b: any) => n + b.count, 0)).toBe(days.length);
    const last = ct.bins.at(-1);
    expect(last.toDays).toBeNull();
    for (const b of ct.bins) {
      const inBin = days.filter((d) => d >= b.fromDays && (b.toDays === null || d < b.toDays)).length;
      expect(b.count, `bin ${b.fromDays}–${b.toDays}`).toBe(inBin);
      if (b.toDays !== null) expect(b.toDays - b.fromDays).toBe(1); // equal one-day widths
    }
    expect(ct.medianDays).toBeCloseTo(quantile(days, 0.5), 1);
    expect(ct.p90Days).toBeCloseTo(quantile(days, 0.9), 1);
    // The open-ended last bin starts at the 99th percentile rounded up (1 to 60 days).
    expect(last.fromDays).toBe(Math.max(1, Math.min(60, Math.ceil(quantile(days, 0.99)))));
  });

  it('per village of one township, one category: the same counts', async () => {
    const [{ code }] = await db.query<{ code: string }>('SELECT code FROM townships ORDER BY code LIMIT 1 OFFSET 3');
    const { body } = await get(`/api/stats/supervision?level=village&code=${code}&categories=dispute`);
    const { units, days } = oracle(rows.filter((r) => r.township_code === code && r.category === 'dispute'), (r) => r.village_code);
    expect(body.units.length).toBeGreaterThan(0);
    for (const u of body.units) {
      expect(u.code.startsWith(code)).toBe(true);
      const o = units.get(u.code);
      expect([u.open, u.overdue, u.escalated]).toEqual([o?.open ?? 0, o?.overdue ?? 0, (o?.toTownship ?? 0) + (o?.toCounty ?? 0)]);
    }
    expect(body.closeTimes.closed).toBe(days.length);
  });

  it('an empty selection: zeros and an empty histogram, not an error', async () => {
    const { status, body } = await get('/api/stats/supervision?from=2010-01-01&to=2010-01-31');
    expect(status).toBe(200);
    expect(body.totals).toMatchObject({ open: 0, overdue: 0, escalated: 0, oldestOverdueDays: null });
    expect(body.closeTimes).toMatchObject({ closed: 0, bins: [], medianDays: null });
  });

  it('bad parameters → 400 with a reason', async () => {
    for (const q of ['level=grid', 'from=2026-02-30', 'categories=nothing']) {
      const { status, body } = await get(`/api/stats/supervision?${q}`);
      expect(status, q).toBe(400);
      expect(body.error).toBeTruthy();
    }
  });
});

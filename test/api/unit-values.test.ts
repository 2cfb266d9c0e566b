// Gi*'s input (server/routes/hotspots/hotspots.queries.ts unitValues): H3 cells counted by their base cell and
// digits as integers must give each study unit exactly the count the hex-id query gives (unitCounts), on the test
// county, for every resolution the routes take, many seeded windows, category sets and a township's code.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.js';
import { unitCounts, unitValues } from '../../server/routes/hotspots/hotspots.queries.js';
import { studyUnits } from '../../server/routes/hotspots/study-units.js';
import type { IncidentFilter } from '../../server/routes/filters.js';
import { INCIDENT_CATEGORIES } from '../../shared/domain/categories.js';
import { seeded } from '../bench/stats.js';
import { openTestCounty } from '../support/test-county.js';

let db: Database;
beforeAll(async () => {
  db = await openTestCounty();
});
afterAll(() => db.close());

it('equals the hex-keyed counts for H3 r5–r9 and the other units, on many filters', async () => {
  const random = seeded(99);
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  const [township] = await db.query<{ code: string }>('SELECT code FROM townships ORDER BY code LIMIT 1 OFFSET 2');
  const cases: [Parameters<typeof unitValues>[1], number][] = [['h3', 5], ['h3', 6], ['h3', 7], ['h3', 8], ['h3', 9], ['grid', 9], ['village', 9], ['township', 9]];
  let nonZero = 0;
  for (const [unit, res] of cases)
    for (let i = 0; i < 6; i++) {
      const start = Date.parse('2024-01-01') + Math.floor(random() * 1000) * 86400000;
      const f: IncidentFilter = i === 0 ? {} : { from: day(start), to: day(start + [7, 30, 365][i % 3] * 86400000) };
      if (i % 2) f.categories = INCIDENT_CATEGORIES.filter(() => random() < 0.4);
      if (i === 5) f.code = township.code;
      const units = await studyUnits(db, unit, res, f.code);
      const counts = await unitCounts(db, unit, res, f);
      const expected = Float64Array.from(units.ids, (id) => counts.get(id) ?? 0);
      const actual = await unitValues(db, unit, res, f, units);
      expect(Array.from(actual), `${unit} r${res} ${JSON.stringify(f)}`).toEqual(Array.from(expected));
      nonZero += expected.filter((x) => x > 0).length;
    }
  expect(nonZero).toBeGreaterThan(1000); // the comparison is not between empty surfaces
}, 240_000);

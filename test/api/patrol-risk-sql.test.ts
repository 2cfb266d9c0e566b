// Shift risk aggregated in SQL (routes/patrol/risk.queries.ts) against the JavaScript reference on the test
// county: analysis/risk-windows.ts rankRiskCells bins with h3-js latLngToCell at resolution 9, and the coarser
// cells are those cells' h3-js cellToParent (the hierarchy the SQL bit arithmetic follows). Every resolution the
// route accepts, shifts through midnight and on chosen weekdays, category and jurisdiction filters; and the same
// request twice gives bit-identical risks (DuckDB sums in parallel; route plans with a seed must repeat).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.js';
import { cellToLatLng, cellToParent } from 'h3-js';
import { rankRiskCells, type RiskCell, type RiskResult, type Shift } from '../../server/analysis/risk-windows.js';
import { CATEGORY_INFO } from '../../shared/domain/categories.js';
import { incidentPoints, lastIncidentMs } from '../../server/routes/patrol/patrol.data.js';
import { riskCellsSql } from '../../server/routes/patrol/risk.queries.js';
import type { IncidentFilter } from '../../server/routes/filters.js';
import { openTestCounty } from '../support/test-county.js';

let db: Database;
beforeAll(async () => {
  db = await openTestCounty();
});
afterAll(() => db.close());

const SEVERITY = Object.fromEntries(Object.entries(CATEGORY_INFO).map(([k, v]) => [k, v.severity]));
const DAY = 86400_000;

async function both(shift: Shift, resolution: number, filter: IncidentFilter, lookbackDays = 365, halfLifeDays = 60) {
  const asOfMs = (await lastIncidentMs(db)) - 3 * DAY; // some incidents after "now": they must be left out
  const inc = await incidentPoints(db, filter, asOfMs - lookbackDays * DAY);
  const rows = Array.from(inc.lon, (lon, i) => ({ lon, lat: inc.lat[i], category: inc.category[i], reportedAtMs: inc.reportedAtMs[i] }));
  const expected = rollUp(rankRiskCells(rows, { shift, asOfMs, lookbackDays, halfLifeDays, resolution: 9, severity: SEVERITY }), resolution);
  const actual = await riskCellsSql(db, { shift, asOfMs, lookbackDays, halfLifeDays, resolution, severity: SEVERITY, filter });
  return { expected, actual };
}

/** Resolution-9 risk cells summed into their h3-js parents (focus = risk-weighted mean of the children's). */
function rollUp(r9: RiskResult, resolution: number): RiskResult {
  if (resolution === 9) return r9;
  const parents = new Map<string, RiskCell>();
  for (const c of r9.cells) {
    const id = cellToParent(c.cell, resolution);
    let p = parents.get(id);
    if (!p) {
      const [lat, lon] = cellToLatLng(id);
      parents.set(id, (p = { cell: id, lon, lat, focusLon: 0, focusLat: 0, risk: 0, count: 0, byCategory: {} }));
    }
    p.risk += c.risk;
    p.count += c.count;
    p.focusLon += c.focusLon * c.risk;
    p.focusLat += c.focusLat * c.risk;
    for (const [k, n] of Object.entries(c.byCategory)) p.byCategory[k] = (p.byCategory[k] ?? 0) + n;
  }
  const cells = [...parents.values()].map((p) => ({ ...p, focusLon: p.focusLon / p.risk, focusLat: p.focusLat / p.risk }));
  cells.sort((a, b) => b.risk - a.risk || (a.cell < b.cell ? -1 : 1));
  return { cells, totalRisk: r9.totalRisk, incidents: r9.incidents };
}

describe('shift risk in SQL equals the h3-js reference', () => {
  const cases: [string, Shift, IncidentFilter][] = [
    ['night through midnight, every day', { startHour: 20, endHour: 2, days: [0, 1, 2, 3, 4, 5, 6] }, {}],
    ['day shift on weekdays', { startHour: 8, endHour: 16, days: [1, 2, 3, 4, 5] }, {}],
    ['whole day, weekends, two categories', { startHour: 0, endHour: 24, days: [0, 6] }, { categories: ['theft', 'fraud'] }],
    ['late shift on a Friday and Sunday in one township', { startHour: 22, endHour: 6, days: [5, 0] }, { code: '' }],
  ];
  for (const resolution of [6, 7, 8, 9]) {
    for (const [label, shift, filter] of cases) {
      it(`${label}, resolution ${resolution}`, async () => {
        const f = filter.code === '' ? { code: (await db.query<{ c: string }>('SELECT code c FROM townships ORDER BY code LIMIT 1'))[0].c } : filter;
        const { expected, actual } = await both(shift, resolution, f);
        expect(expected.incidents).toBeGreaterThan(0);
        expect(actual.incidents).toBe(expected.incidents);
        expect(actual.totalRisk).toBeCloseTo(expected.totalRisk, 6);
        expect(actual.cells.length).toBe(expected.cells.length);
        const byId = new Map(expected.cells.map((c) => [c.cell, c]));
        for (const c of actual.cells) {
          const e = byId.get(c.cell)!;
          expect(e, c.cell).toBeDefined();
          expect(c.count).toBe(e.count);
          expect(c.byCategory).toEqual(e.byCategory);
          expect(c.risk).toBeCloseTo(e.risk, 9);
          expect(c.lon).toBe(e.lon);
          expect(c.lat).toBe(e.lat);
          expect(c.focusLon).toBeCloseTo(e.focusLon, 9);
          expect(c.focusLat).toBeCloseTo(e.focusLat, 9);
        }
        // Ranked the same (ties broken by cell id; risks equal to 1e-9 may swap, so compare the risk sequence).
        actual.cells.forEach((c, i) => expect(c.risk).toBeCloseTo(expected.cells[i].risk, 9));
      });
    }
  }
});

it('gives bit-identical risks for the same request', async () => {
  const o = { shift: { startHour: 20, endHour: 2, days: [0, 1, 2, 3, 4, 5, 6] }, asOfMs: await lastIncidentMs(db), lookbackDays: 1000, halfLifeDays: 60, resolution: 7, severity: SEVERITY, filter: {} };
  const first = JSON.stringify(await riskCellsSql(db, o));
  for (let i = 0; i < 5; i++) expect(JSON.stringify(await riskCellsSql(db, o))).toBe(first);
});

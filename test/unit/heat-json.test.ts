// The heat answer's JSON text is written straight from the lattice columns (heatJson) instead of building a
// [lon, lat, count] array per cell for JSON.stringify: it must be the same bytes, on any lattice — negative cells
// (west or south of 0°), every level, empty answers, and centres whose rounding gives -0 or long decimals.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { heatJson, heatPoints, type HeatLattice } from '../../server/routes/incidents/incidents.queries.js';
import { cellSizeDeg, MAX_HEAT_LEVEL } from '../../server/analysis/heat-cells.js';

const lattice = fc
  .record({
    level: fc.integer({ min: 0, max: MAX_HEAT_LEVEL }),
    cells: fc.array(fc.tuple(fc.integer({ min: -360_000, max: 360_000 }), fc.integer({ min: -180_000, max: 180_000 }), fc.integer({ min: 1, max: 2_000_000 })), { maxLength: 300 }),
  })
  .map(({ level, cells }): HeatLattice => {
    const counts = cells.map((c) => c[2]);
    return {
      level,
      cellDeg: cellSizeDeg(level),
      xs: cells.map((c) => c[0] >> level),
      ys: cells.map((c) => c[1] >> level),
      counts,
      max: counts.reduce((m, c) => Math.max(m, c), 0),
      total: counts.reduce((s, c) => s + c, 0),
    };
  });

describe('heat JSON text', () => {
  it('is JSON.stringify of the answer object, byte for byte', () => {
    fc.assert(fc.property(lattice, (h) => heatJson(h) === JSON.stringify(heatPoints(h))), { numRuns: 300 });
  });
  it('is the same for an empty answer and for cells next to 0° (a centre of -0.00025° rounds to -0.00025, one of -1e-7 to -0)', () => {
    for (const h of [
      { level: 0, cellDeg: cellSizeDeg(0), xs: [], ys: [], counts: [], max: 0, total: 0 },
      { level: 0, cellDeg: cellSizeDeg(0), xs: [-1, 0, -1], ys: [0, -1, -1], counts: [1, 2, 3], max: 3, total: 6 },
      { level: 0, cellDeg: 2e-7, xs: [-1, 0], ys: [-1, 1], counts: [5, 6], max: 6, total: 11 },
    ])
      expect(heatJson(h)).toBe(JSON.stringify(heatPoints(h)));
  });
});

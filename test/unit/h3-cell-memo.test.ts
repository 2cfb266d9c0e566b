// The remembered cell id and centre (server/analysis/h3-cell-memo.ts) against h3-js itself, for random points at
// every resolution patrol risk may ask, each cell asked several times in shuffled order (first and repeated
// lookups), given as the two 32-bit halves DuckDB hands back.
import { cellToLatLng, h3IndexToSplitLong, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { cellFromHalves } from '../../server/analysis/h3-cell-memo.js';
import { seeded } from '../bench/stats.js';

describe('H3 cell memo', () => {
  it('gives h3-js id and centre for every cell, first asked or asked again', () => {
    const random = seeded(7);
    const asks: string[] = [];
    for (let res = 0; res <= 9; res++) {
      for (let i = 0; i < 300; i++) {
        // Mostly a county-sized box (cells sharing their high halves), some anywhere on Earth.
        const [lat, lon] = random() < 0.8 ? [44 + random(), 122 + random() * 1.5] : [random() * 170 - 85, random() * 360 - 180];
        asks.push(latLngToCell(lat, lon, res));
      }
    }
    const shuffled = [...asks, ...asks, ...asks].sort(() => random() - 0.5);
    for (const id of shuffled) {
      const [lo, hi] = h3IndexToSplitLong(id);
      const got = cellFromHalves(hi, lo);
      const [lat, lon] = cellToLatLng(id);
      expect(got).toEqual({ id, lat, lon });
    }
  });
});

import { describe, expect, it } from 'vitest';
import { baseCell, CELL_KEY_OFFSET, CELL_KEY_STRIDE, cellSizeDeg, heatLevelForZoom, unpackCellKey } from '../../server/analysis/heat-cells.js';

describe('heat cells', () => {
  it('floors (an integer cast would round): the cell of a point contains it, negatives included', () => {
    expect(baseCell(0.00074)).toBe(1); // a cast would round 1.48 to 1, but 0.00099 → 1.98 → 2; floor gives 1
    expect(baseCell(0.00099)).toBe(1);
    expect(baseCell(-0.0001)).toBe(-1);
    for (const lon of [123.0881, -73.99, 0.0004999]) {
      const x = baseCell(lon);
      expect(x * 0.0005).toBeLessThanOrEqual(lon);
      expect((x + 1) * 0.0005).toBeGreaterThan(lon);
    }
  });
  it('shifting right by a level equals flooring by the coarser cell', () => {
    for (const lon of [123.0881, 122.5, -5.123])
      for (let level = 0; level <= 8; level++) expect(baseCell(lon) >> level).toBe(Math.floor(lon / cellSizeDeg(level)));
  });
  it('packs and unpacks keys as the SQL does', () => {
    for (const [x, y] of [[246176, 89626], [-5, -7], [0, 0]]) {
      const key = (x + CELL_KEY_OFFSET) * CELL_KEY_STRIDE + (y + CELL_KEY_OFFSET);
      expect(unpackCellKey(key)).toEqual([x, y]);
    }
  });
  it('picks about 4 screen pixels per cell', () => {
    expect(cellSizeDeg(heatLevelForZoom(9)) / (360 / (256 * 2 ** 9))).toBeGreaterThan(2.5);
    expect(cellSizeDeg(heatLevelForZoom(9)) / (360 / (256 * 2 ** 9))).toBeLessThan(6);
    expect(heatLevelForZoom(18)).toBe(0);
    expect(heatLevelForZoom(0)).toBe(10);
  });
});

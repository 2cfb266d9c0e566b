import { describe, expect, it } from 'vitest';
import { baseCell, cellSizeDeg, heatLevelForZoom, levelCellRange } from '../../server/analysis/heat-cells.js';

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
  it('widens a bounding box to whole cells of the level: exactly the level cells the box touches', () => {
    const bbox = [123.0013, 44.8021, 123.0471, 44.8333] as const;
    for (let level = 0; level <= 6; level++) {
      const [x0, y0, x1, y1] = levelCellRange(bbox, level);
      const size = cellSizeDeg(level);
      // Brute force: the level cells whose extent intersects the box, then their base cells.
      const touched = (min: number, max: number) => {
        const cells: number[] = [];
        for (let c = Math.floor(min / size) - 2; c <= Math.floor(max / size) + 2; c++) if ((c + 1) * size > min && c * size <= max) cells.push(c);
        return [cells[0] * 2 ** level, (cells[cells.length - 1] + 1) * 2 ** level - 1];
      };
      expect([x0, x1]).toEqual(touched(bbox[0], bbox[2]));
      expect([y0, y1]).toEqual(touched(bbox[1], bbox[3]));
    }
  });
  it('picks about 4 screen pixels per cell', () => {
    expect(cellSizeDeg(heatLevelForZoom(9)) / (360 / (256 * 2 ** 9))).toBeGreaterThan(2.5);
    expect(cellSizeDeg(heatLevelForZoom(9)) / (360 / (256 * 2 ** 9))).toBeLessThan(6);
    expect(heatLevelForZoom(18)).toBe(0);
    expect(heatLevelForZoom(0)).toBe(10);
  });
});

// Heatmap cells. Every incident stores its cell on a fine base lattice (floor of lon/lat over 0.0005°,
// about 40 × 55 m here); coarser cells are that index shifted right by a level, so the heatmap query is
// integer arithmetic over two INTEGER columns instead of floating division over every row in the window.
export const HEAT_BASE_CELL_DEG = 0.0005;
export const MAX_HEAT_LEVEL = 10;

/** floor(), never a cast: an integer cast rounds and would shift every cell by half a cell. */
export const baseCell = (deg: number): number => Math.floor(deg / HEAT_BASE_CELL_DEG);

/** The level whose cell is about 4 screen pixels at this zoom (256-px tiles). */
export function heatLevelForZoom(zoom: number): number {
  const degreesPerPixel = 360 / (256 * 2 ** zoom);
  const level = Math.round(Math.log2((degreesPerPixel * 4) / HEAT_BASE_CELL_DEG));
  return Math.max(0, Math.min(MAX_HEAT_LEVEL, level));
}

export const cellSizeDeg = (level: number): number => HEAT_BASE_CELL_DEG * 2 ** level;

/** The base-lattice cell range [x0, y0, x1, y1] (inclusive) covering a bounding box, widened to whole cells
 * of `level`: every level cell the box touches is counted in full. */
export function levelCellRange(bbox: readonly [number, number, number, number], level: number): [number, number, number, number] {
  const lo = (deg: number) => (baseCell(deg) >> level) << level;
  const hi = (deg: number) => lo(deg) + (1 << level) - 1;
  return [lo(bbox[0]), lo(bbox[1]), hi(bbox[2]), hi(bbox[3])];
}

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

/** Cells are packed into one BIGINT key in SQL (one GROUP BY column is faster); this is the offset used. */
export const CELL_KEY_OFFSET = 2 ** 20;
export const CELL_KEY_STRIDE = 2 ** 21;
export function unpackCellKey(key: number): [x: number, y: number] {
  const hi = Math.floor(key / CELL_KEY_STRIDE);
  return [hi - CELL_KEY_OFFSET, key - hi * CELL_KEY_STRIDE - CELL_KEY_OFFSET];
}

// H3 cells for the hexagon surface: parents of the stored resolution-9 cells by bit arithmetic (so SQL
// can aggregate to any coarser resolution), and the study area's full set of cells (zeros count in Gi*).
import { polygonToCells } from 'h3-js';
import type { MultiPolygon, Polygon } from 'geojson';

export const STORED_H3_RESOLUTION = 9;

/**
 * SQL for the parent at `res` of a UBIGINT H3 cell column: set the 4 resolution bits (52–55) to res and
 * every finer 3-bit digit to 7 (unused), which is exactly what cellToParent does (h3 index layout).
 */
export function h3ParentSql(column: string, res: number): string {
  if (!Number.isInteger(res) || res < 0 || res > STORED_H3_RESOLUTION) throw new Error(`H3 resolution must be 0..${STORED_H3_RESOLUTION}`);
  const unused = (1n << BigInt(3 * (15 - res))) - 1n;
  const cleared = ~(15n << 52n) & ((1n << 64n) - 1n);
  return `((${column} & ${cleared}::UBIGINT) | ${BigInt(res) << 52n}::UBIGINT | ${unused}::UBIGINT)`;
}

export const h3ToBigInt = (cell: string): bigint => BigInt('0x' + cell);
/** SQL turning a UBIGINT cell expression into h3-js's lower-case hex string. */
export const h3HexSql = (expr: string): string => `lower(hex(${expr}))`;

/** Every cell of the resolution whose centre lies in the area (the zeros of the surface included). */
export function h3CellsCovering(area: Polygon | MultiPolygon, res: number): string[] {
  const polys = area.type === 'Polygon' ? [area.coordinates] : area.coordinates;
  const set = new Set<string>();
  for (const p of polys) for (const c of polygonToCells(p, res, true)) set.add(c);
  return [...set].sort();
}


// The id and centre of an H3 cell handed back by DuckDB as two 32-bit halves, remembered. A county has a few
// thousand cells at the resolutions patrol risk asks for, and every computation met the same ones, making each
// id (splitLongToH3Index) and centre (cellToLatLng) again: about 4–5 ms of the event loop per computation over
// 2,500 cells (profiled on bench:load). A cell's id and centre never change, so the memo needs no invalidation;
// it is bounded, and starts over when full (a county at resolution 9 is ~80,000 cells).
import { cellToLatLng, splitLongToH3Index } from 'h3-js';

export interface CellCentre { id: string; lat: number; lon: number }

const MAX_CELLS = 100_000;
/** By the high half, then the low one: a county's cells share a few high halves, and numbers key a Map without
 * making a string per lookup. */
const byHigh = new Map<number, Map<number, CellCentre>>();
let size = 0;

export function cellFromHalves(hi: number, lo: number): CellCentre {
  let inner = byHigh.get(hi);
  const known = inner?.get(lo);
  if (known) return known;
  if (size >= MAX_CELLS) {
    byHigh.clear();
    size = 0;
    inner = undefined;
  }
  const id = splitLongToH3Index(lo, hi);
  const [lat, lon] = cellToLatLng(id);
  const made = { id, lat, lon };
  if (!inner) byHigh.set(hi, (inner = new Map()));
  inner.set(lo, made);
  size++;
  return made;
}

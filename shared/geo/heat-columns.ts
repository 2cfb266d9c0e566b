// Heat cells as columns in one binary body (GET /api/incidents/heat?format=binary, or Accept:
// application/octet-stream): what the dashboard asks for. The JSON form repeats `[lon, lat, count]` per cell
// (about 25 bytes of text per cell, parsed into one array object each); this layout is 12 bytes per cell and
// decodes into views on the received buffer, no copy and no per-cell object: the positions and weights go to
// deck.gl as binary attributes as they arrive.
//
// Layout (little-endian, every section aligned for its view):
//   bytes  0–15  Uint32 × 4: magic 0x31544848 ('HHT1'), cell count n, lattice level, max count in a cell
//   bytes 16–31  Float64 × 2: cell size (degrees), total incidents in the cells
//   then         Float32 × 2n: lon, lat of cell i's centre at 2i, 2i + 1 (float32: < 1 m at these longitudes,
//                              far below the smallest cell, ~40 m)
//   then         Float32 × n:  incidents in cell i (exact: a count below 2^24)
export const HEAT_BINARY_MAGIC = 0x31544848;
export const HEAT_BINARY_MEDIA_TYPE = 'application/octet-stream';
const HEADER_BYTES = 32;

export interface HeatColumns {
  cellDeg: number;
  level: number;
  /** Cells in the answer. */
  count: number;
  /** [lon0, lat0, lon1, lat1, …] of the cells' centres. */
  positions: Float32Array;
  /** Incidents per cell. */
  weights: Float32Array;
  max: number;
  total: number;
}

/** The body for `cells`: cell centres already in degrees. */
export function encodeHeatColumns(h: HeatColumns): Uint8Array<ArrayBuffer> {
  const n = h.count;
  const buf = new ArrayBuffer(HEADER_BYTES + 12 * n);
  new Uint32Array(buf, 0, 4).set([HEAT_BINARY_MAGIC, n, h.level, h.max]);
  new Float64Array(buf, 16, 2).set([h.cellDeg, h.total]);
  new Float32Array(buf, HEADER_BYTES, 2 * n).set(h.positions.subarray(0, 2 * n));
  new Float32Array(buf, HEADER_BYTES + 8 * n, n).set(h.weights.subarray(0, n));
  return new Uint8Array(buf);
}

/** Views on a received body (no copy); throws on a body that is not this layout. Assumes a little-endian
 * machine, as every browser and server this runs on is (typed arrays use the platform's byte order). */
export function decodeHeatColumns(buf: ArrayBuffer): HeatColumns {
  if (buf.byteLength < HEADER_BYTES) throw new Error(`heat body of ${buf.byteLength} bytes is shorter than its header`);
  const [magic, n, level, max] = new Uint32Array(buf, 0, 4);
  if (magic !== HEAT_BINARY_MAGIC) throw new Error('not a binary heat body (wrong magic number)');
  if (buf.byteLength !== HEADER_BYTES + 12 * n) throw new Error(`heat body of ${buf.byteLength} bytes does not hold ${n} cells`);
  const [cellDeg, total] = new Float64Array(buf, 16, 2);
  return { cellDeg, level, count: n, max, total, positions: new Float32Array(buf, HEADER_BYTES, 2 * n), weights: new Float32Array(buf, HEADER_BYTES + 8 * n, n) };
}

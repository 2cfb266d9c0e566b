// shpjs ships no types; these are the two entry points the Shapefile reader uses (lib/index.js).
declare module 'shpjs' {
  import type { Geometry } from 'geojson';
  /** Geometries of a .shp in file order (null for null shapes); `prj` reprojects to WGS-84 when given. */
  export function parseShp(shp: ArrayBuffer | ArrayBufferView | DataView, prj?: string | false): (Geometry | null)[];
  /** Attribute rows of a .dbf, decoded with the `cpg` encoding (a TextDecoder label). */
  export function parseDbf(dbf: ArrayBuffer | ArrayBufferView | DataView, cpg?: string): Record<string, unknown>[];
}

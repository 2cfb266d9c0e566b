// Zipped Shapefiles as a county's natural-resources bureau or 综治 platform exports them, built in a test:
// geometry by @mapbox/shp-write (dev dependency), attributes in GBK or UTF-8, a chosen .prj (or none) and a
// .cpg only when asked (real exports often lack it). Every geometry is written as a MultiPolygon so the file
// has one layer, as real grid files do.
import shpwrite from '@mapbox/shp-write';
import { unzipSync, zipSync } from 'fflate';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';

let gbkTable: Map<string, number[]> | null = null;
/** GBK bytes of a string (Node's TextDecoder reads GBK but no TextEncoder writes it: the table is the
 * decoder's inverse over every two-byte code). */
export function gbkBytes(s: string): number[] {
  if (!gbkTable) {
    gbkTable = new Map();
    const d = new TextDecoder('gbk', { fatal: true });
    for (let a = 0x81; a <= 0xfe; a++)
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue;
        try { const ch = d.decode(new Uint8Array([a, b])); if (ch.length === 1 && !gbkTable.has(ch)) gbkTable.set(ch, [a, b]); } catch { /* not a code */ }
      }
  }
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else { const b = gbkTable.get(ch); if (!b) throw new Error(`no GBK code for ${ch}`); out.push(...b); }
  }
  return out;
}

/** The dbf writer stores a string's char codes as bytes: a "binary string" of the encoded bytes. */
const asBinary = (s: string, encoding: 'gbk' | 'utf-8') =>
  String.fromCharCode(...(encoding === 'gbk' ? gbkBytes(s) : [...new TextEncoder().encode(s)]));

export interface ShapefileOptions {
  /** Layer (file) name inside the zip. */
  name?: string;
  /** The .prj text; null writes none. */
  prj: string | null;
  encoding: 'gbk' | 'utf-8';
  /** A .cpg to add (e.g. 'GBK', '936', 'UTF-8'); absent: none. */
  cpg?: string;
}

export async function zipShapefile(fc: FeatureCollection<Polygon | MultiPolygon>, o: ShapefileOptions): Promise<Uint8Array> {
  const name = o.name ?? 'grids';
  const encoded = {
    type: 'FeatureCollection',
    features: fc.features.map((f) => ({
      type: 'Feature',
      properties: Object.fromEntries(Object.entries(f.properties ?? {}).map(([k, v]) => [asBinary(k, o.encoding), typeof v === 'string' ? asBinary(v, o.encoding) : v])),
      geometry: f.geometry.type === 'Polygon' ? { type: 'MultiPolygon', coordinates: [f.geometry.coordinates] } : f.geometry,
    })),
  };
  const zipped = (await shpwrite.zip(encoded as never, { outputType: 'uint8array', compression: 'STORE', types: { polygon: name } } as never)) as unknown as Uint8Array;
  const files = unzipSync(zipped);
  const out: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(files)) if (!k.endsWith('.prj')) out[k] = v;
  if (o.prj !== null) out[`${name}.prj`] = new TextEncoder().encode(o.prj);
  if (o.cpg) out[`${name}.cpg`] = new TextEncoder().encode(o.cpg);
  return zipSync(out);
}

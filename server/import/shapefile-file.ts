// Reads an uploaded zipped Shapefile (.shp + .dbf, with .prj and .cpg when present) into the same features
// the GeoJSON imports work on. The zip is opened by fflate, the .shp and .dbf parsed by shpjs (maintained,
// MIT); what is ours is choosing the layer and the attribute encoding, because county exports are GBK more
// often than not and the .cpg that would say so is often missing:
//   the `encoding` the clerk chose › the .cpg › the .dbf's language-driver byte (0x4D = GBK) ›
//   UTF-8 if the attribute bytes are valid UTF-8, else GBK.
// Coordinates are left as the file has them (the .prj text is returned for area-file.ts to recognise).
import { unzipSync } from 'fflate';
import { parseDbf, parseShp } from 'shpjs';
import type { RawFeature } from './geojson-features.js';
import { msg, type Msg } from './import-messages.js';

export type EncodingSource = 'parameter' | 'cpg' | 'dbf' | 'detected';

export interface ShapefileRead {
  features: RawFeature[];
  properties: string[];
  layer: string;
  /** The other layers in the zip (the first polygon layer is read). */
  otherLayers: string[];
  prj: string | null;
  /** The TextDecoder label the attributes were decoded with, and why. */
  encoding: string;
  encodingSource: EncodingSource;
}

/** A zip archive starts with a local file header, PK\x03\x04 (or PK\x05\x06 when empty). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5);
}

/** A .cpg's code page as a TextDecoder label ('936', 'ANSI 936', 'GB2312' → gb18030, a superset of GBK). */
export function encodingFromCpg(cpg: string): string | null {
  const t = cpg.trim().toUpperCase().replace(/^ANSI\s*/, '');
  if (/^(UTF-?8|65001)$/.test(t)) return 'utf-8';
  if (/^(GBK|GB2312|GB18030|CP936|936|EUC-CN)$/.test(t)) return 'gb18030';
  if (/^(BIG5|950|CP950)$/.test(t)) return 'big5';
  if (/^\d{3,4}$/.test(t)) return `windows-${t}`;
  try { return new TextDecoder(t.toLowerCase()).encoding; } catch { return null; }
}

/** The attribute bytes of a .dbf (the records after the header), for sniffing the encoding. */
function dbfRecords(dbf: Uint8Array): Uint8Array {
  const headerLen = dbf.length >= 10 ? dbf[8] | (dbf[9] << 8) : 0;
  return dbf.subarray(Math.min(headerLen, dbf.length));
}

function chooseEncoding(dbf: Uint8Array | undefined, cpg: string | undefined, asked: 'utf-8' | 'gbk' | undefined): { encoding: string; source: EncodingSource } {
  if (asked) return { encoding: asked === 'gbk' ? 'gb18030' : 'utf-8', source: 'parameter' };
  const fromCpg = cpg ? encodingFromCpg(cpg) : null;
  if (fromCpg) return { encoding: fromCpg, source: 'cpg' };
  if (!dbf) return { encoding: 'utf-8', source: 'detected' };
  if (dbf[29] === 0x4d) return { encoding: 'gb18030', source: 'dbf' };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(dbfRecords(dbf));
    // Header field names can be GBK even when every value is ASCII: check them too.
    new TextDecoder('utf-8', { fatal: true }).decode(dbf.subarray(32, Math.min(dbf.length, dbf[8] | (dbf[9] << 8))));
    return { encoding: 'utf-8', source: 'detected' };
  } catch {
    return { encoding: 'gb18030', source: 'detected' };
  }
}

const text = (b: Uint8Array | undefined) => (b ? new TextDecoder('utf-8').decode(b).replace(/^\uFEFF/, '').trim() : undefined);

export function readShapefileZip(bytes: Uint8Array, asked: 'utf-8' | 'gbk' | undefined): ShapefileRead | { refusal: Msg } {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (f) => !f.name.includes('__MACOSX/') && /\.(shp|shx|dbf|prj|cpg)$/i.test(f.name) });
  } catch (e) {
    return { refusal: msg.badZip((e as Error).message) };
  }
  const byLower = new Map(Object.entries(files).map(([name, b]) => [name.toLowerCase(), { name, b }]));
  const layers = [...byLower.keys()].filter((n) => n.endsWith('.shp')).map((n) => n.slice(0, -4));
  if (!layers.length) return { refusal: msg.noShpInZip() };
  // Polygon layers first (shape types 5, 15, 25: polygon, polygonZ, polygonM), in the zip's order.
  const shapeType = (base: string) => { const b = byLower.get(`${base}.shp`)!.b; return b.length >= 36 ? b[32] | (b[33] << 8) : 0; };
  const polygonal = layers.filter((l) => [5, 15, 25, 3, 13, 23].includes(shapeType(l)));
  const base = (polygonal.find((l) => [5, 15, 25].includes(shapeType(l))) ?? polygonal[0] ?? layers[0]);
  const shp = byLower.get(`${base}.shp`)!;
  const dbf = byLower.get(`${base}.dbf`)?.b;
  const cpg = text(byLower.get(`${base}.cpg`)?.b);
  const prj = text(byLower.get(`${base}.prj`)?.b) ?? null;
  const { encoding, source } = chooseEncoding(dbf, cpg, asked);
  let geometries: ReturnType<typeof parseShp>;
  let rows: Record<string, unknown>[] = [];
  try {
    geometries = parseShp(shp.b); // no prj: coordinates as stored
    if (dbf) rows = parseDbf(dbf, encoding);
  } catch (e) {
    return { refusal: msg.badShapefile(shp.name, (e as Error).message) };
  }
  const features: RawFeature[] = geometries.map((g, i) => ({ index: i + 1, line: null, properties: rows[i] ?? {}, geometry: g }));
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) seen.add(k);
  return {
    features, properties: [...seen], layer: shp.name, otherLayers: layers.filter((l) => l !== base).map((l) => byLower.get(`${l}.shp`)!.name),
    prj, encoding: encoding === 'gb18030' ? 'gbk' : encoding, encodingSource: source,
  };
}

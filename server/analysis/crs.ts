// Coordinate reference systems met at the import door. Chinese web maps publish coordinates in GCJ-02
// (AMap, Tencent: the "Mars" offset, legally required for public maps) or BD-09 (Baidu, a further offset of
// GCJ-02); the database stores WGS-84 only. The conversion itself is gcoord's (maintained, MIT, checked in
// its own suite against 664 cities) — we keep the vocabulary and the one place where it is applied.
import gcoord from 'gcoord';

export const CRS_IDS = ['wgs84', 'gcj02', 'bd09'] as const;
export type CrsId = (typeof CRS_IDS)[number];

export const CRS_LABELS: Record<CrsId, { zh: string; en: string }> = {
  wgs84: { zh: 'WGS-84（GPS、天地图）', en: 'WGS-84 (GPS, Tianditu)' },
  gcj02: { zh: 'GCJ-02（高德、腾讯）', en: 'GCJ-02 (AMap, Tencent)' },
  bd09: { zh: 'BD-09（百度）', en: 'BD-09 (Baidu)' },
};

const GCOORD_CRS = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const;

/** Converts one point between the three systems. Same system → the point unchanged (no rounding). */
export function convertPoint(lon: number, lat: number, from: CrsId, to: CrsId): [number, number] {
  if (from === to) return [lon, lat];
  const [x, y] = gcoord.transform([lon, lat], GCOORD_CRS[from], GCOORD_CRS[to]) as [number, number];
  return [x, y];
}

/** A point as declared in `crs`, in WGS-84 (what the database stores). */
export const toWgs84 = (lon: number, lat: number, crs: CrsId): [number, number] => convertPoint(lon, lat, crs, 'wgs84');

// ---- Files that declare a national or projected system (polygon imports: Shapefiles, GeoJSON with "crs") ----
// Such positions are converted to WGS-84 by proj4 (analysis/epsg.ts) before any check; the three web systems
// above stay point conversions by gcoord.

/** What a polygon file's positions are in: one of the web systems, or an EPSG code of analysis/epsg.ts. */
export type SourceCrs = CrsId | `epsg:${number}`;

/** `wgs84`, `gcj02`, `bd09` or `epsg:NNNN` (also `EPSG:NNNN`); null for anything else. Whether the code is
 * one the import knows is the caller's check (epsg.ts isKnownEpsg). */
export function parseSourceCrs(s: string): SourceCrs | null {
  const t = s.trim().toLowerCase();
  if ((CRS_IDS as readonly string[]).includes(t)) return t as CrsId;
  const m = /^epsg:+(\d{4,5})$/.exec(t);
  return m ? (`epsg:${Number(m[1])}` as const) : null;
}

export const epsgOf = (c: SourceCrs): number | null => (c.startsWith('epsg:') ? Number(c.slice(5)) : null);

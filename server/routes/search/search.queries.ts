// The dashboard's one search box (GET /api/search): townships, villages and grids by name or code, cameras by
// number or name, cases by number (id or the importing system's external id), and the address the geocoder
// reads from the text. Everything is limited to the signed-in user's jurisdiction (`scope`, a code prefix):
// a township leader finds only their township's villages, grids, cameras and cases, and an address that lands
// elsewhere is left out. Cases follow the case list's own visibility (caseWhere: scope, petitions rule).
import type { Database } from '../../db/database.js';
import type { SessionUser } from '../../../shared/domain/roles.js';
import { can } from '../../../shared/domain/permissions.js';
import { caseWhere } from '../../cases/case-list.js';
import type { GeocodeResult } from '../../analysis/geocoder.js';

export const SEARCH_KINDS = ['township', 'village', 'grid', 'address', 'camera', 'case'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export interface SearchHit {
  kind: SearchKind;
  /** Division code, camera number or case number. */
  id: string;
  name: string;
  /** Where it is, in place names (township · village · hamlet). */
  context: string;
  /** What it is, within its kind: a camera's kind, a case's category name, the address's matched level. */
  detail: string | null;
  lon: number;
  lat: number;
  /** Areas: their extent, for fitting the map; points have none. */
  bbox: [number, number, number, number] | null;
  /** Areas: the outline (GeoJSON), for the highlight. */
  geometry: unknown;
}

type Bbox = [number, number, number, number];
const bboxOf = (r: { min_lon: number; min_lat: number; max_lon: number; max_lat: number }): Bbox => [r.min_lon, r.min_lat, r.max_lon, r.max_lat];

/** LIKE pattern for "contains q", with LIKE's own wildcards in q taken literally. */
export const containsPattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** 0 exact, 1 starts with, 2 contains: the order hits of one kind are listed in. */
const MATCH_RANK = `CASE WHEN name = $1 THEN 0 WHEN starts_with(name, $1) THEN 1 ELSE 2 END`;

export async function searchAll(
  db: Database,
  user: SessionUser,
  scope: string,
  q: string,
  geocode: (address: string) => GeocodeResult,
  limit: number,
): Promise<SearchHit[]> {
  const like = containsPattern(q);
  const digits = /^\d+$/.test(q);
  const areaWhere = `(name LIKE $2 ESCAPE '\\' ${digits ? 'OR starts_with(code, $1)' : ''}) AND starts_with(code, $3)`;
  // positional: $1 the text, $2 its LIKE pattern, $3 the scope prefix, $4 the limit
  const named = [q, like, scope, limit];
  const [townships, villages, grids, cameras, cases] = await Promise.all([
    db.query<{ code: string; name: string; kind: string; seat_lon: number; seat_lat: number; min_lon: number; min_lat: number; max_lon: number; max_lat: number; geojson: string }>(
      `SELECT code, name, kind, seat_lon, seat_lat, min_lon, min_lat, max_lon, max_lat, geojson FROM townships
       WHERE ${areaWhere}
       ORDER BY ${MATCH_RANK}, code LIMIT $4`, named),
    db.query<{ code: string; name: string; tname: string | null; centre_lon: number; centre_lat: number; min_lon: number; min_lat: number; max_lon: number; max_lat: number; geojson: string }>(
      `SELECT v.code, v.name, t.name tname, v.centre_lon, v.centre_lat, v.min_lon, v.min_lat, v.max_lon, v.max_lat, v.geojson
       FROM villages v LEFT JOIN townships t ON t.code = v.township_code
       WHERE (v.name LIKE $2 ESCAPE '\\' OR coalesce(v.official_name, '') LIKE $2 ESCAPE '\\' ${digits ? 'OR starts_with(v.code, $1)' : ''}) AND starts_with(v.code, $3)
       ORDER BY CASE WHEN v.name = $1 THEN 0 WHEN starts_with(v.name, $1) THEN 1 ELSE 2 END, v.code LIMIT $4`, named),
    db.query<{ code: string; name: string; place_name: string | null; vname: string | null; tname: string | null; centre_lon: number; centre_lat: number; min_lon: number; min_lat: number; max_lon: number; max_lat: number; geojson: string }>(
      `SELECT g.code, g.name, g.place_name, v.name vname, t.name tname, g.centre_lon, g.centre_lat, g.min_lon, g.min_lat, g.max_lon, g.max_lat, g.geojson
       FROM grids g LEFT JOIN villages v ON v.code = g.village_code LEFT JOIN townships t ON t.code = g.township_code
       WHERE (g.name LIKE $2 ESCAPE '\\' OR coalesce(g.place_name, '') LIKE $2 ESCAPE '\\' ${digits ? 'OR starts_with(g.code, $1)' : ''}) AND starts_with(g.code, $3)
       ORDER BY CASE WHEN g.name = $1 THEN 0 WHEN starts_with(g.name, $1) THEN 1 ELSE 2 END, g.code LIMIT $4`, named),
    can(user.role, 'cameras.read')
      ? db.query<{ id: string; name: string | null; kind: string; lon: number; lat: number; vname: string | null; tname: string | null }>(
        `SELECT c.id, c.name, c.kind, c.lon, c.lat, v.name vname, t.name tname
         FROM cameras c LEFT JOIN villages v ON v.code = c.village_code LEFT JOIN townships t ON t.code = c.township_code
         WHERE (upper(c.id) = upper($1) OR starts_with(upper(c.id), upper($1)) OR coalesce(c.name, '') LIKE $2 ESCAPE '\\') AND starts_with(coalesce(c.grid_code, c.township_code, ''), $3)
         ORDER BY CASE WHEN upper(c.id) = upper($1) THEN 0 WHEN starts_with(upper(c.id), upper($1)) THEN 1 WHEN c.name = $1 THEN 2 ELSE 3 END, c.id LIMIT $4`, named)
      : Promise.resolve([]),
    searchCases(db, user, scope, q, limit),
  ]);
  const hits: SearchHit[] = [
    ...townships.map((r) => ({ kind: 'township' as const, id: r.code, name: r.name, context: '', detail: r.kind, lon: r.seat_lon, lat: r.seat_lat, bbox: bboxOf(r), geometry: JSON.parse(r.geojson) })),
    ...villages.map((r) => ({ kind: 'village' as const, id: r.code, name: r.name, context: r.tname ?? '', detail: null, lon: r.centre_lon, lat: r.centre_lat, bbox: bboxOf(r), geometry: JSON.parse(r.geojson) })),
    ...grids.map((r) => ({ kind: 'grid' as const, id: r.code, name: r.name, context: [r.tname, r.vname, r.place_name].filter(Boolean).join(' · '), detail: null, lon: r.centre_lon, lat: r.centre_lat, bbox: bboxOf(r), geometry: JSON.parse(r.geojson) })),
  ];
  const address = addressHit(q, scope, geocode, hits);
  if (address) hits.push(address);
  hits.push(
    ...cameras.map((r) => ({ kind: 'camera' as const, id: r.id, name: r.name ?? r.id, context: [r.tname, r.vname].filter(Boolean).join(' · '), detail: r.kind, lon: r.lon, lat: r.lat, bbox: null, geometry: null })),
    ...cases,
  );
  // exact names and numbers first (a case number over cameras whose names hold the digits), then the rest by kind
  const rank = (h: SearchHit) => (h.name === q || h.id.toUpperCase() === q.toUpperCase() ? 0 : h.kind === 'address' || h.name.startsWith(q) || h.id.toUpperCase().startsWith(q.toUpperCase()) ? 1 : 2);
  return hits.map((h, i) => ({ h, i, r: rank(h) })).sort((a, b) => a.r - b.r || a.i - b.i).slice(0, limit).map((x) => x.h);
}

/**
 * The geocoder's reading of the text as an address, when it found one inside the user's jurisdiction and it says
 * more than a place already listed (a bare village name is the village's own hit).
 */
function addressHit(q: string, scope: string, geocode: (address: string) => GeocodeResult, listed: SearchHit[]): SearchHit | null {
  if (q.length < 2) return null;
  const g = geocode(q);
  if (!g.ok || g.outside || g.ambiguous || g.confidence < 0.5) return null;
  // the finest unit the point lies in must be inside the scope (a township leader's search stays in the township)
  const code = g.gridCode ?? g.villageCode ?? g.townshipCode;
  if (!code || !code.startsWith(scope)) return null;
  if ((g.level === 'township' || g.level === 'village') && listed.some((h) => h.id === code)) return null;
  const parts = ['township', 'village', 'hamlet', 'road', 'site', 'number'] as const;
  const name = parts.map((p) => g.parts[p]).filter(Boolean).join('');
  return { kind: 'address', id: `${g.lon.toFixed(6)},${g.lat.toFixed(6)}`, name: name || q, context: '', detail: g.level, lon: g.lon, lat: g.lat, bbox: null, geometry: null };
}

/** A case by its number (or the importing system's id), if the user may see it (the case list's own rule). */
async function searchCases(db: Database, user: SessionUser, scope: string, q: string, limit: number): Promise<SearchHit[]> {
  const id = /^\d{1,15}$/.test(q) ? Number(q) : null;
  const w = caseWhere(user, { code: scope }, Date.now());
  const rows = await db.query<{ id: number; category: string; title: string | null; lon: number; lat: number; vname: string | null; tname: string | null; cname: string | null }>(
    `SELECT i.id, i.category, i.title, i.lon, i.lat, v.name vname, t.name tname, c.name_zh cname
     FROM (SELECT * FROM incidents WHERE ${w.sql} AND (id = ? OR external_id = ?)) i
     LEFT JOIN villages v ON v.code = i.village_code LEFT JOIN townships t ON t.code = i.township_code LEFT JOIN categories c ON c.code = i.category
     ORDER BY i.id LIMIT ?`,
    [...w.params, id ?? -1, q, limit],
  );
  return rows.map((r) => ({ kind: 'case' as const, id: String(r.id), name: r.title ?? r.cname ?? r.category, context: [r.tname, r.vname].filter(Boolean).join(' · '), detail: r.cname ?? r.category, lon: r.lon, lat: r.lat, bbox: null, geometry: null }));
}

// What an import needs to know about the county, read once per database: the outline (is a point inside
// the jurisdiction?), the grid partition (which grid / village / township holds a point), and the
// gazetteer for the geocoder and reverse geocoder. Incidents do not change any of it, so it is cached per
// Database; `forgetCountyContext` drops it when polygons or roads are re-imported.
import type { MultiPolygon, Polygon } from 'geojson';
import type { Database } from '../db/database.js';
import type { LonLat } from '../../shared/geo/geo.js';
import { Geocoder, type GazetteerInput, type GeocodeResult } from '../analysis/geocoder.js';
import { BinnedLocator } from '../analysis/binned-locator.js';
import { pointInGeometry } from '../../shared/geo/point-in-polygon.js';
import { ReverseGeocoder } from '../../shared/geo/reverse-geocoder.js';
import { divisionUnits } from '../jurisdiction/national-data.js';
import { readJurisdiction } from '../jurisdiction/jurisdiction.js';
import { addressPrefix } from '../../shared/geo/address-prefix.js';

export interface GridRef { code: string; villageCode: string; townshipCode: string }

export interface CountyContext {
  code: string;
  name: string;
  prefix: string;
  bbox: [number, number, number, number];
  inCounty: (lon: number, lat: number) => boolean;
  /** Grid partition lookup (binned point-in-polygon: same answers as PolygonLocator, faster in bulk). */
  grids: BinnedLocator<GridRef>;
  geocoder: Geocoder;
  /** The geocoder's answer, its point checked against the grids: a point off every grid or in another
   * unit than the one matched (a road vertex on the county line) falls back to the matched unit's point. */
  geocode: (address: string) => GeocodeResult;
  reverse: ReverseGeocoder;
}


const cache = new WeakMap<Database, Promise<CountyContext>>();

export function countyContext(db: Database): Promise<CountyContext> {
  let p = cache.get(db);
  if (!p) {
    p = loadCountyContext(db);
    cache.set(db, p);
    p.catch(() => cache.delete(db));
  }
  return p;
}

export function forgetCountyContext(db: Database): void {
  cache.delete(db);
}

const pt = (lon: unknown, lat: unknown): LonLat => [Number(lon), Number(lat)];

async function loadCountyContext(db: Database): Promise<CountyContext> {
  const [county] = await db.query<{ code: string; name: string; seat_lon: number; seat_lat: number; min_lon: number; min_lat: number; max_lon: number; max_lat: number; geojson: string }>('SELECT * FROM county LIMIT 1');
  if (!county) throw new Error('The database has no county row');
  const outline = JSON.parse(county.geojson) as Polygon | MultiPolygon;
  // Every imported row asks "inside the jurisdiction?": binned like the grids (a real outline has tens of
  // thousands of vertices; only points in the bins its edge crosses are ray cast).
  const outlineLocator = new BinnedLocator([{ geometry: outline, value: true }]);
  const [counties, townships, villages, grids, settlements, roads, sites] = await Promise.all([
    // A prefecture-level city's counties (a file from before the table has none: a county).
    db.query<{ code: string; name: string; seat_lon: number; seat_lat: number }>('SELECT code, name, seat_lon, seat_lat FROM counties ORDER BY code').catch(() => []),
    db.query<{ code: string; name: string; seat_lon: number; seat_lat: number; geojson: string }>('SELECT code, name, seat_lon, seat_lat, geojson FROM townships ORDER BY code'),
    db.query<{ code: string; name: string; township_code: string; centre_lon: number; centre_lat: number }>('SELECT code, name, township_code, centre_lon, centre_lat FROM villages ORDER BY code'),
    db.query<{ code: string; name: string; village_code: string; township_code: string; kind: string; place_name: string | null; centre_lon: number; centre_lat: number; geojson: string }>(
      'SELECT code, name, village_code, township_code, kind, place_name, centre_lon, centre_lat, geojson FROM grids ORDER BY code'),
    db.query<{ name: string; kind: string; lon: number; lat: number; village_code: string | null; township_code: string | null }>("SELECT name, kind, lon, lat, village_code, township_code FROM settlements WHERE kind = 'hamlet'"),
    db.query<{ name: string; class: string; township_code: string | null; geojson: string }>("SELECT name, class, township_code, geojson FROM roads WHERE class <> 'railway' ORDER BY id"),
    db.query<{ name: string; lon: number; lat: number; grid_code: string | null; village_code: string | null; township_code: string | null }>('SELECT name, lon, lat, grid_code, village_code, township_code FROM key_sites ORDER BY id'),
  ]);
  // Province and prefecture names from the jurisdiction row (or, for older files, the national list).
  const { province, prefecture } = (await readJurisdiction(db))!;
  // A city is its own prefecture (河南省商丘市, not 河南省商丘市商丘市): its county comes after the prefix.
  const prefix = addressPrefix(province, prefecture, county.name);
  const hamletPos = new Map(settlements.map((s) => [`${s.village_code}|${s.name}`, pt(s.lon, s.lat)]));
  const roadLines = roads.map((r) => ({ name: r.name, roadClass: r.class, townshipCode: r.township_code, line: (JSON.parse(r.geojson).coordinates as LonLat[]) }));

  // Hamlets: residential grids' place names (one hamlet may span several grids: then no single grid code).
  const hamlets = new Map<string, GazetteerInput['hamlets'][number]>();
  const gridSites: GazetteerInput['sites'] = [];
  for (const g of grids) {
    if (!g.place_name) continue;
    if (g.kind !== 'residential') { gridSites.push({ name: g.place_name, villageCode: g.village_code, townshipCode: g.township_code, gridCode: g.code, point: pt(g.centre_lon, g.centre_lat) }); continue; }
    const k = `${g.village_code}|${g.place_name}`;
    const h = hamlets.get(k);
    if (h) h.gridCode = null;
    else hamlets.set(k, { name: g.place_name, villageCode: g.village_code, townshipCode: g.township_code, gridCode: g.code, point: hamletPos.get(k) ?? pt(g.centre_lon, g.centre_lat) });
  }
  const gazetteer: GazetteerInput = {
    county: { name: county.name, province, city: prefecture, point: pt(county.seat_lon, county.seat_lat), code: county.code },
    // The national division list: an address naming another province, prefecture or county is not located here.
    divisions: divisionUnits(),
    counties: counties.map((k) => ({ code: k.code, name: k.name, point: pt(k.seat_lon, k.seat_lat) })),
    townships: townships.map((t) => ({ code: t.code, name: t.name, point: townshipPoint(t, villages) })),
    villages: villages.map((v) => ({ code: v.code, name: v.name, townshipCode: v.township_code, point: pt(v.centre_lon, v.centre_lat) })),
    hamlets: [...hamlets.values()],
    roads: roadLines.map((r) => ({ name: r.name, townshipCode: r.townshipCode, line: r.line })),
    sites: [...sites.map((s) => ({ name: s.name, villageCode: s.village_code, townshipCode: s.township_code, gridCode: s.grid_code, point: pt(s.lon, s.lat) })), ...gridSites],
  };
  const gridPolys = grids.map((g) => ({ code: g.code, name: g.name, villageCode: g.village_code, townshipCode: g.township_code, geometry: JSON.parse(g.geojson) as Polygon | MultiPolygon }));
  // Building the locators and the geocoder takes about a second of CPU: let the event loop in between (a
  // SIGTERM or a health check waits at most one piece, not all of it).
  const breathe = () => new Promise<void>((r) => setImmediate(r));
  await breathe();
  const locator = new BinnedLocator(gridPolys.map((g) => ({ geometry: g.geometry, value: { code: g.code, villageCode: g.villageCode, townshipCode: g.townshipCode } })));
  // Every gazetteer point must fall in its own unit, or a geocoded row would land in a neighbour's grid (or
  // in none): a village centre of a concave village, a hamlet's settlement point on a grid edge. Such a
  // point is replaced by the centre of one of the unit's own grids that lies inside that grid.
  const gridCentre = new Map<string, LonLat>();
  for (const g of grids) if (locator.locate(g.centre_lon, g.centre_lat)?.code === g.code) gridCentre.set(g.code, pt(g.centre_lon, g.centre_lat));
  const fitInside = (p: LonLat, ok: (r: GridRef) => boolean, prefix: string): LonLat => {
    const r = locator.locate(p[0], p[1]);
    if (r && ok(r)) return p;
    for (const [code, c] of gridCentre) if (code.startsWith(prefix)) return c;
    return p;
  };
  gazetteer.counties!.forEach((k) => (k.point = fitInside(k.point, (r) => r.townshipCode.startsWith(k.code), k.code)));
  gazetteer.townships.forEach((t) => (t.point = fitInside(t.point, (r) => r.townshipCode === t.code, t.code)));
  gazetteer.villages.forEach((v) => (v.point = fitInside(v.point, (r) => r.villageCode === v.code, v.code)));
  gazetteer.hamlets.forEach((h) => (h.point = fitInside(h.point, (r) => r.villageCode === h.villageCode && (!h.gridCode || r.code === h.gridCode), h.gridCode ?? h.villageCode)));
  gazetteer.sites.forEach((s) => (s.point = s.gridCode ? fitInside(s.point, (r) => r.code === s.gridCode, s.gridCode) : s.point));
  await breathe();
  const geocoder = new Geocoder(gazetteer);
  await breathe();
  const villagePoint = new Map(gazetteer.villages.map((v) => [v.code, v.point]));
  const townshipPoints = new Map(gazetteer.townships.map((t) => [t.code, t.point]));
  const countyPoints = new Map(gazetteer.counties!.map((k) => [k.code, k.point]));
  const geocode = (address: string): GeocodeResult => {
    const g = geocoder.geocode(address);
    if (!g.ok) return g;
    const r = locator.locate(g.lon, g.lat);
    const fits = r && (!g.villageCode || r.villageCode === g.villageCode) && (!g.townshipCode || r.townshipCode === g.townshipCode) && (!g.countyCode || r.townshipCode.startsWith(g.countyCode));
    if (fits) return g;
    const p = (g.villageCode && villagePoint.get(g.villageCode)) || (g.townshipCode && townshipPoints.get(g.townshipCode)) || (g.level === 'county' && g.countyCode && countyPoints.get(g.countyCode));
    return p ? { ...g, lon: p[0], lat: p[1], confidence: Math.round(g.confidence * 0.8 * 100) / 100 } : { ...g, ok: false };
  };
  return {
    code: county.code,
    name: county.name,
    prefix,
    bbox: [county.min_lon, county.min_lat, county.max_lon, county.max_lat],
    inCounty: (lon, lat) => outlineLocator.locateIndex(lon, lat) === 0,
    grids: locator,
    geocoder,
    geocode,
    reverse: new ReverseGeocoder({
      countyPrefix: prefix,
      jurisdiction: { code: county.code, name: county.name },
      counties: counties.map((k) => ({ code: k.code, name: k.name })),
      grids: gridPolys,
      villages,
      townships,
      roads: roadLines,
      hamlets: [...hamlets.values()].map((h) => ({ name: h.name, villageCode: h.villageCode, point: h.point })),
    }),
  };
}

/** A township's point: its seat when the seat lies inside it; otherwise (a town governed from the county
 * seat in a neighbouring subdistrict) the centre of its village nearest the seat, so the point is in it. */
function townshipPoint(t: { code: string; seat_lon: number; seat_lat: number; geojson: string }, villages: { township_code: string; centre_lon: number; centre_lat: number }[]): LonLat {
  const seat = pt(t.seat_lon, t.seat_lat);
  if (pointInGeometry(seat[0], seat[1], JSON.parse(t.geojson))) return seat;
  let best = seat, bd = Infinity;
  for (const v of villages) {
    if (v.township_code !== t.code) continue;
    const d = (v.centre_lon - seat[0]) ** 2 + (v.centre_lat - seat[1]) ** 2;
    if (d < bd) { bd = d; best = pt(v.centre_lon, v.centre_lat); }
  }
  return best;
}

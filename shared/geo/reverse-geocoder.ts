// Reverse geocoding: a point → the grid, village and township containing it (polygon locator), the nearest
// named street or road (segment index, within 500 m) and the nearest hamlet, and a readable address built
// the way the county writes them (township + village + hamlet, or township + street "附近"). In a
// prefecture-level city the county holding the point (its townships' codes start with the county's) is named
// too, in the answer and in the address (河南省商丘市 + 睢县 + 城关镇…).
import type { MultiPolygon, Polygon } from 'geojson';
import { addressPrefix } from './address-prefix.js';
import { haversineMeters, type LonLat } from './geo.js';
import { PolygonLocator } from './polygon-locator.js';
import { SegmentIndex } from './segment-index.js';

export interface ReverseInput {
  /** The names above the townships in an address: province, city and county, or province and city for a city. */
  countyPrefix: string;
  /** The jurisdiction: the county of every point when it is a county. */
  jurisdiction: { code: string; name: string };
  /** A prefecture-level city's county-level units (none for a county): written between the prefix and the township. */
  counties?: { code: string; name: string }[];
  grids: { code: string; name: string; villageCode: string; townshipCode: string; geometry: Polygon | MultiPolygon }[];
  villages: { code: string; name: string }[];
  townships: { code: string; name: string }[];
  roads: { name: string; roadClass: string; line: LonLat[] }[];
  hamlets: { name: string; villageCode: string; point: LonLat }[];
}

export interface ReverseResult {
  inside: boolean;
  grid: { code: string; name: string } | null;
  village: { code: string; name: string } | null;
  township: { code: string; name: string } | null;
  county: { code: string; name: string } | null;
  street: { name: string; roadClass: string; distanceM: number } | null;
  hamlet: { name: string; distanceM: number } | null;
  address: string | null;
}

export class ReverseGeocoder {
  private readonly locator: PolygonLocator<ReverseInput['grids'][number]>;
  private readonly roads: SegmentIndex<{ name: string; roadClass: string }>;
  private readonly villageNames: Map<string, string>;
  private readonly townshipNames: Map<string, string>;
  private readonly countyNames: Map<string, string> | null;
  private readonly hamletsByVillage = new Map<string, ReverseInput['hamlets']>();

  constructor(private readonly input: ReverseInput) {
    this.locator = new PolygonLocator(input.grids.map((g) => ({ geometry: g.geometry, value: g })));
    this.roads = new SegmentIndex(input.roads.filter((r) => r.name).map((r) => ({ line: r.line, value: { name: r.name, roadClass: r.roadClass } })));
    this.villageNames = new Map(input.villages.map((v) => [v.code, v.name]));
    this.townshipNames = new Map(input.townships.map((t) => [t.code, t.name]));
    this.countyNames = input.counties?.length ? new Map(input.counties.map((c) => [c.code, c.name])) : null;
    for (const h of input.hamlets) {
      const list = this.hamletsByVillage.get(h.villageCode) ?? [];
      list.push(h);
      this.hamletsByVillage.set(h.villageCode, list);
    }
  }

  reverse(lon: number, lat: number): ReverseResult {
    const g = this.locator.locate(lon, lat);
    const near = this.roads.nearest([lon, lat], 500);
    const street = near ? { name: near.value.name, roadClass: near.value.roadClass, distanceM: Math.round(near.distanceM) } : null;
    if (!g) return { inside: false, grid: null, village: null, township: null, county: null, street, hamlet: null, address: null };
    const village = { code: g.villageCode, name: this.villageNames.get(g.villageCode) ?? '' };
    const township = { code: g.townshipCode, name: this.townshipNames.get(g.townshipCode) ?? '' };
    const county = this.countyNames ? { code: g.townshipCode.slice(0, 6), name: this.countyNames.get(g.townshipCode.slice(0, 6)) ?? '' } : this.input.jurisdiction;
    // Nearest hamlet of the same village (a hamlet across the village boundary would name the wrong place).
    let hamlet: ReverseResult['hamlet'] = null;
    for (const h of this.hamletsByVillage.get(g.villageCode) ?? []) {
      const d = haversineMeters([lon, lat], h.point);
      if (!hamlet || d < hamlet.distanceM) hamlet = { name: h.name, distanceM: Math.round(d) };
    }
    const onStreet = street && street.roadClass === 'street' && street.distanceM <= 60;
    const address = `${addressPrefix(this.input.countyPrefix, this.countyNames ? county.name : '')}${township.name}` + (onStreet ? `${street.name}附近` : `${village.name}${hamlet && hamlet.distanceM <= 1500 ? hamlet.name : ''}`);
    return { inside: true, grid: { code: g.code, name: g.name }, village, township, county, street, hamlet, address };
  }
}

// The Coverage tab's CPU picking (client/views/coverage/coverage-picker.ts) on a linear screen projection
// (1 px = 1 m at the county's latitude): hand cases for each kind of thing under the pointer and the order
// they are drawn in, and the camera-dot index against brute force over every camera.
import { describe, expect, it } from 'vitest';
import type { AreaCollection } from '../../client/api';
import { CROSSINGS_LAYER_ID, GAP_ROADS_LAYER_ID, GAP_SITES_LAYER_ID, HANDLES_LAYER_ID } from '../../client/layers/coverage-gap-layers';
import { GRIDS_LAYER_ID } from '../../client/layers/grids-layer';
import { EDITED_SECTOR_LAYER_ID, PROPOSED_POINTS_LAYER_ID, SECTOR_LAYER_ID, type SectorDatum } from '../../client/layers/sector-layer';
import { CoveragePicker, PICK_SLOP_PX, nearestDot, type DrawnCoverage, type Projection } from '../../client/views/coverage/coverage-picker';
import type { CrossingRow, RoadGap, SiteGap } from '../../client/views/coverage/coverage-api';
import { metersPerDegree } from '../../shared/geo/geo';

const O: [number, number] = [123.08, 44.81];
const m = metersPerDegree(O[1]);
/** screen px = metres east / north of O (y grows downwards), centred at (500, 500) */
const proj: Projection = {
  project: ([lon, lat]) => ({ x: 500 + (lon - O[0]) * m.lon, y: 500 - (lat - O[1]) * m.lat }),
  unproject: (x, y) => [O[0] + (x - 500) / m.lon, O[1] - (y - 500) / m.lat],
};
/** the point e metres east and n metres north of O */
const at = (e: number, n: number): [number, number] => [O[0] + e / m.lon, O[1] + n / m.lat];
const px = (e: number, n: number) => proj.project(at(e, n));

function cam(id: string, e: number, n: number, extra: Partial<SectorDatum> = {}): SectorDatum {
  const [lon, lat] = at(e, n);
  return { id, kind: 'public', status: 'online', lon, lat, bearing: 0, fov: 90, rangeM: 50, polygon: [], ...extra };
}

const nothing: DrawnCoverage = { handles: [], edited: [], proposed: [], sites: [], crossings: [], roads: [], storedAt: () => undefined, cameraDots: [], areas: null };

describe('nearestDot', () => {
  it('takes the nearest dot within its radius plus the slop, and nothing beyond', () => {
    const items = [{ p: at(10, 0) }, { p: at(16, 0) }];
    const r = 6;
    expect(nearestDot(items, px(13.5, 0), (i) => i.p, r, proj)).toBe(items[1]); // 2.5 px from the second
    expect(nearestDot(items, px(0.2, 0), (i) => i.p, r, proj)).toBe(items[0]); // 9.8 px: within r + slop = 10 px
    expect(nearestDot(items, px(-0.5, 0), (i) => i.p, r, proj)).toBeUndefined(); // 10.5 px
    expect(PICK_SLOP_PX).toBe(4);
  });
});

describe('CoveragePicker.pick', () => {
  const picker = new CoveragePicker();
  const site: SiteGap = { id: 1, name: 'school', kind: 'school', category: 'public_places' as SiteGap['category'], lon: at(0, 0)[0], lat: at(0, 0)[1], cameras: 0, need: 1 };
  const crossing: CrossingRow = { lon: at(200, 0)[0], lat: at(200, 0)[1], roadId: 7, roadName: 'G302', roadClass: 'national', cameras: 0, covered: false };
  const road: RoadGap = { roadId: 3, name: 'street', roadClass: 'street', lengthM: 100, line: [at(-50, -100), at(50, -100)] };

  it('finds each kind of thing by what is drawn on top', () => {
    const handle = { role: 'move' as const, position: at(0, 0) };
    const drawn: DrawnCoverage = { ...nothing, handles: [handle], sites: [site], crossings: [crossing], roads: [road] };
    // the handle is drawn over the site at the same place
    expect(picker.pick(px(0, 0).x, px(0, 0).y, drawn, proj)).toEqual({ layerId: HANDLES_LAYER_ID, object: handle });
    expect(picker.pick(px(0, 0).x, px(0, 0).y, { ...drawn, handles: [] }, proj)).toEqual({ layerId: GAP_SITES_LAYER_ID, object: site });
    expect(picker.pick(px(205, 0).x, px(205, 0).y, drawn, proj)).toEqual({ layerId: CROSSINGS_LAYER_ID, object: crossing });
    // a road is 1.5 px wide: 5 px from it is still on it (with the slop), 6 px is not
    expect(picker.pick(px(20, -105).x, px(20, -105).y, drawn, proj)).toEqual({ layerId: GAP_ROADS_LAYER_ID, object: road });
    expect(picker.pick(px(20, -106.5).x, px(20, -106.5).y, drawn, proj)).toBeNull();
    // beyond the road's end
    expect(picker.pick(px(60, -100).x, px(60, -100).y, drawn, proj)).toBeNull();
  });

  it('finds scenario cameras by dot, then by sector; stored ones by the view; then the area beneath', () => {
    const added = cam('NEW-001', 0, 300, { proposed: true }); // looks north, 50 m
    const stored = cam('C1', 500, 500);
    const area: AreaCollection = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { code: '220822100201001', name: 'grid 1', level: 'grid' } as never, geometry: { type: 'Polygon', coordinates: [[at(-1000, -1000), at(1000, -1000), at(1000, 1000), at(-1000, 1000), at(-1000, -1000)]] } }],
    };
    const drawn: DrawnCoverage = { ...nothing, edited: [added], proposed: [added], storedAt: (lon, lat) => (Math.hypot((lon - stored.lon) * m.lon, (lat - stored.lat) * m.lat) < 20 ? stored : undefined), areas: area };
    expect(picker.pick(px(3, 300).x, px(3, 300).y, drawn, proj)).toEqual({ layerId: PROPOSED_POINTS_LAYER_ID, object: added });
    expect(picker.pick(px(0, 330).x, px(0, 330).y, drawn, proj)).toEqual({ layerId: EDITED_SECTOR_LAYER_ID, object: added });
    expect(picker.pick(px(0, 270).x, px(0, 270).y, drawn, proj)?.layerId).toBe(GRIDS_LAYER_ID); // behind the camera
    expect(picker.pick(px(505, 500).x, px(505, 500).y, drawn, proj)).toEqual({ layerId: SECTOR_LAYER_ID, object: stored });
    expect(picker.pick(px(1500, 0).x, px(1500, 0).y, drawn, proj)).toBeNull(); // outside every area
    expect(picker.editedOrProposedAt(px(0, 340).x, px(0, 340).y, drawn, proj)).toBe(added);
    expect(picker.editedOrProposedAt(px(30, 300).x, px(30, 300).y, drawn, proj)).toBeUndefined(); // 30 m east, outside the 90° view
  });

  it('finds the same camera dot as brute force over every camera', () => {
    let s = 7;
    const r = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    const cams = Array.from({ length: 3000 }, (_, i) => cam(`C${i}`, r() * 2000 - 1000, r() * 2000 - 1000));
    const drawn: DrawnCoverage = { ...nothing, cameraDots: cams };
    let found = 0;
    for (let k = 0; k < 2000; k++) {
      const x = r() * 2000 - 500, y = r() * 2000 - 500;
      const expected = nearestDot(cams, { x, y }, (c) => [c.lon, c.lat], 6, proj);
      const got = picker.pick(x, y, drawn, proj);
      expect(got?.object).toBe(expected);
      if (expected) found++;
    }
    expect(found).toBeGreaterThan(50); // the cases are not all misses
  });
});

// Sector geometry against hand-computed cases, road sampling, border crossings and the ledger on small
// fixtures whose answers are worked out by hand in the comments.
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { borderCrossings } from '../../shared/geo/border-crossings.js';
import { prepareSector, sectorContains, sectorPolygon, type CameraView } from '../../shared/geo/camera-sector.js';
import { applyCamera, countCoverage, PointIndex } from '../../shared/geo/coverage-count.js';
import { computeLedger } from '../../shared/geo/coverage-ledger.js';
import { buildCoverageWorld } from '../../shared/geo/coverage-world.js';
import { metersPerDegree, offsetMeters, type LonLat } from '../../shared/geo/geo.js';
import { sampleRoads, sliceLine } from '../../shared/geo/road-sampling.js';

const O: LonLat = [122.8, 44.8];
const m = metersPerDegree(O[1]);
/** a point dx metres east, dy metres north of O */
const at = (dx: number, dy: number): LonLat => [O[0] + dx / m.lon, O[1] + dy / m.lat];
const cam = (bearing: number, fov: number, rangeM = 50): CameraView => ({ lon: O[0], lat: O[1], bearing, fov, rangeM });
const sees = (c: CameraView, p: LonLat) => sectorContains(prepareSector(c), p[0], p[1]);

describe('camera sector: hand-computed cases', () => {
  it('bearing 0 (north), 60° wide: ±30° around north inside, east and south outside', () => {
    const c = cam(0, 60);
    expect(sees(c, at(0, 40))).toBe(true); // straight ahead
    expect(sees(c, at(40 * Math.sin((29 * Math.PI) / 180), 40 * Math.cos((29 * Math.PI) / 180)))).toBe(true); // 29° east of north
    expect(sees(c, at(-40 * Math.sin((29 * Math.PI) / 180), 40 * Math.cos((29 * Math.PI) / 180)))).toBe(true); // 29° west
    expect(sees(c, at(40 * Math.sin((31 * Math.PI) / 180), 40 * Math.cos((31 * Math.PI) / 180)))).toBe(false); // 31°
    expect(sees(c, at(40, 0))).toBe(false); // due east
    expect(sees(c, at(0, -40))).toBe(false); // behind
    expect(sees(c, at(0, 51))).toBe(false); // beyond range
    expect(sees(c, O)).toBe(true); // the camera's own spot
  });

  it('bearing 90 (east), 90° wide: north-east and south-east edges at 45°', () => {
    const c = cam(90, 90);
    expect(sees(c, at(30, 0))).toBe(true);
    expect(sees(c, at(30, 29))).toBe(true); // 46° from north: inside
    expect(sees(c, at(30, 31))).toBe(false); // 44° from north: outside
    expect(sees(c, at(30, -29))).toBe(true);
    expect(sees(c, at(-30, 0))).toBe(false);
  });

  it('bearing 350, 40° wide spans north: 335°…5° inside (wrap-around)', () => {
    const c = cam(350, 40);
    const dir = (deg: number, r = 30) => at(r * Math.sin((deg * Math.PI) / 180), r * Math.cos((deg * Math.PI) / 180));
    for (const d of [332, 340, 350, 0, 8]) expect(sees(c, dir(d)), `${d}°`).toBe(true);
    for (const d of [328, 12, 90, 180, 270]) expect(sees(c, dir(d)), `${d}°`).toBe(false);
  });

  it('fov 360 sees all around within range; fov > 180 excludes only the back wedge', () => {
    const dome = cam(123, 360, 20);
    for (const d of [0, 90, 180, 270, 45]) expect(sees(dome, at(15 * Math.sin((d * Math.PI) / 180), 15 * Math.cos((d * Math.PI) / 180)))).toBe(true);
    expect(sees(dome, at(0, 21))).toBe(false);
    const wide = cam(0, 270, 20); // blind wedge: 135°…225°
    expect(sees(wide, at(15, 0))).toBe(true); // east
    expect(sees(wide, at(10.5, -10))).toBe(true); // 133.6°, just inside the edge at 135°
    expect(sees(wide, at(5, -15))).toBe(false); // ~162°
    expect(sees(wide, at(0, -15))).toBe(false); // south
  });

  it('polygon: apex, arc at range and the right compass directions; the bbox holds the arc', () => {
    const ring = sectorPolygon(cam(90, 60, 100), 10);
    expect(ring[0]).toEqual([O[0], O[1]]);
    expect(ring[ring.length - 1]).toEqual([O[0], O[1]]);
    const arc = ring.slice(1, -1);
    expect(arc.length).toBe(7); // 60° in 10° steps: 7 points
    for (const p of arc) expect(Math.hypot((p[0] - O[0]) * m.lon, (p[1] - O[1]) * m.lat)).toBeCloseTo(100, 6);
    const mid = arc[3]; // due east
    expect((mid[0] - O[0]) * m.lon).toBeCloseTo(100, 6);
    expect((mid[1] - O[1]) * m.lat).toBeCloseTo(0, 6);
    const s = prepareSector(cam(350, 40, 100)); // spans north: bbox must reach 100 m north
    expect((s.bbox[3] - O[1]) * m.lat).toBeCloseTo(100, 6);
    const full = sectorPolygon(cam(0, 360, 10), 30);
    expect(full[0]).toEqual(full[full.length - 1]);
    expect(full.length).toBe(13);
  });
});

describe('road sampling', () => {
  it('cuts a 95 m road into ten pieces (nine of 10 m, one of 5 m) at their midpoints', () => {
    const line = [O, offsetMeters(O, 95, 90)];
    const s = sampleRoads([line], 10);
    expect(s.lon.length).toBe(10);
    expect(Array.from(s.lengthM).reduce((a, b) => a + b, 0)).toBeCloseTo(95, 3);
    expect(s.lengthM[9]).toBeCloseTo(5, 3);
    expect((s.lon[0] - O[0]) * m.lon).toBeCloseTo(5, 1);
    expect((s.lon[9] - O[0]) * m.lon).toBeCloseTo(92.5, 1);
  });

  it('follows bends and slices stretches back out of the line', () => {
    const line = [O, at(0, 50), at(50, 50)]; // north 50 m, then east 50 m
    const s = sampleRoads([line], 10);
    expect(s.lon.length).toBe(10);
    expect((s.lat[6] - O[1]) * m.lat).toBeCloseTo(50, 1); // piece 60–70 m is on the east leg
    expect((s.lon[6] - O[0]) * m.lon).toBeCloseTo(15, 1);
    const part = sliceLine(line, 40, 70);
    expect(part.length).toBe(3); // start at 40 m, the bend, end at 70 m
    expect((part[2][0] - O[0]) * m.lon).toBeCloseTo(20, 1);
  });
});

describe('border crossings', () => {
  it('finds where a road leaves a square county and where it comes back', () => {
    const square: Polygon = { type: 'Polygon', coordinates: [[at(-100, -100), at(100, -100), at(100, 100), at(-100, 100), at(-100, -100)]] };
    const road = [at(-50, 0), at(150, 0), at(150, 50), at(50, 50)]; // leaves east at x=100, comes back at (100, 50)
    const c = borderCrossings(square, [road, [at(-10, -10), at(10, 10)]]);
    expect(c.length).toBe(2);
    expect((c[0].lon - O[0]) * m.lon).toBeCloseTo(100, 3);
    expect(c[0].alongM).toBeCloseTo(150, 0);
    expect((c[1].lat - O[1]) * m.lat).toBeCloseTo(50, 3);
    expect(c[1].alongM).toBeCloseTo(200 + 50 + 50, 0);
  });
});

describe('coverage ledger on a hand-made fixture', () => {
  // Two grids side by side (west and east of O), one road 200 m west→east through both, three sites.
  const grid = (x0: number, x1: number): Polygon => ({ type: 'Polygon', coordinates: [[at(x0, -300), at(x1, -300), at(x1, 300), at(x0, 300), at(x0, -300)]] });
  const world = buildCoverageWorld({
    grids: [
      { code: '220822100201001', name: 'W', villageCode: '220822100201', villageName: 'VW', townshipCode: '220822100', townshipName: 'T1', geometry: grid(-300, 0) },
      { code: '220822101201001', name: 'E', villageCode: '220822101201', villageName: 'VE', townshipCode: '220822101', townshipName: 'T2', geometry: grid(0, 300) },
    ],
    sites: [
      { id: 1, kind: 'school', category: 'public_place', name: 'school', lon: at(-50, 20)[0], lat: at(-50, 20)[1], gridCode: null },
      { id: 2, kind: 'bank', category: 'public_place', name: 'bank', lon: at(50, 20)[0], lat: at(50, 20)[1], gridCode: null },
      { id: 3, kind: 'village_entrance', category: 'village_road', name: 'gate', lon: at(200, 0)[0], lat: at(200, 0)[1], gridCode: null },
    ],
    roads: [{ id: 7, name: 'R', roadClass: 'village', line: [at(-100, 0), at(100, 0)] }],
    outline: { type: 'Polygon', coordinates: [[at(-300, -300), at(300, -300), at(300, 300), at(-300, 300), at(-300, -300)]] },
  });
  // Camera A at (-100, 0) looking east, 60 m, 60°: sees road 0..60 m (six pieces) and the school? The school
  // is 50 m east and 20 m north: 21.8° off axis, 53.9 m away → inside. Camera B at (0, -10) looking north
  // 360° dome, 25 m: sees the road pieces whose midpoints lie within 25 m: x in ±22.9 → midpoints -15,-5,5,15
  // (four pieces, x=-25 excluded? midpoint -25 is 26.9 m away → outside). Camera C offline at the bank.
  const cameras = [
    { ...{ lon: at(-100, 0)[0], lat: at(-100, 0)[1] }, bearing: 90, fov: 60, rangeM: 60, online: true },
    { ...{ lon: at(0, -10)[0], lat: at(0, -10)[1] }, bearing: 0, fov: 360, rangeM: 25, online: true },
    { ...{ lon: at(50, 15)[0], lat: at(50, 15)[1] }, bearing: 0, fov: 90, rangeM: 30, online: false },
  ];
  const counts = countCoverage(world.points, cameras);

  it('counts sites, road metres and units as worked out by hand', () => {
    const l = computeLedger(world, counts, { level: 'township', gaps: true });
    const pp = l.categories.find((c) => c.category === 'public_place')!;
    expect([pp.sites, pp.covered, pp.shortfall]).toEqual([2, 1, 1]); // school yes, bank only offline camera
    const vr = l.categories.find((c) => c.category === 'village_road')!;
    expect([vr.sites, vr.covered, vr.targetPct, vr.shortfall]).toEqual([1, 0, 90, 1]);
    const village = l.roads.find((r) => r.roadClass === 'village')!;
    expect(village.lengthM).toBeCloseTo(200, 1);
    expect(village.coveredM).toBeCloseTo(100, 1); // pieces at -95..-45 (six: 0–60 m) and -15..15 (four)
    expect(village.pct).toBeCloseTo(50, 1);
    expect(village.shortfallM).toBeCloseTo(80, 1); // 90 % of 200 m = 180 m, 100 m covered
    const [t1, t2] = l.units;
    expect([t1.code, t1.sites, t1.sitesCovered]).toEqual(['220822100', 1, 1]);
    expect(t1.roadM).toBeCloseTo(100, 1);
    expect(t1.roadCoveredM).toBeCloseTo(80, 1); // 60 m from A, 20 m from B (-20..0)
    expect([t2.code, t2.sites, t2.sitesCovered]).toEqual(['220822101', 2, 0]);
    expect(t2.roadCoveredM).toBeCloseTo(20, 1);
    // gaps: the stretch -40..-20 and 20..100 (cut where the grids meet at 0? no: 0..20 is covered) → two stretches
    expect(l.gaps!.roads.map((g) => Math.round(g.lengthM))).toEqual([20, 80]);
    expect(l.gaps!.sites.map((s) => s.name).sort()).toEqual(['bank', 'gate']);
  });

  it('double coverage: a school seen by one camera is not covered when its kind needs two', () => {
    const l = computeLedger(world, counts, { doubleKinds: new Set(['school']) });
    expect(l.categories.find((c) => c.category === 'public_place')!.covered).toBe(0);
  });

  it('a jurisdiction code keeps only its own units', () => {
    const l = computeLedger(world, counts, { code: '220822101', level: 'grid' });
    expect(l.units.map((u) => u.code)).toEqual(['220822101201001']);
    expect(l.roads.find((r) => r.roadClass === 'village')!.lengthM).toBeCloseTo(100, 1);
  });

  it('switching a camera on and off updates counts incrementally to the same result as a recount', () => {
    const c2 = Uint16Array.from(counts);
    applyCamera(c2, world.points, cameras[0], -1);
    applyCamera(c2, world.points, { ...cameras[2], online: true }, 1);
    const recount = countCoverage(world.points, [cameras[1], { ...cameras[2], online: true }]);
    expect(Array.from(c2)).toEqual(Array.from(recount));
    const l = computeLedger(world, c2, {});
    expect(l.categories.find((c) => c.category === 'public_place')!.covered).toBe(1); // bank now, school lost
  });

  it('point index finds exactly what a scan of every point finds', () => {
    const idx = new PointIndex(world.points.lon, world.points.lat);
    for (const c of cameras) {
      const s = prepareSector(c);
      const scan = Array.from(world.points.lon, (_, i) => i).filter((i) => sectorContains(s, world.points.lon[i], world.points.lat[i]));
      expect(idx.pointsIn(s).sort((a, b) => a - b)).toEqual(scan);
    }
  });
});

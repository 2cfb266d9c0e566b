// Border zones on a hand-made county (a shared border split correctly between two neighbours, also when the
// ring starts mid-stretch), zone membership, crossings and camera status; corridor key points; isochrones on a
// straight road with hand-computed times; GPX content.
import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { BorderZoneLocator, borderCrossings, splitBorder, watchStatus, zonePolygon } from '../../server/analysis/border-zones.js';
import { railCrossings, withinCorridor } from '../../server/analysis/corridors.js';
import { haversineMeters, offsetMeters, type LonLat } from '../../shared/geo/geo.js';
import { toGpx } from '../../server/analysis/gpx.js';
import { cellSeconds, isochroneBands, reachShares, snapCells, stationReach } from '../../server/analysis/isochrones.js';
import { pointInGeometry } from '../../shared/geo/point-in-polygon.js';
import { buildRoadGraph } from '../../server/analysis/road-graph.js';

const X = 123, Y = 44;
const p = (dx: number, dy: number): number[] => [X + dx, Y + dy];
// County: a 0.2° square with a vertex in the middle of every side.
const countyRing = [p(0, 0), p(0.1, 0), p(0.2, 0), p(0.2, 0.1), p(0.2, 0.2), p(0.1, 0.2), p(0, 0.2), p(0, 0.1), p(0, 0)];
const county: Polygon = { type: 'Polygon', coordinates: [countyRing] };
// West neighbour A shares the west side; B is an L around the south and east sides. (0,0) is a tri-point.
const A: Polygon = { type: 'Polygon', coordinates: [[p(-0.1, 0), p(0, 0), p(0, 0.1), p(0, 0.2), p(-0.1, 0.2), p(-0.1, 0)]] };
const B: Polygon = { type: 'Polygon', coordinates: [[p(0, 0), p(0, -0.1), p(0.3, -0.1), p(0.3, 0.2), p(0.2, 0.2), p(0.2, 0.1), p(0.2, 0), p(0.1, 0), p(0, 0)]] };
const neighbours = [{ code: 'A', name: '甲县', geometry: A }, { code: 'B', name: '乙旗', geometry: B }];
const len = (pts: number[][]) => pts.slice(1).reduce((s, q, i) => s + haversineMeters(pts[i] as LonLat, q as LonLat), 0);

describe('splitBorder', () => {
  it('gives each neighbour exactly its shared stretch, the rest unshared', () => {
    const { stretches, unsharedM } = splitBorder(county, neighbours);
    expect(stretches.map((s) => s.lines.length)).toEqual([1, 1]);
    const [a, b] = stretches;
    expect(a.lines[0].map((q) => [+(q[0] - X).toFixed(6), +(q[1] - Y).toFixed(6)])).toEqual([[0, 0.2], [0, 0.1], [0, 0]]);
    expect(b.lines[0].map((q) => [+(q[0] - X).toFixed(6), +(q[1] - Y).toFixed(6)])).toEqual([[0, 0], [0.1, 0], [0.2, 0], [0.2, 0.1], [0.2, 0.2]]);
    expect(a.lengthM).toBeCloseTo(len([p(0, 0), p(0, 0.2)]), 1);
    expect(b.lengthM).toBeCloseTo(len([p(0, 0), p(0.2, 0)]) + len([p(0.2, 0), p(0.2, 0.2)]), 1);
    expect(unsharedM).toBeCloseTo(len([p(0.2, 0.2), p(0, 0.2)]), 1);
  });

  it('keeps a stretch whole when the ring starts in its middle, and works in either winding', () => {
    const rotated = [...countyRing.slice(3, 8), ...countyRing.slice(0, 4)]; // starts at (0.2,0.1), inside B's stretch
    for (const ring of [rotated, [...rotated].reverse()]) {
      const { stretches } = splitBorder({ type: 'Polygon', coordinates: [ring] }, neighbours);
      expect(stretches[1].lines.length).toBe(1);
      expect(stretches[1].lines[0].length).toBe(5);
      expect(stretches[0].lines[0].length).toBe(3);
    }
  });

  it('locates zone members by distance, finds road crossings and camera status', () => {
    const { stretches } = splitBorder(county, neighbours);
    const zones = new BorderZoneLocator(stretches, 2000);
    const inside = (q: LonLat) => pointInGeometry(q[0], q[1], county);
    const nearWest = offsetMeters(p(0, 0.1) as LonLat, 1500, 90);
    const nearEast = offsetMeters(p(0.2, 0.15) as LonLat, 1900, 270);
    const centre = p(0.1, 0.1) as LonLat;
    const nearNorth = offsetMeters(p(0.1, 0.2) as LonLat, 500, 180);
    expect(zones.locate(nearWest)).toBe(0);
    expect(zones.locate(nearEast)).toBe(1);
    expect(zones.locate(centre)).toBeUndefined();
    expect(zones.locate(nearNorth)).toBeUndefined(); // north side is shared with nobody
    expect([nearWest, nearEast].every(inside)).toBe(true);

    const zone = zonePolygon(stretches[0], county, 2000)!;
    expect(pointInGeometry(nearWest[0], nearWest[1], zone.geometry)).toBe(true);
    expect(pointInGeometry(centre[0], centre[1], zone.geometry)).toBe(false);

    const road = { id: 7, name: '东出口路', roadClass: 'provincial', line: [p(0.15, 0.05), p(0.25, 0.05)] as LonLat[] };
    const crossings = borderCrossings(stretches, [road, { id: 8, name: '内部路', roadClass: 'village', line: [p(0.05, 0.05), p(0.15, 0.15)] as LonLat[] }]);
    expect(crossings.length).toBe(1);
    expect(crossings[0]).toMatchObject({ stretch: 1, roadId: 7 });
    expect(crossings[0].lon).toBeCloseTo(X + 0.2, 9);
    expect(crossings[0].lat).toBeCloseTo(Y + 0.05, 9);

    const c = [crossings[0].lon, crossings[0].lat] as LonLat;
    const q = (m: number, b: number) => offsetMeters(c, m, b);
    const cams = [
      { id: 'soc', kind: 'social', status: 'online', lon: q(10, 0)[0], lat: q(10, 0)[1] },
      { id: 'off', kind: 'public', status: 'offline', lon: q(80, 90)[0], lat: q(80, 90)[1] },
      { id: 'far', kind: 'checkpoint', status: 'online', lon: q(150, 180)[0], lat: q(150, 180)[1] },
    ];
    expect(watchStatus([c], cams, 100)[0]).toMatchObject({ status: 'offline', cameraId: 'off' });
    expect(watchStatus([c], cams, 200)[0]).toMatchObject({ status: 'online', cameraId: 'far' });
    const none = watchStatus([c], cams.slice(0, 1).concat(cams.slice(2)), 100)[0];
    expect(none.status).toBe('none');
    expect(none.nearestM).toBeCloseTo(150, 0);
  });
});

describe('corridors', () => {
  it('classifies railway crossings: bridges with national/provincial roads, level crossings with lesser roads', () => {
    const rail = { id: 1, name: '平齐铁路', roadClass: 'railway', line: [p(0, 0.1), p(0.2, 0.1)] as LonLat[] };
    const roads = [
      rail,
      { id: 2, name: '国道', roadClass: 'national', line: [p(0.05, 0), p(0.05, 0.2)] as LonLat[] },
      { id: 3, name: '村道', roadClass: 'village', line: [p(0.15, 0), p(0.15, 0.2)] as LonLat[] },
      { id: 4, name: '平行路', roadClass: 'county', line: [p(0, 0.11), p(0.2, 0.11)] as LonLat[] },
    ];
    const kp = railCrossings(rail, roads);
    expect(kp.map((k) => [k.kind, k.name])).toEqual([['bridge', '国道'], ['level_crossing', '村道']]);
    expect(kp[1].lon).toBeCloseTo(X + 0.15, 9);
    // Seen from the national road, the same crossing is a bridge over the railway.
    expect(railCrossings(roads[1], roads).map((k) => k.kind)).toEqual(['bridge']);
    const pts: LonLat[] = [offsetMeters(p(0.1, 0.1) as LonLat, 400, 0), offsetMeters(p(0.1, 0.1) as LonLat, 600, 0), p(0.3, 0.1) as LonLat];
    expect(withinCorridor(rail.line, pts, 500)).toEqual([0]);
  });
});

describe('isochrones', () => {
  // One east–west street at 36 km/h (10 m/s) through the middle of the county square, a vertex every 0.005° (≈ 400 m).
  const road = { id: 1, name: '主路', roadClass: 'street', line: Array.from({ length: 61 }, (_, i) => p(-0.05 + i * 0.005, 0.1)) as LonLat[] };
  const graph = buildRoadGraph([road], { speedKmh: { street: 36 } });
  const station = p(0, 0.1) as LonLat;
  const along = (m: number) => offsetMeters(station, m, 90);

  it('reach times along the road are distance / speed, plus the slow leg off the road', () => {
    const reach = stationReach(graph, [station], { maxSeconds: 3600 });
    const node = graph.nearest(along(5000))!;
    // The nearest vertex may be the line's end or a snapped point: time equals its distance from the station at 10 m/s.
    expect(reach.best[node.node]).toBeCloseTo(haversineMeters(station, [graph.lon[node.node], graph.lat[node.node]]) / 10, 0);
    const grid = snapCells(graph, county, 9);
    const secs = cellSeconds(grid, reach.best);
    const bands = isochroneBands(grid, secs, [5, 10, 30]);
    expect(bands.map((b) => b.minutes)).toEqual([5, 10, 30]);
    expect(bands[0].cells).toBeLessThanOrEqual(bands[1].cells);
    expect(bands[1].cells).toBeLessThanOrEqual(bands[2].cells);
    expect(bands.reduce((s, b) => s + b.ring.length, 0)).toBe(bands[2].cells);
    // Points on the road: 2 km (≈ 200 s) within 5 min; 4 km (≈ 400 s) within 10 but not 5; 9 km (≈ 900 s) only within 30;
    // a point 5 km off the road is too far from any node to count (maxAccessM 3000).
    const shares = reachShares(grid, secs, [along(2000), along(4000), along(9000), offsetMeters(along(3000), 5000, 0)], [5, 10, 30]);
    expect(shares.map((s) => s.reached)).toEqual([1, 2, 3]);
    expect(shares[2].share).toBe(0.75);
  });
});

describe('toGpx', () => {
  it('writes waypoints before tracks, escapes names and keeps every point', () => {
    const gpx = toGpx([{ name: 'A&B <1组>', points: [[123.1, 44.1], [123.2, 44.2], [123.3, 44.25]], stops: [{ name: '1-1 "20:15"', lon: 123.2, lat: 44.2 }] }], { name: '巡逻' });
    expect(gpx.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(gpx).toContain('<name>A&amp;B &lt;1组&gt;</name>');
    expect(gpx).toContain('<name>1-1 &quot;20:15&quot;</name>');
    expect(gpx.match(/<trkpt /g)!.length).toBe(3);
    expect(gpx.indexOf('<wpt')).toBeLessThan(gpx.indexOf('<trk>'));
    expect(gpx).toContain('<trkpt lat="44.250000" lon="123.300000"/>');
  });
});

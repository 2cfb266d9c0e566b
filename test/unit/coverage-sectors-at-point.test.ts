// SectorIndex (the map's CPU picking of camera sectors) against brute force: every sector tested against
// every point, on random cameras (all bearings, narrow to 360° views) and points around them, plus a
// hand case at a sector's edge.
import { describe, expect, it } from 'vitest';
import { prepareSector, sectorContains, type CameraView } from '../../shared/geo/camera-sector.js';
import { SectorIndex } from '../../shared/geo/sectors-at-point.js';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe('SectorIndex', () => {
  it('finds exactly the sectors brute force finds, smallest range first', () => {
    const r = rng(42);
    const cams: CameraView[] = Array.from({ length: 400 }, () => ({ lon: 123.08 + r() * 0.02, lat: 44.80 + r() * 0.02, bearing: r() * 720 - 180, fov: r() < 0.1 ? 360 : 10 + r() * 170, rangeM: 10 + r() * 150 }));
    const index = new SectorIndex(cams);
    const prepared = cams.map(prepareSector);
    let hits = 0;
    for (let k = 0; k < 3000; k++) {
      const lon = 123.078 + r() * 0.024, lat = 44.798 + r() * 0.024;
      const brute = prepared.map((s, i) => (sectorContains(s, lon, lat) ? i : -1)).filter((i) => i >= 0);
      const got = index.at(lon, lat);
      expect([...got].sort((a, b) => a - b)).toEqual(brute);
      for (let j = 1; j < got.length; j++) expect(cams[got[j - 1]].rangeM).toBeLessThanOrEqual(cams[got[j]].rangeM);
      hits += got.length;
    }
    expect(hits).toBeGreaterThan(100); // the points did land in sectors
  });

  it('hand case: a camera looking east with a 90° view and 100 m range', () => {
    const index = new SectorIndex([{ lon: 123, lat: 45, bearing: 90, fov: 90, rangeM: 100 }]);
    const east = 1 / (111320 * Math.cos((45 * Math.PI) / 180)); // degrees of longitude per metre at 45°N
    expect(index.at(123 + 50 * east, 45)).toEqual([0]); // 50 m east, on the axis
    expect(index.at(123 + 120 * east, 45)).toEqual([]); // beyond the range
    expect(index.at(123 - 50 * east, 45)).toEqual([]); // behind the camera
    expect(index.at(123, 45 + 50 / 111320)).toEqual([]); // 50 m north: 90° off the axis, outside a 90° view
    expect(new SectorIndex([]).at(123, 45)).toEqual([]);
  });
});

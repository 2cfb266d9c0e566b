// Response rings without roads (a county that has imported stations but no roads): each H3 cell's time is its
// centre's great-circle distance × 1.4 at 30 km/h — checked against a hand computation: 1 km takes
// 1000 × 1.4 / (30 / 3.6) = 168 s.
import { cellToLatLng, latLngToCell, gridDisk } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { straightLineCellSeconds } from '../../server/analysis/isochrones.js';
import { haversineMeters } from '../../shared/geo/geo.js';

describe('straightLineCellSeconds', () => {
  it('is distance × 1.4 at 30 km/h, zero-ish at the station', () => {
    const station: [number, number] = [123.8, 42.2];
    const cells = gridDisk(latLngToCell(station[1], station[0], 8), 5);
    const s = straightLineCellSeconds({ cells }, station);
    cells.forEach((c, i) => {
      const [lat, lon] = cellToLatLng(c);
      expect(s[i]).toBeCloseTo((haversineMeters(station, [lon, lat]) * 1.4) / (30 / 3.6), 6);
    });
    expect(Math.min(...s)).toBeLessThan(60);
    expect(straightLineCellSeconds({ cells: [latLngToCell(42.2, 123.8 + 1000 / 82_500, 15)] }, station)[0]).toBeCloseTo(168, -1); // ~1 km east at 42°N
  });
});

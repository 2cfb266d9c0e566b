// Route-stop clustering (client/layers/stop-clusters.ts): at any zoom no two markers overlap on screen, every stop
// is in exactly one marker, a marker's position is its stops' mean, and the labels say which stops it holds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLUSTER_RADIUS_PX, clusterLabel, clusterStops, mercatorPx, STOP_RADIUS_PX } from '../../client/layers/stop-clusters.js';

const stop = (unit: number, order: number, lon: number, lat: number) => ({ unit, order, lon, lat });

describe('route stops clustered per zoom', () => {
  it('labels: one stop, a consecutive run of one unit, scattered ones, mixed units', () => {
    expect(clusterLabel([stop(1, 4, 0, 0)])).toBe('4');
    expect(clusterLabel([stop(1, 5, 0, 0), stop(1, 3, 0, 0), stop(1, 4, 0, 0)])).toBe('3–5');
    expect(clusterLabel([stop(1, 2, 0, 0), stop(1, 7, 0, 0)])).toBe('2,7');
    expect(clusterLabel([stop(1, 2, 0, 0), stop(1, 7, 0, 0), stop(1, 9, 0, 0), stop(1, 11, 0, 0)])).toBe('4站');
    expect(clusterLabel([stop(1, 2, 0, 0), stop(2, 2, 0, 0)])).toBe('2站');
  });

  it('merges stops that overlap at a zoom and separates them at a closer zoom (hand-made: 3 stops 100 m apart in the seat)', () => {
    // 开通镇 around 44.81° N; 100 m east steps
    const dLon = 100 / (111_320 * Math.cos((44.81 * Math.PI) / 180));
    const stops = [stop(1, 3, 123.08, 44.81), stop(1, 4, 123.08 + dLon, 44.81), stop(1, 5, 123.08 + 2 * dLon, 44.81), stop(2, 1, 123.3, 44.9)];
    const far = clusterStops(stops, 9); // ~200 m/px: the three are one marker
    expect(far.map((m) => m.label)).toEqual(['3–5', '1']);
    expect(far[0].radiusPx).toBe(CLUSTER_RADIUS_PX);
    expect(far[0].lon).toBeCloseTo(123.08 + dLon, 6);
    const near = clusterStops(stops, 16); // ~1.6 m/px: every stop its own marker
    expect(near.map((m) => m.label)).toEqual(['3', '4', '5', '1']);
    expect(near.every((m) => m.radiusPx === STOP_RADIUS_PX)).toBe(true);
  });

  it('property: every stop in one marker, no two markers overlap at the zoom', () => {
    const arb = fc.record({
      zoom: fc.double({ min: 8, max: 16, noNaN: true }),
      stops: fc.array(fc.record({ unit: fc.integer({ min: 1, max: 4 }), lon: fc.double({ min: 122.9, max: 123.2, noNaN: true }), lat: fc.double({ min: 44.7, max: 44.9, noNaN: true }) }), { maxLength: 40 }),
    });
    fc.assert(fc.property(arb, ({ zoom, stops }) => {
      const input = stops.map((s, i) => ({ ...s, order: i + 1 }));
      const markers = clusterStops(input, zoom);
      const seen = markers.flatMap((m) => m.stops.map((s) => s.order)).sort((a, b) => a - b);
      expect(seen).toEqual(input.map((s) => s.order));
      const px = markers.map((m) => mercatorPx(m.lon, m.lat, zoom));
      for (let i = 0; i < markers.length; i++)
        for (let j = i + 1; j < markers.length; j++)
          expect(Math.hypot(px[i][0] - px[j][0], px[i][1] - px[j][1])).toBeGreaterThanOrEqual(markers[i].radiusPx + markers[j].radiusPx - 1e-6);
      for (const m of markers) {
        if (m.stops.length === 1) continue;
        const mean = m.stops.map((s) => mercatorPx(s.lon, s.lat, zoom)).reduce((a, p) => [a[0] + p[0] / m.stops.length, a[1] + p[1] / m.stops.length], [0, 0]);
        const at = mercatorPx(m.lon, m.lat, zoom);
        expect(Math.hypot(at[0] - mean[0], at[1] - mean[1])).toBeLessThan(1e-3);
      }
    }), { numRuns: 200 });
  });
});

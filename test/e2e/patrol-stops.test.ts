// Route stops in the county seat no longer pile up and print over place names (issue 16 item 9), in a real browser
// at 1366 × 768: after planning three units' routes from the first station, at county, town and street zoom around
// the station, (1) no two stop markers overlap on screen (stops that would are one marker "3–5"), and (2) no
// basemap label MapLibre placed meets a marker or the station (queryRenderedFeatures returns the symbols whose
// placed collision boxes meet the box queried: the labels gave way, client/map/label-space.ts). Screenshots in
// test-results/patrol-stops-z*.png to look at.
import { mkdirSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { LAPTOP, useDashboard } from '../support/dashboard-session.js';

const { session, page } = useDashboard({ viewport: LAPTOP });
beforeAll(async () => {
  mkdirSync('test-results', { recursive: true });
}, 180_000);

/** The drawn stop markers (deck layer data) and the station, in screen pixels, with what the basemap labels do there. */
const markersOnScreen = () => page.evaluate(() => {
  const p = window.__pingan!;
  const deck = (p.overlay as unknown as { _deck: { props: { layers: { id: string; props: { data: unknown[]; visible: boolean } }[] } } })._deck;
  const stops = deck.props.layers.find((l) => l.id === 'patrol-stops')!.props.data as { lon: number; lat: number; radiusPx: number; label: string; stops: unknown[] }[];
  const station = deck.props.layers.find((l) => l.id === 'patrol-station')!.props.data as { lon: number; lat: number }[];
  const labelLayers = ['township-labels', 'settlement-labels', 'road-labels', 'neighbour-labels'].filter((id) => p.map.getLayer(id));
  const { width, height } = p.map.getCanvas().getBoundingClientRect();
  const all = [...stops.map((s) => ({ ...s, r: s.radiusPx })), ...station.map((s) => ({ ...s, r: 11, label: '站', stops: [] }))];
  return all.map((m) => {
    const { x, y } = p.map.project([m.lon, m.lat]);
    const onScreen = x > m.r && y > m.r && x < width - m.r && y < height - m.r;
    const under = onScreen ? p.map.queryRenderedFeatures([[x - m.r, y - m.r], [x + m.r, y + m.r]], { layers: labelLayers }).map((f) => String(f.properties?.name)) : [];
    return { x, y, r: m.r, label: m.label, n: m.stops.length, onScreen, under };
  });
});

describe('patrol stops and place names at 1366 × 768', () => {
  it('stop markers never overlap each other, and the place labels give way to them', async () => {
    await session.openTab('patrol');
    await page.waitForSelector('#patrol-station option', { state: 'attached' });
    await page.fill('#patrol-units', '3');
    await page.click('#patrol-plan-go');
    await page.waitForSelector('#patrol-plan', { timeout: 120_000 });
    await session.settled();
    const station = await page.evaluate(() => {
      const deck = (window.__pingan!.overlay as unknown as { _deck: { props: { layers: { id: string; props: { data: { lon: number; lat: number }[] } }[] } } })._deck;
      return deck.props.layers.find((l) => l.id === 'patrol-station')!.props.data[0];
    });
    let clustered = 0, separate = 0;
    for (const zoom of [10, 12, 14]) {
      await page.evaluate(([lon, lat, z]) => window.__pingan!.map.jumpTo({ center: [lon, lat], zoom: z }), [station.lon, station.lat, zoom] as const);
      await session.settled();
      await page.waitForTimeout(700); // MapLibre's label placement fades in over 300 ms
      writeFileSync(`test-results/patrol-stops-z${zoom}.png`, await page.screenshot());
      const markers = (await markersOnScreen()).filter((m) => m.onScreen);
      expect(markers.length, `zoom ${zoom}`).toBeGreaterThan(1);
      for (let i = 0; i < markers.length; i++)
        for (let j = i + 1; j < markers.length; j++) {
          const [a, b] = [markers[i], markers[j]];
          if (a.label === '站' || b.label === '站') continue; // the station sits under its own first and last stop
          expect(Math.hypot(a.x - b.x, a.y - b.y), `zoom ${zoom}: ${a.label} / ${b.label}`).toBeGreaterThanOrEqual(a.r + b.r - 0.5);
        }
      for (const m of markers) expect(m.under, `zoom ${zoom}: labels under marker ${m.label}`).toEqual([]);
      clustered += markers.filter((m) => m.n > 1).length;
      separate += markers.filter((m) => m.n === 1).length;
    }
    expect(clustered).toBeGreaterThan(0); // the county-zoom view does cluster
    expect(separate).toBeGreaterThan(0);
    expect(session.pageErrors).toEqual([]);
  }, 400_000);
});

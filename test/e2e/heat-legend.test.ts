// The heat legend says what it means and does not depend on the window: the same data fitted into a
// 1366 × 768 and a 1920 × 1080 window gives the same heat cells (fixed in metres per zoom band) and so the
// same legend maximum, which equals the API's for that band; the legend names the cell's size on the ground;
// drilled into a village it never shows "低 1 高 1".
import { describe, expect, it } from 'vitest';
import { heatZoomFor } from '../../client/layers/heat-layer.js';
import { LAPTOP, useDashboard } from '../support/dashboard-session.js';

const { session, page } = useDashboard({ viewport: LAPTOP });

const legendHeat = async () => ({
  max: Number(await page.locator('#legend-heat .legend-max').getAttribute('data-value')),
  text: await page.locator('#legend-heat').innerText(),
  zoom: await page.evaluate(() => window.__pingan!.map.getZoom()),
});

describe('heat legend', () => {
  it('has the same maximum at 1366 × 768 and 1920 × 1080, equal to the API’s for the zoom band, and names the cell size', async () => {
    const small = await legendHeat();
    await page.setViewportSize({ width: 1920, height: 1080 });
    // The bare address, not a reload: the address now holds the view (shareable links) and would restore the zoom.
    await page.goto(new URL('/', page.url()).href);
    await session.settled();
    const fitted = await legendHeat();
    expect(fitted.zoom, 'the county is fitted at another zoom in a larger window').not.toBeCloseTo(small.zoom, 1);
    // The fit into the larger window may fall into another zoom band (the map fits the county into the area the
    // panels leave free, client/map/free-area.ts), whose cells are of another size: the legend names it. At the
    // small window's zoom, the larger window (twice the pixels, more of the map in view) gives the same cells.
    await page.evaluate((z) => { const m = window.__pingan!.map; m.jumpTo({ center: m.getCenter(), zoom: z }); }, small.zoom);
    await session.settled();
    const large = await legendHeat();
    expect(heatZoomFor(large.zoom)).toBe(heatZoomFor(small.zoom));
    expect(large.max).toBe(small.max);
    const f = await page.evaluate(() => window.__pingan!.state.filter);
    const api = (await (await session.request(`/api/incidents/heat?${new URLSearchParams({ zoom: String(heatZoomFor(large.zoom)), from: f.from, to: f.to, code: f.code })}`)).json()) as { max: number };
    expect(large.max).toBe(api.max);
    expect(large.text).toContain('热力格');
    expect(large.text).toMatch(/约 [\d.]+ × [\d.]+ (公里|米)/);
    expect(large.text).toMatch(/高 [\d,]+ 起/);
  }, 240_000);

  it('after drilling into a village never reads "低 1 高 1"', async () => {
    const f = await page.evaluate(() => window.__pingan!.state.filter);
    const counts = (await (await session.request(`/api/areas/counts?${new URLSearchParams({ level: 'village', from: f.from, to: f.to })}`)).json()) as { counts: Record<string, number> };
    // The quietest villages are where every heat cell holds one incident.
    const quiet = Object.entries(counts.counts).filter(([, n]) => n > 0).sort((a, b) => a[1] - b[1]).slice(0, 3);
    let single = 0;
    for (const [code] of quiet) {
      await page.evaluate((c) => window.__pingan!.setFilter({ code: c }), code);
      await session.settled();
      if (!(await page.locator('#legend-heat').count())) continue;
      const text = await page.locator('#legend-heat').innerText();
      const [lo, hi] = [await page.locator('#legend-heat .legend-min').count(), Number(await page.locator('#legend-heat .legend-max').getAttribute('data-value'))];
      if (lo) expect(Number(await page.locator('#legend-heat .legend-min').getAttribute('data-value')), text).toBeLessThan(hi);
      expect(text).not.toMatch(/低 (\d+) 起\s*高 \1 起/);
      if (!lo) single++, expect(text).toMatch(/每个热力格 \d+ 起/);
    }
    expect(single, 'a quiet village where every cell holds the same count').toBeGreaterThan(0);
  }, 240_000);
});

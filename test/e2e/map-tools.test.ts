// The map tools in a real browser at 1366 × 768, signed in through the login page: measuring a distance and an
// area (figures checked against the haversine sum and a local-plane area of the same clicked points), the layer
// list (switch, opacity, order reach deck.gl's layers), and the shareable link: the URL holds tab, filters, layers
// and view, and opening it in a new page restores them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LAPTOP, useDashboard } from '../support/dashboard-session.js';

const { session, page } = useDashboard({ viewport: LAPTOP });

const rad = (d: number) => (d * Math.PI) / 180;
const haversine = (a: number[], b: number[]) => {
  const h = Math.sin(rad(b[1] - a[1]) / 2) ** 2 + Math.cos(rad(a[1])) * Math.cos(rad(b[1])) * Math.sin(rad(b[0] - a[0]) / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.sqrt(h));
};
/** Shoelace area on a local equirectangular plane: within a fraction of a percent for a few kilometres. */
const planeArea = (pts: number[][]) => {
  const lat0 = rad(pts[0][1]), m = 6371008.8 * Math.PI / 180;
  const xy = pts.map(([lon, lat]) => [lon * m * Math.cos(lat0), lat * m]);
  let s = 0;
  for (let i = 0; i < xy.length; i++) { const [x1, y1] = xy[i], [x2, y2] = xy[(i + 1) % xy.length]; s += x1 * y2 - x2 * y1; }
  return Math.abs(s) / 2;
};
/** Map-canvas pixels → lon/lat, as the map itself reads them. */
const unproject = (pts: number[][]) => page.evaluate((p) => p.map(([x, y]) => window.__pingan!.map.unproject([x, y]).toArray()), pts);
const mapBox = async () => (await page.locator('#map').boundingBox())!;

describe('map tools', () => {
  it('measures a distance in 公里 and an area in 平方公里 and 亩, geodesic', async () => {
    // zoom in on the county seat so the clicks are a few kilometres apart, away from the badges and panels
    await page.evaluate(() => window.__pingan!.map.jumpTo({ center: [123.08, 44.82], zoom: 12 }));
    await session.settled();
    const box = await mapBox();
    const clicks = [[380, 260], [620, 300], [560, 420]];
    await page.click('#tool-measure-distance');
    expect(await page.getAttribute('#tool-measure-distance', 'aria-pressed')).toBe('true');
    for (const [x, y] of clicks.slice(0, 2)) await page.mouse.click(box.x + x, box.y + y), await page.waitForTimeout(250);
    await page.keyboard.press('Enter');
    const [a, b] = await unproject(clicks.slice(0, 2));
    const metres = Number(await page.getAttribute('#measure-value', 'data-metres'));
    expect(metres / haversine(a, b)).toBeCloseTo(1, 3);
    expect(await page.innerText('#measure-value')).toMatch(/^距离 [\d.,]+ (公里|米)$/);
    expect(await page.evaluate(() => window.__pingan!.state.filter.code), 'clicks while measuring do not drill in').toBe('220822');

    await page.click('#tool-measure-area');
    for (const [x, y] of clicks) await page.mouse.click(box.x + x, box.y + y), await page.waitForTimeout(250);
    await page.mouse.dblclick(box.x + 400, box.y + 400);
    await page.waitForTimeout(400);
    const pts = await unproject([...clicks, [400, 400]]);
    const m2 = Number(await page.getAttribute('#measure-value', 'data-m2'));
    expect(m2 / planeArea(pts)).toBeCloseTo(1, 2);
    const text = await page.innerText('#measure-value');
    expect(text).toMatch(/^面积 [\d.,]+ 平方公里（[\d,.]+ 亩） · 周长 [\d.,]+ (公里|米)$/);
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/measure-area.png', await page.screenshot());
    expect(await page.evaluate(() => window.__pingan!.map.getZoom())).toBeCloseTo(12, 5); // the finishing double-click does not zoom
    await page.click('#measure-clear');
    expect(await page.isVisible('#measure-readout')).toBe(false);
  }, 240_000);

  it('the layer list switches, fades and reorders the base layers', async () => {
    const deckLayers = () => page.evaluate(() => {
      type L = { id: string; props: { opacity: number; visible: boolean } };
      const o = window.__pingan!.overlay as unknown as { props?: { layers: L[] }; _props?: { layers: L[] } };
      return (o.props?.layers ?? o._props?.layers ?? [])
        .filter((l) => ['incident-heat', 'area-grids', 'cameras'].includes(l.id))
        .map((l) => ({ id: l.id, opacity: l.props.opacity, visible: l.props.visible }));
    });
    const before = await deckLayers();
    await page.locator('#layer-opacity-grids').fill('40');
    await session.settled();
    expect(await page.evaluate(() => window.__pingan!.state.opacity.grids)).toBe(0.4);
    await page.click('[data-layer="grids"] [data-move="up"]');
    await page.uncheck('#layer-cameras').catch(() => {});
    await page.uncheck('#layer-heat');
    await session.settled();
    const after = await deckLayers();
    const ID: Record<string, string> = { heat: 'incident-heat', grids: 'area-grids', cameras: 'cameras' };
    const index = (ls: typeof before, k: string) => ls.findIndex((l) => l.id === ID[k]);
    expect(index(before, 'grids')).toBeLessThan(index(before, 'heat'));
    expect(index(after, 'grids'), 'grids now drawn over heat').toBeGreaterThan(index(after, 'heat'));
    expect(after.find((l) => l.id === ID.grids)!.opacity).toBeCloseTo(0.4 * before.find((l) => l.id === ID.grids)!.opacity, 5);
    expect(after.find((l) => l.id === ID.heat)!.visible).toBe(false);
    expect(index(before, 'grids')).toBeGreaterThanOrEqual(0);
    // the list shows the top layer first
    expect(await page.locator('#layer-list li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-layer')))).toEqual(['cameras', 'grids', 'heat']);
    // no online style configured in the test server: no basemap switch
    expect(await page.locator('#basemap-choice').count()).toBe(0);
  }, 240_000);

  it('the URL holds tab, filters, layers and view, and opening it restores them', async () => {
    const [t] = await session.db.query<{ code: string }>('SELECT code FROM townships ORDER BY code LIMIT 1 OFFSET 2');
    await page.evaluate((code) => window.__pingan!.setFilter({ code, categories: ['theft', 'fraud', 'dispute'], from: '2026-03-01', to: '2026-06-30' }), t.code);
    await session.openTab('coverage');
    await page.check('#layer-heat');
    await page.locator('#layer-opacity-heat').fill('65');
    await page.evaluate(() => window.__pingan!.map.jumpTo({ center: [122.95123, 44.91234], zoom: 11.37 }));
    await session.settled();
    await page.waitForTimeout(600); // the address bar is written after a short pause
    const url = page.url();
    expect(url).toContain('tab=coverage');
    const want = await page.evaluate(() => { const s = window.__pingan!.state; return { tab: s.tab, filter: s.filter, layers: s.layers, opacity: s.opacity, layerOrder: s.layerOrder, level: s.level }; });

    const other = await page.context().newPage();
    try {
      await other.goto(url);
      await other.waitForFunction(() => document.body.dataset.ready === 'true' && document.body.dataset.busy !== 'true', undefined, { timeout: 120_000 });
      const got = await other.evaluate(() => { const s = window.__pingan!.state; return { tab: s.tab, filter: s.filter, layers: s.layers, opacity: s.opacity, layerOrder: s.layerOrder, level: s.level }; });
      expect(got).toEqual(want);
      const view = await other.evaluate(() => ({ c: window.__pingan!.map.getCenter().toArray(), z: window.__pingan!.map.getZoom() }));
      expect(view.c[0]).toBeCloseTo(122.95123, 4);
      expect(view.c[1]).toBeCloseTo(44.91234, 4);
      expect(view.z).toBeCloseTo(11.37, 2);
      expect(await other.getAttribute('#tab-coverage', 'aria-selected')).toBe('true');
      expect(await other.inputValue('#from')).toBe('2026-03-01');
      expect(await other.isChecked('#category-theft')).toBe(true);
      expect(await other.isChecked('#category-criminal')).toBe(false);
      writeFileSync('test-results/shared-link.png', await other.screenshot());
    } finally {
      await other.close();
    }
    expect(session.pageErrors).toEqual([]);
  }, 300_000);
});

// The leaders' view (热点研判) in a real browser against the real server on the test county:
// drill-down county → township → village → grid by map clicks (breadcrumb and filter.code at each
// step) and back; Gi* for "last 90 days, theft" draws hot cells over the planted hotspots (checked from
// pixels at their projected positions) with legend counts equal to the API's; the emerging-hotspot
// explanation opens on click (playback: test/e2e/playback.test.ts); the ranking
// sorts and drills; the PNG export downloads a picture; the printable briefing opens with its sections.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.js';
import { pointInGeometry } from '../../shared/geo/point-in-polygon.js';
import { type DashboardSession, openDashboard } from '../support/dashboard-session.js';

let session: DashboardSession;
let db: Database;
let server: DashboardSession['server'];
let page: Page;
let pageErrors: string[] = [];
const settled = () => session.settled();
const mapShot = () => session.mapShot();
let planted: { id: number; kind: string; lon: number; lat: number }[] = [];

const shot = async (name: string) => {
  mkdirSync('test-results', { recursive: true });
  writeFileSync(`test-results/hotspots-${name}.png`, await page.screenshot());
};
const state = () => page.evaluate(() => ({ code: window.__pingan!.state.filter.code, level: window.__pingan!.state.level }));
const crumbs = () => page.locator('#hotspots-breadcrumb').innerText();
/** Screen position (CSS px inside #map) of a lon/lat. */
const project = (lon: number, lat: number) =>
  page.evaluate(([x, y]) => {
    const p = window.__pingan!.map.project([x, y]);
    return { x: p.x, y: p.y };
  }, [lon, lat] as const);
const clickMapAt = async (lon: number, lat: number) => {
  await settled();
  const box = (await page.locator('#map').boundingBox())!;
  const p = await project(lon, lat);
  await page.mouse.click(box.x + p.x, box.y + p.y);
  await settled();
};
const api = async <T>(path: string, params: Record<string, string>): Promise<T> =>
  (await session.request(`/api/${path}?${new URLSearchParams(params)}`)).json() as Promise<T>;

/** Any ArcGIS hot-spot red (99/95 %, blended over the light basemap) within `r` px of a point. */
function hotNear(png: PNG, x: number, y: number, r = 5): boolean {
  for (let dy = -r; dy <= r; dy++) {
    for (let dx = -r; dx <= r; dx++) {
      const px = Math.round(x + dx), py = Math.round(y + dy);
      if (px < 0 || py < 0 || px >= png.width || py >= png.height) continue;
      const i = (py * png.width + px) * 4;
      const [R, G, B] = [png.data[i], png.data[i + 1], png.data[i + 2]];
      if (R > 190 && G < 150 && B < 120 && R - B > 90) return true;
    }
  }
  return false;
}
function countHot(png: PNG): number {
  let n = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const [R, G, B] = [png.data[i], png.data[i + 1], png.data[i + 2]];
    if (R > 190 && G < 150 && B < 120 && R - B > 90) n++;
  }
  return n;
}

beforeAll(async () => {
  session = await openDashboard();
  ({ db, server, page, pageErrors } = session);
  planted = await db.query('SELECT id, kind, lon, lat FROM demo_hotspots ORDER BY id');
}, 180_000);

afterAll(() => session?.close());

// SwiftShader on a shared 2-core machine: each step waits for the map to settle, so allow minutes.
const SLOW = 300_000;

describe('hotspots view in a browser', () => {
  it('drills county → township → village → grid by clicking the map, and back with the breadcrumb', async () => {
    const zhanyu = planted.find((p) => p.id === 2)!; // the emerging hotspot at 瞻榆镇's seat
    expect(await crumbs()).toBe('通榆县');
    expect((await state()).code).toBe('220822');

    await clickMapAt(zhanyu.lon, zhanyu.lat);
    expect(await state()).toEqual({ code: '220822101', level: 'village' });
    expect(await crumbs()).toBe('通榆县 › 瞻榆镇');
    await shot('drill-township');

    await clickMapAt(zhanyu.lon, zhanyu.lat);
    const village = await state();
    expect(village.code).toMatch(/^220822101\d{3}$/);
    expect(village.level).toBe('grid');
    const regions = await api<{ townships: { code: string; villages: { code: string; name: string }[] }[] }>('regions', {});
    const villageName = regions.townships.find((t) => t.code === '220822101')!.villages.find((v) => v.code === village.code)!.name;
    expect(await crumbs()).toBe(`通榆县 › 瞻榆镇 › ${villageName}`);

    await clickMapAt(zhanyu.lon, zhanyu.lat);
    const grid = await state();
    expect(grid.code).toMatch(new RegExp(`^${village.code}\\d{3}$`));
    // The grid drilled into is the one under the click (checked against the outlines, not the client).
    const grids = await api<{ features: { properties: { code: string; name: string }; geometry: never }[] }>('areas/geometry', { level: 'grid' });
    const hit = grids.features.find((f) => pointInGeometry(zhanyu.lon, zhanyu.lat, f.geometry))!;
    expect(grid.code).toBe(hit.properties.code);
    expect(await crumbs()).toBe(`通榆县 › 瞻榆镇 › ${villageName} › ${hit.properties.name}`);
    await shot('drill-grid');

    await page.locator('#hotspots-breadcrumb button[data-code="220822101"]').click();
    await settled();
    expect(await state()).toEqual({ code: '220822101', level: 'village' });
    await page.locator('#hotspots-breadcrumb button[data-code="220822"]').click();
    await settled();
    expect(await state()).toEqual({ code: '220822', level: 'township' });
    expect(await crumbs()).toBe('通榆县');
  }, SLOW);

  it('shows the significance map for last 90 days of theft: hot cells over the planted hotspots, legend counts = API', async () => {
    await page.locator('#preset-90d').click();
    await page.evaluate(() => window.__pingan!.setFilter({ categories: ['theft'] }));
    await page.locator('#level').selectOption('grid');
    await page.locator('#hotspots-mode-gistar').click();
    const png = PNG.sync.read(await mapShot());
    await shot('gistar');
    expect(countHot(png), 'hot-spot pixels on the map').toBeGreaterThan(200);

    const f = await page.evaluate(() => window.__pingan!.state.filter);
    const g = await api<{ summary: Record<string, number> }>('hotspots/gistar', { unit: 'grid', from: f.from, to: f.to, categories: 'theft', code: f.code });
    for (const [cls, key] of [[3, 'hot99'], [2, 'hot95'], [1, 'hot90'], [0, 'none'], [-3, 'cold99']] as const) {
      const shown = await page.locator(`#legend-gistar [data-class="${cls}"]`).getAttribute('data-count');
      expect(Number(shown), `legend count of class ${cls}`).toBe(g.summary[key]);
    }
    expect(g.summary.hot99).toBeGreaterThan(0);
    await expect(page.locator('#legend-gistar').innerText()).resolves.toContain('已控制错误发现率');

    // The county-seat market (persistent) and 瞻榆镇's seat (emerging) are both drawn hot: zoom onto each.
    for (const id of [1, 2]) {
      const spot = planted.find((p) => p.id === id)!;
      await page.evaluate(([x, y]) => window.__pingan!.map.jumpTo({ center: [x, y], zoom: 12.5 }), [spot.lon, spot.lat] as const);
      const zoomed = PNG.sync.read(await mapShot());
      const p = await project(spot.lon, spot.lat);
      expect(hotNear(zoomed, p.x, p.y, 12), `hot cell at planted hotspot ${id} (${spot.kind})`).toBe(true);
      if (id === 1) await shot('gistar-market');
    }
    // A tooltip names the unit and gives z, p and the class (the map is centred on hotspot 2 now).
    const spot = planted.find((p) => p.id === 2)!;
    const p = await project(spot.lon, spot.lat);
    const box = (await page.locator('#map').boundingBox())!;
    // deck.gl picks on pointer movement: arrive at the point with a few moves, as a hand would.
    await page.mouse.move(box.x + p.x - 20, box.y + p.y - 20);
    await page.mouse.move(box.x + p.x, box.y + p.y, { steps: 5 });
    await page.waitForSelector('.map-tooltip', { timeout: 20_000 });
    const tip = await page.locator('.map-tooltip').innerText();
    expect(tip).toMatch(/z 值/);
    expect(tip).toMatch(/p 值/);
    expect(tip).toMatch(/分类/);
    await page.mouse.move(box.x + 5, box.y + box.height - 5);
    await page.evaluate(([b]) => window.__pingan!.map.fitBounds([[b[0], b[1]], [b[2], b[3]]], { duration: 0 }), [[122.044921875, 44.2333984375, 123.5263671875, 45.2763671875]] as const);
    await settled();
  }, SLOW);

  it('shows the KPIs and a sortable township ranking whose rows drill in', async () => {
    await expect(page.locator('#kpi-total .kpi-value').innerText()).resolves.toMatch(/\d/);
    const table = page.locator('#hotspots-ranking table');
    await expect(table.getAttribute('data-level')).resolves.toBe('township');
    const totals = async () => (await page.locator('#hotspots-ranking tbody tr td:nth-child(2)').allInnerTexts()).map((s) => Number(s.replace(/[^\d]/g, '')));
    const desc = await totals();
    expect(desc.length).toBeGreaterThan(10);
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
    // Below 1600 × 900 the ranking starts folded (it would cover the south-east of the county): open it as a user does.
    if (await page.locator('#hotspots-dock.collapsed').count()) await page.locator('#hotspots-dock-toggle').click();
    await page.locator('#hotspots-ranking th[data-key="total"]').click();
    const asc = await totals();
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    await page.locator('#hotspots-ranking th[data-key="total"]').click();
    await page.locator('#hotspots-ranking tr[data-code="220822101"]').click();
    await settled();
    expect((await state()).code).toBe('220822101');
    await expect(page.locator('#hotspots-ranking table').getAttribute('data-level')).resolves.toBe('village');
    await shot('ranking-village');
    await page.locator('#hotspots-breadcrumb button[data-code="220822"]').click();
    await settled();
  }, SLOW);

  it('explains an emerging-hotspot cell on click, with its Mann–Kendall trend and a sparkline', async () => {
    await page.locator('#level').selectOption('grid');
    await page.locator('#hotspots-mode-emerging').click();
    await settled();
    const legend = await page.locator('#legend-emerging').innerText();
    expect(legend).toMatch(/\d+ 个切片/);
    const f = await page.evaluate(() => window.__pingan!.state.filter);
    const e = await api<{ cells: { id: string; pattern: string }[] }>('hotspots/emerging', { unit: 'grid', step: 'week', from: f.from, to: f.to, categories: 'theft' });
    expect(e.cells.length).toBeGreaterThan(0);
    // Click the first patterned cell at a point inside its outline.
    const grids = await api<{ features: { properties: { code: string }; geometry: { type: string; coordinates: number[][][][] } }[] }>('areas/geometry', { level: 'grid' });
    const feature = grids.features.find((x) => x.properties.code === e.cells[0].id)!;
    const ring = feature.geometry.type === 'Polygon' ? (feature.geometry.coordinates as unknown as number[][][])[0] : feature.geometry.coordinates[0][0];
    const cx = ring.reduce((s, c) => s + c[0], 0) / ring.length, cy = ring.reduce((s, c) => s + c[1], 0) / ring.length;
    await page.evaluate(([x, y]) => window.__pingan!.map.jumpTo({ center: [x, y], zoom: 13 }), [cx, cy] as const);
    await clickMapAt(cx, cy);
    const explain = page.locator('#hotspots-explain');
    await expect(explain.isVisible()).resolves.toBe(true);
    await expect(explain.locator('.hs-explain-pattern').getAttribute('data-pattern')).resolves.toBe(e.cells[0].pattern);
    await expect(explain.innerText()).resolves.toContain('Mann–Kendall');
    expect(await explain.locator('svg.hs-sparkline circle').count()).toBeGreaterThan(2);
    await shot('emerging-explain');
    await explain.locator('.hs-close').click();
  }, SLOW);

  it('exports the map as a PNG with a title bar and legend', async () => {
    await page.locator('#hotspots-mode-gistar').click();
    await settled();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-png').click()]);
    const png = PNG.sync.read(readFileSync((await download.path())!));
    const canvas = await page.evaluate(() => ({ w: window.__pingan!.map.getCanvas().width, h: window.__pingan!.map.getCanvas().height }));
    expect(png.width).toBe(canvas.w);
    expect(png.height).toBeGreaterThan(canvas.h);
    writeFileSync('test-results/hotspots-export.png', PNG.sync.write(png));
  }, SLOW);

  it('opens the printable briefing with title, map, KPIs, top hotspots with trend, and ranking', async () => {
    await page.evaluate(() => window.__pingan!.setFilter({ categories: ['theft'] }));
    await page.locator('#open-briefing').click();
    await page.waitForSelector('#briefing[data-ready="true"]', { timeout: 90_000 });
    const b = page.locator('#briefing');
    await expect(b.locator('h1').innerText()).resolves.toContain('通榆县');
    await expect(b.locator('.brief-head p').innerText()).resolves.toContain('盗窃');
    expect(await b.locator('#briefing-map img').getAttribute('src')).toMatch(/^data:image\/png/);
    expect(await b.locator('#briefing-kpis .brief-kpi').count()).toBe(6);
    const top = await b.locator('#briefing-top tbody tr').count();
    expect(top).toBeGreaterThan(0);
    expect(top).toBeLessThanOrEqual(10);
    expect(await b.locator('#briefing-top tbody td[data-pattern]').count()).toBe(top);
    expect(await b.locator('#briefing-ranking tbody tr').count()).toBe(10);
    await settled();
    await shot('briefing');
    await b.locator('#briefing-close').click();
    await expect(page.locator('#briefing').count()).resolves.toBe(0);
  }, SLOW);

  it('says when the change map has no baseline instead of painting every unit "up"', async () => {
    await page.evaluate(() => window.__pingan!.setFilter({ from: '2024-03-01', to: '2024-05-31' }));
    await page.locator('#level').selectOption('township');
    await page.locator('#hotspots-mode-change').click();
    await settled();
    const note = page.locator('#legend-change #change-baseline');
    await expect(note.innerText()).resolves.toBe('对比期无数据（数据始于 2024-01-01），不作显著性判断');
    await expect(page.locator('#legend-change [data-class="up"]').count()).resolves.toBe(0);
    await expect(page.locator('#legend-change [data-class="untested"]').getAttribute('data-count')).resolves.toBe('22');
    await shot('change-no-baseline');
    // A window with a full year before it: the classes come back and the note goes.
    await page.evaluate(() => window.__pingan!.setFilter({ from: '2026-01-01', to: '2026-06-30' }));
    await settled();
    const f = await page.evaluate(() => window.__pingan!.state.filter);
    const c = await api<{ baseline: string; summary: Record<string, number> }>('hotspots/change', { level: 'township', from: f.from, to: f.to, categories: f.categories.join(','), code: f.code });
    expect(c.baseline).toBe('full');
    await expect(page.locator('#legend-change [data-class="up"]').getAttribute('data-count')).resolves.toBe(String(c.summary.up));
    await expect(page.locator('#legend-change [data-class="none"]').getAttribute('data-count')).resolves.toBe(String(c.summary.none));
    await expect(page.locator('#legend-change #change-baseline').count()).resolves.toBe(0);
  }, SLOW);

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});

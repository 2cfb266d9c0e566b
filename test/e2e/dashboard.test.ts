// The dashboard in a real browser (Debian chromium, WebGL through SwiftShader) against the real HTTP server
// on the test county: it loads, the heatmap and grid layers really draw (checked from pixels), a filter
// change changes the map and the KPIs, the legend carries numbers, and the offline basemap loaded.
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.js';
import { pixelDifference } from '../support/browser.js';
import { type DashboardSession, openDashboard } from '../support/dashboard-session.js';

let session: DashboardSession;
let db: Database;
let server: DashboardSession['server'];
let page: Page;
let pageErrors: string[] = [];
const settled = () => session.settled();
const mapShot = () => session.mapShot();

const kpiTotal = async () => Number((await page.locator('#kpi-total .kpi-value').innerText()).replace(/[^\d]/g, ''));

beforeAll(async () => {
  session = await openDashboard();
  ({ db, server, page, pageErrors } = session);
}, 120_000);

afterAll(() => session?.close());

describe('dashboard in a browser', () => {
  it('opens on the demo county with Chinese UI, KPIs that match the API, and a legend with numbers', async () => {
    await expect(page.locator('#title').innerText()).resolves.toContain('通榆县');
    await expect(page.locator('#tab-hotspots').innerText()).resolves.toBe('热点研判');
    const state = await page.evaluate(() => window.__pingan!.state.filter);
    const qs = new URLSearchParams({ from: state.from, to: state.to });
    const api = await (await session.request(`/api/incidents/summary?${qs}`)).json();
    expect(await kpiTotal()).toBe(api.total);
    const legend = await page.locator('#legend').innerText();
    expect(legend).toMatch(/\d/);
    expect(legend).toMatch(/热|网格|事件/);
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/dashboard.png', await page.screenshot());
  });

  it('loads the offline basemap from the county data (no network)', async () => {
    const info = await page.evaluate(() => {
      const map = window.__pingan!.map;
      const style = map.getStyle();
      return { layers: style.layers.length, sources: Object.keys(style.sources), loaded: map.isStyleLoaded(), glyphs: style.glyphs ?? '' };
    });
    expect(info.sources).toEqual(expect.arrayContaining(['county', 'roads', 'railway', 'settlements', 'townships']));
    expect(info.layers).toBeGreaterThan(10);
    expect(info.glyphs).toBe(''); // no glyph server: every character is drawn locally (empty-jurisdiction e2e checks G111)
  });

  it('draws the heatmap and the grid choropleth (pixels change when each is hidden)', async () => {
    const both = await mapShot();
    await page.locator('#layer-heat').uncheck();
    const gridsOnly = await mapShot();
    await page.locator('#layer-grids').uncheck();
    const neither = await mapShot();
    expect(pixelDifference(both, gridsOnly), 'heatmap pixels').toBeGreaterThan(0.01);
    expect(pixelDifference(gridsOnly, neither), 'grid layer pixels').toBeGreaterThan(0.01);
    await page.locator('#layer-heat').check();
    await page.locator('#layer-grids').check();
    expect(pixelDifference(both, await mapShot()), 'layers back as they were').toBeLessThan(0.01);
  });

  it('changes the map and the KPIs when the filter changes', async () => {
    const before = await mapShot();
    const totalBefore = await kpiTotal();
    await page.locator('#preset-30d').click();
    const after = await mapShot();
    expect(pixelDifference(before, after)).toBeGreaterThan(0.005);
    expect(await kpiTotal()).toBeLessThan(totalBefore);
    const state = await page.evaluate(() => window.__pingan!.state.filter);
    expect(state.to).toBe('2026-11-20');
    expect(state.from).toBe('2026-10-22');
    writeFileSync('test-results/dashboard-30d.png', await page.screenshot());
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});

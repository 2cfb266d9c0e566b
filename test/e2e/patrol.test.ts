// The patrol tab in a real browser against the real HTTP server on the test county: a dispatcher picks a
// station and "tonight 20:00–02:00, 2 units", plans, and sees two routes drawn (pixels change when the route
// layer is hidden) with numbered stops and ETAs; the border list names every neighbour with crossings; the
// exported GPX parses as XML in the browser and carries the route's points.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pdfPageCount, pixelDifference } from '../support/browser.js';
import { useDashboard } from '../support/dashboard-session.js';

const { session, page } = useDashboard({ tab: 'patrol' });
const settled = () => session.settled();
const mapShot = () => session.mapShot();

describe('patrol tab in a browser', () => {
  it('plans two routes for tonight from a station and draws them with numbered stops and ETAs', async () => {
    await page.waitForSelector('#patrol-station option', { state: 'attached' });
    await page.selectOption('#patrol-station', '1');
    await page.click('[data-preset="20-2"]');
    expect(await page.inputValue('#patrol-start')).toBe('20');
    expect(await page.inputValue('#patrol-end')).toBe('2');
    expect(await page.inputValue('#patrol-budget')).toBe('360');
    await page.fill('#patrol-units', '2');
    await page.click('#patrol-plan-go');
    await page.waitForSelector('#patrol-plan', { timeout: 60_000 });
    await settled();

    const units = await page.locator('#patrol-plan .pt-unit').count();
    expect(units).toBe(2);
    for (const unit of [1, 2]) {
      const etas = await page.locator(`.pt-stops[data-unit="${unit}"] li`).evaluateAll((lis) => lis.map((li) => li.getAttribute('data-eta')));
      expect(etas.length).toBeGreaterThan(0);
      for (const eta of etas) expect(eta).toMatch(/^(2[0-3]|0[0-2]):[0-5]\d$/);
    }
    await expect(page.locator('#patrol-summary').innerText()).resolves.toMatch(/2 组共巡 \d+ 个点，覆盖本班次风险 [\d.]+%/);
    const legend = await page.locator('#legend-patrol-routes').innerText();
    expect(legend).toContain('第 1 组');
    expect(legend).toContain('第 2 组');
    expect(legend).toMatch(/\d+ 个点 · 用时 \d+ 分钟 · 行程 [\d.]+ 公里/);

    // The routes really draw: hiding the route layer changes the map.
    const withRoutes = await mapShot();
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/patrol.png', await page.screenshot());
    await page.locator('#patrol-layer-routes').uncheck();
    const without = await mapShot();
    expect(pixelDifference(withRoutes, without), 'route pixels').toBeGreaterThan(0.002);
    await page.locator('#patrol-layer-routes').check();
    expect(pixelDifference(withRoutes, await mapShot()), 'routes back').toBeLessThan(0.002);
  });

  it('lists the risk cells of the shift and each neighbour with its zone, crossings and incidents', async () => {
    expect(await page.locator('#patrol-risk-list li').count()).toBe(10);
    const names = (await session.db.query<{ name: string }>('SELECT name FROM neighbours ORDER BY code')).map((r) => r.name);
    const list = page.locator('#patrol-border-list .pt-neighbour');
    expect(await list.count()).toBe(names.length);
    const text = await page.locator('#patrol-border-list').innerText();
    for (const n of names) expect(text).toContain(n);
    expect(text).toMatch(/边界 [\d.]+ 公里 · 巡控带 [\d,]+ 平方公里 · 带内事件 \d+ 起/);
    expect(await page.locator('#patrol-border-list .pt-crossings li').count()).toBeGreaterThanOrEqual(names.length);
    expect(await page.locator('#patrol-corridor-list').innerText()).toContain('平齐铁路');
    await page.waitForSelector('#patrol-iso-table tbody tr', { state: 'attached' });
    expect(await page.locator('#patrol-iso-table tbody tr').count()).toBe(4);
  });

  it('names every stop, left-out cell and risk cell by its township and village, with units, never coordinates or ranks alone', async () => {
    const villages = new Set((await session.db.query<{ name: string }>('SELECT name FROM villages')).map((r) => r.name));
    const townships = new Set((await session.db.query<{ name: string }>('SELECT name FROM townships')).map((r) => r.name));
    const named = (text: string) => [...townships].some((t) => text.includes(`${t} `)) && [...villages].some((v) => text.includes(` ${v}`));
    const lines = async (sel: string) => page.locator(sel).evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText));
    const stops = await lines('#patrol-plan .pt-stop');
    const left = await lines('#patrol-left-out li');
    const risk = await lines('#patrol-risk-list li');
    expect(stops.length).toBeGreaterThan(0);
    expect(left.length).toBeGreaterThan(0);
    expect(risk.length).toBe(10);
    for (const t of [...stops, ...left, ...risk]) {
      expect(named(t), t).toBe(true);
      expect(t, 'a rank without a place').not.toMatch(/^#\d/);
      expect(t, 'coordinates').not.toMatch(/\d+\.\d{4,}/);
      expect(t, 'risk with its unit').toMatch(/风险 [\d.]+ 分/);
    }
    for (const t of stops) expect(t).toMatch(/^\d+\. \d\d:\d\d 到 · 停至 \d\d:\d\d · /);
    for (const t of left) expect(t).toMatch(/^第 \d+ 名 · /);
  });

  it('prints the route card on exactly one A4 page, with a map of the route and the stops by place name', async () => {
    const [card] = await Promise.all([page.context().waitForEvent('page', { timeout: 60_000 }), page.click('#patrol-export-card')]);
    await card.waitForSelector('#route-card-map', { timeout: 60_000 });
    await card.waitForFunction(() => (document.getElementById('route-card-map') as HTMLImageElement).complete);
    const text = await card.locator('body').innerText();
    expect(text).toContain('巡逻路线卡');
    expect(text).toMatch(/重点关注/);
    expect(text).not.toMatch(/\d+\.\d{5}/); // no coordinates
    const stops = await page.locator('#patrol-plan .pt-stop').count();
    expect(await card.locator('tbody tr').count()).toBe(stops);
    const image = await card.locator('#route-card-map').evaluate((img: HTMLImageElement) => ({ w: img.naturalWidth, h: img.naturalHeight }));
    expect(image.w).toBeGreaterThan(200);
    const pdf = await card.pdf({ format: 'A4', preferCSSPageSize: true });
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/route-card.pdf', pdf);
    expect(pdfPageCount(pdf)).toBe(1);
    await card.close();
  });

  it('exports a GPX that parses as XML and carries the route points', async () => {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click('#patrol-export-gpx')]);
    const path = await download.path();
    const gpx = readFileSync(path!, 'utf8');
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      return {
        error: doc.getElementsByTagName('parsererror').length,
        root: doc.documentElement.nodeName,
        tracks: doc.getElementsByTagName('trk').length,
        points: doc.getElementsByTagName('trkpt').length,
        waypoints: doc.getElementsByTagName('wpt').length,
      };
    }, gpx);
    expect(parsed.error).toBe(0);
    expect(parsed.root).toBe('gpx');
    expect(parsed.tracks).toBe(2);
    const stops = await page.locator('#patrol-plan .pt-stop').count();
    expect(parsed.waypoints).toBe(stops);
    expect(parsed.points).toBeGreaterThan(stops);
    expect(session.pageErrors).toEqual([]);
  });
});

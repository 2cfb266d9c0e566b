// An incident CSV in the county's own words, through the import dialog: its category column holds names the
// jurisdiction's list does not have (邻里矛盾, 偷盗, 电瓶车被偷) and its status column county platform words
// (待处理, 办理中, 已办结). The dry run lists each value with its row count: 偷盗 maps by a common wording,
// 邻里矛盾 is suggested as 矛盾纠纷 (taken with one click), 电瓶车被偷 is added as a new category in the
// dialog; the rows then import, the KPI total rises by their number and the map reloads with them.
// Runs on a private writable copy of the test county.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInThroughPage } from '../support/dashboard-session.js';
import { pointInGeometry } from '../../shared/geo/point-in-polygon.js';
import type { Database } from '../../server/db/database.js';
import { launchBrowser } from '../support/browser.js';
import { startHttpServer } from '../support/http-server.js';
import { openWritableCountyCopy } from '../support/writable-county.js';

let db: Database;
let dispose: () => void;
let server: Awaited<ReturnType<typeof startHttpServer>>;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
const pageErrors: string[] = [];

const settled = () => page.waitForFunction(() => document.body.dataset.ready === 'true' && document.body.dataset.busy !== 'true', undefined, { timeout: 60_000 });
const kpiTotal = async () => Number((await page.locator('#kpi-total .kpi-value').innerText()).replace(/[^\d]/g, ''));
const checked = () => page.waitForFunction(() => !document.body.dataset.importBusy && document.body.dataset.importChecked !== undefined && !/检查|上传|处理/.test(document.querySelector('#import-status')?.textContent ?? ''), undefined, { timeout: 60_000 });
const recheck = async (act: () => Promise<void>) => { await page.evaluate(() => delete document.body.dataset.importChecked); await act(); await checked(); };

beforeAll(async () => {
  ({ db, dispose } = await openWritableCountyCopy());
  server = await startHttpServer(db);
  browser = await launchBrowser();
  page = await browser.context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await signInThroughPage(page, server.url, 'admin');
  await settled();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  dispose?.();
});

describe('import dialog: the county\'s own category names', () => {
  it('maps unfamiliar categories and statuses, adds a new category, imports, and the map shows the rows', async () => {
    const { to } = await page.evaluate(() => window.__pingan!.state.filter);
    const grids = await db.query<{ centre_lon: number; centre_lat: number; geojson: string }>("SELECT centre_lon, centre_lat, geojson FROM grids WHERE kind = 'residential' ORDER BY code LIMIT 40");
    const pts = grids.filter((g) => pointInGeometry(g.centre_lon, g.centre_lat, JSON.parse(g.geojson))).slice(0, 9);
    const words = ['邻里矛盾', '偷盗', '电瓶车被偷'], states = ['待处理', '办理中', '已办结'];
    const csv = ['编号,事件类型,发生时间,经度,纬度,事件描述,办理状态', ...pts.map((p, i) => `CAT-UI-${i},${words[i % 3]},${to} 0${i}:20,${p.centre_lon},${p.centre_lat},测试事件${i},${states[Math.floor(i / 3)]}`)].join('\n');
    const before = await kpiTotal();

    await page.locator('#import-open').click();
    await recheck(() => page.locator('#import-file').setInputFiles({ name: '本县事件.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) }));
    const row = (v: string) => page.locator('#import-category-values tbody tr').filter({ has: page.locator(`select[data-value="${v}"]`) });
    expect(await row('偷盗').locator('td').allInnerTexts()).toEqual(['偷盗', '3', expect.any(String), '常用说法']);
    expect(await page.locator('select.import-value-category[data-value="偷盗"]').inputValue()).toBe('theft');
    expect(await row('邻里矛盾').locator('td').nth(3).innerText()).toBe('（未对应）');
    expect(await page.locator('#import-status').innerText()).toContain('合格 3 行，不合格 6 行');
    expect(await page.locator('#import-run').isDisabled()).toBe(true);
    // 邻里矛盾's best suggestion is 矛盾纠纷: the first option after "not mapped".
    expect(await page.locator('select.import-value-category[data-value="邻里矛盾"] option').nth(1).getAttribute('value')).toBe('dispute');
    expect(await page.locator('select.import-value-status[data-value="待处理"]').inputValue()).toBe('reported');
    await page.screenshot({ path: 'var/e2e-import-categories.png' });

    // The new category, added from the dialog.
    await page.locator('select.import-value-category[data-value="电瓶车被偷"]').selectOption('__new__');
    const form = page.locator('.import-new-category');
    expect(await form.locator('.import-new-zh').inputValue()).toBe('电瓶车被偷');
    await form.locator('.import-new-en').fill('E-bike theft');
    await form.locator('.import-new-group').selectOption('criminal');
    await recheck(() => form.locator('.import-new-add').click());
    expect(await page.locator('select.import-value-category[data-value="电瓶车被偷"]').inputValue()).toBe('e_bike_theft');
    // One click takes the remaining suggestion (邻里矛盾 → 矛盾纠纷).
    await recheck(() => page.locator('#import-apply-suggestions').click());
    expect(await page.locator('#import-status').innerText()).toContain('合格 9 行，不合格 0 行');
    expect(await page.locator('#import-run').isDisabled()).toBe(false);
    await page.locator('#import-run').click();
    await page.waitForFunction(() => /已导入 9 条事件/.test(document.querySelector('#import-status')?.textContent ?? ''), undefined, { timeout: 60_000 });
    await page.locator('.import-close').click();
    await settled();
    await page.waitForFunction((b) => Number(document.querySelector('#kpi-total .kpi-value')?.textContent?.replace(/[^\d]/g, '')) === b + 9, before, { timeout: 30_000 });
    const rows = await db.query<{ category: string; status: string; n: number }>("SELECT category, status, count(*)::INT n FROM incidents WHERE external_id LIKE 'CAT-UI-%' GROUP BY ALL ORDER BY ALL");
    expect(rows.reduce((t, r) => t + r.n, 0)).toBe(9);
    expect(new Set(rows.map((r) => r.category))).toEqual(new Set(['dispute', 'theft', 'e_bike_theft']));
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['reported', 'dispatched', 'closed']));
    // The map's grid counts include the new rows (what the choropleth draws), new category and all.
    const counts = await page.evaluate(async () => { const f = window.__pingan!.state.filter; return (await (await fetch(`/api/areas/counts?level=grid&from=${f.from}&to=${f.to}`)).json()).total as number; });
    expect(counts).toBe(await kpiTotal());
    await page.screenshot({ path: 'var/e2e-import-categories-after.png' });
    expect(pageErrors).toEqual([]);
  }, 240_000);
});

// A county's first day on its own data, in a real browser, as its clerk and its three kinds of users do it:
// an empty Tieling county (211221, DEMO=none: its outline — two parts — and real township and village names,
// nothing else). The admin imports, through the import dialog, a zipped Shapefile of 250 grids in CGCS2000
// Gauss-Krüger zone 41 (.prj, GBK attributes, the 综治 platform's WGBM/WGMC fields), a camera ledger in Excel
// and an incident CSV in the county's own category words (mapped in the dialog, one added as a new category).
// Then the county leader sees heat and KPIs of those incidents, the planner the coverage view with the new
// cameras, and the patrol dispatcher the patrol view's risk windows of the shift. Files are generated from the
// county's own villages (test/support/county-walkthrough-files.ts); every row lands in its own grid (brute force).
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, pixelDifference } from '../support/browser.js';
import { openEmptyJurisdiction } from '../support/empty-jurisdiction.js';
import { startHttpServer } from '../support/http-server.js';
import { signInThroughPage } from '../support/dashboard-session.js';
import { ensureTestAccounts } from '../support/session.js';
import { walkthroughFiles, type WalkthroughFiles } from '../support/county-walkthrough-files.js';
import type { Database } from '../../server/db/database.js';
import type { Role } from '../../shared/domain/roles.js';
import { pointInGeometry } from '../../shared/geo/point-in-polygon.js';

let db: Database;
let files: WalkthroughFiles;
let server: Awaited<ReturnType<typeof startHttpServer>>;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let dispose: () => void;
const pageErrors: string[] = [];
const SHOTS = 'test-results/county-walkthrough';

/** The county's last seven days (Asia/Shanghai), today last: the dashboard's 近7天. */
const lastSevenDays = (): string[] => {
  const today = new Date(Date.now() + 8 * 3600_000);
  return Array.from({ length: 7 }, (_, i) => new Date(today.getTime() - (6 - i) * 86400_000).toISOString().slice(0, 10));
};

beforeAll(async () => {
  const county = await openEmptyJurisdiction('211221');
  db = county.db;
  dispose = county.dispose;
  await ensureTestAccounts(db);
  files = await walkthroughFiles(db, { cameras: 120, incidents: 80, days: lastSevenDays() });
  server = await startHttpServer(db);
  browser = await launchBrowser();
  mkdirSync(SHOTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  dispose?.();
});

/** Each user on the same machine after the previous one has left (one browser profile: its cookies go). */
async function pageAs(role: Role): Promise<Page> {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${role}: ${String(e)}`));
  await signInThroughPage(page, server.url, role);
  return page;
}
const settled = (page: Page) => page.waitForFunction(() => document.body.dataset.ready === 'true' && document.body.dataset.busy !== 'true', undefined, { timeout: 90_000 });
const checked = (page: Page) => page.waitForFunction(() => !document.body.dataset.importBusy && document.body.dataset.importChecked !== undefined && !/检查|上传|处理/.test(document.querySelector('#import-status')?.textContent ?? ''), undefined, { timeout: 90_000 });
const recheck = async (page: Page, act: () => Promise<void>) => { await page.evaluate(() => delete document.body.dataset.importChecked); await act(); await checked(page); };
const statusText = (page: Page) => page.locator('#import-status').innerText();

describe('an empty county imports its own grids, cameras and incidents, and its users work on them', () => {
  let admin: Page;

  it('imports the grid Shapefile in Gauss-Krüger zone 41: every grid, in its village, inside the outline', async () => {
    admin = await pageAs('admin');
    await admin.locator('#import-open').click();
    await admin.locator('#import-target').selectOption('grid');
    await recheck(admin, () => admin.locator('#import-file').setInputFiles({ name: '铁岭县综治网格.zip', mimeType: 'application/zip', buffer: Buffer.from(files.shapefile) }));
    const panel = admin.locator('#import-crs-detected');
    expect(await panel.getAttribute('data-crs')).toBe('epsg:4529');
    expect(await panel.innerText()).toContain('100% 的要素落在辖区范围内');
    expect(await statusText(admin)).toContain(`${files.grids.length} 个要素：合格 ${files.grids.length}，不合格 0`);
    await admin.screenshot({ path: `${SHOTS}/1-grids-dry-run.png` });
    expect(await admin.locator('#import-run').isDisabled()).toBe(false);
    await admin.locator('#import-run').click();
    await admin.waitForFunction(() => /已导入/.test(document.querySelector('#import-status')?.textContent ?? ''), undefined, { timeout: 120_000 });
    expect(await statusText(admin)).toContain(`已导入 ${files.grids.length} 个网格`);
    const stored = await db.query<{ code: string; village_code: string }>('SELECT code, village_code FROM grids ORDER BY code');
    expect(stored.map((g) => [g.code, g.village_code])).toEqual(files.grids.map((g) => [g.code, g.villageCode]).sort());
  }, 240_000);

  it('imports the camera ledger (Excel): 120 cameras, each in the grid it was drawn in', async () => {
    await admin.locator('#import-target').selectOption('cameras');
    await recheck(admin, () => admin.locator('#import-file').setInputFiles({ name: '铁岭县监控台账.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: files.camerasXlsx }));
    expect(await statusText(admin)).toContain(`合格 ${files.cameras.length} 行，不合格 0 行`);
    await admin.screenshot({ path: `${SHOTS}/2-cameras-dry-run.png` });
    await admin.locator('#import-run').click();
    await admin.waitForFunction(() => /已导入/.test(document.querySelector('#import-status')?.textContent ?? ''), undefined, { timeout: 120_000 });
    expect(await statusText(admin)).toContain(`已导入 ${files.cameras.length} 个监控点位`);
    const stored = new Map((await db.query<{ id: string; grid_code: string }>('SELECT id, grid_code FROM cameras')).map((c) => [c.id, c.grid_code]));
    expect(stored.size).toBe(files.cameras.length);
    for (const c of files.cameras) expect(stored.get(c.id), c.id).toBe(c.gridCode);
  }, 240_000);

  it('imports the incident CSV with the county\'s own category words through the mapping dialog', async () => {
    await admin.locator('#import-target').selectOption('incidents');
    await recheck(admin, () => admin.locator('#import-file').setInputFiles({ name: '铁岭县事件.csv', mimeType: 'text/csv', buffer: Buffer.from(files.incidentsCsv) }));
    const select = (v: string) => admin.locator(`select.import-value-category[data-value="${v}"]`);
    expect(await select('电信诈骗').inputValue()).toBe('fraud');
    expect(await admin.locator('#import-run').isDisabled()).toBe(true);
    await admin.screenshot({ path: `${SHOTS}/3-incidents-mapping.png` });
    // 酒后滋事 is none of the eleven: added as the county's own category, in the 治安 group.
    await select('酒后滋事').selectOption('__new__');
    const form = admin.locator('.import-new-category');
    expect(await form.locator('.import-new-zh').inputValue()).toBe('酒后滋事');
    await form.locator('.import-new-en').fill('Drunken trouble');
    await form.locator('.import-new-group').selectOption('public_order');
    await recheck(admin, () => form.locator('.import-new-add').click());
    await recheck(admin, () => admin.locator('#import-apply-suggestions').click());
    expect(await select('盗窃电动车').inputValue()).toBe('theft');
    expect(await select('邻里纠纷').inputValue()).toBe('dispute');
    expect(await statusText(admin)).toContain(`合格 ${files.incidents.length} 行，不合格 0 行`);
    await admin.locator('#import-run').click();
    await admin.waitForFunction((n) => new RegExp(`已导入 ${n} 条事件`).test(document.querySelector('#import-status')?.textContent ?? ''), files.incidents.length, { timeout: 120_000 });
    const stored = new Map((await db.query<{ external_id: string; grid_code: string; category: string }>('SELECT external_id, grid_code, category FROM incidents')).map((r) => [r.external_id, r]));
    expect(stored.size).toBe(files.incidents.length);
    const want: Record<string, string> = { 邻里纠纷: 'dispute', 盗窃电动车: 'theft', 电信诈骗: 'fraud' };
    for (const e of files.incidents) {
      expect(stored.get(e.id)?.grid_code, e.id).toBe(e.gridCode);
      expect(stored.get(e.id)?.category).toBe(want[e.word] ?? stored.get('TL-EV-0003')?.category);
    }
    expect(stored.get('TL-EV-0003')?.category).not.toMatch(/^(dispute|theft|fraud|public_order)$/); // the new one
    await admin.screenshot({ path: `${SHOTS}/4-incidents-imported.png` });
    // the admin's open page counts them all without a reload: its window was counted back from today while the
    // county had no incident, and now follows the data's range
    await admin.waitForFunction((n) => Number((document.querySelector('#kpi-total .kpi-value')?.textContent ?? '').replace(/[^\d]/g, '')) === n, files.incidents.length, { timeout: 30_000 });
  }, 240_000);

  it('imports the police stations (CSV), so patrol has starting points and response rings', async () => {
    const ts = await db.query<{ code: string; name: string; seat_lon: number; seat_lat: number; geojson: string }>('SELECT code, name, seat_lon, seat_lat, geojson FROM townships ORDER BY code');
    const seats = ts.filter((t) => pointInGeometry(t.seat_lon, t.seat_lat, JSON.parse(t.geojson))).slice(0, 5);
    const csv = ['名称,类型,地址,经度,纬度,警力', ...seats.map((t, i) => `${t.name.replace(/(镇|乡|街道)$/, '')}派出所,${i === 0 ? '公安局' : '派出所'},,${t.seat_lon},${t.seat_lat},2`)].join('\n');
    await admin.locator('#import-target').selectOption('stations');
    expect(await admin.locator('#import-file-label').textContent()).toBe('选择 CSV、XLSX 或 GeoJSON 文件'); // the picker takes GeoJSON points too
    await recheck(admin, () => admin.locator('#import-file').setInputFiles({ name: '铁岭县派出所.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) }));
    expect(await statusText(admin)).toContain(`合格 ${seats.length} 行，不合格 0 行`);
    expect(await admin.locator('#import-station-preview tbody tr').count()).toBe(seats.length);
    await admin.screenshot({ path: `${SHOTS}/4b-stations-dry-run.png` });
    await admin.locator('#import-run').click();
    await admin.waitForFunction((n) => new RegExp(`已导入 ${n} 个派出所`).test(document.querySelector('#import-status')?.textContent ?? ''), seats.length, { timeout: 60_000 });
    expect((await db.query<{ n: number }>('SELECT count(*)::INT n FROM police_stations'))[0].n).toBe(seats.length);
    await admin.close();
  }, 240_000);

  it('the county leader sees the incidents: KPIs of the last 7 days, heat on the map', async () => {
    const page = await pageAs('county_leader');
    await settled(page);
    await page.waitForSelector('#kpi-total', { timeout: 30_000 });
    const total = Number((await page.locator('#kpi-total .kpi-value').innerText()).replace(/[^\d]/g, ''));
    expect(total).toBe(files.incidents.length);
    const withHeat = await page.locator('#map').screenshot();
    await page.locator('#layer-heat').uncheck();
    await settled(page);
    await page.waitForTimeout(400);
    const without = await page.locator('#map').screenshot();
    expect(pixelDifference(withHeat, without), 'heat pixels').toBeGreaterThan(0.002);
    await page.locator('#layer-heat').check();
    await settled(page);
    await page.screenshot({ path: `${SHOTS}/5-leader.png` });
    await page.close();
  }, 240_000);

  it('the planner sees the new cameras in the coverage view', async () => {
    const page = await pageAs('planner');
    await page.click('#tab-coverage');
    await page.waitForSelector('#cov-ledger', { timeout: 90_000 });
    await settled(page);
    await page.screenshot({ path: `${SHOTS}/6-planner.png` });
    // 120 cameras, one in ten offline: the legend counts them, and the ledger — with no key sites or roads to
    // cover yet — says what it holds instead of an empty table.
    const offline = files.cameras.filter((_, i) => i % 10 === 9).length;
    expect(await page.locator('#legend').innerText()).toContain(`视频监控（${files.cameras.length} 路）`);
    expect(await page.locator('#cov-empty').innerText()).toContain(`已有摄像机 ${files.cameras.length - offline} 路在线、${offline} 路离线`);
    await page.close();
  }, 240_000);

  it('the patrol dispatcher sees the shift\'s risk windows from the imported incidents', async () => {
    const page = await pageAs('dispatcher');
    await page.click('#tab-patrol');
    await settled(page);
    await page.waitForSelector('#patrol-risk-list li, #patrol-risk-empty', { timeout: 90_000 });
    await page.screenshot({ path: `${SHOTS}/7-patrol.png` });
    writeFileSync(`${SHOTS}/7-patrol-panel.txt`, await page.locator('#panel').innerText());
    expect(await page.locator('#patrol-risk-list li').count()).toBeGreaterThan(0);
    // The county's own category is named (it read drunken_trouble, its code).
    const risk = await page.locator('#patrol-risk-list').innerText();
    expect(risk).toContain('酒后滋事');
    expect(risk).not.toContain('drunken_trouble');
    // Response rings from the imported stations, estimated without roads and saying so.
    expect(await page.locator('#patrol-station option').count()).toBeGreaterThanOrEqual(5);
    await page.locator('#patrol-layer-iso').check().catch(() => {});
    await page.waitForSelector('#patrol-iso-table', { timeout: 90_000 });
    expect(await page.locator('#patrol-iso-note').innerText()).toContain('尚未导入道路');
    const thirty = await page.locator('#patrol-iso-table tr[data-minutes="30"] td').nth(1).innerText();
    expect(thirty).not.toMatch(/^0(\.0)?%/);
    await settled(page);
    await page.screenshot({ path: `${SHOTS}/8-patrol-rings.png` });
    await page.close();
    expect(pageErrors).toEqual([]);
  }, 240_000);
});

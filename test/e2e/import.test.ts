// Importing through the UI, as a new user would: the header's 数据导入 opens the dialog; a CSV of incidents
// with GCJ-02 coordinates is previewed (column mapping, first rows with their grids) and imported; the KPI
// total rises by the number of rows and the map's incident data reloads. A bad file is refused with its
// line numbers and the KPI does not move. Runs on a private writable copy of the test county.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertPoint } from '../../server/analysis/crs.js';
import { pointInGeometry } from '../../shared/geo/point-in-polygon.js';
import type { Database } from '../../server/db/database.js';
import { launchBrowser } from '../support/browser.js';
import { startHttpServer } from '../support/http-server.js';
import { signInThroughPage } from '../support/dashboard-session.js';
import { signIn, type Requester } from '../support/session.js';
import { openWritableCountyCopy } from '../support/writable-county.js';

let db: Database;
let dispose: () => void;
let server: Awaited<ReturnType<typeof startHttpServer>>;
let request: Requester;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
const pageErrors: string[] = [];

const settled = () => page.waitForFunction(() => document.body.dataset.ready === 'true' && document.body.dataset.busy !== 'true', undefined, { timeout: 60_000 });
const kpiTotal = async () => Number((await page.locator('#kpi-total .kpi-value').innerText()).replace(/[^\d]/g, ''));

beforeAll(async () => {
  ({ db, dispose } = await openWritableCountyCopy());
  server = await startHttpServer(db);
  browser = await launchBrowser();
  page = await browser.context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await signInThroughPage(page, server.url, 'admin');
  request = await signIn(server.url, 'admin');
  await settled();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  dispose?.();
});

async function csvInWindow(n: number): Promise<string> {
  const { to } = await page.evaluate(() => window.__pingan!.state.filter);
  const grids = await db.query<{ centre_lon: number; centre_lat: number; geojson: string }>("SELECT centre_lon, centre_lat, geojson FROM grids WHERE kind = 'residential' ORDER BY code LIMIT 60");
  const inside = grids.filter((g) => pointInGeometry(g.centre_lon, g.centre_lat, JSON.parse(g.geojson))).slice(0, n);
  const rows = inside.map((g, i) => {
    const [x, y] = convertPoint(g.centre_lon, g.centre_lat, 'wgs84', 'gcj02');
    return `UI-${i},盗窃,${to} 0${i % 9}:30,${x.toFixed(7)},${y.toFixed(7)},,电动车被盗`;
  });
  return `编号,类别,时间,经度,纬度,地址,描述\n${rows.join('\n')}\n`;
}

async function chooseFile(name: string, text: string) {
  await page.locator('#import-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  // The dialog marks each finished check (the caller clears the mark before choosing).
  await page.waitForFunction(() => !document.body.dataset.importBusy && document.body.dataset.importChecked !== undefined && !/检查|上传|处理|Checking|Uploading|processing/.test(document.querySelector('#import-status')?.textContent ?? ''), undefined, { timeout: 30_000 });
}

describe('import dialog', () => {
  it('refuses a bad file with line-level reasons and changes nothing', async () => {
    const before = await kpiTotal();
    await page.locator('#import-open').click();
    await expect(page.locator('#import-modal').isVisible()).resolves.toBe(true);
    await chooseFile('bad.csv', '编号,类别,时间,经度,纬度\nB1,盗窃,2025-03-01 10:00,44.81,123.08\nB2,飞碟,2025-03-01 10:00,123.08,44.81\nB3,飞碟,2025-02-30 10:00,44.81,123.08\n');
    // The dialog is Chinese by default: the reasons are too, with the file's own values.
    const rejected = await page.locator('.import-rejected tbody').innerText();
    expect(rejected).toMatch(/2\s+经纬度疑似颠倒：44\.81, 123\.08 按 123\.08, 44\.81 读取时落在通榆县内/);
    expect(rejected).toMatch(/3\s+未知类别「飞碟」/);
    expect(rejected).not.toMatch(/swapped|unknown category/);
    // A row with three problems lists all three; the refusals are counted per kind above the rows.
    await expect(page.locator('.import-rejected tbody tr').nth(2).locator('.import-reasons li').allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/^未知类别「飞碟」/), expect.stringMatching(/^时间「2025-02-30 10:00」不是有效的日期时间/), expect.stringMatching(/^经纬度疑似颠倒/)]);
    const kinds = await page.locator('.import-reason-counts tbody').innerText();
    expect(kinds).toMatch(/2 行\s+经纬度疑似颠倒/);
    expect(kinds).toMatch(/2 行\s+未知类别「飞碟」/);
    await expect(page.locator('#import-status').innerText()).resolves.toMatch(/合格 0 行，不合格 3 行/);
    // The download carries both languages: line, 原因, reason, raw.
    const csv = await page.locator('.import-download').evaluate(async (a) => (await fetch((a as HTMLAnchorElement).href)).text());
    const csvLines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(csvLines[0]).toBe('line,原因,reason,raw');
    expect(csvLines[2]).toMatch(/^3,"未知类别「飞碟」；[^"]*","unknown category ""飞碟""; /);
    await page.screenshot({ path: '/tmp/import-refused-zh.png' });
    await expect(page.locator('#import-run').isDisabled()).resolves.toBe(true);
    expect(await kpiTotal()).toBe(before);
  });

  it('previews and imports a GCJ-02 file; the KPI total rises by its rows', async () => {
    const before = await kpiTotal();
    const csv = await csvInWindow(12);
    await page.locator('#import-crs').selectOption('gcj02');
    await page.waitForFunction(() => !document.body.dataset.importBusy);
    await page.evaluate(() => delete document.body.dataset.importChecked);
    await chooseFile('gcj.csv', csv);
    await expect(page.locator('#import-status').innerText()).resolves.toMatch(/合格 12 行，不合格 0 行/);
    const mapping = await page.locator('.import-mapping select').evaluateAll((els) => els.map((e) => (e as HTMLSelectElement).value));
    expect(mapping).toEqual(['id', 'category', 'reported_at', 'lon', 'lat', 'address', 'title']);
    await expect(page.locator('.import-preview tbody tr').count()).resolves.toBe(8);
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/import-preview.png' });
    await page.locator('#import-run').click();
    await page.waitForFunction(() => /已导入/.test(document.querySelector('#import-status')?.textContent ?? ''), undefined, { timeout: 30_000 });
    await page.screenshot({ path: 'test-results/import-done.png' });
    await page.locator('.import-close').click();
    await page.waitForFunction((b) => Number(document.querySelector('#kpi-total .kpi-value')?.textContent?.replace(/[^\d]/g, '')) === b + 12, before, { timeout: 30_000 });
    await settled();
    expect(await kpiTotal()).toBe(before + 12);
    expect(pageErrors).toEqual([]);
  });

  it('imports a file of Chinese addresses only: rows are geocoded to hamlets and counted', async () => {
    const before = await kpiTotal();
    const { to } = await page.evaluate(() => window.__pingan!.state.filter);
    const hs = await db.query<{ t: string; v: string; p: string }>(
      `SELECT t.name t, v.name v, g.place_name p FROM grids g JOIN villages v ON v.code = g.village_code JOIN townships t ON t.code = g.township_code
       WHERE g.kind = 'residential' AND g.place_name IS NOT NULL ORDER BY g.code DESC LIMIT 5`);
    const csv = `类别,时间,地址,描述\n${hs.map((h) => `矛盾纠纷,${to} 11:00,吉林省白城市通榆县${h.t}${h.v}${h.p},宅基地纠纷`).join('\n')}\n`;
    await page.locator('#import-open').click();
    await page.evaluate(() => delete document.body.dataset.importChecked);
    await chooseFile('addresses.csv', csv);
    await expect(page.locator('#import-status').innerText()).resolves.toMatch(/合格 5 行，不合格 0 行 · 按地址定位：屯 5/);
    await page.locator('#import-run').click();
    await page.waitForFunction(() => /已导入 5 条/.test(document.querySelector('#import-status')?.textContent ?? ''), undefined, { timeout: 30_000 });
    await page.locator('.import-close').click();
    await page.waitForFunction((b) => Number(document.querySelector('#kpi-total .kpi-value')?.textContent?.replace(/[^\d]/g, '')) === b + 5, before, { timeout: 30_000 });
  });

  it('imports a camera ledger (监控台账) and key sites (重点场所)', async () => {
    const [g] = await db.query<{ centre_lon: number; centre_lat: number }>("SELECT centre_lon, centre_lat FROM grids WHERE kind = 'residential' ORDER BY code LIMIT 1");
    const n0 = (await db.query<{ n: number }>('SELECT count(*)::INTEGER n FROM cameras')).at(0)!.n;
    await page.locator('#import-open').click();
    await page.locator('#import-crs').selectOption('wgs84');
    await page.locator('#import-target').selectOption('cameras');
    await page.waitForFunction(() => !document.body.dataset.importBusy);
    await page.evaluate(() => delete document.body.dataset.importChecked);
    await chooseFile('cams.csv', `编号,名称,类型,经度,纬度,朝向,状态\nUI-CAM-1,村口,公共监控,${g.centre_lon},${g.centre_lat},90,在线\nUI-CAM-2,村口,人脸识别,${g.centre_lon},${g.centre_lat},180,离线\n`);
    await expect(page.locator('#import-status').innerText()).resolves.toMatch(/合格 2 行，不合格 0 行/);
    await expect(page.locator('.import-preview tbody').innerText()).resolves.toMatch(/UI-CAM-1\s+公共监控\s+[\d.]+, [\d.]+\s+90°\s+在线/);
    await page.locator('#import-run').click();
    await page.waitForFunction(() => /已导入 2 个监控点位/.test(document.querySelector('#import-status')?.textContent ?? ''), undefined, { timeout: 30_000 });
    expect((await db.query<{ n: number }>('SELECT count(*)::INTEGER n FROM cameras')).at(0)!.n).toBe(n0 + 2);
    // Key sites the same way; the new name geocodes at once.
    await page.locator('#import-target').selectOption('sites');
    await page.waitForFunction(() => !document.body.dataset.importBusy);
    await page.evaluate(() => delete document.body.dataset.importChecked);
    await chooseFile('sites.csv', `名称,类型,经度,纬度\n界面测试卫生所,医院,${g.centre_lon},${g.centre_lat}\n`);
    await expect(page.locator('.import-preview tbody').innerText()).resolves.toMatch(/界面测试卫生所\s+医院/);
    await page.locator('#import-run').click();
    await page.waitForFunction(() => /已导入 1 个重点场所/.test(document.querySelector('#import-status')?.textContent ?? ''), undefined, { timeout: 30_000 });
    const geo = await (await request(`/api/geocode?q=${encodeURIComponent('界面测试卫生所')}`)).json();
    expect(geo.level).toBe('site');
    await page.locator('#import-target').selectOption('incidents');
    await page.locator('.import-close').click();
  });

  it('offers an export of the current filter that matches the KPI total', async () => {
    await page.locator('#import-open').click();
    const href = await page.locator('#import-export-csv').getAttribute('href');
    const csv = await (await request(href!)).text();
    expect(csv.trim().split('\r\n').length - 1).toBe(await kpiTotal());
    await page.locator('.import-close').click();
  });

  // The 2 s from the report's answer to an open dashboard are checked where the issue asks for them (phone.test.ts:
  // the phone's report on the township's desk) and on the event stream itself (test/api/reports.test.ts); here the
  // waits are generous, so a loaded machine does not fail what works, and the time is printed.
  it('a live report appears as a notification and in the KPI, without reload', async () => {
    await page.waitForFunction(() => document.body.dataset.liveReports === 'connected', undefined, { timeout: 10_000 });
    const before = await kpiTotal();
    const { to } = await page.evaluate(() => window.__pingan!.state.filter);
    const [g] = await db.query<{ centre_lon: number; centre_lat: number }>("SELECT centre_lon, centre_lat FROM grids WHERE kind = 'residential' ORDER BY code LIMIT 1");
    const res = await request(`/api/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ category: 'fire', title: '柴草垛起火', reportedAt: `${to} 10:05`, lon: g.centre_lon, lat: g.centre_lat }) });
    expect(res.status).toBe(201);
    const answered = Date.now();
    await page.waitForFunction(() => /新上报事件/.test(document.querySelector('#live-reports')?.textContent ?? ''), undefined, { timeout: 30_000 });
    const noticed = Date.now();
    await page.waitForFunction((b) => Number(document.querySelector('#kpi-total .kpi-value')?.textContent?.replace(/[^\d]/g, '')) === b + 1, before, { timeout: 30_000 });
    console.log(`live report after its answer: notification ${noticed - answered} ms, KPI ${Date.now() - answered} ms (as the test's waits saw them)`);
    await page.screenshot({ path: 'test-results/live-report.png' });
  });
});

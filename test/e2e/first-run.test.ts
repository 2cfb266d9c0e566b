// The whole first run of a jurisdiction outside the national list, in a real browser at 1366 × 768: a database
// as `COUNTY=none npm start` makes it (schema, no jurisdiction, admin alone; here also a county leader made
// before the jurisdiction). The county leader is told to ask the administrator; the administrator gets the
// first-run screen instead of a raw 409, uploads the outline as a zipped Shapefile in CGCS2000 3° Gauss-Krüger
// (the test county's outline under a made-up development-zone code 220899), sees the dry run (outline among
// the national units around it, area in km², EPSG:4550 from the .prj), sets the seat by a click on the map,
// creates the jurisdiction and follows the next steps: townships, villages and grids through the dashboard's
// import dialog. Screenshots in var/shots/first-run-*.png.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MultiPolygon, Polygon } from 'geojson';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromWgs84 } from '../../server/analysis/epsg.js';
import { areaM2 } from '../../server/analysis/polygon-overlaps.js';
import { createFirstAccounts } from '../../server/auth/first-accounts.js';
import { createUser } from '../../server/auth/user-store.js';
import type { Database } from '../../server/db/database.js';
import { openOrBuildDatabase } from '../../server/db/open-or-build.js';
import { launchBrowser } from '../support/browser.js';
import { startHttpServer } from '../support/http-server.js';
import { signIn, TEST_PASSWORD } from '../support/session.js';
import { zipShapefile } from '../support/shapefile-writer.js';
import { openTestCounty } from '../support/test-county.js';

const SHOTS = 'var/shots';
const prjs = JSON.parse(readFileSync(new URL('../fixtures/crs/esri-prj.json', import.meta.url), 'utf8')) as Record<string, string>;
type Area = { code: string; name: string; geojson: string };
let source: { outline: Polygon | MultiPolygon; townships: Area[]; villages: Area[]; grids: Area[] };
let dir: string;
let db: Database;
let server: Awaited<ReturnType<typeof startHttpServer>>;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
const pageErrors: string[] = [];

const recode = (code: string) => `220899${code.slice(6)}`;
const fc = (rows: Area[]) => JSON.stringify({ type: 'FeatureCollection', features: rows.map((r) => ({ type: 'Feature', properties: { code: recode(r.code), name: r.name }, geometry: JSON.parse(r.geojson) })) });
const project = (g: Polygon | MultiPolygon): Polygon | MultiPolygon => {
  const f = (p: number[]) => fromWgs84(4550, p[0], p[1]);
  return g.type === 'Polygon' ? { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(f)) } : { type: 'MultiPolygon', coordinates: g.coordinates.map((q) => q.map((r) => r.map(f))) };
};
/** Waits for the dry run to answer (status ok or error) and gives the status line. */
async function checked(p: Page): Promise<{ ok: boolean; text: string }> {
  await p.waitForFunction(() => /\b(ok|error)\b/.test(document.querySelector('#first-run-status')?.className ?? ''), undefined, { timeout: 60_000 });
  return p.locator('#first-run-status').evaluate((e) => ({ ok: e.classList.contains('ok'), text: e.textContent ?? '' }));
}
async function checkedOk(p: Page): Promise<void> {
  const r = await checked(p);
  expect(r.ok, r.text).toBe(true);
}
const ready = (p: Page) => p.waitForFunction(() => document.body.dataset.ready === 'true' && document.body.dataset.busy !== 'true', undefined, { timeout: 90_000 });

async function signInAs(p: Page, username: string): Promise<void> {
  await p.goto(server.url);
  await p.waitForSelector('#login-username', { timeout: 60_000 });
  await p.fill('#login-username', username);
  await p.fill('#login-password', TEST_PASSWORD);
  await Promise.all([p.waitForEvent('load', { timeout: 60_000 }), p.click('#login-submit')]);
  await ready(p);
}

beforeAll(async () => {
  const test = await openTestCounty();
  const [c] = await test.query<{ geojson: string }>('SELECT geojson FROM county');
  source = {
    outline: JSON.parse(c.geojson),
    townships: await test.query('SELECT code, name, geojson FROM townships ORDER BY code'),
    villages: await test.query('SELECT code, name, geojson FROM villages ORDER BY code'),
    grids: await test.query('SELECT code, name, geojson FROM grids ORDER BY code'),
  };
  test.close();
  mkdirSync(SHOTS, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'pingan-first-run-'));
  db = await openOrBuildDatabase(join(dir, 'empty.duckdb'), { county: 'none' }, () => {});
  await createFirstAccounts(db, { demo: false, adminPassword: TEST_PASSWORD, log: () => {} });
  await createUser(db, { username: 'leader-early', displayName: '县领导', role: 'county_leader', scopeCode: '', password: TEST_PASSWORD });
  server = await startHttpServer(db);
  browser = await launchBrowser({ viewport: { width: 1366, height: 768 } });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('first run on an empty database (COUNTY=none)', () => {
  it('tells a non-administrator 尚未设置辖区 — 请联系管理员 (no raw error)', async () => {
    const other = await browser.context.browser()!.newContext({ viewport: { width: 1366, height: 768 } });
    const p = await other.newPage();
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(String(e)));
    await signInAs(p, 'leader-early');
    await expect(p.locator('#first-run-none').innerText()).resolves.toBe('尚未设置辖区 — 请联系管理员');
    await expect(p.locator('#error').isVisible()).resolves.toBe(false);
    await expect(p.locator('#first-run-file').count()).resolves.toBe(0);
    await p.screenshot({ path: `${SHOTS}/first-run-not-admin.png` });
    await p.locator('#lang').click();
    await expect(p.locator('#first-run-none').innerText()).resolves.toBe('No jurisdiction set up yet — please contact the administrator');
    expect(errors).toEqual([]);
    await other.close();
  }, 120_000);

  it('gives the administrator the jurisdiction import with a dry run: outline on a map, area, CRS from the .prj', async () => {
    page = await browser.context.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await signInAs(page, 'admin');
    await expect(page.locator('#first-run h2').innerText()).resolves.toBe('设置辖区');
    await expect(page.locator('#error').isVisible()).resolves.toBe(false);
    await expect(page.locator('#tabs').isVisible()).resolves.toBe(false);
    await expect(page.locator('#first-run-create').isDisabled()).resolves.toBe(true);
    await page.screenshot({ path: `${SHOTS}/first-run-empty.png` });

    const zip = await zipShapefile({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { 名称: '通榆测试开发区' }, geometry: project(source.outline) }] }, { prj: prjs['4550'], encoding: 'gbk' });
    await page.fill('#first-run-code', '220899');
    await page.locator('#first-run-file').setInputFiles({ name: 'kaifaqu.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
    await checkedOk(page);
    // The name comes from the file's 名称 (GBK attributes), the province and prefecture from the code.
    await expect(page.locator('#first-run-fact-name').innerText()).resolves.toBe('通榆测试开发区');
    await expect(page.locator('#first-run-fact-within').innerText()).resolves.toBe('吉林省 白城市');
    const km2 = areaM2(source.outline) / 1e6;
    const shown = Number((await page.locator('#first-run-fact-area').innerText()).replace(/[^\d.]/g, ''));
    expect(Math.abs(shown - km2) / km2).toBeLessThan(1e-3);
    await expect(page.locator('#first-run-crs-detected').getAttribute('data-crs')).resolves.toBe('epsg:4550');
    await expect(page.locator('#first-run-crs-name').innerText()).resolves.toMatch(/CGCS2000.*GK.*105E|CGCS2000/);
    // On the map: the outline and the national units around it, the county it was drawn from among them by name.
    expect(await page.locator('#first-run-map path.outline').count()).toBe(1);
    expect(await page.locator('#first-run-map path.around').count()).toBeGreaterThan(3);
    expect(await page.locator('#first-run-map text.around-name').evaluateAll((els) => els.map((e) => e.textContent))).toContain('通榆县');
    await expect(page.locator('#first-run-warnings').innerText()).resolves.toMatch(/自相交/);
    await expect(page.locator('#first-run-create').isDisabled()).resolves.toBe(false);
    await page.screenshot({ path: `${SHOTS}/first-run-dry-run.png` });

    // The click leaves the code field, whose change checks the form again: the status says 正在检查 (Checking…) until
    // that dry run answers, so wait for it (the full run of stop 20 read the status while it was still checking).
    await page.locator('#lang').click();
    await expect(page.locator('#first-run h2').innerText()).resolves.toBe('Set up the jurisdiction');
    await expect(page.locator('#first-run-fact-area').innerText()).resolves.toMatch(/km²$/);
    await expect(checked(page).then((r) => r.text)).resolves.toMatch(/^Checked/);
    await expect(page.locator('#first-run-file-name').innerText()).resolves.toBe('kaifaqu.zip'); // the chosen file survives the re-render
    await page.screenshot({ path: `${SHOTS}/first-run-dry-run-en.png` });
    await page.locator('#lang').click();
  }, 180_000);

  it('sets the seat by a click on the map, refuses a seat outside, and creates the jurisdiction', async () => {
    const box = (await page.locator('#first-run-map path.outline').boundingBox())!;
    // A point outside the outline first (the map's top-left corner): refused with the reason, nothing created.
    const map = (await page.locator('#first-run-map').boundingBox())!;
    await page.mouse.click(map.x + 3, map.y + 3);
    const outside = await checked(page);
    expect(outside.ok).toBe(false);
    expect(outside.text).toMatch(/驻地 .* 不在辖区边界内/);
    await expect(page.locator('#first-run-create').isDisabled()).resolves.toBe(true);
    expect((await db.query<{ n: number }>('SELECT count(*)::INT n FROM county'))[0].n).toBe(0);
    // Emptied again: a point inside the outline is taken.
    await page.fill('#first-run-seatLon', '');
    await page.fill('#first-run-seatLat', '');
    await page.locator('#first-run-seatLat').dispatchEvent('change');
    await checkedOk(page);
    // A click on the middle of the outline's box: inside the outline of this county (checked by the server).
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await checkedOk(page);
    const lon = Number(await page.locator('#first-run-seatLon').inputValue()), lat = Number(await page.locator('#first-run-seatLat').inputValue());
    await expect(page.locator('#first-run-fact-seat').innerText()).resolves.toBe(`${lon.toFixed(5)}, ${lat.toFixed(5)}`);

    await page.locator('#first-run-create').click();
    await page.waitForSelector('#first-run-done', { timeout: 60_000 });
    await expect(page.locator('#first-run-done').innerText()).resolves.toMatch(/^辖区已创建：通榆测试开发区（220899），面积 [\d,.]+ 平方千米。$/);
    const [c] = await db.query<{ code: string; name: string; seat_lon: number; seat_lat: number }>('SELECT code, name, seat_lon, seat_lat FROM county');
    expect(c).toMatchObject({ code: '220899', name: '通榆测试开发区' });
    expect(c.seat_lon).toBeCloseTo(lon, 5);
    expect(c.seat_lat).toBeCloseTo(lat, 5);
    await page.screenshot({ path: `${SHOTS}/first-run-created.png` });
  }, 180_000);

  it('leads on to the township, village and grid imports in the dashboard', async () => {
    const importLevel = async (level: 'township' | 'village' | 'grid', rows: Area[]) => {
      await expect(page.locator('#import-modal').isVisible()).resolves.toBe(true);
      await expect(page.locator('#import-target').inputValue()).resolves.toBe(level);
      await page.locator('#import-file').setInputFiles({ name: `${level}.geojson`, mimeType: 'application/geo+json', buffer: Buffer.from(fc(rows)) });
      await page.waitForFunction(() => !document.body.dataset.importBusy && document.body.dataset.importChecked !== undefined, undefined, { timeout: 60_000 });
      await expect(page.locator('#import-status').innerText()).resolves.toMatch(new RegExp(`${rows.length} 个要素：合格 ${rows.length}，不合格 0`));
      await page.locator('#import-run').click();
      await page.waitForFunction(() => /已导入/.test(document.querySelector('#import-status')?.textContent ?? ''), undefined, { timeout: 90_000 });
    };
    await Promise.all([page.waitForEvent('load', { timeout: 60_000 }), page.locator('#first-run-next-township').click()]);
    await ready(page);
    await expect(page.locator('#title').innerText()).resolves.toBe('平安一张图 · 通榆测试开发区');
    await importLevel('township', source.townships);
    await page.screenshot({ path: `${SHOTS}/first-run-townships.png` });
    await page.locator('#import-target').selectOption('village');
    await importLevel('village', source.villages);
    await page.locator('#import-target').selectOption('grid');
    await importLevel('grid', source.grids);
    await page.locator('.import-close').click();
    const admin = await signIn(server.url, 'admin');
    const health = (await (await admin('/api/health')).json()) as { counts: Record<string, number> };
    expect(health.counts).toMatchObject({ townships: source.townships.length, villages: source.villages.length, grids: source.grids.length, incidents: 0 });
    // The dashboard on the new jurisdiction: its townships in the filter, the empty state for incidents.
    await page.reload();
    await ready(page);
    const jurisdiction = await page.locator('#panel select').first().innerText();
    expect(jurisdiction).toContain('通榆测试开发区');
    expect(jurisdiction).toContain(source.townships[0].name);
    await expect(page.locator('#kpi-empty').textContent()).resolves.toBe('尚无事件数据 — 导入事件');
    await page.screenshot({ path: `${SHOTS}/first-run-dashboard.png` });
    expect(pageErrors).toEqual([]);
  }, 300_000);
});

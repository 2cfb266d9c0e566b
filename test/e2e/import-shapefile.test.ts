// A grid Shapefile through the import dialog, as a county clerk would bring it: a zip in CGCS2000 3-degree
// Gauss-Krüger without zone prefix and without .prj, attributes in GBK. The dry run shows the system it
// guessed from the positions (EPSG:4550, central meridian 123°E) with the share of features inside the
// county and the attribute encoding, and holds the import until the clerk confirms the system; after the
// confirmation the file imports and the report says so. Runs on a private writable copy of the test county.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { fromWgs84 } from '../../server/analysis/epsg.js';
import type { Database } from '../../server/db/database.js';
import { launchBrowser } from '../support/browser.js';
import { startHttpServer } from '../support/http-server.js';
import { signInThroughPage } from '../support/dashboard-session.js';
import { openWritableCountyCopy } from '../support/writable-county.js';
import { zipShapefile } from '../support/shapefile-writer.js';

let db: Database;
let dispose: () => void;
let server: Awaited<ReturnType<typeof startHttpServer>>;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
const pageErrors: string[] = [];
type Grid = { code: string; name: string; geojson: string };
let grids: Grid[];

beforeAll(async () => {
  ({ db, dispose } = await openWritableCountyCopy());
  grids = await db.query<Grid>('SELECT code, name, geojson FROM grids ORDER BY code');
  server = await startHttpServer(db);
  browser = await launchBrowser();
  page = await browser.context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await signInThroughPage(page, server.url, 'admin');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  dispose?.();
});

type Geom = Polygon | MultiPolygon;
const project = (g: Geom): Geom => {
  const f = (p: number[]) => fromWgs84(4550, p[0], p[1]);
  return g.type === 'Polygon' ? { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(f)) } : { type: 'MultiPolygon', coordinates: g.coordinates.map((q) => q.map((r) => r.map(f))) };
};

const checked = () => page.waitForFunction(() => !document.body.dataset.importBusy && document.body.dataset.importChecked !== undefined, undefined, { timeout: 60_000 });

describe('import dialog: a zipped Shapefile in Gauss-Krüger', () => {
  it('shows the guessed system, waits for confirmation, then imports', async () => {
    const zip = await zipShapefile({ type: 'FeatureCollection', features: grids.map((g): Feature<Geom> => ({ type: 'Feature', properties: { 网格编码: g.code, 网格名称: g.name }, geometry: project(JSON.parse(g.geojson)) })) }, { name: '通榆县网格', prj: null, encoding: 'gbk' });
    await page.locator('#import-open').click();
    await page.locator('#import-target').selectOption('grid');
    expect(await page.locator('#import-file').getAttribute('accept')).toMatch(/\.zip/);
    expect(await page.locator('#import-crs option[value="epsg:4529"]').count()).toBe(1);
    await page.evaluate(() => delete document.body.dataset.importChecked);
    await page.locator('#import-file').setInputFiles({ name: '通榆县网格.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
    await checked();
    const panel = page.locator('#import-crs-detected');
    expect(await panel.getAttribute('data-crs')).toBe('epsg:4550');
    expect(await panel.getAttribute('data-confirm')).toBe('true');
    const text = await panel.innerText();
    expect(text).toContain('EPSG:4550 CGCS2000 / 3-degree Gauss-Kruger CM 123E');
    expect(text).toContain('根据坐标数值推断');
    expect(text).toContain('100% 的要素落在辖区范围内');
    expect(await page.locator('#import-encoding-detected').innerText()).toMatch(/通榆县网格\.shp · 属性编码 GBK（自动识别）/);
    expect(await page.locator('#import-status').innerText()).toContain(`${grids.length} 个要素：合格 ${grids.length}，不合格 0`);
    expect(await page.locator('#import-run').isDisabled()).toBe(true);
    await page.screenshot({ path: 'var/e2e-import-shapefile.png' });

    await page.evaluate(() => delete document.body.dataset.importChecked);
    await page.locator('#import-crs-confirm').click();
    await checked();
    expect(await page.locator('#import-crs').inputValue()).toBe('epsg:4550');
    expect(await page.locator('#import-crs-detected').getAttribute('data-confirm')).toBe('false');
    expect(await page.locator('#import-run').isDisabled()).toBe(false);
    await page.locator('#import-run').click();
    await page.waitForFunction(() => /已导入/.test(document.querySelector('#import-status')?.textContent ?? ''), undefined, { timeout: 120_000 });
    expect(await page.locator('#import-status').innerText()).toContain(`已导入 ${grids.length} 个网格边界`);
    const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::INT n FROM grids');
    expect(n).toBe(grids.length);
    expect(pageErrors).toEqual([]);
  }, 240_000);
});

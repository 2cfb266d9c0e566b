// Polygon and road import through the dialog, as a county would bring its own data: a grid file with a
// bowtie and an overlap is refused (the preview map marks the bad features red, the list gives reasons and
// file lines) and nothing changes; the county's grid set with one grid merged into its neighbour is
// previewed, imported with the server's progress shown, and the report says how many points changed unit;
// a small road file appends. Runs on a private writable copy of the test county.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { union, featureCollection, feature } from '@turf/turf';
import type { Database } from '../../server/db/database.js';
import { launchBrowser } from '../support/browser.js';
import { startHttpServer } from '../support/http-server.js';
import { signInThroughPage } from '../support/dashboard-session.js';
import { openWritableCountyCopy } from '../support/writable-county.js';

let db: Database;
let dispose: () => void;
let server: Awaited<ReturnType<typeof startHttpServer>>;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
const pageErrors: string[] = [];
type Grid = { code: string; name: string; village_code: string; geojson: string };
let grids: Grid[];

const settled = () => page.waitForFunction(() => document.body.dataset.ready === 'true' && document.body.dataset.busy !== 'true', undefined, { timeout: 60_000 });

beforeAll(async () => {
  ({ db, dispose } = await openWritableCountyCopy());
  grids = await db.query<Grid>('SELECT code, name, village_code, geojson FROM grids ORDER BY code');
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

const fc = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features }, null, 1);
const gridFeature = (g: Grid, geometry?: unknown) => ({ type: 'Feature', properties: { 网格编码: g.code, 网格名称: g.name }, geometry: geometry ?? JSON.parse(g.geojson) });

async function chooseFile(name: string, text: string) {
  await page.evaluate(() => delete document.body.dataset.importChecked);
  await page.locator('#import-file').setInputFiles({ name, mimeType: 'application/geo+json', buffer: Buffer.from(text) });
  await page.waitForFunction(() => !document.body.dataset.importBusy && document.body.dataset.importChecked !== undefined, undefined, { timeout: 60_000 });
}

describe('import dialog: polygons and roads', () => {
  it('refuses a grid file with a bowtie and an overlap, marking them on the preview map', async () => {
    await page.locator('#import-open').click();
    await page.locator('#import-target').selectOption('grid');
    expect(await page.locator('#import-file').getAttribute('accept')).toMatch(/geojson/);
    const ring = (g: Grid) => { const x = JSON.parse(g.geojson); return x.type === 'Polygon' ? x.coordinates[0] : x.coordinates[0][0]; };
    const [a, b, c] = grids;
    const [[x0, y0], , [x1, y1]] = ring(a);
    const bowtie = { type: 'Polygon', coordinates: [[[x0, y0], [x1, y1], [x1, y0], [x0, y1], [x0, y0]]] };
    await chooseFile('bad.geojson', fc([gridFeature(a, bowtie), gridFeature(b), gridFeature(c, JSON.parse(b.geojson)), ...grids.slice(3).map((g) => gridFeature(g))]));
    await expect(page.locator('#import-status').innerText()).resolves.toMatch(/合格 \d+，不合格 3/);
    const list = await page.locator('.import-features tbody').innerText();
    expect(list).toMatch(/1\s+4\s+220822\d+.*多边形自相交：外环在 [\d.]+, [\d.]+ 处与自身相交/);
    expect(list).toMatch(new RegExp(`与同级单元 ${c.code}（要素 3）重叠 [\\d,]+ 平方米`));
    expect(list).not.toMatch(/intersects itself|overlaps/);
    expect(await page.locator('.import-map path.import-map-refused').count()).toBe(3);
    expect(await page.locator('.import-map path.import-map-valid').count()).toBe(grids.length - 3);
    await expect(page.locator('#import-run').isDisabled()).resolves.toBe(true);
    await page.screenshot({ path: '/tmp/import-grids-refused.png' });
    expect((await db.query<{ n: number }>('SELECT count(*)::INTEGER n FROM grids'))[0].n).toBe(grids.length);
  });

  it('imports a new grid set with server progress and reports re-assigned points', async () => {
    const [g0, g1] = grids.filter((g) => g.village_code === grids[0].village_code);
    const merged = union(featureCollection([feature(JSON.parse(g0.geojson)), feature(JSON.parse(g1.geojson))]))!.geometry;
    const file = fc(grids.filter((g) => g !== g1).map((g) => gridFeature(g, g === g0 ? merged : undefined)));
    await chooseFile('grids.geojson', file);
    await expect(page.locator('#import-status').innerText()).resolves.toMatch(new RegExp(`${grids.length - 1} 个要素：合格 ${grids.length - 1}，不合格 0`));
    await expect(page.locator('#import-replaced').innerText()).resolves.toMatch(new RegExp(`原有 ${grids.length} 个，导入后 ${grids.length - 1} 个（保留 ${grids.length - 1}，新增 0，移除 1）`));
    const mapping = await page.locator('.import-mapping select').evaluateAll((els) => els.map((e) => (e as HTMLSelectElement).value));
    expect(mapping).toEqual(['code', 'name']);
    // Watch the status while the import runs: the server's stages appear with a progress bar.
    await page.evaluate(() => delete document.body.dataset.importStage);
    const stages = page.evaluate(() => new Promise<string[]>((resolve) => {
      const seen = new Set<string>();
      let started = false;
      const obs = new MutationObserver(() => { if (document.body.dataset.importStage) seen.add(document.body.dataset.importStage); });
      obs.observe(document.body, { attributes: true, attributeFilter: ['data-import-stage'] });
      const t = setInterval(() => {
        if (document.body.dataset.importBusy) started = true;
        else if (started) { clearInterval(t); obs.disconnect(); resolve([...seen]); }
      }, 20);
    }));
    await page.locator('#import-run').click();
    const seen = await stages;
    await page.waitForFunction(() => /已导入/.test(document.querySelector('#import-status')?.textContent ?? ''), undefined, { timeout: 60_000 });
    expect(seen.some((s) => /checking|writing|reassigning|done/.test(s))).toBe(true);
    const report = await page.locator('#import-reassigned').innerText();
    const [, changed] = report.match(/事件 (\d+)\/(\d+) 条改变单元/)!;
    const moved = (await db.query<{ n: number }>('SELECT count(*)::INTEGER n FROM incidents WHERE grid_code = ?', [g0.code]))[0].n;
    expect(Number(changed)).toBeGreaterThan(0);
    expect(Number(changed)).toBeLessThanOrEqual(moved);
    expect((await db.query<{ n: number }>('SELECT count(*)::INTEGER n FROM incidents WHERE grid_code = ?', [g1.code]))[0].n).toBe(0);
    await page.locator('.import-dialog').evaluate((e) => (e.scrollTop = 0));
    await page.screenshot({ path: '/tmp/import-grids-done.png' });
  });

  it('appends a road file and shows the report', async () => {
    await page.locator('#import-target').selectOption('roads');
    await expect(page.locator('#import-road-mode-label').isVisible()).resolves.toBe(true);
    const [c] = await db.query<{ seat_lon: number; seat_lat: number }>('SELECT seat_lon, seat_lat FROM county');
    const line = (d: number) => [0, 1, 2].map((i) => [c.seat_lon + d + i * 0.01, c.seat_lat + d + i * 0.003]);
    await chooseFile('roads.geojson', fc([
      { type: 'Feature', properties: { 名称: '界面测试路', 等级: '县道' }, geometry: { type: 'LineString', coordinates: line(0.01) } },
      { type: 'Feature', properties: { 名称: '界面测试村道', 等级: '村道' }, geometry: { type: 'LineString', coordinates: line(0.03) } },
    ]));
    await expect(page.locator('#import-status').innerText()).resolves.toMatch(/2 个要素：合格 2，不合格 0/);
    await page.locator('#import-run').click();
    await page.waitForFunction(() => /已导入 2 段道路/.test(document.querySelector('#import-status')?.textContent ?? ''), undefined, { timeout: 30_000 });
    expect((await db.query<{ n: number }>("SELECT count(*)::INTEGER n FROM roads WHERE name LIKE '界面测试%'"))[0].n).toBe(2);
    await page.screenshot({ path: '/tmp/import-roads-done.png' });
    // English is available: the dialog in English, with the same kinds.
    await page.locator('.import-close').click();
    await page.locator('#lang').click();
    await page.locator('#import-open').click();
    await page.locator('#import-target').selectOption('village');
    await expect(page.locator('#import-title').innerText()).resolves.toBe('Import · Village polygons');
    await expect(page.locator('.import-hint:not(#import-templates-box)').first().innerText()).resolves.toMatch(/replaces the whole level/); // the second hint holds the template links
    // Reasons in English too: a village file with a bowtie.
    const [v] = await db.query<{ code: string; name: string; geojson: string }>('SELECT code, name, geojson FROM villages ORDER BY code LIMIT 1');
    const vr = JSON.parse(v.geojson);
    const [[a0, b0], , [a1, b1]] = vr.type === 'Polygon' ? vr.coordinates[0] : vr.coordinates[0][0];
    await chooseFile('villages.geojson', fc([{ type: 'Feature', properties: { 编码: v.code, 名称: v.name }, geometry: { type: 'Polygon', coordinates: [[[a0, b0], [a1, b1], [a1, b0], [a0, b1], [a0, b0]]] } }]));
    const listEn = await page.locator('.import-features tbody').innerText();
    expect(listEn).toMatch(/invalid polygon: polygon's outer ring intersects itself/);
    expect(listEn).not.toMatch(/多边形/);
    await expect(page.locator('#import-status').innerText()).resolves.toMatch(/1 features: 0 good, 1 refused/);
    await page.screenshot({ path: '/tmp/import-en.png' });
    expect(pageErrors).toEqual([]);
  });
});

// The import dialog as a new user meets it (issue 16 item 13), on a writable copy of the test county: every
// kind offers a template file to download; the downloaded template, chosen as the file, passes the dry run
// (so the template is right, not only present); the column-mapping selects name the fields in Chinese (in
// English in English mode); the preview names the grid instead of its 15-digit code.
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { LAPTOP, useDashboard } from '../support/dashboard-session.js';

const { session, page } = useDashboard({ writable: true, role: 'admin', viewport: LAPTOP });

async function download(format: string): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(`#import-templates .import-template[data-format="${format}"]`)]);
  return { name: d.suggestedFilename(), bytes: readFileSync((await d.path())!) };
}

async function chooseTemplate(name: string, bytes: Buffer): Promise<void> {
  await page.evaluate(() => delete document.body.dataset.importChecked);
  await page.locator('#import-file').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: bytes });
  await page.waitForFunction(() => !document.body.dataset.importBusy && document.body.dataset.importChecked !== undefined && !/检查|上传|处理|Checking|Uploading|processing/.test(document.querySelector('#import-status')?.textContent ?? ''), undefined, { timeout: 60_000 });
}

beforeAll(async () => {
  await page.click('#import-open');
  await page.waitForSelector('#import-templates');
}, 180_000);

describe('the import dialog', () => {
  it('the incidents template downloads, passes the dry run, and its preview names the grid', async () => {
    const t = await download('csv');
    expect(t.name).toBe('导入模板-incidents.csv');
    expect(t.bytes.toString('utf8').replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('编号,类别,时间,经度,纬度,地址,描述,状态');
    await chooseTemplate(t.name, t.bytes);
    expect(await page.locator('#import-status').innerText()).toMatch(/合格 1 行，不合格 0 行/);
    // mapping selects in Chinese
    const options = await page.locator('.import-mapping select').first().locator('option').allInnerTexts();
    expect(options).toEqual(expect.arrayContaining(['编号', '类别', '时间', '经度', '纬度']));
    const chosen = await page.locator('.import-mapping select').evaluateAll((ss) => ss.map((s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent));
    expect(chosen.slice(0, 5)).toEqual(['编号', '类别', '时间', '经度', '纬度']);
    // the grid column: a name with Chinese characters, the code only in its title
    const grid = page.locator('.import-preview tbody tr td[data-code]').first();
    const [name, code] = [await grid.innerText(), await grid.getAttribute('data-code')];
    expect(code).toMatch(/^\d{15}$/);
    expect(name).not.toMatch(/\d{15}/);
    expect(name).toMatch(/[\u4e00-\u9fff]/);
    const [{ name: dbName }] = await session.db.query<{ name: string }>('SELECT name FROM grids WHERE code = ?', [code]);
    expect(name).toBe(dbName);
  }, 120_000);

  it('the cameras template comes as XLSX and CSV, and both pass the dry run', async () => {
    await page.selectOption('#import-target', 'cameras');
    const x = await download('xlsx');
    expect(x.name).toBe('导入模板-cameras.xlsx');
    expect(Object.keys(unzipSync(new Uint8Array(x.bytes)))).toContain('xl/worksheets/sheet1.xml');
    await chooseTemplate(x.name, x.bytes);
    expect(await page.locator('#import-status').innerText()).toMatch(/合格 1 行，不合格 0 行/);
    // (the camera importer recognises its headers itself and sends no mapping to adjust)
    expect(await page.locator('.import-preview tbody td[data-code]').first().innerText()).toMatch(/[\u4e00-\u9fff]/);
    const c = await download('csv');
    await chooseTemplate(c.name, c.bytes);
    expect(await page.locator('#import-status').innerText()).toMatch(/合格 1 行，不合格 0 行/);
  }, 120_000);

  it('the sites template passes the dry run; areas and roads offer GeoJSON templates that read as features', async () => {
    await page.selectOption('#import-target', 'sites');
    const t = await download('csv');
    await chooseTemplate(t.name, t.bytes);
    expect(await page.locator('#import-status').innerText()).toMatch(/合格 1 行，不合格 0 行/);
    for (const target of ['grid', 'village', 'township', 'roads']) {
      await page.selectOption('#import-target', target);
      const g = await download('geojson');
      expect(g.name).toBe(`导入模板-${target}.geojson`);
      const fc = JSON.parse(g.bytes.toString('utf8'));
      expect(fc.features).toHaveLength(1);
      expect(Object.keys(fc.features[0].properties)).toContain('名称');
    }
  }, 120_000);

  it('in English mode the mapping selects name the fields in English', async () => {
    await page.click('#import-modal .import-close');
    await page.click('#lang');
    await session.settled();
    await page.click('#import-open');
    const t = await download('csv');
    await chooseTemplate(t.name, t.bytes);
    const options = await page.locator('.import-mapping select').first().locator('option').allInnerTexts();
    expect(options).toEqual(expect.arrayContaining(['Id', 'Category', 'Reported at', 'Longitude', 'Latitude']));
    expect(session.pageErrors).toEqual([]);
  }, 120_000);
});

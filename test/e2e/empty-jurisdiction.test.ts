// A county started with DEMO=none (Tieling county 211221: no incidents, grids, roads or cameras) in a real
// browser: the header and the page title name it (from /api/meta, not a literal), the KPI row is an empty
// state with the import button instead of zeros, and the offline basemap draws Latin letters and digits
// (G111, 3号路) locally — the glyph endpoint has none, so they would otherwise be missing.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { openEmptyJurisdiction } from '../support/empty-jurisdiction.js';
import { startHttpServer } from '../support/http-server.js';
import { signInThroughPage } from '../support/dashboard-session.js';
import { ensureTestAccounts } from '../support/session.js';

let page: Page;
let close: () => Promise<void>;
const pageErrors: string[] = [];

beforeAll(async () => {
  const county = await openEmptyJurisdiction('211221');
  await ensureTestAccounts(county.db);
  const server = await startHttpServer(county.db);
  const browser = await launchBrowser();
  page = await browser.context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await signInThroughPage(page, server.url, 'admin'); // DEMO=none: admin alone
  close = async () => {
    await browser.close();
    await server.close();
    county.dispose();
  };
}, 180_000);
afterAll(() => close?.());

describe('an empty jurisdiction (DEMO=none) in the browser', () => {
  it('names itself in the header and the page title', async () => {
    await expect(page.locator('#title').innerText()).resolves.toBe('平安一张图 · 铁岭县');
    await expect(page.title()).resolves.toBe('平安一张图 · 铁岭县');
    const jurisdiction = await page.locator('#panel select').first().innerText();
    expect(jurisdiction).toContain('铁岭县');
    expect(jurisdiction).toContain('新台子镇'); // a real township of 211221
    expect(pageErrors).toEqual([]);
  });

  it('says 尚无事件数据 / 尚无摄像机数据 in the legend, not scales of zeros that read like data', async () => {
    await page.waitForSelector('#legend [data-layer]');
    const legend = await page.locator('#legend').innerText();
    expect(legend).toContain('尚无事件数据');
    expect(legend).not.toMatch(/每个热力格 0|0 无事件|公共监控 0/);
    await page.locator('#layer-cameras').check(); // an empty county's camera layer
    await expect.poll(() => page.locator('#legend-cameras').innerText(), { timeout: 30_000 }).toContain('尚无摄像机数据');
    expect(await page.locator('#legend-cameras').innerText()).not.toMatch(/0 路|\s0$/m);
    await page.locator('#layer-cameras').uncheck();
  });

  it('shows 尚无事件数据 with the import button instead of zero KPIs, and the button opens the import dialog', async () => {
    await expect(page.locator('#kpi-empty').textContent()).resolves.toBe('尚无事件数据 — 导入事件');
    expect(await page.locator('#kpi-total').count()).toBe(0);
    await expect(page.locator('#data-until').innerText()).resolves.toBe('尚无事件数据'); // not a made-up 数据截至 date
    // no count beside the categories (eleven zeros read like data)
    expect(await page.locator('.category-count').count()).toBeGreaterThan(5);
    expect((await page.locator('.category-count').allTextContents()).filter((t) => t.trim() !== '')).toEqual([]);
    await page.locator('#empty-import').click();
    await expect(page.locator('#import-modal').isVisible()).resolves.toBe(true);
  });

  it('近7天 is the last seven days up to today, not today alone', async () => {
    if (await page.locator('#import-modal').isVisible()) await page.keyboard.press('Escape');
    await page.locator('#preset-7d').click();
    const f = await page.evaluate(() => window.__pingan!.state.filter);
    expect((Date.parse(f.to) - Date.parse(f.from)) / 86400_000).toBe(6);
    expect(await page.inputValue('#from')).toBe(f.from);
  });

  it('draws Latin letters and digits of labels locally (G111, 3号路)', async () => {
    const widths = await page.evaluate(async () => {
      const map = window.__pingan!.map as unknown as { style: { glyphManager: { getGlyphs(g: Record<string, number[]>): Promise<Record<string, Record<number, { bitmap: { width: number } } | null>>> } } };
      const codes = [...'G1113号路'].map((ch) => ch.codePointAt(0)!);
      const glyphs = await map.style.glyphManager.getGlyphs({ 'Noto Sans Regular': codes });
      return codes.map((c) => glyphs['Noto Sans Regular'][c]?.bitmap.width ?? 0);
    });
    for (const w of widths) expect(w).toBeGreaterThan(0);
  });
});

// The Chinese UI has no English in it, in an English-language browser at 1366 × 768: every visible text node
// and every title / aria-label / placeholder on the three tabs (each hotspots mode, the emerging-hotspot
// explanation, a patrol plan, a coverage plan), MapLibre's own controls included, holds no Latin word other
// than codes, units of statistics and file formats (the allowlist below); dates read YYYY-MM-DD whatever the
// browser's locale, and a day that is not one is refused.
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { LAPTOP, useDashboard } from '../support/dashboard-session.js';

/** Latin words a Chinese reader meets as codes or names: formats, the H3 grid, statistics' symbols, the language switch, the map library's credit; statistical methods by their authors' names. */
const ALLOWED = new Set(['CSV', 'GPX', 'GeoJSON', 'PNG', 'XLSX', 'H3', 'Gi*', 'z', 'p', 'S', 'Mann', 'Kendall', 'Benjamini', 'Hochberg', 'EN', 'English', 'MapLibre', 'Esc']); // Esc: the key's name, as printed on the keyboard

const { session, page } = useDashboard({ locale: 'en-US', viewport: LAPTOP });
const settled = () => session.settled();

/** Latin words in visible text and in the attributes people read, each with where it was found. */
function latinWords(p: Page): Promise<string[]> {
  return p.evaluate((allowed) => {
    const ok = new Set(allowed);
    const found: string[] = [];
    const check = (text: string, where: string) => {
      for (const w of text.match(/[A-Za-z][A-Za-z0-9*]*/g) ?? []) if (!ok.has(w)) found.push(`${w} ← ${where}: ${text.trim().slice(0, 60)}`);
    };
    // A login name ("county-leader") is the user's data, not the UI's language: the user menu is not read.
    const isData = (el: Element) => !!el.closest('[id^="user-menu"]');
    const visible = (el: Element) => (el as HTMLElement).offsetParent !== null || getComputedStyle(el).position === 'fixed';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement!;
      if (el.closest('script, style, [hidden]') || !visible(el) || isData(el)) continue;
      check(n.textContent ?? '', `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}`);
    }
    for (const el of document.querySelectorAll('[title], [aria-label], [placeholder]'))
      for (const a of ['title', 'aria-label', 'placeholder']) {
        const v = el.getAttribute(a);
        if (v && !el.closest('[hidden]') && !isData(el)) check(v, `@${a} ${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}`);
      }
    return found;
  }, [...ALLOWED]);
}

describe('the Chinese UI in an English browser', () => {
  it('shows no English on any tab, mode, explanation or plan', async () => {
    const seen: Record<string, string[]> = {};
    const look = async (name: string) => {
      await settled();
      seen[name] = await latinWords(page);
    };
    for (const mode of ['density', 'gistar', 'emerging', 'change']) {
      await page.click(`#hotspots-mode-${mode}`);
      await look(`hotspots ${mode}`);
    }
    // An emerging-hotspot explanation (a patterned grid, clicked on the map).
    await page.locator('#level').selectOption('grid');
    await page.click('#hotspots-mode-emerging');
    await settled();
    const f = await page.evaluate(() => window.__pingan!.state.filter);
    const e = (await (await session.request(`/api/hotspots/emerging?${new URLSearchParams({ unit: 'grid', step: 'week', from: f.from, to: f.to })}`)).json()) as { cells: { id: string }[] };
    const grids = (await (await session.request(`/api/areas/geometry?level=grid`)).json()) as { features: { properties: { code: string }; geometry: { type: string; coordinates: unknown } }[] };
    const g = grids.features.find((x) => x.properties.code === e.cells[0].id)!;
    const ring = (g.geometry.type === 'Polygon' ? (g.geometry.coordinates as number[][][])[0] : (g.geometry.coordinates as number[][][][])[0][0]);
    const [cx, cy] = [ring.reduce((s, c) => s + c[0], 0) / ring.length, ring.reduce((s, c) => s + c[1], 0) / ring.length];
    await page.evaluate(([x, y]) => window.__pingan!.map.jumpTo({ center: [x, y], zoom: 13 }), [cx, cy] as const);
    await settled();
    const box = (await page.locator('#map').boundingBox())!;
    const pt = await page.evaluate(([x, y]) => window.__pingan!.map.project([x, y]), [cx, cy] as const);
    await page.mouse.click(box.x + pt.x, box.y + pt.y);
    await page.waitForSelector('#hotspots-explain:not([hidden])', { timeout: 30_000 });
    await look('hotspots explanation');

    await page.click('#tab-coverage');
    await look('coverage');
    await page.fill('#cov-k', '3');
    await page.dispatchEvent('#cov-k', 'change');
    await page.click('#cov-suggest');
    await page.waitForSelector('#cov-plan', { timeout: 120_000 });
    await look('coverage plan');

    await page.click('#tab-patrol');
    await page.waitForSelector('#patrol-station option', { state: 'attached' });
    await look('patrol');
    await page.selectOption('#patrol-station', '1');
    await page.fill('#patrol-units', '1');
    await page.click('#patrol-plan-go');
    await page.waitForSelector('#patrol-plan', { timeout: 60_000 });
    await look('patrol plan');

    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/language-patrol-1366.png', await page.screenshot());
    expect(seen).toEqual(Object.fromEntries(Object.keys(seen).map((k) => [k, []])));
    expect(session.pageErrors).toEqual([]);
  }, 400_000);

  it('shows and takes dates as YYYY-MM-DD in an English browser, and refuses a day that does not exist', async () => {
    const from = page.locator('#from');
    expect(await from.inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await page.locator('#to').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // What is drawn in the box is the value itself (a text box, not the locale's date picker).
    expect(await from.getAttribute('type')).toBe('text');
    const before = await page.evaluate(() => window.__pingan!.state.filter.from);
    await from.fill('2026-02-30');
    await from.dispatchEvent('change');
    expect(await from.getAttribute('aria-invalid')).not.toBeNull();
    expect(await page.evaluate(() => window.__pingan!.state.filter.from)).toBe(before);
    await from.fill('2026-03-01');
    await from.dispatchEvent('change');
    await settled();
    expect(await page.evaluate(() => window.__pingan!.state.filter.from)).toBe('2026-03-01');
    expect(await from.getAttribute('aria-invalid')).toBeNull();
  });
});

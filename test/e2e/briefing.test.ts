// The briefing a leader signs: opened while zoomed into one village, it still shows the whole jurisdiction
// (and the screen's view comes back afterwards), states its key findings as sentences from the figures, names
// the issuing unit and date, and prints on exactly one A4 page (Chromium's PDF, its pages counted).
import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pdfPageCount } from '../support/browser.js';
import { LAPTOP, useDashboard } from '../support/dashboard-session.js';

const { session, page } = useDashboard({ viewport: LAPTOP });

describe('briefing', () => {
  it('prints on one A4 page with the whole county, findings as sentences, issuing unit and date', async () => {
    const county = (await (await session.request(`/api/meta`)).json()) as { county: { centre: [number, number]; name: string } };
    await page.evaluate(([x, y]) => window.__pingan!.map.jumpTo({ center: [x, y], zoom: 13 }), county.county.centre);
    await session.settled();
    const zoomBefore = await page.evaluate(() => window.__pingan!.map.getZoom());
    await page.locator('#open-briefing').click();
    await page.waitForSelector('#briefing[data-ready="true"]', { timeout: 120_000 });
    await session.settled();
    expect(await page.evaluate(() => window.__pingan!.map.getZoom())).toBeCloseTo(zoomBefore, 5);
    const b = page.locator('#briefing');
    const findings = await b.locator('#briefing-findings li').allInnerTexts();
    expect(findings.length).toBeGreaterThanOrEqual(3);
    expect(findings[0]).toMatch(/^期内共接报事件 [\d,]+ 起/);
    expect(findings.join('')).toMatch(/事件最多的是\S+，[\d,]+ 起，占 [\d.]+%。/);
    for (const f of findings) expect(f).toMatch(/。$/);
    await expect(b.locator('#briefing-issued').innerText()).resolves.toMatch(new RegExp(`签发单位：${county.county.name}公安局\\s+签发日期：\\d{4}-\\d{2}-\\d{2}`));
    // The map is the whole county, drawn at a county zoom: far more than the zoom-13 screen's few streets.
    const img = await b.locator('#briefing-map img').evaluate((i: HTMLImageElement) => ({ w: i.naturalWidth, h: i.naturalHeight }));
    expect(img.w).toBeGreaterThan(300);
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/briefing.pdf', pdf);
    writeFileSync('test-results/briefing.png', await page.screenshot({ fullPage: true }));
    expect(pdfPageCount(pdf)).toBe(1);
    expect(session.pageErrors).toEqual([]);
  }, 300_000);
});

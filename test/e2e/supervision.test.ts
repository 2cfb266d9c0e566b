// The leaders' supervision view (督办) at 1366 × 768 as the county leader: a badge per township with overdue or
// escalated cases on the map, whose figures are the API's; the township ranking's 超期 / 上报 columns equal the
// supervision figures per township; the time-to-close histogram (days) in the panel holds every closed case; the
// briefing's "待办与超期" section states the backlog in sentences from the same figures. At county zoom no place
// label MapLibre placed meets a badge (the labels give way: client/map/label-space.ts), and while the measuring
// tool is on a click on a badge reaches the map (a measured point there, no drill-in). Screenshots:
// test-results/supervision.png, supervision-labels.png.
import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LAPTOP, useDashboard } from '../support/dashboard-session.js';

const { session, page } = useDashboard({ viewport: LAPTOP });

describe('supervision on the leaders’ tab', () => {
  it('badges per township, 超期/上报 columns, the time-to-close histogram and the briefing’s 待办与超期', async () => {
    await session.settled();
    await page.waitForSelector('#sup-hist', { timeout: 60_000 });
    await page.waitForSelector('.sup-badge', { timeout: 60_000 });
    // The same request the view made (the dashboard's default window and every category).
    const filter = await page.evaluate(() => window.__pingan!.state.filter);
    const sup = (await (await session.request(`/api/stats/supervision?level=township&from=${filter.from}&to=${filter.to}`)).json()) as any;
    expect(sup.totals.overdue).toBeGreaterThan(0);

    const badges = await page.$$eval('.sup-badge', (els) => els.map((e) => ({ code: (e as HTMLElement).dataset.code!, overdue: Number((e as HTMLElement).dataset.overdue), escalated: Number((e as HTMLElement).dataset.escalated), text: e.textContent! })));
    const expected = sup.units.filter((u: any) => u.overdue > 0 || u.escalated > 0);
    expect(badges.map((b) => b.code).sort()).toEqual(expected.map((u: any) => u.code).sort());
    for (const b of badges) {
      const u = sup.units.find((x: any) => x.code === b.code);
      expect([b.overdue, b.escalated]).toEqual([u.overdue, u.escalated]);
      expect(b.text).toContain(u.name);
      expect(b.text).toContain(`超期 ${u.overdue.toLocaleString('en')}`);
    }
    // Every badge sits inside the map's box (near its township's seat), and no two cover each other (the county
    // town's 街道 have seats a few hundred metres apart).
    const stage = (await page.locator('#stage').boundingBox())!;
    const boxes = await page.$$eval('.sup-badge', (els) => els.map((e) => e.getBoundingClientRect().toJSON() as { x: number; y: number; width: number; height: number }));
    for (const b of boxes) {
      expect(b.x).toBeGreaterThanOrEqual(stage.x - 1);
      expect(b.x + b.width).toBeLessThanOrEqual(stage.x + stage.width + 1);
    }
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        const overlap = a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;
        expect(overlap, `badges ${badges[i].code} and ${badges[j].code} overlap`).toBe(false);
      }

    // The ranking's 超期 and 上报 columns, row by row.
    const headers = await page.locator('#hotspots-ranking th').allInnerTexts();
    expect(headers.map((h) => h.replace(/[▲▼\s]/g, ''))).toEqual(expect.arrayContaining(['超期', '上报']));
    const rows = await page.$$eval('#hotspots-ranking tbody tr', (trs) => trs.map((tr) => ({
      code: (tr as HTMLElement).dataset.code!,
      overdue: Number(tr.querySelector('[data-col="overdue"]')!.textContent!.replace(/,/g, '')),
      escalated: Number(tr.querySelector('[data-col="escalated"]')!.textContent!.replace(/,/g, '')),
    })));
    expect(rows).toHaveLength(sup.units.length);
    for (const r of rows) {
      const u = sup.units.find((x: any) => x.code === r.code);
      expect([r.code, r.overdue, r.escalated]).toEqual([u.code, u.overdue, u.escalated]);
    }

    // The histogram: one bar per bin, the counts adding up to the closed cases, the axis in days.
    const hist = await page.$$eval('#sup-hist .sup-bar', (bars) => bars.map((b) => Number(b.getAttribute('data-count'))));
    expect(hist).toHaveLength(sup.closeTimes.bins.length);
    expect(hist.reduce((a, b) => a + b, 0)).toBe(sup.closeTimes.closed);
    expect(await page.locator('#sup-hist').innerHTML()).toContain('办结用时（天）');
    expect(await page.locator('#sup-hist-note').innerText()).toMatch(/中位数 [\d.]+ 天/);

    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/supervision.png', await page.screenshot());
    await page.locator('#hotspots-supervision').scrollIntoViewIfNeeded();
    writeFileSync('test-results/supervision-panel.png', await page.locator('#hotspots-supervision').screenshot());

    // Unticking the toggle takes the badges off; ticking brings them back.
    await page.click('#sup-badges-toggle');
    await page.waitForFunction(() => document.querySelectorAll('.sup-badge').length === 0);
    await page.click('#sup-badges-toggle');
    await page.waitForSelector('.sup-badge');

    await page.locator('#open-briefing').click();
    await page.waitForSelector('#briefing[data-ready="true"]', { timeout: 120_000 });
    const backlog = await page.locator('#briefing-backlog li').allInnerTexts();
    expect(await page.locator('#briefing-backlog h2').innerText()).toBe('待办与超期');
    expect(backlog[0]).toBe(`未办结事件 ${sup.totals.open.toLocaleString('en')} 起，其中超期 ${sup.totals.overdue.toLocaleString('en')} 起，占 ${((sup.totals.overdue / sup.totals.open) * 100).toFixed(1)}%，超期最久的已超出办理时限 ${sup.totals.oldestOverdueDays.toLocaleString('en')} 天。`);
    expect(backlog.join('')).toMatch(/已上报乡镇级 [\d,]+ 起、县级 [\d,]+ 起；督办中 [\d,]+ 起。/);
    const worst = [...sup.units].sort((a: any, b: any) => b.overdue - a.overdue || a.code.localeCompare(b.code))[0];
    expect(backlog.join('')).toContain(`超期最多的是${worst.name}（${worst.overdue.toLocaleString('en')} 起）`);
    expect(backlog.join('')).toContain(`办结用时中位数 ${sup.closeTimes.medianDays} 天`);
    writeFileSync('test-results/supervision-briefing.png', await page.screenshot({ fullPage: true }));
    expect(session.pageErrors).toEqual([]);
  }, 300_000);

  it('badges keep the place names clear at county zoom and let measuring clicks through', async () => {
    if (await page.isVisible('#briefing-close')) await page.click('#briefing-close');
    await page.evaluate(() => window.__pingan!.map.fitBounds([[122.0, 44.1], [123.6, 45.3]], { duration: 0 }));
    await session.settled();
    await page.waitForSelector('.sup-badge');
    await page.waitForTimeout(900); // the label space follows the badges a frame after the move; placement fades in 300 ms
    const under = await page.evaluate(() => {
      const m = window.__pingan!.map;
      const frame = m.getContainer().getBoundingClientRect();
      const layers = ['township-labels', 'settlement-labels', 'road-labels', 'neighbour-labels'].filter((id) => m.getLayer(id));
      return Array.from(document.querySelectorAll<HTMLElement>('.sup-badge')).map((el) => {
        const r = el.getBoundingClientRect();
        const box: [[number, number], [number, number]] = [[r.left - frame.left, r.top - frame.top], [r.right - frame.left, r.bottom - frame.top]];
        return { code: el.dataset.code, labels: m.queryRenderedFeatures(box, { layers }).map((f) => String(f.properties?.name)) };
      });
    });
    expect(under.length).toBeGreaterThan(0);
    for (const b of under) expect(b.labels, `labels under the badge of ${b.code}`).toEqual([]);
    writeFileSync('test-results/supervision-labels.png', await page.screenshot());

    // Measuring: the first click lands on a badge, the second on the map; the distance is between those two points.
    const badge = (await page.locator('.sup-badge').first().boundingBox())!;
    const map = (await page.locator('#map').boundingBox())!;
    const first = { x: badge.x + badge.width / 2, y: badge.y + badge.height / 2 };
    const second = { x: Math.min(map.x + map.width - 80, first.x + 200), y: first.y + 40 };
    const code = await page.evaluate(() => window.__pingan!.state.filter.code);
    await page.click('#tool-measure-distance');
    for (const p of [first, second]) await page.mouse.click(p.x, p.y), await page.waitForTimeout(250);
    await page.keyboard.press('Enter');
    const [a, b] = await page.evaluate(([p, q, m]) => [p, q].map(({ x, y }) => window.__pingan!.map.unproject([x - m.x, y - m.y]).toArray()), [first, second, map] as const);
    const rad = (d: number) => (d * Math.PI) / 180;
    const h = Math.sin(rad(b[1] - a[1]) / 2) ** 2 + Math.cos(rad(a[1])) * Math.cos(rad(b[1])) * Math.sin(rad(b[0] - a[0]) / 2) ** 2;
    const metres = Number(await page.getAttribute('#measure-value', 'data-metres'));
    expect(metres / (2 * 6371008.8 * Math.asin(Math.sqrt(h)))).toBeCloseTo(1, 2);
    expect(await page.evaluate(() => window.__pingan!.state.filter.code), 'a click on a badge while measuring does not drill in').toBe(code);
    await page.click('#measure-clear');
    expect(session.pageErrors).toEqual([]);
  }, 200_000);
});

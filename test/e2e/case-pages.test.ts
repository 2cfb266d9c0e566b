// The case desk's pager in a real browser: the list pages by cursor (keyset), as the API's `next` gives — 下一页
// twice asks for `cursor=` and shows pages 2 and 3, each the rows the plain offset pages of the same query hold;
// 上一页 goes back to page 2's rows; the last page offers no 下一页.
import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LAPTOP, useDashboard } from '../support/dashboard-session.js';

const { session, page } = useDashboard({ viewport: LAPTOP });

const rowIds = () => page.locator('#cases-list .case-row').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.case)));
const pagerText = () => page.locator('#cases-total').innerText();

describe('case desk pages', () => {
  it('pages forward by cursor and back, each page the rows the API pages hold', async () => {
    const asked: string[] = [];
    page.on('request', (r) => { if (/\/api\/cases\?/.test(r.url())) asked.push(r.url()); });
    await page.click('#cases-open');
    await page.locator('#cases-list .case-row').first().waitFor({ timeout: 30_000 });
    const page1 = await rowIds();
    expect(await pagerText()).toMatch(/ · 1\/\d+$/);
    const listUrl = new URL(asked.at(-1)!);
    const apiPage = async (n: number) => {
      const q = new URLSearchParams(listUrl.search);
      q.delete('cursor');
      q.set('page', String(n));
      return ((await (await session.request(`/api/cases?${q}`)).json()) as { items: { id: number }[] }).items.map((i) => i.id);
    };
    expect(page1).toEqual(await apiPage(1));
    const next = page.locator('.cases-pager button').nth(1), prev = page.locator('.cases-pager button').nth(0);
    for (const n of [2, 3]) {
      await next.click();
      await page.waitForFunction((t) => document.getElementById('cases-total')?.textContent?.includes(t), ` · ${n}/`, { timeout: 30_000 });
      await page.locator('#cases-list .case-row').first().waitFor({ timeout: 30_000 });
      expect(new URL(asked.at(-1)!).searchParams.get('cursor'), `page ${n} asked by cursor`).toBeTruthy();
      expect(await rowIds(), `page ${n}`).toEqual(await apiPage(n));
    }
    await prev.click();
    await page.waitForFunction(() => document.getElementById('cases-total')?.textContent?.includes(' · 2/'), undefined, { timeout: 30_000 });
    await page.locator('#cases-list .case-row').first().waitFor({ timeout: 30_000 });
    expect(await rowIds()).toEqual(await apiPage(2));
    mkdirSync('var/screenshots', { recursive: true });
    writeFileSync('var/screenshots/case-pages.png', await page.screenshot());
    // a filter with one page: no next page offered
    await page.check('#cases-mine');
    await page.waitForFunction(() => document.getElementById('cases-total')?.textContent?.includes(' · 1/'), undefined, { timeout: 30_000 });
    const [total, pages] = (await pagerText()).match(/(\d+)\/(\d+)$/)!.slice(1).map(Number);
    if (pages === 1) expect(await next.isDisabled()).toBe(true);
    expect(total).toBeGreaterThanOrEqual(1);
    expect(session.pageErrors).toEqual([]);
  }, 180_000);
});

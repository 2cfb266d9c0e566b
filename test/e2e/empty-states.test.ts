// Empty and stale states in a real browser (issue 16 item 12): clearing every category gives 0 KPIs AND an
// empty ranking and matrix (never the previous filter's table); a filter that matches nothing says so; a slow
// request keeps the old table dimmed and busy; a failed one shows its reason; the coverage ledger shows its
// loading state before the first answer and its error when the answer fails.
import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LAPTOP, useDashboard } from '../support/dashboard-session.js';

const { session, page } = useDashboard({ viewport: LAPTOP, unfoldDock: true });
const kpiTotal = async () => Number((await page.locator('#kpi-total .kpi-value').innerText()).replace(/[^\d]/g, ''));
const stateOf = (box: string) => page.locator(`${box} .panel-state`).getAttribute('data-state');

describe('empty and stale states', () => {
  it('clearing every category shows 0 KPIs and an empty ranking and matrix, not the old ones', async () => {
    await page.waitForSelector('#hotspots-ranking table tbody tr');
    expect(await kpiTotal()).toBeGreaterThan(0);
    await page.locator('#categories .link-button', { hasText: '清空' }).click();
    await session.settled();
    await expect.poll(kpiTotal).toBe(0);
    expect(await page.locator('#hotspots-ranking table').count()).toBe(0);
    expect(await stateOf('#hotspots-ranking')).toBe('no-categories');
    expect(await page.locator('#hotspots-ranking').innerText()).toContain('未选择事件类别');
    expect(await stateOf('#hotspots-matrix')).toBe('no-categories');
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/empty-no-categories.png', await page.screenshot());
    await page.locator('#categories .link-button', { hasText: '全选' }).click();
    await session.settled();
    await page.waitForSelector('#hotspots-ranking table tbody tr');
  }, 120_000);

  it('a filter that matches nothing says so in the ranking and the matrix', async () => {
    await page.evaluate(() => window.__pingan!.setFilter({ from: '2020-01-01', to: '2020-01-07' }));
    await session.settled();
    await expect.poll(kpiTotal).toBe(0);
    await expect.poll(() => stateOf('#hotspots-ranking')).toBe('no-match');
    expect(await stateOf('#hotspots-matrix')).toBe('no-match');
    expect(await page.locator('#hotspots-ranking').innerText()).toContain('当前条件下没有事件');
    await page.locator('#preset-ytd').click();
    await session.settled();
    await page.waitForSelector('#hotspots-ranking table tbody tr');
  }, 120_000);

  it('a slow answer keeps the old ranking dimmed and busy; a failed one shows the reason', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/api/stats/ranking**', async (route) => {
      await held;
      await route.continue();
    });
    await page.locator('#preset-30d').click();
    await page.waitForSelector('#hotspots-ranking.stale[aria-busy="true"] table', { timeout: 30_000 });
    release();
    await page.waitForSelector('#hotspots-ranking:not(.stale) table', { timeout: 60_000 });
    await page.unroute('**/api/stats/ranking**');

    await page.route('**/api/stats/ranking**', (route) => route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: 'database busy (test)', errorZh: '数据库繁忙（测试）' }) }));
    await page.locator('#preset-90d').click();
    await expect.poll(() => stateOf('#hotspots-ranking'), { timeout: 30_000 }).toBe('error');
    expect(await page.locator('#hotspots-ranking .panel-state').innerText()).toMatch(/加载失败: .*(busy|繁忙)/);
    expect(await page.locator('#hotspots-ranking table').count()).toBe(0);
    await page.unroute('**/api/stats/ranking**');
  }, 120_000);

  it('the coverage ledger shows loading before its first answer and the error when it fails', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/api/coverage/whatif', async (route) => {
      await held;
      await route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: 'worker pool busy (test)' }) });
    });
    await page.click('#tab-coverage');
    await page.waitForSelector('#cov-ledger .panel-state[data-state="loading"]', { timeout: 60_000 });
    release();
    await page.waitForSelector('#cov-ledger .panel-state[data-state="error"]', { timeout: 60_000 });
    expect(await page.locator('#cov-ledger .panel-state').innerText()).toContain('worker pool busy (test)');
    expect(await page.locator('#cov-categories').count()).toBe(0);
    await page.unroute('**/api/coverage/whatif');
    writeFileSync('test-results/empty-coverage-error.png', await page.locator('#cov-ledger').screenshot());
  }, 120_000);
});

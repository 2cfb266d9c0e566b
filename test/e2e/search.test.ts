// The search box in a real browser, signed in through the login page: "/" focuses it, typing a village's name
// lists the village (Chinese labels, its township), ↓ and Enter fly the map there and outline it; a camera number
// flies to the camera at street zoom; a township leader typing another township's village finds nothing.
import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { LAPTOP, signInThroughPage, useDashboard } from '../support/dashboard-session.js';

const { session, page } = useDashboard({ viewport: LAPTOP });

const view = () => page.evaluate(() => ({ c: window.__pingan!.map.getCenter().toArray(), z: window.__pingan!.map.getZoom() }));
const highlighted = () => page.evaluate(() => {
  const layers = (window.__pingan!.overlay as unknown as { _props?: { layers: { id: string; props: { visible: boolean } }[] }; props: { layers: { id: string; props: { visible: boolean } }[] } });
  return (layers.props?.layers ?? layers._props?.layers ?? []).filter((l) => l.id.startsWith('search-highlight') && l.props.visible).map((l) => l.id);
});

describe('search box', () => {
  it('finds a village by name from the keyboard, flies there and outlines it', async () => {
    const [v] = await session.db.query<{ code: string; name: string; tname: string; min_lon: number; min_lat: number; max_lon: number; max_lat: number }>(
      "SELECT v.code, v.name, t.name tname, v.min_lon, v.min_lat, v.max_lon, v.max_lat FROM villages v JOIN townships t ON t.code = v.township_code WHERE v.name LIKE '%村' ORDER BY v.code LIMIT 1 OFFSET 20");
    const before = await view();
    // focus on the page, not in a box (a click at a fixed pixel may land on a map marker, whose button keeps the focus)
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-input');
    await page.keyboard.type(v.name);
    await page.waitForSelector(`#search-results li[data-id="${v.code}"]`);
    const option = await page.locator(`#search-results li[data-id="${v.code}"]`).innerText();
    expect(option).toContain('村/社区');
    expect(option).toContain(v.tname);
    expect(await page.getAttribute('#search-input', 'placeholder')).toMatch(/^搜索地点/);
    // ↓/↑ move the choice; Enter takes the village (the first hit of an exact name)
    const index = await page.locator('#search-results li').evaluateAll((lis, code) => lis.findIndex((li) => li.getAttribute('data-id') === code), v.code);
    for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
    expect(await page.getAttribute('#search-input', 'aria-activedescendant')).toBe(`search-option-${index}`);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(800);
    await session.settled();
    const after = await view();
    expect(after.z).toBeGreaterThan(before.z + 1);
    expect(after.c[0]).toBeGreaterThan(v.min_lon);
    expect(after.c[0]).toBeLessThan(v.max_lon);
    expect(after.c[1]).toBeGreaterThan(v.min_lat);
    expect(after.c[1]).toBeLessThan(v.max_lat);
    expect(await highlighted()).toContain('search-highlight-area');
    expect(await page.isVisible('#search-results')).toBe(false);
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/search-village.png', await page.screenshot());
    // Esc in the closed box clears the highlight
    await page.focus('#search-input');
    await page.keyboard.press('Escape');
    expect(await highlighted()).toEqual([]);
  });

  it('finds a camera by its number and flies to it at street zoom', async () => {
    const [cam] = await session.db.query<{ id: string; lon: number; lat: number }>("SELECT id, lon, lat FROM cameras WHERE kind = 'public' ORDER BY id LIMIT 1 OFFSET 50");
    await page.fill('#search-input', '');
    await page.focus('#search-input');
    await page.keyboard.type(cam.id);
    await page.waitForSelector(`#search-results li[data-kind="camera"][data-id="${cam.id}"]`);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(1200);
    await session.settled();
    const after = await view();
    expect(after.z).toBeGreaterThanOrEqual(15.9);
    expect(Math.abs(after.c[0] - cam.lon)).toBeLessThan(1e-4);
    expect(Math.abs(after.c[1] - cam.lat)).toBeLessThan(1e-4);
    expect(await highlighted()).toContain('search-highlight-point');
    expect(session.pageErrors).toEqual([]);
  });

  it('a township leader finds their own villages and not another township’s', async () => {
    const browser = await launchBrowser({ viewport: LAPTOP });
    try {
      const p = await browser.context.newPage();
      await signInThroughPage(p, session.server.url, 'township_leader');
      const scope = await p.evaluate(async () => ((await (await fetch('/api/auth/me')).json()) as { user: { scopeCode: string } }).user.scopeCode);
      const [mine] = await session.db.query<{ code: string; name: string }>('SELECT code, name FROM villages WHERE township_code = ? ORDER BY code LIMIT 1', [scope]);
      const [theirs] = await session.db.query<{ name: string }>(
        'SELECT name FROM villages v WHERE township_code <> ? AND NOT EXISTS (SELECT 1 FROM villages w WHERE w.township_code = ? AND w.name = v.name) ORDER BY code LIMIT 1', [scope, scope]);
      await p.fill('#search-input', theirs.name);
      await p.waitForSelector('#search-status:not([hidden])');
      await p.waitForFunction(() => /未找到/.test(document.getElementById('search-status')!.textContent ?? ''));
      expect(await p.locator('#search-results li[data-kind="village"]').count()).toBe(0);
      await p.fill('#search-input', mine.name);
      await p.waitForSelector(`#search-results li[data-id="${mine.code}"]`);
    } finally {
      await browser.close();
    }
  });
});

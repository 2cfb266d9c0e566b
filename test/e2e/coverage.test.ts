// The Coverage tab in a real browser against the real HTTP server on the test county: the ledger table has
// every target category, the gaps draw on the map, "suggest 5 cameras" returns a plan whose predicted
// shortfall matches the recomputed ledger after accepting it (and is lower than before), and what-if
// editing (add a camera, drag it, rotate it, switch it off) changes the scenario and the ledger.
import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pixelDifference } from '../support/browser.js';
import { useDashboard } from '../support/dashboard-session.js';

const { session, page } = useDashboard({ setupTimeoutMs: 150_000 });
const settled = () => session.settled();

const ledgerVersion = () => page.locator('#cov-ledger').getAttribute('data-version').then(Number);
const shortfalls = () => page.locator('#cov-categories tbody tr').evaluateAll((rows) => rows.map((r) => Number((r as HTMLElement).dataset.shortfall)));
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('coverage tab in a browser', () => {
  it('shows the ledger with every target category and draws the gaps on the map', async () => {
    await page.waitForTimeout(300);
    const before = await page.locator('#map').screenshot();
    await page.click('#tab-coverage');
    await page.waitForSelector('#cov-categories', { timeout: 90_000 });
    await settled();
    const cats = await page.locator('#cov-categories tbody tr').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.category));
    expect(cats).toEqual(['key_road', 'public_place', 'township_street', 'village_road']);
    const api = await (await session.request(`/api/coverage/ledger?gaps=0&level=grid`)).json();
    expect(await shortfalls()).toEqual(api.ledger.categories.map((c: any) => c.shortfall));
    expect(sum(await shortfalls())).toBeGreaterThan(0);
    const legend = await page.locator('#legend-gaps').innerText();
    expect(legend).toMatch(/未覆盖点位 \d+/);
    expect(legend).toMatch(/未覆盖路段 [\d.]+ 公里/);
    await page.waitForTimeout(300);
    const after = await page.locator('#map').screenshot();
    expect(pixelDifference(before, after)).toBeGreaterThan(0.01); // red gap lines and rings replace the heatmap
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/coverage.png', await page.screenshot());
  }, 180_000);

  it('suggests 5 cameras; after accepting, the recomputed shortfall equals the prediction and has fallen', async () => {
    const start = sum(await shortfalls());
    await page.fill('#cov-k', '5');
    await page.dispatchEvent('#cov-k', 'change');
    await expect(page.locator('#cov-suggest').innerText()).resolves.toContain('5');
    await page.click('#cov-suggest');
    await page.waitForSelector('#cov-plan', { timeout: 120_000 });
    expect(await page.locator('#cov-plan tbody tr').count()).toBe(5);
    // Each proposal says where it stands (township and village), and the gain says its unit.
    const villages = (await session.db.query<{ t: string; v: string }>('SELECT t.name t, v.name v FROM villages v JOIN townships t ON t.code = v.township_code')).map((r) => `${r.t} ${r.v}`);
    for (const where of await page.locator('#cov-plan tbody tr td:nth-child(3)').allInnerTexts()) expect(villages.some((v) => where.startsWith(v)), where).toBe(true);
    await expect(page.locator('#cov-plan thead').innerText()).resolves.toContain('边际收益（分）');
    await expect(page.locator('#cov-gain-note').innerText()).resolves.toContain('10 米');
    const predicted = page.locator('#cov-predicted').first();
    const [b, a] = [Number(await predicted.getAttribute('data-before')), Number(await predicted.getAttribute('data-after'))];
    expect(b).toBe(start);
    expect(a).toBeLessThan(b);
    const v = await ledgerVersion();
    await page.click('#cov-accept');
    await page.waitForFunction((v0) => Number(document.querySelector('#cov-ledger')?.getAttribute('data-version')) > v0, v, { timeout: 60_000 });
    await page.waitForFunction(() => document.querySelector('#cov-recomputed')?.getAttribute('data-recomputed') !== '', undefined, { timeout: 60_000 });
    const rec = page.locator('#cov-recomputed');
    expect(Number(await rec.getAttribute('data-recomputed'))).toBe(a);
    expect(Number(await rec.getAttribute('data-predicted'))).toBe(a);
    expect(sum(await shortfalls())).toBe(a);
    expect(await page.locator('#cov-edits').getAttribute('data-edits')).toBe('5');
    await settled();
    writeFileSync('test-results/coverage-plan.png', await page.screenshot());
  }, 240_000);

  it('adds a camera on the map, drags it, rotates it and switches it off; each edit re-asks the ledger', async () => {
    // zoom into the county seat so the camera's handles are apart on screen
    await page.evaluate(() => window.__pingan!.map.jumpTo({ center: [123.09, 44.81], zoom: 16 }));
    await settled();
    await page.click('#cov-add');
    const box = (await page.locator('#map').boundingBox())!;
    const x = box.x + box.width / 2, y = box.y + box.height / 2;
    let v = await ledgerVersion();
    const t0 = Date.now();
    await page.mouse.click(x, y);
    await page.waitForFunction((v0) => Number(document.querySelector('#cov-ledger')?.getAttribute('data-version')) > v0, v, { timeout: 30_000 });
    console.log(`ledger after adding a camera: ${Date.now() - t0} ms in the browser`);
    const sel = page.locator('#cov-selected');
    await expect(sel.getAttribute('data-id')).resolves.toBe('NEW-001');
    expect(await page.locator('#cov-edits').getAttribute('data-edits')).toBe('6');
    await settled();
    // drag the camera (black dot at its position) 120 px east
    const lon0 = Number(await sel.getAttribute('data-lon'));
    v = await ledgerVersion();
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (let i = 1; i <= 6; i++) await page.mouse.move(x + 20 * i, y, { steps: 2 });
    await page.mouse.up();
    await page.waitForFunction((v0) => Number(document.querySelector('#cov-ledger')?.getAttribute('data-version')) > v0, v, { timeout: 30_000 });
    const lon1 = Number(await sel.getAttribute('data-lon'));
    expect(lon1).toBeGreaterThan(lon0 + 0.0005); // moved east (~120 px ≈ 200 m at zoom 16), not the map panned
    expect(await page.locator('#cov-edits').getAttribute('data-edits')).toBe('6'); // the add edit changed in place
    await settled();
    // rotate: drag the white axis handle (north of the camera, bearing 0) round to the east
    const handle = await page.evaluate(([lon, lat]) => {
      const m = window.__pingan!.map;
      const p = m.project([lon, lat + (60 * 1.15) / 111195]);
      return { x: p.x, y: p.y };
    }, [lon1, Number(await sel.getAttribute('data-lat'))]);
    await page.mouse.move(box.x + handle.x, box.y + handle.y);
    await page.mouse.down();
    await page.mouse.move(box.x + handle.x + 60, box.y + handle.y + 30, { steps: 4 });
    await page.mouse.move(box.x + handle.x + 80, box.y + handle.y + 80, { steps: 4 });
    await page.mouse.up();
    await page.waitForFunction(() => Number(document.querySelector('#cov-selected')?.getAttribute('data-bearing')) > 45, undefined, { timeout: 30_000 });
    // switch it off
    v = await ledgerVersion();
    await page.uncheck('#cov-online');
    await page.waitForFunction((v0) => Number(document.querySelector('#cov-ledger')?.getAttribute('data-version')) > v0, v, { timeout: 30_000 });
    await expect(sel.getAttribute('data-status')).resolves.toBe('offline');
    await settled();
    writeFileSync('test-results/coverage-whatif.png', await page.screenshot());
    expect(session.pageErrors).toEqual([]);
  }, 240_000);
});

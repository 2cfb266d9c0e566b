// Coverage at county zoom is actionable (issue 16 item 7), in a real browser on the test county: the panel
// ranks the gaps by the optimiser's weighting and the map draws only the top ones until asked for all; where
// the sectors are drawn the camera dots are not (they buried the street labels); a what-if camera is drawn
// in its own colour; and each edit says what it changed ("公共场所 90 → 91 / 108").
import { mkdirSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Ledger } from '../../client/views/coverage/coverage-api.js';
import { focusGaps, TOP_GAPS } from '../../client/views/coverage/gap-focus.js';
import { LAPTOP, useDashboard } from '../support/dashboard-session.js';

const { session, page } = useDashboard({ viewport: LAPTOP });
let ledger: Ledger;

/** How many objects a deck.gl layer of the overlay draws, and whether it is visible. */
const layerState = (id: string) =>
  page.evaluate((layerId) => {
    const deck = (window.__pingan!.overlay as unknown as { _deck: { props: { layers: { id: string; props: { data: unknown[]; visible: boolean } }[] } } })._deck;
    const l = deck.props.layers.find((x) => x.id === layerId);
    return l ? { n: l.props.data.length, visible: l.props.visible } : null;
  }, id);

beforeAll(async () => {
  ledger = (await (await session.request('/api/coverage/ledger?gaps=1&level=grid')).json()).ledger;
}, 180_000);

describe('coverage gaps at county zoom', () => {
  it('the API scores every gap and lists them best first', () => {
    for (const list of [ledger.gaps!.sites, ledger.gaps!.roads]) {
      expect(list.length).toBeGreaterThan(0);
      for (let i = 1; i < list.length; i++) expect(list[i - 1].score!).toBeGreaterThanOrEqual(list[i].score!);
    }
  });

  it('ranks the top gaps in the panel and draws only those until all are asked for', async () => {
    await page.click('#tab-coverage');
    await page.waitForSelector('#cov-gaps', { timeout: 90_000 });
    await session.settled();
    const rows = page.locator('#cov-gaps tbody tr');
    expect(await rows.count()).toBe(TOP_GAPS);
    const scores = await rows.evaluateAll((trs) => trs.map((tr) => Number((tr as HTMLElement).dataset.score)));
    // the target classes take turns (gap-focus.ts), so both sites and roads are in the list, and the panel says so
    expect(scores).toEqual(focusGaps(ledger.gaps!.roads, ledger.gaps!.sites, false).top.map((g) => g.score));
    const types = await rows.evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.type));
    expect(types).toContain('site');
    expect(types).toContain('road');
    expect(await page.locator('#cov-gaps-how').innerText()).toMatch(/轮流/);
    // every row names a place and what is missing there, never a bare id
    for (const text of await rows.allInnerTexts()) expect(text).toMatch(/[\u4e00-\u9fff]{2,}/);
    const roads = await layerState('coverage-gap-roads');
    const sites = await layerState('coverage-gap-sites');
    expect(roads!.n + sites!.n).toBe(TOP_GAPS);
    expect(await page.locator('#legend-gaps-shown').innerText()).toBe(`地图显示各类目标的前列缺口共 ${TOP_GAPS} 处`);
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/coverage-gaps-county.png', await session.page.screenshot());

    await page.click('#cov-gaps-all');
    await session.settled();
    const total = ledger.gaps!.sites.length + ledger.gaps!.roads.length;
    expect((await layerState('coverage-gap-roads'))!.n + (await layerState('coverage-gap-sites'))!.n).toBe(total);
    expect(await page.locator('#legend-gaps-shown').innerText()).toBe('地图显示全部缺口');
    await page.click('#cov-gaps-all');
    await session.settled();
    expect((await layerState('coverage-gap-roads'))!.n + (await layerState('coverage-gap-sites'))!.n).toBe(TOP_GAPS);
  }, 180_000);

  it('where the sectors are drawn the camera dots are hidden; an added camera is drawn purple and its edit says what changed', async () => {
    const site = ledger.gaps!.sites.find((s) => s.category === 'public_place')!;
    const before = ledger.categories.find((c) => c.category === 'public_place')!;
    expect((await layerState('cameras'))?.visible).toBe(true); // county zoom: dots, no sectors
    await page.evaluate(([lon, lat]) => window.__pingan!.map.jumpTo({ center: [lon, lat], zoom: 16 }), [site.lon, site.lat]);
    await page.waitForFunction(() => !window.__pingan!.map.isMoving());
    await session.settled();
    expect((await layerState('coverage-sectors'))?.visible).toBe(true);
    expect((await layerState('cameras'))?.visible).toBe(false);
    await page.click('#cov-add');
    const click = await page.evaluate(([lon, lat]) => {
      const p = window.__pingan!.map.project([lon, lat - 10 / 111195]);
      const box = document.getElementById('map')!.getBoundingClientRect();
      return { x: box.x + p.x, y: box.y + p.y };
    }, [site.lon, site.lat]);
    await page.mouse.click(click.x, click.y);
    await page.waitForSelector('#cov-last-change', { timeout: 60_000 });
    await session.settled();
    const text = await page.locator('#cov-last-change').innerText();
    expect(text).toContain(`公共场所 ${before.covered} → ${before.covered + 1} / ${before.sites}`);
    expect(text).toMatch(/^本次改动: /);
    const edited = await layerState('coverage-sectors-edited');
    expect(edited).toEqual({ n: 1, visible: true });
    // the map: purple sector pixels around the new camera (PROPOSED_COLOUR 142, 68, 173 over the basemap)
    await page.click('.link-button:text("取消选择")');
    await session.settled();
    await page.waitForTimeout(500);
    const shot = PNG.sync.read(await page.screenshot({ clip: { x: click.x - 40, y: click.y - 70, width: 80, height: 80 } }));
    let purple = 0;
    for (let i = 0; i < shot.data.length; i += 4) if (shot.data[i + 2] > shot.data[i + 1] + 40 && shot.data[i] > shot.data[i + 1] + 25) purple++;
    expect(purple).toBeGreaterThan(100);
    writeFileSync('test-results/coverage-gaps-whatif.png', await session.page.screenshot());
    expect(session.pageErrors).toEqual([]);
  }, 180_000);
});

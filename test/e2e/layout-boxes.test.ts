// What lies over the map does not overlap, at 1920 × 1080 and at 1366 × 768 (issue 16 item 9): on each tab
// (热点研判 with its ranking dock open, 监控覆盖, 巡逻防控 with a planned route, whose legend is the longest) the
// bounding boxes of the KPI cards, the legend, the ranking dock and each map control (zoom, the tools, scale,
// attribution) meet none of the others, and each stays inside the map; the left panel keeps to its column; the map
// fits the jurisdiction (热点研判, 监控覆盖) and the route stops (巡逻防控) into the area the panels leave free. The
// legends say what they mean: their headings and sentences, not bare figures ("180 · top 20", "每格", "低 1 高 1").
// Screenshots in test-results/layout-boxes-<tab>-<width>.png to look at.
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { type DashboardSession, openDashboard } from '../support/dashboard-session.js';

type Box = { name: string; left: number; top: number; right: number; bottom: number };

/** The boxes of everything laid over the map, each named; hidden and empty ones are left out. */
const overMapBoxes = (page: Page) => page.evaluate(() => {
  const out: Box[] = [];
  const add = (name: string, el: Element | null) => {
    if (!el) return;
    const e = el as HTMLElement;
    if (e.hidden || getComputedStyle(e).display === 'none' || getComputedStyle(e).visibility === 'hidden') return;
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return;
    out.push({ name, left: r.left, top: r.top, right: r.right, bottom: r.bottom });
  };
  document.querySelectorAll('#kpis .kpi').forEach((k, i) => add(`kpi ${i + 1}`, k));
  add('legend', document.getElementById('legend'));
  add('ranking dock', document.getElementById('hotspots-dock'));
  add('measure readout', document.getElementById('measure-readout'));
  add('share note', document.getElementById('share-note'));
  document.querySelectorAll('#map .maplibregl-ctrl-top-left > .maplibregl-ctrl, #map .maplibregl-ctrl-top-right > .maplibregl-ctrl, #map .maplibregl-ctrl-bottom-left > .maplibregl-ctrl, #map .maplibregl-ctrl-bottom-right > .maplibregl-ctrl')
    .forEach((c, i) => add(`map control ${i + 1} (${(c as HTMLElement).className.replace(/maplibregl-ctrl ?/g, '').trim() || 'group'})`, c));
  return out;
});

const boxOf = (page: Page, selector: string) => page.evaluate((sel) => {
  const r = document.querySelector(sel)!.getBoundingClientRect();
  return { name: sel, left: r.left, top: r.top, right: r.right, bottom: r.bottom };
}, selector);

/** A lon/lat box as the map draws it, in page pixels. */
const bboxOnScreen = (page: Page, bbox: number[]) => page.evaluate((b) => {
  const map = window.__pingan!.map;
  const at = map.getContainer().getBoundingClientRect();
  const sw = map.project([b[0], b[1]]), ne = map.project([b[2], b[3]]);
  return { name: 'jurisdiction', left: at.left + sw.x, top: at.top + ne.y, right: at.left + ne.x, bottom: at.top + sw.y };
}, bbox);

/** The drawn route-stop markers (the deck layer's data), each as its box in page pixels. */
const stopsOnScreen = (page: Page) => page.evaluate(() => {
  const p = window.__pingan!;
  const deck = (p.overlay as unknown as { _deck: { props: { layers: { id: string; props: { data: unknown[] } }[] } } })._deck;
  const stops = deck.props.layers.find((l) => l.id === 'patrol-stops')!.props.data as { lon: number; lat: number; radiusPx: number; label: string }[];
  const at = p.map.getContainer().getBoundingClientRect();
  return stops.map((s) => {
    const { x, y } = p.map.project([s.lon, s.lat]);
    return { name: `stop ${s.label}`, left: at.left + x - s.radiusPx, top: at.top + y - s.radiusPx, right: at.left + x + s.radiusPx, bottom: at.top + y + s.radiusPx };
  });
});

const meets = (a: Box, b: Box) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;

const sessions: DashboardSession[] = [];
afterAll(async () => { for (const s of sessions) await s.close(); });

for (const viewport of [{ width: 1920, height: 1080 }, { width: 1366, height: 768 }]) {
  describe(`layout at ${viewport.width} × ${viewport.height}`, () => {
    it('panels, legend, ranking dock and map controls do not overlap; the legends say what they mean', async () => {
      const session = await openDashboard({ viewport });
      sessions.push(session);
      const { page } = session;
      const jurisdiction = ((await (await session.request('/api/meta')).json()) as { county: { bbox: number[] } }).county.bbox;
      mkdirSync('test-results', { recursive: true });
      const legends: Record<string, string> = {};
      for (const tab of ['hotspots', 'coverage', 'patrol'] as const) {
        await page.click(`#tab-${tab}`);
        await session.settled();
        if (tab === 'hotspots' && (await page.locator('#hotspots-dock').getAttribute('class'))?.includes('collapsed')) {
          await page.click('#hotspots-dock-toggle');
          await page.waitForSelector('#hotspots-ranking', { timeout: 60_000 });
        }
        if (tab === 'patrol') {
          await page.waitForSelector('#patrol-station option', { state: 'attached' });
          await page.click('#patrol-plan-go');
          await page.waitForSelector('#patrol-plan', { timeout: 120_000 });
        }
        await session.settled();
        await page.waitForTimeout(400);
        writeFileSync(`test-results/layout-boxes-${tab}-${viewport.width}.png`, await page.screenshot());

        const boxes = await overMapBoxes(page);
        const map = await boxOf(page, '#map');
        const panel = await boxOf(page, '#panel');
        expect(boxes.map((b) => b.name), tab).toEqual(expect.arrayContaining(['legend', 'kpi 1', ...(tab === 'hotspots' ? ['ranking dock'] : [])]));
        expect(boxes.filter((b) => b.name.startsWith('map control')).length, `${tab}: zoom, tools, scale`).toBeGreaterThanOrEqual(3);
        for (const b of boxes) {
          expect(b.left >= map.left - 0.5 && b.right <= map.right + 0.5 && b.top >= map.top - 0.5 && b.bottom <= map.bottom + 0.5, `${tab}: ${b.name} inside the map`).toBe(true);
          expect(meets(b, panel), `${tab}: ${b.name} over the left panel`).toBe(false);
        }
        const clashes: string[] = [];
        for (let i = 0; i < boxes.length; i++)
          for (let j = i + 1; j < boxes.length; j++)
            if (meets(boxes[i], boxes[j])) clashes.push(`${boxes[i].name} × ${boxes[j].name}`);
        expect(clashes, `${tab} at ${viewport.width}`).toEqual([]);
        // The map keeps what it fitted clear of the panels: the jurisdiction's box on 热点研判 (ranking dock open)
        // and 监控覆盖, every route stop on 巡逻防控 (client/map/free-area.ts).
        const panels = boxes.filter((b) => b.name === 'legend' || b.name === 'ranking dock' || b.name.startsWith('kpi'));
        if (tab === 'patrol') {
          const stops = await stopsOnScreen(page);
          expect(stops.length, 'route stops drawn').toBeGreaterThan(0);
          const covered = stops.flatMap((s) => panels.filter((p) => meets(s, p)).map((p) => `${s.name} under ${p.name}`));
          expect(covered, `patrol at ${viewport.width}`).toEqual([]);
        } else {
          const county = await bboxOnScreen(page, jurisdiction);
          expect(county.right - county.left, 'the jurisdiction is drawn at a readable size').toBeGreaterThan(200);
          const covered = panels.filter((p) => meets(county, p)).map((p) => `jurisdiction under ${p.name}`);
          expect(covered, `${tab} at ${viewport.width}`).toEqual([]);
        }
        // The legend scrolls within its box rather than running under what is below it.
        expect(await page.evaluate(() => { const l = document.getElementById('legend')!; return l.scrollHeight <= l.clientHeight || getComputedStyle(l).overflowY === 'auto'; })).toBe(true);
        legends[tab] = await page.locator('#legend').innerText();
      }

      // What the legends say, on each tab.
      expect(legends.hotspots).toContain('事件热力（每个热力格的事件数）');
      expect(legends.hotspots).toMatch(/热力格约 [\d.,]+ × [\d.,]+ (米|公里)/);
      expect(legends.hotspots).toMatch(/低 \d[\d,]* 起\s*高 \d[\d,]* 起/);
      expect(legends.coverage).toContain('覆盖缺口');
      expect(legends.coverage).toMatch(/地图显示各类目标的前列缺口共 \d+ 处/);
      expect(legends.patrol).toContain('巡逻路线');
      expect(legends.patrol).toMatch(/第 1 组 · \d+ 个点 · 用时 \d+ 分钟 · 行程 [\d.]+ 公里/);
      for (const [tab, text] of Object.entries(legends)) {
        expect(text, `${tab} legend`).not.toMatch(/top \d|每格|低 1\s*高 1\b/);
        expect(text.trim().length, `${tab} legend`).toBeGreaterThan(10);
      }
      expect(session.pageErrors).toEqual([]);
    }, 500_000);
  });
}

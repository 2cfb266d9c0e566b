// No panel over the middle of the map at 1366 × 768: on each tab (patrol with a planned route, whose legend is the
// longest) no visible element laid over the map — KPI strip, legend, ranking dock, tool readouts, notices — overlaps
// the central 50 % box of the map. Screenshots in test-results/ to look at.
import { mkdirSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { LAPTOP, useDashboard } from '../support/dashboard-session.js';

const { session, page } = useDashboard({ viewport: LAPTOP });
beforeAll(async () => {
  mkdirSync('test-results', { recursive: true });
}, 180_000);

/** Elements over the map (the stage's children but the map itself) whose box meets the map's central 50 %. */
const overCentre = () => page.evaluate(() => {
  const map = document.getElementById('map')!.getBoundingClientRect();
  const box = { left: map.left + map.width / 4, right: map.right - map.width / 4, top: map.top + map.height / 4, bottom: map.bottom - map.height / 4 };
  const out: string[] = [];
  for (const el of Array.from(document.getElementById('stage')!.children) as HTMLElement[]) {
    if (el.id === 'map' || el.hidden || getComputedStyle(el).display === 'none' || getComputedStyle(el).visibility === 'hidden') continue;
    for (const r of [el, ...Array.from(el.children)].map((e) => e.getBoundingClientRect())) {
      if (r.width === 0 || r.height === 0) continue;
      if (r.left < box.right && r.right > box.left && r.top < box.bottom && r.bottom > box.top) {
        out.push(`${el.id || el.className} ${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)}`);
        break;
      }
    }
  }
  return out;
});

describe('layout at 1366 × 768', () => {
  it('no panel covers the centre of the map on any tab', async () => {
    for (const tab of ['hotspots', 'coverage', 'patrol'] as const) {
      await page.click(`#tab-${tab}`);
      await session.settled();
      if (tab === 'patrol') {
        await page.waitForSelector('#patrol-station option', { state: 'attached' });
        await page.click('#patrol-plan-go');
        await page.waitForSelector('#patrol-plan', { timeout: 120_000 });
        await session.settled();
      }
      await page.waitForTimeout(300);
      writeFileSync(`test-results/layout-${tab}-1366.png`, await page.screenshot());
      expect(await overCentre(), tab).toEqual([]);
    }
    expect(session.pageErrors).toEqual([]);
  }, 400_000);
});

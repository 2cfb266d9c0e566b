// Time playback in a real browser (热点研判), signed in as the county leader at 1366 × 768: the slider under the map
// steps frames, and for each frame the date written on the map, the KPI figure and the ranking's first row are
// what the API answers for that frame's days; the keys (→, Space) work; the legend's scale stays while the frames
// change and says so; the address holds the frame and a reload reopens it; an empty frame says 本期无事件;
// stopping returns to the filters' window; nothing overlaps at 1366 × 768. Screenshots at 1366 × 768 and 1920 × 1080.
import { mkdirSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { LAPTOP, useDashboard } from '../support/dashboard-session.js';
import { frameLabel, playbackFrames } from '../../shared/time/frames.js';

const SLOW = 180_000;
const { session, page } = useDashboard({ viewport: LAPTOP, unfoldDock: true, setupTimeoutMs: SLOW });
beforeAll(async () => {
  mkdirSync('test-results', { recursive: true });
}, SLOW);

type Filter = { from: string; to: string; categories: string[]; code: string };
const api = async <T>(path: string, params: Record<string, string>): Promise<T> => {
  const res = await session.request(`/api/${path}?${new URLSearchParams(params)}`);
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
};
const filter = () => page.evaluate(() => window.__pingan!.state.filter as Filter);
const kpiTotal = async () => Number((await page.locator('#kpi-total .kpi-value').innerText()).replace(/[^\d]/g, ''));
const dateLabel = () => page.locator('#playback-date-range').innerText();
const firstRow = () => page.locator('#hotspots-ranking table tbody tr').first().getAttribute('data-code');
const shot = async (name: string) => writeFileSync(`test-results/${name}.png`, await page.screenshot());

/** What the API answers for a frame's days: the KPI total and the townships that lead the ranking. */
async function apiFor(f: Filter, from: string, to: string) {
  const p = { from, to, code: f.code };
  const summary = await api<{ total: number }>('incidents/summary', p);
  const ranking = await api<{ rows: { code: string; total: number }[] }>('stats/ranking', { ...p, level: 'township' });
  const top = Math.max(...ranking.rows.map((r) => r.total));
  return { total: summary.total, leaders: ranking.rows.filter((r) => r.total === top).map((r) => r.code) };
}

describe('time playback', () => {
  it('steps two frames: the date on the map, the KPI and the first ranking row follow the API for each frame', async () => {
    const f = await filter();
    const frames = playbackFrames(f, 'week');
    expect(await page.locator('#playback').isVisible()).toBe(true);
    expect(await page.locator('#playback').getAttribute('data-frames')).toBe(String(frames.length));
    const windowTotal = await kpiTotal();
    const seen: { label: string; total: number; first: string | null; legend: string }[] = [];
    for (const k of [0, 1]) {
      await page.locator('#playback-next').click();
      await session.settled();
      expect(await page.locator('#playback').getAttribute('data-frame')).toBe(String(k));
      const want = await apiFor(f, frames[k].from, frames[k].to);
      await expect.poll(kpiTotal).toBe(want.total);
      expect(await dateLabel()).toBe(frameLabel(frames[k]));
      expect(want.leaders).toContain(await firstRow());
      expect(await page.locator('#hotspots-dock .hs-dock-title').innerText()).toContain(frameLabel(frames[k]));
      seen.push({ label: await dateLabel(), total: await kpiTotal(), first: await firstRow(), legend: await page.locator('#legend-grids').innerText() });
      if (k === 1) await shot('playback-1366');
    }
    expect(seen[0].label).not.toBe(seen[1].label);
    expect(seen[0].total).not.toBe(seen[1].total);
    expect(seen[0].total).toBeLessThan(windowTotal);
    // one scale for every frame, and the legend says so
    expect(seen[0].legend).toBe(seen[1].legend);
    expect(seen[0].legend).toContain('回放期间色阶固定');
    expect(await page.locator('#legend-heat-fixed').innerText()).toContain('各帧可比');
    // the address holds the frame
    expect(new URL(page.url()).searchParams.get('frame')).toBe(`${frames[1].from}..${frames[1].to}`);
  }, SLOW);

  it('keys: → steps, Space plays and pauses; a reload reopens the frame', async () => {
    const f = await filter();
    const frames = playbackFrames(f, 'week');
    await page.locator('body').focus();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('ArrowRight');
    await session.settled();
    expect(await page.locator('#playback').getAttribute('data-frame')).toBe('2');
    await page.keyboard.press('Space');
    expect(await page.locator('#playback').getAttribute('data-playing')).toBe('true');
    await expect.poll(async () => Number(await page.locator('#playback').getAttribute('data-frame')), { timeout: 30_000 }).toBeGreaterThan(2);
    await page.keyboard.press('Space');
    expect(await page.locator('#playback').getAttribute('data-playing')).toBe('false');
    await session.settled();
    const k = Number(await page.locator('#playback').getAttribute('data-frame'));
    await page.waitForTimeout(400); // the address is written after a short pause
    await page.reload();
    await session.settled();
    expect(await page.locator('#playback').getAttribute('data-frame')).toBe(String(k));
    expect(await dateLabel()).toBe(frameLabel(frames[k]));
    const want = await apiFor(f, frames[k].from, frames[k].to);
    await expect.poll(kpiTotal).toBe(want.total);
  }, SLOW);

  it('an empty frame says 本期无事件; nothing overlaps at 1366 × 768; stopping returns to the filters’ window', async () => {
    await session.unfoldDock();
    // 火灾 by day over a fortnight has quiet days
    await page.evaluate(() => window.__pingan!.setFilter({ categories: ['fire'], from: '2026-03-01', to: '2026-03-31' }));
    await page.locator('#playback-step').selectOption('day');
    await session.settled();
    const f = await filter();
    const days = await api<{ frames: { start: string; total: number }[] }>('incidents/frames', { step: 'day', level: 'township', from: f.from, to: f.to, categories: 'fire', code: f.code });
    const quiet = days.frames.findIndex((d) => d.total === 0);
    expect(quiet, 'a day without fires in March').toBeGreaterThanOrEqual(0);
    await page.locator('#playback-slider').evaluate((el, i) => {
      (el as HTMLInputElement).value = String(i);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, quiet);
    await session.settled();
    expect(await dateLabel()).toBe(days.frames[quiet].start);
    await expect.poll(() => page.locator('#playback-date-note').innerText()).toContain('本期无事件');
    expect(await kpiTotal()).toBe(0);
    await shot('playback-empty-1366');
    // the bar, the dates, the legend and the ranking do not cover one another, nor the map's middle
    const boxes = Object.fromEntries(await Promise.all(['#playback', '#playback-date', '#legend', '#hotspots-dock', '#kpis'].map(async (s) => [s, (await page.locator(s).boundingBox())!] as const)));
    const map = (await page.locator('#map').boundingBox())!;
    const overlap = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
      a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    const names = Object.keys(boxes);
    for (let i = 0; i < names.length; i++) for (let j = i + 1; j < names.length; j++) {
      if (names[i] === '#kpis' && names[j] === '#legend') continue;
      expect(overlap(boxes[names[i]], boxes[names[j]]), `${names[i]} × ${names[j]}`).toBe(false);
    }
    const middle = { x: map.x + map.width / 4, y: map.y + map.height / 4, width: map.width / 2, height: map.height / 2 };
    for (const s of names) expect(overlap(boxes[s], middle), `${s} over the map's middle`).toBe(false);
    expect(boxes['#playback'].y).toBeGreaterThanOrEqual(map.y + map.height - 1); // under the map

    await page.locator('#playback-stop').click();
    await session.settled();
    expect(await page.locator('#playback-date').isVisible()).toBe(false);
    const whole = await api<{ total: number }>('incidents/summary', { from: f.from, to: f.to, categories: 'fire', code: f.code });
    await expect.poll(kpiTotal).toBe(whole.total);
    expect(new URL(page.url()).searchParams.get('frame')).toBeNull();
    expect(session.pageErrors).toEqual([]);
  }, SLOW);

  it('reads at 1920 × 1080, in English too', async () => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.evaluate(() => window.__pingan!.setFilter({ categories: [], from: '2026-01-01', to: '2026-11-20' }));
    await page.locator('#categories .link-button', { hasText: '全选' }).click();
    await page.locator('#playback-step').selectOption('month');
    await page.locator('#playback-next').click();
    await page.locator('#playback-next').click();
    await session.settled();
    expect(await dateLabel()).toBe('2026-02-01 至 02-28');
    await shot('playback-1920');
    await page.locator('#lang').click();
    await session.settled();
    expect(await dateLabel()).toBe('2026-02-01 to 02-28');
    expect(await page.locator('#playback-frame').innerText()).toMatch(/^Frame 2\/\d+ · [\d,]+ incidents$/);
    await shot('playback-1920-en');
    await page.locator('#lang').click();
  }, SLOW);
});

// The header holds the longest jurisdiction name at 1366 × 768 (issue 10: 喀喇沁左翼蒙古族自治县 wrapped the tabs,
// "热点研判" read "热点/研…", 事件处置 and 通知 went onto two lines). Signed in as the admin, who has every header
// button, with the title of the longest county-level name of the mainland: every tab and button keeps its words on
// one line and whole, nothing leaves the header, and the title is shown whole (on two lines if it must).
// A short name (the test county's) stays on one line. Screenshot: test-results/header-fit-1366.png.
import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { LAPTOP, useDashboard } from '../support/dashboard-session.js';

const { session } = useDashboard({ viewport: LAPTOP, role: 'admin', setupTimeoutMs: 300_000 });

/** What does not fit in the header: a control whose words wrap or are cut, anything outside the header's box. */
const misfits = () => session.page.evaluate(() => {
  const header = document.getElementById('header')!.getBoundingClientRect();
  const out: string[] = [];
  const lines = (el: Element) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
  };
  for (const el of document.querySelectorAll<HTMLElement>('#header button, #header a, #header select')) {
    if (el.offsetParent === null || !el.textContent?.trim()) continue;
    const name = el.textContent.trim();
    const r = el.getBoundingClientRect();
    if (lines(el) > 1) out.push(`${name}: on ${lines(el)} lines`);
    if (el.scrollWidth > el.clientWidth + 1) out.push(`${name}: cut (${el.scrollWidth} > ${el.clientWidth} px)`);
    if (r.left < header.left - 0.5 || r.right > header.right + 0.5 || r.top < header.top - 0.5 || r.bottom > header.bottom + 0.5) out.push(`${name}: outside the header`);
  }
  const title = document.getElementById('title')!;
  const t = title.getBoundingClientRect();
  if (title.scrollWidth > title.clientWidth + 1 || title.scrollHeight > title.clientHeight + 1) out.push('title: cut');
  if (t.top < header.top - 0.5 || t.bottom > header.bottom + 0.5) out.push('title: outside the header');
  const header_ = document.getElementById('header')!;
  if (header_.scrollWidth > header_.clientWidth + 1) out.push(`header: ${header_.scrollWidth - header_.clientWidth} px too wide`);
  return { out, titleLines: lines(title) };
});

it('a short jurisdiction name: one line, everything fits', async () => {
  const { out, titleLines } = await misfits();
  expect(out).toEqual([]);
  expect(titleLines).toBe(1);
});

it('the longest county-level name of the mainland: every control on one line and whole, the title whole', async () => {
  await session.page.evaluate(() => { document.getElementById('title')!.textContent = '平安一张图 · 双江拉祜族佤族布朗族傣族自治县'; });
  await session.page.waitForTimeout(100);
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/header-fit-1366.png', await session.page.screenshot({ clip: { x: 0, y: 0, width: 1366, height: 120 } }));
  const { out, titleLines } = await misfits();
  expect(out).toEqual([]);
  expect(titleLines).toBeLessThanOrEqual(2);
  expect(session.pageErrors).toEqual([]);
});

// The case work as a new user meets it, at the sizes it is done at (issue 15's walkthrough): the grid member's
// phone page at 390 × 844 and the township leader's dashboard on a tablet (768 × 1024, 1024 × 768).
// Phone: every control is a touch target of at least 44 × 44 px (the sign-in link and the browser's own file
// input were 21 px), the header stays one line when the 离线 badge shows, "my reports" offline says the network
// is gone in Chinese (not "Failed to fetch"), and the tap-to-pick map shows the place a GPS fix chose.
// Tablet: the header's buttons (通知, the user menu, EN) stay inside the window, and the case list in English
// names categories in English; the dispatch picker (a list of people, by display name) fits the 768 px drawer.
// Screenshots: var/screenshots/case-work-*.png.
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { type DashboardSession, openDashboard } from '../support/dashboard-session.js';
import { signIn } from '../support/session.js';

let session: DashboardSession;
let phoneBrowser: Awaited<ReturnType<typeof launchBrowser>>;
let phone: Page;
const phoneErrors: string[] = [];
const shot = async (p: Page, name: string) => { mkdirSync('var/screenshots', { recursive: true }); writeFileSync(`var/screenshots/case-work-${name}.png`, await p.screenshot()); };

beforeAll(async () => {
  session = await openDashboard({ role: 'township_leader', viewport: { width: 1024, height: 768 }, writable: true }); // the picker test accepts a case
  phoneBrowser = await launchBrowser({ viewport: { width: 390, height: 844 } });
  const member = await signIn(session.server.url, 'grid_member');
  const pts = (await (await member('/api/cases/points?limit=1')).json()) as { lon: number[]; lat: number[] };
  const meta = (await (await member('/api/meta')).json()) as { county: { bbox: number[] } };
  const [lon, lat] = pts.lon.length ? [pts.lon[0], pts.lat[0]] : [(meta.county.bbox[0] + meta.county.bbox[2]) / 2, (meta.county.bbox[1] + meta.county.bbox[3]) / 2];
  await phoneBrowser.context.grantPermissions(['geolocation']);
  await phoneBrowser.context.setGeolocation({ longitude: lon, latitude: lat });
  phone = await phoneBrowser.context.newPage();
  phone.on('pageerror', (e) => phoneErrors.push(String(e)));
}, 240_000);
afterAll(async () => {
  await phoneBrowser?.close();
  await session?.close();
});

/** Visible controls smaller than a finger (44 × 44 px). */
const smallTargets = (p: Page) => p.evaluate(() => [...document.querySelectorAll<HTMLElement>('button, a, select, textarea, input, label.btn')]
  .filter((e) => { const r = e.getBoundingClientRect(); return r.width > 2 && r.height > 2 && getComputedStyle(e).visibility !== 'hidden'; })
  .map((e) => { const r = e.getBoundingClientRect(); return { what: e.id || `${e.tagName}:${(e.textContent ?? '').trim().slice(0, 10)}`, w: Math.round(r.width), h: Math.round(r.height) }; })
  .filter((x) => x.w < 44 || x.h < 44));

describe('the grid member’s phone at 390 × 844', () => {
  it('offers only finger-sized targets, signed out and on the report form', async () => {
    await phone.goto(`${session.server.url}/phone.html`);
    await phone.locator('#phone-sign-in').waitFor();
    expect(await smallTargets(phone)).toEqual([]);
    await phone.click('#phone-sign-in');
    await phone.waitForSelector('#login-username');
    await phone.fill('#login-username', 'grid-member');
    await phone.fill('#login-password', 'test-password-2026');
    await Promise.all([phone.waitForEvent('load'), phone.click('#login-submit')]);
    await phone.waitForFunction(() => document.body.dataset.ready === 'true', undefined, { timeout: 60_000 });
    expect(await smallTargets(phone)).toEqual([]);
    expect(await phone.locator('#report-photo-button').innerText()).toBe('拍照或选择照片');
    await shot(phone, 'phone-form');
  }, 120_000);

  it('the map picked on shows the place the GPS chose', async () => {
    await phone.click('#report-map');
    await phone.locator('#pick-map canvas').waitFor();
    await phone.click('#report-gps');
    await phone.waitForFunction(() => document.getElementById('report-place')!.className === 'ok', undefined, { timeout: 20_000 });
    const marker = phone.locator('#pick-map .maplibregl-marker');
    await marker.waitFor({ timeout: 10_000 });
    await phone.waitForTimeout(300);
    const box = (await phone.locator('#pick-map').boundingBox())!, m = (await marker.boundingBox())!;
    const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    // the pin's tip is on the point: the map is centred on the GPS fix, so the pin stands over the map's centre
    expect(Math.abs(m.x + m.width / 2 - centre.x)).toBeLessThan(4);
    expect(centre.y).toBeGreaterThanOrEqual(m.y);
    expect(centre.y).toBeLessThanOrEqual(m.y + m.height + 2);
    expect(await phone.locator('#report-place').innerText()).not.toMatch(/^位置：吉林省/); // no province-city-county chain
    await shot(phone, 'phone-gps-on-map');
  }, 60_000);

  it('offline: the header stays one line and "my reports" says the network is gone, in Chinese', async () => {
    await phone.click('#phone-tabs [data-page="mine"]');
    await phone.waitForFunction(() => !document.querySelector('#mine-list .empty')?.textContent?.includes('加载中'), undefined, { timeout: 20_000 });
    const headerOnline = (await phone.locator('#phone-header').boundingBox())!.height;
    await phoneBrowser.context.setOffline(true);
    try {
      await phone.locator('#phone-net:not([hidden])').waitFor();
      expect((await phone.locator('#phone-header').boundingBox())!.height).toBe(headerOnline);
      expect((await phone.locator('#phone-header h1').boundingBox())!.height).toBeLessThan(30); // one line of 17 px type
      await phone.click('#phone-tabs [data-page="queue"]');
      await phone.click('#phone-tabs [data-page="mine"]');
      await phone.locator('#mine-error').waitFor({ timeout: 10_000 });
      const text = await phone.locator('#phone-main').innerText();
      expect(text).toContain('网络不可用');
      expect(text).not.toMatch(/fetch|Failed|HTTP/i);
      await shot(phone, 'phone-offline-mine');
    } finally {
      await phoneBrowser.context.setOffline(false);
    }
    expect(phoneErrors).toEqual([]);
  }, 60_000);
});

describe('the township leader’s dashboard on a tablet', () => {
  for (const viewport of [{ width: 1024, height: 768 }, { width: 768, height: 1024 }]) {
    it(`keeps every header button inside ${viewport.width} × ${viewport.height}`, async () => {
      const page = session.page;
      await page.setViewportSize(viewport);
      await page.waitForTimeout(500);
      const out = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('#header > *')]
        .filter((e) => e.offsetParent !== null)
        .map((e) => ({ what: e.id || e.className || e.tagName, right: Math.round(e.getBoundingClientRect().right), bottom: Math.round(e.getBoundingClientRect().bottom) }))
        .filter((x) => x.right > window.innerWidth || x.bottom > document.getElementById('header')!.getBoundingClientRect().bottom));
      expect(out).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      for (const id of ['#notify-open', '#lang', '#cases-open']) expect(await page.locator(id).isVisible(), id).toBe(true);
      await shot(page, `tablet-${viewport.width}`);
    }, 60_000);
  }

  it('the dispatch picker fits the 768 px tablet: the list of people inside the drawer, days left on the card', async () => {
    const page = session.page;
    await page.setViewportSize({ width: 768, height: 1024 });
    // a newly reported case of the township, with the dashboard's window on its day: the leader accepts it on its
    // card, and the dispatch picker appears
    const member = await signIn(session.server.url, 'grid_member');
    const mine = (await (await member('/api/cases?pageSize=1')).json()) as { items: { lon: number; lat: number }[] };
    const rep = await member('/api/reports', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ category: 'dispute', title: '平板派遣测试', lon: mine.items[0].lon, lat: mine.items[0].lat }) });
    expect(rep.status, await rep.clone().text()).toBe(201);
    const kase = { id: ((await rep.json()) as { id: number }).id, reportedAt: new Date().toISOString() };
    const day = new Date(Date.parse(kase.reportedAt) + 8 * 3600_000).toISOString().slice(0, 10);
    await page.evaluate((d) => window.__pingan!.setFilter({ from: d, to: d }), day);
    await page.click('#cases-open');
    await page.selectOption('#cases-status', 'reported');
    await page.locator(`#cases-list .case-row[data-case="${kase.id}"]`).click({ timeout: 30_000 });
    await page.click('#case-detail [data-action="accept"]', { timeout: 30_000 });
    await page.locator('#case-detail[data-status="accepted"]').waitFor({ timeout: 30_000 });
    await page.locator('#case-assignees li[role=option]').first().waitFor({ timeout: 30_000 });
    const drawer = (await page.locator('#case-desk').boundingBox())!;
    expect(drawer.x + drawer.width).toBeLessThanOrEqual(768);
    for (const b of await page.locator('#case-assignees li[role=option]').evaluateAll((lis) => lis.map((li) => li.getBoundingClientRect().right)))
      expect(b).toBeLessThanOrEqual(drawer.x + drawer.width);
    expect(await page.locator('#case-assignees li[role=option] .assignee-name').first().innerText()).toMatch(/[\u4e00-\u9fff]/); // display names, not user names
    expect(await page.locator('#case-due .case-left').innerText()).toMatch(/^(剩余|已超期)/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
    await shot(page, 'tablet-dispatch');
    await page.click('#case-back');
    await page.selectOption('#cases-status', ''); // the next test reads the list as it opens, every status
    await page.click('#case-desk .cases-x');
    expect(session.pageErrors).toEqual([]);
  }, 90_000);

  it('the case list in English names the categories in English', async () => {
    const page = session.page;
    await page.click('#lang');
    await page.click('#cases-open');
    await page.locator('#cases-list .case-row').first().waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector('#case-desk h2')?.textContent === 'Cases');
    const cats = await page.locator('#cases-list .case-cat').allInnerTexts();
    expect(cats.length).toBeGreaterThan(0);
    for (const c of cats) expect(c).not.toMatch(/[\u4e00-\u9fff]/);
    await shot(page, 'tablet-cases-en');
    expect(session.pageErrors).toEqual([]);
  }, 60_000);
});

// The page as a product, in headless Chromium against the real HTTP server (built client, test county):
// - the first load fetches no camera (the first tab hides them); switching the camera layer on fetches them;
// - hashed assets come precompressed (brotli) with a year's immutable caching; index.html is no-cache + ETag;
// - a warm reload transfers at most 50 KB (bytes on the wire, from the DevTools protocol): assets from the
//   browser cache without a request, index.html and API answers revalidated (304).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../support/session.js';
import { SESSION_HINT_COOKIE } from '../../server/auth/session.js';
import { existsSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';
import type { Database } from '../../server/db/database.js';
import { launchBrowser } from '../support/browser.js';
import { startHttpServer } from '../support/http-server.js';
import { openTestCounty } from '../support/test-county.js';

interface Seen { url: string; status: number; fromCache: boolean; headers: Record<string, string>; bytes: number }

let db: Database;
let server: Awaited<ReturnType<typeof startHttpServer>>;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let cdp: CDPSession;
let seen = new Map<string, Seen>();
const cachedIds = new Set<string>();

const settled = () => page.waitForFunction(() => document.body.dataset.ready === 'true' && document.body.dataset.busy !== 'true', undefined, { timeout: 120_000 });

beforeAll(async () => {
  if (!existsSync('dist/client/assets')) throw new Error('No built client in dist/client: run `npm run build` (npm test does it first).');
  db = await openTestCounty();
  server = await startHttpServer(db);
  browser = await launchBrowser();
  // Signed in by cookie, not through the login page: the first load below must be the page's first load.
  const session = await signIn(server.url, 'county_leader');
  const [name, value] = [session.cookie.slice(0, session.cookie.indexOf('=')), session.cookie.slice(session.cookie.indexOf('=') + 1)];
  // …with the readable hint a sign-in sets beside it (the page asks who is signed in only when it is there).
  await browser.context.addCookies([{ name, value, url: server.url }, { name: SESSION_HINT_COOKIE, value: '1', url: server.url }]);
  page = await browser.context.newPage();
  cdp = await browser.context.newCDPSession(page);
  await cdp.send('Network.enable');
  cdp.on('Network.responseReceived', (e) => {
    seen.set(e.requestId, { url: e.response.url, status: e.response.status, fromCache: Boolean(e.response.fromDiskCache || e.response.fromPrefetchCache || cachedIds.has(e.requestId)), headers: Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)])), bytes: 0 });
  });
  // Fired before responseReceived for a memory- or disk-cache hit.
  cdp.on('Network.requestServedFromCache', (e) => cachedIds.add(e.requestId));
  cdp.on('Network.loadingFinished', (e) => {
    const s = seen.get(e.requestId);
    if (s) s.bytes = e.encodedDataLength;
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  db?.close();
});

const path = (u: string) => new URL(u).pathname;

describe('page load', () => {
  it('first load: no camera request; assets brotli and immutable; index.html no-cache with an ETag', async () => {
    await page.goto(server.url);
    await settled();
    const all = [...seen.values()];
    expect(all.filter((s) => path(s.url).startsWith('/api/cameras'))).toEqual([]);
    const assets = all.filter((s) => path(s.url).startsWith('/assets/'));
    expect(assets.length).toBeGreaterThan(2);
    for (const a of assets) {
      expect(a.headers['cache-control'], a.url).toBe('public, max-age=31536000, immutable');
      // Files under 1 KB are not worth compressing (the build leaves them as they are).
      if (/\.(js|css)$/.test(path(a.url)) && a.bytes > 2048) expect(a.headers['content-encoding'], a.url).toBe('br');
    }
    const js = assets.filter((a) => path(a.url).endsWith('.js')).reduce((n, a) => n + a.bytes, 0);
    console.log(`first load: ${all.length} requests, ${(all.reduce((n, s) => n + s.bytes, 0) / 1024).toFixed(0)} KB transferred, JS ${(js / 1024).toFixed(0)} KB (brotli)`);
    expect(js).toBeLessThan(900 * 1024);
    const doc = all.find((s) => path(s.url) === '/')!;
    expect(doc.headers['cache-control']).toBe('no-cache');
    expect(doc.headers.etag).toMatch(/^".+"$/);
  });

  it('warm reload transfers at most 50 KB: assets from cache, the page and API answers revalidated', async () => {
    // The page writes its view into the address (shareable links), so the first reload asks for an address the
    // cache has not seen yet: reload once to cache the page under it, then measure a warm reload of that address.
    await page.reload();
    await settled();
    seen = new Map();
    await page.reload();
    await settled();
    const all = [...seen.values()];
    const total = all.reduce((n, s) => n + s.bytes, 0);
    const big = [...all].sort((a, b) => b.bytes - a.bytes).slice(0, 5).map((s) => `${path(s.url)} ${s.status} ${s.bytes} B`);
    console.log(`warm reload: ${all.length} requests, ${(total / 1024).toFixed(1)} KB transferred; largest: ${big.join(', ')}`);
    for (const a of all.filter((s) => path(s.url).startsWith('/assets/'))) expect(a.fromCache, a.url).toBe(true);
    // Revalidated: DevTools reports the cached answer (200) but only the 304's headers crossed the wire.
    const doc = all.find((s) => path(s.url) === '/')!;
    expect(doc.bytes).toBeLessThan(1024);
    const etag = (await fetch(server.url)).headers.get('etag')!;
    expect((await fetch(server.url, { headers: { 'If-None-Match': etag } })).status).toBe(304);
    expect(total).toBeLessThanOrEqual(50 * 1024);
  });

  it('fetches the cameras once the camera layer is switched on: the current view only, in columns', async () => {
    seen = new Map();
    await page.click('label[for="layer-cameras"]');
    await settled();
    const asked = [...seen.values()].filter((s) => path(s.url).startsWith('/api/cameras'));
    expect(asked.length).toBe(1);
    const q = new URL(asked[0].url).searchParams;
    expect(q.get('format')).toBe('columns');
    // the view's box (padded by half a view each side): west < east, south < north, on the county's longitudes
    const [w, s, e, n] = q.get('bbox')!.split(',').map(Number);
    expect(w).toBeLessThan(e);
    expect(s).toBeLessThan(n);
    expect(w).toBeGreaterThan(100);
    console.log(`cameras of the view: ${asked[0].bytes} B on the wire`);
  });
});

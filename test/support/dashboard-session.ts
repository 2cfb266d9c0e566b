// One browser session on the dashboard for an e2e suite: the test county behind the real HTTP server, the
// built client, Debian chromium, signed in through the login page (county leader unless told), page errors
// collected, and the "settled" wait every suite needs. `request` calls the same server's API as the same user.
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { Database } from '../../server/db/database.js';
import type { Role } from '../../shared/domain/roles.js';
import { launchBrowser, type BrowserOptions } from './browser.js';
import { startHttpServer } from './http-server.js';
import { DEMO_USERS, signIn, TEST_PASSWORD, type Requester } from './session.js';
import { openTestCounty } from './test-county.js';
import { openWritableCountyCopy } from './writable-county.js';

/** Signs in through the login page as a user would: type the name and password, submit, wait for the dashboard. */
export async function signInThroughPage(page: Page, url: string, role: Role = 'county_leader', timeoutMs = 90_000): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('#login-username', { timeout: timeoutMs });
  await page.fill('#login-username', DEMO_USERS[role]);
  await page.fill('#login-password', TEST_PASSWORD);
  await Promise.all([page.waitForEvent('load', { timeout: timeoutMs }), page.click('#login-submit')]);
  await page.waitForFunction(() => document.body.dataset.ready === 'true' && document.body.dataset.busy !== 'true', undefined, { timeout: timeoutMs });
}

export interface DashboardSession {
  db: Database;
  server: Awaited<ReturnType<typeof startHttpServer>>;
  page: Page;
  /** The API of the same server, signed in as the same user (cookie and Origin carried). */
  request: Requester;
  pageErrors: string[];
  /** Waits until the first render is done and nothing is loading or drawing (body data-ready / data-busy). */
  settled(timeoutMs?: number): Promise<void>;
  /** A screenshot of the map once it has settled. */
  mapShot(): Promise<Buffer>;
  close(): Promise<void>;
}

/** `writable`: a private writable copy of the test county (for suites that save), removed on close. */
export async function openDashboard(options: { settleTimeoutMs?: number; role?: Role; writable?: boolean } & BrowserOptions = {}): Promise<DashboardSession> {
  if (!existsSync('dist/client/index.html')) throw new Error('No built client in dist/client: run `npm run build` (npm test does it first).');
  const copy = options.writable ? await openWritableCountyCopy() : null;
  const db = copy ? copy.db : await openTestCounty();
  const server = await startHttpServer(db);
  const browser = await launchBrowser(options);
  const page = await browser.context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  // A resource or script the Content-Security-Policy blocked (server/http/security-headers.ts) counts as an error.
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) pageErrors.push(m.text()); });
  const settled = async (timeoutMs = options.settleTimeoutMs ?? 90_000) => {
    await page.waitForFunction(() => document.body.dataset.ready === 'true' && document.body.dataset.busy !== 'true', undefined, { timeout: timeoutMs });
  };
  const mapShot = async () => {
    await settled();
    await page.waitForTimeout(400); // let the last frame reach the canvas
    return page.locator('#map').screenshot();
  };
  await signInThroughPage(page, server.url, options.role, options.settleTimeoutMs ?? 90_000);
  await settled();
  const request = await signIn(server.url, options.role ?? 'county_leader');
  return {
    db,
    server,
    page,
    request,
    pageErrors,
    settled,
    mapShot,
    close: async () => {
      await browser.close();
      await server.close();
      if (copy) copy.dispose();
      else db.close();
    },
  };
}

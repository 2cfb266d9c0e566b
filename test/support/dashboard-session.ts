// One browser session on the dashboard for an e2e suite: the test county behind the real HTTP server, the
// built client, Debian chromium, signed in through the login page (county leader unless told), page errors
// collected, and the "settled" wait every suite needs. `request` calls the same server's API as the same user.
// A suite calls `useDashboard(options)` at its top: one session for the file, opened in beforeAll (on a tab,
// with the ranking dock unfolded, if asked) and closed in afterAll.
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { Tab } from '../../client/state.js';
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
  /** Clicks a tab's button in the header, as a user does, and waits until the tab has settled. */
  openTab(tab: Tab): Promise<void>;
  /** Opens the ranking dock if it is folded (below 1600 × 900 it starts folded), as a user does. */
  unfoldDock(): Promise<void>;
  close(): Promise<void>;
}

/** The laptop screen the product must be usable on; most suites run at it. */
export const LAPTOP = { width: 1366, height: 768 } as const;

export type DashboardOptions = { settleTimeoutMs?: number; role?: Role; writable?: boolean } & BrowserOptions;

/** `writable`: a private writable copy of the test county (for suites that save), removed on close. */
export async function openDashboard(options: DashboardOptions = {}): Promise<DashboardSession> {
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
  const openTab = async (tab: Tab) => {
    await page.click(`#tab-${tab}`);
    await settled();
  };
  const unfoldDock = async () => {
    if (await page.locator('#hotspots-dock.collapsed').count()) await page.locator('#hotspots-dock-toggle').click();
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
    openTab,
    unfoldDock,
    close: async () => {
      await browser.close();
      await server.close();
      if (copy) copy.dispose();
      else db.close();
    },
  };
}

export interface UseDashboardOptions extends DashboardOptions {
  /** the tab to open before the tests (the dashboard opens on 热点研判) */
  tab?: Tab;
  /** unfold the ranking dock before the tests */
  unfoldDock?: boolean;
  /** beforeAll's time limit (ms) */
  setupTimeoutMs?: number;
}

/**
 * One dashboard session for the whole file: opens it in beforeAll, closes it in afterAll, and answers the session
 * and its page at once, for the file's top level: `const { session, page } = useDashboard({ viewport: LAPTOP })`.
 * Both stand for the objects beforeAll opens, so they may be named in helpers at the top of the file but used
 * only inside tests and hooks (earlier, they throw saying so).
 */
export function useDashboard(options: UseDashboardOptions = {}): { session: DashboardSession; page: Page } {
  const { tab, unfoldDock, setupTimeoutMs = 180_000, ...open } = options;
  let session: DashboardSession | undefined;
  beforeAll(async () => {
    session = await openDashboard(open);
    if (tab) await session.openTab(tab);
    if (unfoldDock) await session.unfoldDock();
  }, setupTimeoutMs);
  afterAll(async () => {
    await session?.close();
    session = undefined;
  });
  return { session: openedLater('the dashboard session', () => session), page: openedLater('the dashboard page', () => session?.page) };
}

/** Stands for an object opened later: every property read goes to it (methods bound to it, as `page.click` needs). */
function openedLater<T extends object>(what: string, current: () => T | undefined): T {
  return new Proxy({} as T, {
    get(_, key) {
      const target = current();
      if (!target) throw new Error(`${what} is not open: use it inside a test or a hook (useDashboard opens it in beforeAll)`);
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' && !Object.prototype.hasOwnProperty.call(target, key) ? value.bind(target) : value;
    },
  });
}

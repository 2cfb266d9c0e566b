// One browser session on the dashboard for an e2e suite: the test county behind the real HTTP server, the
// built client, Debian chromium, page errors collected, and the "settled" wait every suite needs.
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { Database } from '../../server/db/database.js';
import { launchBrowser, type BrowserOptions } from './browser.js';
import { startHttpServer } from './http-server.js';
import { openTestCounty } from './test-county.js';

export interface DashboardSession {
  db: Database;
  server: Awaited<ReturnType<typeof startHttpServer>>;
  page: Page;
  pageErrors: string[];
  /** Waits until the first render is done and nothing is loading or drawing (body data-ready / data-busy). */
  settled(timeoutMs?: number): Promise<void>;
  /** A screenshot of the map once it has settled. */
  mapShot(): Promise<Buffer>;
  close(): Promise<void>;
}

export async function openDashboard(options: { settleTimeoutMs?: number } & BrowserOptions = {}): Promise<DashboardSession> {
  if (!existsSync('dist/client/index.html')) throw new Error('No built client in dist/client: run `npm run build` (npm test does it first).');
  const db = await openTestCounty();
  const server = await startHttpServer(db);
  const browser = await launchBrowser(options);
  const page = await browser.context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  const settled = async (timeoutMs = options.settleTimeoutMs ?? 90_000) => {
    await page.waitForFunction(() => document.body.dataset.ready === 'true' && document.body.dataset.busy !== 'true', undefined, { timeout: timeoutMs });
  };
  const mapShot = async () => {
    await settled();
    await page.waitForTimeout(400); // let the last frame reach the canvas
    return page.locator('#map').screenshot();
  };
  await page.goto(server.url);
  await settled();
  return {
    db,
    server,
    page,
    pageErrors,
    settled,
    mapShot,
    close: async () => {
      await browser.close();
      await server.close();
      db.close();
    },
  };
}

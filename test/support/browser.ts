// Debian's chromium driven by playwright-core (Playwright's own browser download is impossible offline).
// Required, never skipped: without chromium the browser tests fail with a message saying how to install it.
import { chromium, type BrowserContext } from 'playwright-core';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface BrowserOptions { locale?: string; viewport?: { width: number; height: number }; /** the browser's own zone (the county's by default) */ timezoneId?: string }

export async function launchBrowser(o: BrowserOptions = {}): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  if (!existsSync(CHROMIUM)) throw new Error(`No chromium at ${CHROMIUM}: install it with \`apt-get install chromium fonts-wqy-microhei\` (or set CHROMIUM_PATH).`);
  const profile = mkdtempSync(join(tmpdir(), 'pingan-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: o.viewport ?? { width: 1400, height: 900 },
    locale: o.locale ?? 'zh-CN',
    timezoneId: o.timezoneId ?? 'Asia/Shanghai',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Share of pixels (0..1) that differ noticeably between two screenshots of the same size. */
export function pixelDifference(a: Buffer, b: Buffer): number {
  const pa = PNG.sync.read(a), pb = PNG.sync.read(b);
  if (pa.width !== pb.width || pa.height !== pb.height) return 1;
  let changed = 0;
  for (let i = 0; i < pa.data.length; i += 4) {
    const d = Math.abs(pa.data[i] - pb.data[i]) + Math.abs(pa.data[i + 1] - pb.data[i + 1]) + Math.abs(pa.data[i + 2] - pb.data[i + 2]);
    if (d > 30) changed++;
  }
  return changed / (pa.width * pa.height);
}

/**
 * Pages of a PDF as Chromium's page.pdf writes it: its page objects (/Type /Page, not the /Pages tree) are
 * plain dictionaries, so counting them is exact without a PDF library. Checked against the /Count of the tree.
 */
export function pdfPageCount(pdf: Buffer): number {
  const text = pdf.toString('latin1');
  const pages = (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
  const counts = [...text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g)].map((m) => Number(m[1] ?? m[2]));
  if (counts.length && Math.max(...counts) !== pages) throw new Error(`PDF page objects (${pages}) and the page tree's /Count (${Math.max(...counts)}) disagree`);
  return pages;
}

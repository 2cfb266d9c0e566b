// Stored XSS in the browser (issue 12): an incident imported through the import route and a live report posted by
// the grid member carry markup in their title and address (`<img src=x onerror=…>` and a `<script>` variant). The
// dashboard, signed in through the login page, shows them in the live toast, the notification list, the case list
// and the case card, and the search box: everywhere as literal text; no handler runs (window.__xss stays
// undefined) and no <img src=x> or injected <script> element appears.
import { expect, it } from 'vitest';
import { convertPoint } from '../../server/analysis/crs.js';
import { pointInGeometry } from '../../shared/geo/point-in-polygon.js';
import { useDashboard } from '../support/dashboard-session.js';
import { signIn } from '../support/session.js';

const IMG = '<img src=x onerror=window.__xss=1>';
const SCRIPT = '<script>window.__xss=2</script>';
const { session: s, page } = useDashboard({ writable: true, setupTimeoutMs: 150_000 });

/** Nothing ran and no element was made from the payloads; the literal text is on screen in `where`. */
async function inert(where: string, texts: string[]) {
  const found = await page.evaluate(({ where, texts }) => {
    const el = document.querySelector(where) as HTMLElement | null;
    const text = el?.innerText ?? '';
    return {
      xss: (window as unknown as { __xss?: unknown }).__xss,
      imgs: document.querySelectorAll('img[src="x"], img[onerror]').length,
      scripts: [...document.scripts].filter((sc) => sc.textContent?.includes('__xss')).length,
      missing: texts.filter((t) => !text.includes(t)),
    };
  }, { where, texts });
  expect(found, where).toEqual({ xss: undefined, imgs: 0, scripts: 0, missing: [] });
}

it('markup in imported and reported incidents renders as text everywhere', async () => {
  // A live report by the grid member, from a place inside their own grid.
  const member = await signIn(s.server.url, 'grid_member');
  const { user } = (await (await member('/api/auth/me')).json()) as { user: { scopeCode: string } };
  const grids = await s.db.query<{ lon: number; lat: number; geojson: string }>("SELECT centre_lon AS lon, centre_lat AS lat, geojson FROM grids WHERE code LIKE ? || '%' ORDER BY code", [user.scopeCode]);
  const inside = grids.filter((g) => pointInGeometry(g.lon, g.lat, JSON.parse(g.geojson)));
  const reportTitle = `报告${IMG}${SCRIPT}`;
  const reportAddress = `地址${SCRIPT}`;
  const { to } = await page.evaluate(() => window.__pingan!.state.filter);
  const res = await member('/api/reports', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ category: 'dispute', title: reportTitle, address: reportAddress, reportedAt: `${to} 10:05`, lon: inside[0].lon, lat: inside[0].lat }) });
  expect(res.status, await res.clone().text()).toBe(201);

  // The live toast and the notification list.
  await page.waitForSelector('#live-reports .live-report', { timeout: 30_000 });
  await inert('#live-reports', ['报告<img src=x onerror=window.__xss=1>']);
  await page.click('#notify-open');
  await page.waitForSelector('#notify-list:not([hidden])');
  await inert('#notify-list', [reportTitle]);
  await page.click('#notify-open');

  // An incident imported through the import route (as the admin), in the dashboard's time window.
  const admin = await signIn(s.server.url, 'admin');
  const [x, y] = convertPoint(inside[1 % inside.length].lon, inside[1 % inside.length].lat, 'wgs84', 'gcj02');
  const csv = `编号,类别,时间,经度,纬度,地址,描述\nXSS-1,盗窃,${to} 08:30,${x.toFixed(7)},${y.toFixed(7)},"${IMG}路",导入${SCRIPT}\n`;
  const imported = await admin('/api/import/incidents', { method: 'POST', headers: { 'content-type': 'text/csv; charset=utf-8' }, body: csv });
  expect(imported.status, await imported.clone().text()).toBeLessThan(300);

  // The case list, searched for the payload, and the case card it opens.
  await page.click('#cases-open');
  await page.waitForSelector('#case-desk:not([hidden])');
  await page.waitForFunction(() => /报告<img/.test((document.querySelector('#case-desk') as HTMLElement).innerText), undefined, { timeout: 30_000 });
  await page.waitForFunction(() => /导入<script>/.test((document.querySelector('#case-desk') as HTMLElement).innerText), undefined, { timeout: 30_000 });
  await inert('#case-desk', [reportTitle, `导入${SCRIPT}`]);
  // The case card, opened from the notification.
  await page.click('#notify-open');
  await page.locator('#notify-list li').filter({ hasText: '报告<img' }).first().click();
  await page.waitForFunction(() => (document.querySelector('#case-desk') as HTMLElement).innerText.includes('地址<script>'), undefined, { timeout: 30_000 });
  await inert('#case-desk', [reportTitle, reportAddress]);

  // The search box with the payload typed in.
  await page.fill('#search-input', IMG);
  await page.waitForTimeout(1000);
  await inert('body', [reportTitle]);

  // The imported incident is in the database with its text as it was (stored, not stripped).
  const [row] = await s.db.query<{ address: string; title: string }>("SELECT address, title FROM incidents WHERE external_id = 'XSS-1' LIMIT 1");
  expect(row?.address).toBe(`${IMG}路`);
  expect(s.pageErrors).toEqual([]);
}, 90_000);

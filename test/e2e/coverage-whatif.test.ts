// What-if latency in a real (software-rendered) browser: at zoom 16 over the county seat, with every camera
// sector of the test county loaded, each edit — add a camera on an uncovered key site by clicking the map,
// switch it off, switch it on, three times each — must show the server's new ledger in the panel within 200 ms of the press (median per kind), and
// the map must have painted the edit within the budgets below. Times are taken in the page: from the press
// (the first pointerdown/mousedown/click event's own timeStamp, i.e. when the browser received the input, so
// a synchronous deck.gl pick that delays its dispatch or runs in an event handler before ours is counted) to
// the ledger table's new version in the DOM, and to the end of the first map frame after it (a 1-pixel
// readPixels makes the GPU finish that frame, so software GL cannot hide its cost).
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DashboardSession, openDashboard } from '../support/dashboard-session.js';

/** The issue's figure: the ledger follows an edit within 200 ms — held for the median of three edits of each kind. */
const LEDGER_BUDGET_MS = 200;
/**
 * Press → first map frame after the ledger, finished on the GPU. Measured on this test county in headless
 * Chromium/SwiftShader on a shared two-core machine: panel edits (switch off/on) 1.1–1.3 s, where the old
 * drawing (every stored sector outlined: ~17 instanced path segments per camera, ~20 µs per instance in
 * SwiftShader) took 4.7–4.9 s; an add on the map 1.4–2.0 s. Before the Coverage tab answered hover and
 * click on the CPU (client/views/coverage/coverage-picker.ts), deck.gl picked every pickable layer — hidden
 * ones of the other tabs too — synchronously on pointerdown (1.7–3 s, before the press even reached the
 * page's handlers) and on the hover after the click (~0.75 s): the add took 2.8 s to the ledger and
 * 4.1–4.9 s to the frame. The budgets keep head-room over today's figures and fail the old behaviour.
 */
const REPAINT_BUDGET_MS = 2000;
const ADD_REPAINT_BUDGET_MS = 3000;
const SEAT: [number, number] = [123.088, 44.813];

let session: DashboardSession;
let page: Page;

interface EditTiming { ledgerMs: number; frameMs: number }

/** Arms the page's probe: the next click/mousedown starts the clock. */
async function armProbe(): Promise<void> {
  await page.evaluate(() => {
    const v0 = Number(document.querySelector('#cov-ledger')?.getAttribute('data-version'));
    const map = window.__pingan!.map;
    const probe: { t0: number | null; ledgerMs: number | null; frameMs: number | null; busy: number[][] } = { t0: null, ledgerMs: null, frameMs: null, busy: [] };
    // main-thread tasks over 50 ms from the edit on (picking and frames in software GL show up here)
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (probe.t0 !== null && probe.frameMs === null && e.startTime + e.duration > probe.t0) probe.busy.push([Math.round(e.startTime - probe.t0), Math.round(e.duration)]);
    }).observe({ type: 'longtask' });
    (window as unknown as { __probe: typeof probe }).__probe = probe;
    // pointerdown comes before mousedown: deck.gl's own event manager picks synchronously on it
    const start = (e: Event) => {
      if (probe.t0 === null) probe.t0 = Math.min(e.timeStamp, performance.now());
    };
    for (const type of ['pointerdown', 'mousedown', 'click']) document.addEventListener(type, start, { capture: true, once: true });
    const observer = new MutationObserver(() => {
      if (probe.t0 === null || probe.ledgerMs !== null) return;
      if (Number(document.querySelector('#cov-ledger')?.getAttribute('data-version')) <= v0) return;
      probe.ledgerMs = performance.now() - probe.t0;
      observer.disconnect();
      // the first map frame after the ledger arrived draws the edit and the new gaps
      map.once('render', () => {
        const gl = (map as unknown as { painter: { context: { gl: WebGL2RenderingContext } } }).painter.context.gl;
        gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
        probe.frameMs = performance.now() - probe.t0!;
      });
      map.triggerRepaint();
    });
    observer.observe(document.getElementById('view-coverage')!, { subtree: true, childList: true, attributes: true });
  });
}

async function timedEdit(label: string, act: () => Promise<void>): Promise<EditTiming> {
  await armProbe();
  await act();
  await page.waitForFunction(() => (window as unknown as { __probe: { frameMs: number | null } }).__probe.frameMs !== null, undefined, { timeout: 120_000 });
  const t = await page.evaluate(() => (window as unknown as { __probe: EditTiming }).__probe);
  // where the ledger's time went: the what-if request as the browser saw it, from the same t0
  const http = await page.evaluate(() => {
    const probe = (window as unknown as { __probe: { t0: number } }).__probe;
    const e = performance.getEntriesByType('resource').filter((r) => r.name.includes('/coverage/whatif')).pop() as PerformanceResourceTiming | undefined;
    const busy = (probe as unknown as { busy: number[][] }).busy.map(([at, ms]) => `${ms} ms at ${at}`).join(', ');
    return `${e ? `request sent at ${Math.round(e.requestStart - probe.t0)} ms, answered by ${Math.round(e.responseEnd - probe.t0)} ms` : 'no request seen'}; long tasks: ${busy || 'none'}`;
  });
  console.log(`what-if ${label}: ledger in the panel after ${Math.round(t.ledgerMs)} ms (${http}), map frame painted after ${Math.round(t.frameMs)} ms`);
  await session.settled();
  return t;
}

const shortfallOf = (category: string) => page.locator(`#cov-categories tr[data-category="${category}"]`).getAttribute('data-shortfall').then(Number);
const panelCategories = () =>
  page.locator('#cov-categories tbody tr').evaluateAll((rows) => rows.map((r) => ({ category: (r as HTMLElement).dataset.category, shortfall: Number((r as HTMLElement).dataset.shortfall), covered: Number(r.children[2].textContent) })));

beforeAll(async () => {
  session = await openDashboard();
  page = session.page;
  await page.click('#tab-coverage');
  await page.waitForSelector('#cov-categories', { timeout: 90_000 });
  await session.settled();
}, 180_000);

afterAll(() => session?.close());

describe('coverage what-if latency at zoom 16', () => {
  it('adds a camera on an uncovered site, switches it off and on: ledger ≤ 200 ms, repaint within budget', async () => {
    const url = session.server.url;
    // the uncovered key site nearest the county seat (needs one camera, so one new camera closes it)
    const ledger0 = await (await session.request(`/api/coverage/ledger?level=grid&gaps=1`)).json();
    const d = (s: { lon: number; lat: number }) => Math.hypot((s.lon - SEAT[0]) * Math.cos((SEAT[1] * Math.PI) / 180), s.lat - SEAT[1]);
    const site = (ledger0.ledger.gaps.sites as { id: number; lon: number; lat: number; category: string; cameras: number; need: number }[])
      .filter((s) => s.cameras === 0 && s.need === 1)
      .sort((a, b) => d(a) - d(b))[0];
    expect(site).toBeDefined();
    expect(d(site)).toBeLessThan(0.01); // within ~1 km: the view stays over the county seat
    await page.evaluate(([lon, lat]) => window.__pingan!.map.jumpTo({ center: [lon, lat], zoom: 16 }), [site.lon, site.lat]);
    await session.settled();
    const sectorsDrawn = await page.evaluate(() => {
      const deck = (window.__pingan!.overlay as unknown as { _deck: { props: { layers: { id: string; props: { visible: boolean; data: unknown[] } }[] } } })._deck;
      const layer = deck.props.layers.find((l) => l && l.id === 'coverage-sectors');
      return layer ? { visible: layer.props.visible, n: layer.props.data.length } : null;
    });
    expect(sectorsDrawn?.visible).toBe(true);
    expect(sectorsDrawn!.n).toBeGreaterThan(4000); // every stored camera of the test county is in the layer
    const before = await shortfallOf(site.category);

    // Warm-up, timed but not held to a budget: a real add of the same kind elsewhere, then reset, so the timed
    // add is not the page's first. The first draw of the edited-camera and handle layers compiles their
    // shaders, and the server's first what-if edits run cold (JIT); measured 0.17–0.5 s to the ledger.
    const warm = await page.evaluate(([lon, lat]) => {
      const p = window.__pingan!.map.project([lon + 300 / 78900, lat + 200 / 111195]);
      const box = document.getElementById('map')!.getBoundingClientRect();
      return { x: box.x + p.x, y: box.y + p.y };
    }, [site.lon, site.lat]);
    await page.click('#cov-add');
    await timedEdit('add (first edit of the page)', () => page.mouse.click(warm.x, warm.y));
    await page.click('#cov-reset');
    await page.waitForFunction(() => document.querySelector('#cov-edits')?.getAttribute('data-edits') === '0');
    await page.waitForFunction((s) => Number(document.querySelector(`#cov-categories tr[data-category="${s}"]`)?.getAttribute('data-shortfall')) >= 0, site.category);
    await session.settled();
    expect(await shortfallOf(site.category)).toBe(before);

    // add: click 10 m south of the site; a new camera looks north (bearing 0), so the site is 10 m inside it
    await page.click('#cov-add');
    const click = await page.evaluate(([lon, lat]) => {
      const p = window.__pingan!.map.project([lon, lat - 10 / 111195]);
      const box = document.getElementById('map')!.getBoundingClientRect();
      return { x: box.x + p.x, y: box.y + p.y };
    }, [site.lon, site.lat]);
    const added = await timedEdit('add', () => page.mouse.click(click.x, click.y));
    await expect(page.locator('#cov-selected').getAttribute('data-id')).resolves.toMatch(/^NEW-/);
    expect(await shortfallOf(site.category)).toBe(before - 1);
    // the panel shows exactly the server's ledger for the same edits
    const [lon, lat] = [Number(await page.locator('#cov-selected').getAttribute('data-lon')), Number(await page.locator('#cov-selected').getAttribute('data-lat'))];
    const expected = await (
      await session.request(`/api/coverage/whatif`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ level: 'grid', edits: [{ op: 'add', id: 'X', kind: 'public', lon, lat, bearing: 0, fov: 70, rangeM: 60 }] }) })
    ).json();
    expect(await panelCategories()).toEqual(expected.ledger.categories.map((c: { category: string; shortfall: number; covered: number }) => ({ category: c.category, shortfall: c.shortfall, covered: c.covered })));
    // nothing on this tab is picked by deck.gl (its picking would wait for the software-rendered frame) ...
    expect(await page.evaluate(() => (window.__pingan!.overlay as unknown as { _deck: { props: { _pickable: boolean } } })._deck.props._pickable)).toBe(false);
    // ... yet hover still finds things: the new camera's sector, 30 m north of it, away from its handles
    const inside = await page.evaluate(([lon, lat]) => {
      const p = window.__pingan!.map.project([lon, lat + 30 / 111195]);
      const box = document.getElementById('map')!.getBoundingClientRect();
      return { x: box.x + p.x, y: box.y + p.y };
    }, [lon, lat]);
    await page.mouse.move(inside.x, inside.y);
    await page.waitForFunction(() => [...document.querySelectorAll('.map-tooltip')].some((e) => getComputedStyle(e).display !== 'none' && e.textContent!.includes('NEW-')), undefined, { timeout: 20_000 });
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/coverage-whatif-z16.png', await page.screenshot());

    // Three of each kind; the median of each kind is held to the budget: a slow kind fails, while one scheduling
    // hiccup of a 2-core machine running the browser, its software GL and the server does not.
    const offs: EditTiming[] = [], ons: EditTiming[] = [], adds: EditTiming[] = [added];
    for (let i = 0; i < 3; i++) {
      offs.push(await timedEdit('switch off', () => page.uncheck('#cov-online')));
      expect(await shortfallOf(site.category)).toBe(before);
      ons.push(await timedEdit('switch on', () => page.check('#cov-online')));
      expect(await shortfallOf(site.category)).toBe(before - 1);
    }
    for (let i = 0; i < 2; i++) {
      await page.click('#cov-reset');
      await page.waitForFunction(() => document.querySelector('#cov-edits')?.getAttribute('data-edits') === '0');
      await session.settled();
      expect(await shortfallOf(site.category)).toBe(before);
      await page.click('#cov-add');
      adds.push(await timedEdit('add', () => page.mouse.click(click.x, click.y)));
      expect(await shortfallOf(site.category)).toBe(before - 1);
    }
    const median = (ts: EditTiming[], key: keyof EditTiming) => ts.map((t) => t[key]).sort((a, b) => a - b)[1];
    for (const [edit, ts] of [['add', adds], ['switch off', offs], ['switch on', ons]] as const) {
      expect(median(ts, 'ledgerMs'), `${edit}: median ms from the press to the new ledger`).toBeLessThanOrEqual(LEDGER_BUDGET_MS);
      expect(median(ts, 'frameMs'), `${edit}: median ms to the repainted map`).toBeLessThanOrEqual(edit === 'add' ? ADD_REPAINT_BUDGET_MS : REPAINT_BUDGET_MS);
    }
    expect(session.pageErrors).toEqual([]);
  }, 400_000);
});

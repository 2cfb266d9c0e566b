// Saved what-if scenarios in a real browser (issue 16 item 3), on a private writable copy of the test county:
// the Coverage tab lists them by name (never the raw id), reopens one into the editor (its edits become the
// scenario, the ledger follows), saves a copy under a new name, compares two side by side (each column's
// figures are the server's ledger of that scenario) and deletes one after a confirming second press.
import { mkdirSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CameraEdit, Ledger } from '../../client/views/coverage/coverage-api.js';
import { LAPTOP, useDashboard } from '../support/dashboard-session.js';

const { session, page } = useDashboard({ writable: true, viewport: LAPTOP });
const saved: { id: string; name: string; edits: CameraEdit[] }[] = [];

async function json<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await session.request(path, init);
  expect(res.status, `${path}: ${res.status}`).toBeLessThan(300);
  return (await res.json()) as T;
}
const post = <T>(path: string, body: unknown) => json<T>(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const listNames = () => page.locator('#cov-scenario-list .cov-scenario strong').allInnerTexts();

beforeAll(async () => {
  // Two scenarios a planner would weigh: A adds public cameras on three uncovered public places, B switches
  // ten stored cameras off.
  const { ledger } = await json<{ ledger: Ledger }>('/api/coverage/ledger?gaps=1&level=grid');
  const sites = ledger.gaps!.sites.filter((s) => s.category === 'public_place').slice(0, 3);
  expect(sites.length).toBe(3);
  const a: CameraEdit[] = sites.map((s, i) => ({ op: 'add', id: `NEW-00${i + 1}`, kind: 'public', lon: s.lon, lat: s.lat + 0.0001, bearing: 180, fov: 90, rangeM: 60 }));
  const { cameras } = await json<{ cameras: { id: string; status: string }[] }>('/api/cameras');
  const b: CameraEdit[] = cameras.filter((c) => c.status === 'online').slice(0, 10).map((c) => ({ op: 'update', id: c.id, status: 'offline' }));
  for (const [name, edits] of [['东片新增三处', a], ['停用十台', b]] as const) {
    const r = await post<{ id: string }>('/api/coverage/scenarios', { name, edits });
    saved.push({ id: r.id, name, edits: [...edits] });
  }
}, 180_000);

describe('saved coverage scenarios', () => {
  it('lists the saved scenarios by name, with when and how many edits, not by id', async () => {
    await page.click('#tab-coverage');
    await page.waitForSelector('#cov-scenario-list', { timeout: 90_000 });
    await session.settled();
    expect(new Set(await listNames())).toEqual(new Set(saved.map((s) => s.name)));
    const text = await page.locator('#cov-scenarios').innerText();
    for (const s of saved) expect(text).not.toContain(s.id);
    expect(text).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} · 3 处改动/);
    expect(text).toMatch(/· 10 处改动/);
  }, 180_000);

  it('reopens a scenario: its edits become the editor\'s scenario and the ledger is that scenario\'s', async () => {
    const a = saved[0];
    const v0 = Number(await page.locator('#cov-ledger').getAttribute('data-version'));
    await page.locator(`.cov-scenario[data-id="${a.id}"] .cov-scenario-open`).click();
    await page.waitForFunction((v) => Number(document.querySelector('#cov-ledger')?.getAttribute('data-version')) > v, v0, { timeout: 60_000 });
    await session.settled();
    expect(await page.locator('#cov-edits').getAttribute('data-edits')).toBe('3');
    expect(await page.locator('#cov-message').innerText()).toBe(`当前方案: ${a.name}`);
    const { ledger } = await post<{ ledger: Ledger }>('/api/coverage/whatif', { level: 'grid', edits: a.edits, gaps: false });
    const shown = await page.locator('#cov-categories tbody tr').evaluateAll((rows) => rows.map((r) => Number((r as HTMLElement).dataset.shortfall)));
    expect(shown).toEqual(ledger.categories.map((c) => c.shortfall));
  }, 120_000);

  it('saves the reopened scenario under a new name; the message and the list name it', async () => {
    await page.fill('#cov-scenario-name', '东片新增三处（副本）');
    await page.click('#cov-save');
    await page.waitForFunction(() => document.querySelectorAll('#cov-scenario-list .cov-scenario').length === 3, undefined, { timeout: 30_000 });
    expect(await page.locator('#cov-message').innerText()).toBe('已保存方案「东片新增三处（副本）」');
    expect(await listNames()).toContain('东片新增三处（副本）');
    const { scenarios } = await json<{ scenarios: { id: string; name: string; edits: number }[] }>('/api/coverage/scenarios');
    expect(scenarios.find((s) => s.name === '东片新增三处（副本）')?.edits).toBe(3);
  }, 60_000);

  it('compares two scenarios side by side with each one\'s own ledger figures', async () => {
    for (const s of saved) await page.locator(`.cov-scenario[data-id="${s.id}"] .cov-scenario-pick`).check();
    await page.click('#cov-compare');
    await page.waitForSelector('#cov-compare-table', { timeout: 60_000 });
    await session.settled();
    const [la, lb] = await Promise.all(saved.map((s) => post<{ ledger: Ledger }>('/api/coverage/whatif', { level: 'grid', edits: s.edits, gaps: false }).then((r) => r.ledger)));
    const rows = await page.locator('#cov-compare-table tbody tr').evaluateAll((trs) => trs.map((tr) => {
      const d = (tr as HTMLElement).dataset;
      return { kind: d.kind, category: d.category, a: d.a, b: d.b };
    }));
    const cats = rows.filter((r) => r.kind === 'category');
    expect(cats.map((r) => r.category)).toEqual(la.categories.map((c) => c.category));
    cats.forEach((r, i) => {
      expect(Number(r.a)).toBe(la.categories[i].covered);
      expect(Number(r.b)).toBe(lb.categories[i].covered);
    });
    const crossings = rows.find((r) => r.kind === 'crossings')!;
    expect(Number(crossings.a)).toBe(la.crossings.filter((c) => c.covered).length);
    expect(Number(crossings.b)).toBe(lb.crossings.filter((c) => c.covered).length);
    const shortfall = rows.find((r) => r.kind === 'shortfall')!;
    const sa = la.categories.reduce((s, c) => s + c.shortfall, 0), sb = lb.categories.reduce((s, c) => s + c.shortfall, 0);
    expect([Number(shortfall.a), Number(shortfall.b)]).toEqual([sa, sb]);
    // A adds cameras and B switches some off: the two columns must differ somewhere
    expect(rows.some((r) => r.a !== r.b)).toBe(true);
    const head = await page.locator('#cov-compare-table thead').innerText();
    expect(head).toContain(saved[0].name);
    expect(head).toContain(saved[1].name);
    expect(await page.locator('#cov-compare-table').innerText()).toContain('公共场所');
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/coverage-scenarios.png', await page.locator('#cov-scenarios').screenshot());
  }, 120_000);

  it('deletes a scenario only on the confirming second press', async () => {
    const b = saved[1];
    const del = page.locator(`.cov-scenario[data-id="${b.id}"] .cov-scenario-delete`);
    await del.click();
    await expect(page.locator(`.cov-scenario[data-id="${b.id}"] .cov-scenario-delete`).innerText()).resolves.toBe('确认删除');
    expect(await listNames()).toContain(b.name); // one press deletes nothing
    await page.locator(`.cov-scenario[data-id="${b.id}"] .cov-scenario-delete`).click();
    await page.waitForFunction((id) => !document.querySelector(`.cov-scenario[data-id="${id}"]`), b.id, { timeout: 30_000 });
    const res = await session.request(`/api/coverage/scenarios/${b.id}`);
    expect(res.status).toBe(404);
    expect(session.pageErrors).toEqual([]);
  }, 60_000);
});

// Cross-site request forgery through a real browser (issue 12): the admin is signed in on the dashboard; a page
// served by a second HTTP server on another port (another origin, yet the same site, so the SameSite=Strict
// cookie still travels — only the Origin and content-type check stands between it and the data) posts to every
// write route of the app's own route list (app.routes, not a hand-kept list): HTML forms in text/plain,
// urlencoded and multipart, and fetch with credentials in no-cors mode (cors mode for PUT/PATCH/DELETE, whose
// preflight this server never grants). Every request that reaches the server is refused, the county's data
// (content fingerprint), the accounts and the session are as they were, and the audit log has no import.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { databaseFingerprint } from '../../server/db/fingerprint.js';
import { openDashboard, type DashboardSession } from '../support/dashboard-session.js';

let s: DashboardSession;
let attacker: Server;
let attackerUrl = '';

interface Target { method: string; url: string }

beforeAll(async () => {
  s = await openDashboard({ role: 'admin', writable: true });
  attacker = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><html><body><h1>你中奖了</h1></body></html>');
  });
  attacker.listen(0, '127.0.0.1');
  await new Promise((r) => attacker.once('listening', r));
  attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`;
}, 150_000);

afterAll(async () => {
  await s?.close();
  await new Promise((r) => (attacker ? attacker.close(r) : r(undefined)));
});

/** Every write route of the app, with real ids so that a forged request that got through would change data. */
async function writeTargets(): Promise<Target[]> {
  const [incident] = await s.db.query<{ id: number }>('SELECT id FROM incidents ORDER BY id LIMIT 1');
  const [user] = await s.db.query<{ id: number }>("SELECT id FROM users WHERE username = 'grid-member'");
  const ids: Record<string, string> = { cases: String(incident.id), users: String(user.id), scenarios: '1' };
  const seen = new Set<string>();
  const out: Target[] = [];
  for (const r of createApp(s.db).routes) {
    if (!r.path.startsWith('/api/') || ['GET', 'HEAD', 'OPTIONS', 'ALL'].includes(r.method)) continue;
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const area = r.path.split('/')[2];
    let url = r.path
      .replace(/:target\{[^}]+\}/, 'cameras')
      .replace(/:id\b/, ids[r.path.split('/')[3]] ?? ids[area] ?? '1')
      .replace(/:[a-z]+(\{[^}]+\})?/gi, 'x');
    if (url === '/api/import/areas') url += '?level=grid';
    out.push({ method: r.method, url });
  }
  // The forged logout last: were it to work, it would end the session and so shield the routes after it.
  return out.sort((a, b) => Number(a.url === '/api/auth/logout') - Number(b.url === '/api/auth/logout'));
}

it('a page on another origin cannot change anything through the signed-in browser', async () => {
  const targets = await writeTargets();
  expect(targets.length).toBeGreaterThan(15);
  expect(targets.map((t) => t.url)).toContain('/api/import/areas?level=grid');
  const before = await databaseFingerprint(s.db);
  const accountsBefore = await s.db.query('SELECT username, password_hash, disabled, role FROM users ORDER BY username');
  const [{ lastAudit }] = await s.db.query<{ lastAudit: number }>('SELECT coalesce(max(id), 0)::INTEGER AS "lastAudit" FROM audit_log');

  const app = new URL(s.server.url).origin;
  const seen: { type: string; method: string; url: string; status: number; cookie: boolean }[] = [];
  const context = s.page.context();
  const pending: Promise<void>[] = [];
  const onResponse = (res: import('playwright-core').Response) => {
    const req = res.request();
    if (!req.url().startsWith(app + '/api/') || req.method() === 'GET') return;
    pending.push(req.allHeaders().then((headers) => {
      seen.push({ type: req.resourceType(), method: req.method(), url: req.url().slice(app.length), status: res.status(), cookie: /(^|;\s*)[^=]*=/.test(headers.cookie ?? '') });
    }));
  };
  context.on('response', onResponse);
  // Every forged request leaves the browser; those whose answer the browser then withholds from the attacker's
  // page (Cross-Origin-Resource-Policy, frame-ancestors) fail with ERR_BLOCKED_BY_RESPONSE after the server answered.
  const sentRequests: string[] = [];
  const failures: string[] = [];
  const onRequest = (req: import('playwright-core').Request) => { if (req.url().startsWith(app + '/api/') && req.method() !== 'GET') sentRequests.push(`${req.method()} ${req.url().slice(app.length)}`); };
  const onFailed = (req: import('playwright-core').Request) => { if (req.url().startsWith(app + '/api/')) failures.push(`${req.method()} ${req.url().slice(app.length)} ${req.failure()?.errorText}`); };
  context.on('request', onRequest);
  context.on('requestfailed', onFailed);

  const evil = await context.newPage();
  await evil.goto(attackerUrl);
  const polygon = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: 'X', name: 'X' }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } }] });
  const sent = await evil.evaluate(async ({ targets, app, polygon }) => {
    let count = 0;
    let frames = 0;
    for (const t of targets) {
      const url = app + t.url;
      if (t.method === 'POST') {
        for (const enctype of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']) {
          const form = document.createElement('form');
          form.method = 'POST';
          form.action = url;
          form.enctype = enctype;
          // Each form into a frame of its own: a later form posted into the same frame would cancel a navigation
          // still under way (the request then may never leave the browser — seen on a loaded machine, when the
          // 3 s wait that used to bound each form ran out).
          const frame = document.createElement('iframe');
          frame.name = `sink-${frames++}`;
          document.body.append(frame);
          form.target = frame.name;
          const field = document.createElement('input');
          field.name = polygon.slice(0, -2) + ',"x":"';
          field.value = '"}';
          form.append(field);
          document.body.append(form);
          // the frame's answer has come when it shows another origin's page (reading it throws) — not the
          // empty page a new frame may announce first
          const loaded = new Promise<void>((r) => frame.addEventListener('load', () => {
            try { if (frame.contentWindow?.location.href === 'about:blank') return; } catch { /* cross-origin: the answer */ }
            r();
          }));
          form.submit();
          await Promise.race([loaded, new Promise((r) => setTimeout(r, 20_000))]);
          form.remove();
          count++;
        }
        const multipart = new FormData();
        multipart.append('file', new Blob([polygon], { type: 'application/geo+json' }), 'grids.geojson');
        for (const body of [polygon, new URLSearchParams({ data: polygon }), multipart]) {
          await fetch(url, { method: 'POST', mode: 'no-cors', credentials: 'include', body }).catch(() => {});
          count++;
        }
      } else {
        // Not a simple method: the browser asks first (preflight) and this server never says yes.
        await fetch(url, { method: t.method, mode: 'cors', credentials: 'include', headers: { 'content-type': 'application/json' }, body: polygon }).catch(() => {});
        count++;
      }
    }
    return count;
  }, { targets, app, polygon });
  await evil.waitForTimeout(300);
  context.off('response', onResponse);
  context.off('request', onRequest);
  context.off('requestfailed', onFailed);
  await Promise.all(pending);
  await evil.close();

  expect(sent).toBeGreaterThan(targets.length * 5);
  expect(await databaseFingerprint(s.db)).toBe(before);
  expect(await s.db.query('SELECT username, password_hash, disabled, role FROM users ORDER BY username')).toEqual(accountsBefore);
  const audit = await s.db.query<{ action: string }>('SELECT action FROM audit_log WHERE id > ?', [lastAudit]);
  expect(audit.filter((a) => /import|polygon|area|user/i.test(a.action))).toEqual([]);
  // Every POST left the browser (forms and no-cors fetches are sent without asking), six ways each; every answer
  // the page could see is a refusal, and the others failed only because the browser withheld the answer.
  for (const t of targets.filter((t) => t.method === 'POST')) expect(sentRequests.filter((r) => r === `POST ${t.url}`).length, `${t.url} sent`).toBeGreaterThanOrEqual(6);
  expect(seen.length).toBeGreaterThan(targets.length);
  expect(failures.filter((f) => !/ERR_BLOCKED_BY_RESPONSE|net::ERR_FAILED/.test(f))).toEqual([]);
  expect(seen.filter((r) => r.status < 400 || (r.method !== 'OPTIONS' && ![403, 415].includes(r.status))).map((r) => `${r.method} ${r.url} → ${r.status}`)).toEqual([]);
  // The session cookie did travel with them (same site): the Origin check is what refused them.
  expect(seen.some((r) => r.cookie)).toBe(true);

  // The forged logout did not end the admin's session either.
  expect(await s.page.evaluate(async () => (await fetch('/api/auth/me')).status)).toBe(200);
}, 240_000);

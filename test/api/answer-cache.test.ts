// The answer cache (server/http/answer-cache.ts) through the real app: repeats come from memory with the same
// body, a matching If-None-Match is a 304, concurrent identical requests share one computation, the key holds
// parameters (in any order), the caller's scope and the data version (a live report makes the next answer new),
// large answers go gzipped, the memory bound evicts least recently used, and ANSWER_CACHE_MB=0 turns it off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { setTimeout as sleep } from 'node:timers/promises';
import { gunzipSync } from 'node:zlib';
import { createApp } from '../../server/app.js';
import { signIn } from '../support/session.js';
import type { Database } from '../../server/db/database.js';
import { bumpDataVersion } from '../../server/db/data-version.js';
import { answerCache, ByteLru } from '../../server/http/answer-cache.js';
import { openTestCounty } from '../support/test-county.js';
import { openWritableCountyCopy } from '../support/writable-county.js';

let db: Database;
beforeAll(async () => {
  db = await openTestCounty();
});
afterAll(() => db.close());

const SUMMARY = '/api/incidents/summary?from=2026-01-01&to=2026-06-30&categories=theft,fraud';

describe('answer cache', () => {
  it('answers a repeat from memory with the same body, whatever the parameter order', async () => {
    const app = await signIn(createApp(db), 'admin');
    const a = await app(SUMMARY);
    expect(a.headers.get('x-answer-cache')).toBe('miss');
    const b = await app('/api/incidents/summary?categories=theft,fraud&to=2026-06-30&from=2026-01-01');
    expect(b.headers.get('x-answer-cache')).toBe('hit');
    expect(await b.text()).toBe(await a.text());
    expect(b.headers.get('etag')).toBe(a.headers.get('etag'));
    const other = await app('/api/incidents/summary?from=2026-01-01&to=2026-06-29&categories=theft,fraud');
    expect(other.headers.get('x-answer-cache')).toBe('miss');
    expect(other.headers.get('etag')).not.toBe(a.headers.get('etag'));
  });

  it('gives 304 without a body on a matching If-None-Match, and 200 on a stale tag', async () => {
    const app = await signIn(createApp(db), 'admin');
    const a = await app(SUMMARY);
    const etag = a.headers.get('etag')!;
    expect(etag).toMatch(/^W\/".+"$/);
    const b = await app(SUMMARY, { headers: { 'If-None-Match': etag } });
    expect(b.status).toBe(304);
    expect(await b.text()).toBe('');
    const c = await app(SUMMARY, { headers: { 'If-None-Match': 'W/"stale"' } });
    expect(c.status).toBe(200);
    // Another app instance (a restarted server) never matches the old tag: the version counter restarts there.
    const restarted = await signIn(createApp(db), 'admin');
    expect((await restarted(SUMMARY, { headers: { 'If-None-Match': etag } })).status).toBe(200);
  });

  it('shares one computation among concurrent identical requests', async () => {
    const app = await signIn(createApp(db), 'admin');
    const url = '/api/hotspots/gistar?unit=grid&from=2025-01-01&to=2025-12-31';
    const answers = await Promise.all(Array.from({ length: 6 }, () => app(url)));
    const kinds = answers.map((r) => r.headers.get('x-answer-cache')).sort();
    expect(kinds).toEqual(['miss', 'shared', 'shared', 'shared', 'shared', 'shared']);
    const bodies = await Promise.all(answers.map((r) => r.text()));
    expect(new Set(bodies).size).toBe(1);
  });

  it('keys by the caller scope: another role or jurisdiction gets its own answer; anonymous callers get nothing', async () => {
    const app = createApp(db);
    const leader = await signIn(app, 'county_leader');
    const r1 = await leader(SUMMARY);
    expect(r1.headers.get('x-answer-cache')).toBe('miss');
    expect((await leader(SUMMARY)).headers.get('x-answer-cache')).toBe('hit');
    expect((await (await signIn(app, 'township_leader'))(SUMMARY)).headers.get('x-answer-cache')).toBe('miss');
    expect((await (await signIn(app, 'planner'))(SUMMARY)).headers.get('x-answer-cache')).toBe('miss');
    const anonymous = await app.request(SUMMARY);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('x-answer-cache')).toBeNull();
  });

  it('recomputes after the data version moves, and a live report moves it', async () => {
    const w = await openWritableCountyCopy();
    try {
      const app = await signIn(createApp(w.db), 'admin');
      const url = '/api/incidents/summary?from=2026-11-01&to=2026-11-30';
      const before = (await (await app(url)).json()) as { total: number };
      expect((await app(url)).headers.get('x-answer-cache')).toBe('hit');
      const posted = await app('/api/reports', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ category: 'theft', title: '缓存测试', lon: 123.08, lat: 44.81, reportedAt: '2026-11-15 10:00' }) });
      expect(posted.status).toBe(201);
      const after = await app(url);
      expect(after.headers.get('x-answer-cache')).toBe('miss');
      expect(((await after.json()) as { total: number }).total).toBe(before.total + 1);
      bumpDataVersion(w.db, ['cameras']);
      expect((await app(url)).headers.get('x-answer-cache')).toBe('miss');
    } finally {
      w.dispose();
    }
  });

  it('a case transition refreshes the KPIs and the ranking, and leaves heat and coverage answers cached', async () => {
    const w = await openWritableCountyCopy();
    try {
      const app = await signIn(createApp(w.db), 'admin');
      const win = 'from=2026-01-01&to=2026-11-20';
      const kept = [`/api/coverage/ledger?${win}`, `/api/incidents/heat?${win}&zoom=10`, `/api/areas/counts?level=township&${win}`];
      const moved = [`/api/incidents/summary?${win}`, `/api/stats/ranking?level=township&${win}`, `/api/stats/supervision?${win}`];
      const first = new Map<string, { etag: string; body: string }>();
      for (const url of [...kept, ...moved]) {
        const r = await app(url);
        expect(r.status, url).toBe(200);
        first.set(url, { etag: r.headers.get('etag')!, body: await r.text() });
        expect((await app(url)).headers.get('x-answer-cache'), url).toBe('hit');
      }
      const [open] = await w.db.query<{ id: number }>("SELECT id FROM incidents WHERE status <> 'closed' AND level = 'village' AND NOT coalesce(supervised, false) AND reported_at >= '2026-01-01' ORDER BY id LIMIT 1");
      const t = await app(`/api/cases/${open.id}/transitions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'supervise', note: '缓存测试' }) });
      expect(t.status, await t.clone().text()).toBe(200);
      for (const url of kept) {
        const r = await app(url);
        expect(r.headers.get('x-answer-cache'), url).toBe('hit'); // the transition left it in memory
        expect(r.headers.get('etag'), url).toBe(first.get(url)!.etag); // and a browser's tag still matches (304)
      }
      for (const url of moved) expect((await app(url)).headers.get('x-answer-cache'), url).not.toBe('hit');
      const before = JSON.parse(first.get(moved[0])!.body) as { supervised: number };
      const after = (await (await app(moved[0])).json()) as { supervised: number };
      expect(after.supervised).toBe(before.supervised + 1); // the refreshed KPI shows the 督办
    } finally {
      w.dispose();
    }
  });

  it('sends a large answer gzipped (made once) and the same JSON uncompressed to a client without gzip', async () => {
    const app = await signIn(createApp(db), 'admin');
    const url = '/api/incidents/heat?zoom=11&from=2024-01-01&to=2026-11-30';
    const plain = await app(url);
    const text = await plain.text();
    expect(text.length).toBeGreaterThan(32 * 1024);
    const z = await app(url, { headers: { 'Accept-Encoding': 'gzip, br' } });
    expect(z.headers.get('x-answer-cache')).toBe('hit');
    expect(z.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await z.arrayBuffer())).toString('utf8')).toBe(text);
  });

  it('makes the gzip form only when a client accepting gzip asks, once, and keeps it', async () => {
    // It was made on every miss, accepted or not (with the cache off, made and thrown away): a level-6 gzip of
    // a heat answer cost more CPU than the query.
    const cache = answerCache(db, 8 * 2 ** 20);
    const big = { cells: Array.from({ length: 4000 }, (_, i) => [i, i * 2, i % 7]) };
    const app = new Hono().use('/api/*', cache.middleware).get('/api/health', (c) => c.json(big));
    const plain = await app.request('/api/health');
    const text = await plain.text();
    expect(text.length).toBeGreaterThan(32 * 1024);
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toContain('Accept-Encoding'); // the answer's form depends on it
    await sleep(50); // a gzip started in the background would have finished and been counted
    const unzipped = cache.stats().bytes;
    expect((await app.request('/api/health')).headers.get('x-answer-cache')).toBe('hit');
    await sleep(50);
    expect(cache.stats().bytes).toBe(unzipped); // no client asked for gzip: none made
    const z = await app.request('/api/health', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(z.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await z.arrayBuffer())).toString('utf8')).toBe(text);
    await sleep(50);
    const zipped = cache.stats().bytes;
    expect(zipped).toBeGreaterThan(unzipped); // kept with the answer
    const again = await app.request('/api/health', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gunzipSync(Buffer.from(await again.arrayBuffer())).toString('utf8')).toBe(text);
    await sleep(50);
    expect(cache.stats().bytes).toBe(zipped); // not made again
  });

  it('is off with answerCacheMb 0: every request computes, ETags still revalidate', async () => {
    const app = await signIn(createApp(db, { answerCacheMb: 0 }), 'admin');
    const answers = await Promise.all([app(SUMMARY), app(SUMMARY)]);
    expect(answers.map((r) => r.headers.get('x-answer-cache'))).toEqual(['miss', 'miss']);
    const etag = answers[0].headers.get('etag')!;
    expect((await app(SUMMARY, { headers: { 'If-None-Match': etag } })).status).toBe(304);
  });

  it('does not keep errors or uncached routes', async () => {
    const app = await signIn(createApp(db), 'admin');
    const bad = '/api/incidents/summary?from=2026-13-01';
    expect((await app(bad)).status).toBe(400);
    const again = await app(bad);
    expect(again.status).toBe(400);
    expect(again.headers.get('x-answer-cache')).toBeNull();
    expect((await app('/api/coverage/scenarios')).headers.get('x-answer-cache')).toBeNull();
  });
});

describe('ByteLru', () => {
  it('keeps the total under the bound, evicting the least recently used', () => {
    const lru = new ByteLru<string>(100);
    lru.set('a', 'A', 20);
    lru.set('b', 'B', 20);
    lru.set('c', 'C', 20);
    expect(lru.get('a')).toBe('A'); // a is now the most recent
    lru.set('d', 'D', 20);
    lru.set('e', 'E', 20); // 100 bytes: all fit
    expect(lru.bytes).toBe(100);
    lru.set('f', 'F', 20); // evicts b, the least recently used
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe('A');
    lru.grow('a', 15); // its gzip form: evicts c
    expect(lru.get('c')).toBeUndefined();
    expect(lru.bytes).toBeLessThanOrEqual(100);
    lru.set('huge', 'H', 60); // more than a quarter of the bound: never kept
    expect(lru.get('huge')).toBeUndefined();
  });
});

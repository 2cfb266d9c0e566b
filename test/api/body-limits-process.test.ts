// Bodies cannot exhaust the real server (issue 12, item 6): the production server in a process of its own gets,
// on every write route of the app's own route list, a chunked body (no content-length) larger than that route's
// limit, several at once; each is refused with 413 (or refused before its body is read), nothing answers 5xx, and
// the server process's resident memory stays under 1 GB throughout. The in-process test (body-limits.test.ts)
// checks the limits themselves; this one checks what the operating system sees.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../server/app.js';
import { bodyLimitOf } from '../../server/http/body-limits.js';
import { startServerProcess, type BenchServer } from '../bench/bench-county.js';
import { signIn, type Requester } from '../support/session.js';
import { openTestCounty } from '../support/test-county.js';

const MB = 1048576;
let dir: string;
let server: BenchServer;
let admin: Requester;
let writeRoutes: { method: string; path: string }[];

beforeAll(async () => {
  const db = await openTestCounty();
  try {
    const seen = new Set<string>();
    writeRoutes = createApp(db)
      .routes.filter((r) => r.path.startsWith('/api/') && ['POST', 'PUT', 'PATCH'].includes(r.method))
      .filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`))
      .map(({ method, path }) => ({ method, path }));
  } finally {
    db.close();
  }
  dir = mkdtempSync(join(tmpdir(), 'pingan-bodies-'));
  const path = join(dir, 'county.duckdb');
  copyFileSync(inject('countyDbPath'), path);
  server = await startServerProcess(path);
  admin = await signIn(server.base, 'admin');
}, 240_000);
afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A chunked body of `bytes` in 256 KB chunks of JSON-looking text, counting what the server pulled. */
function chunkedBody(bytes: number) {
  const chunk = new TextEncoder().encode('{"a":"' + 'x'.repeat(256 * 1024 - 6));
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(ctrl) {
      if (sent >= bytes) return ctrl.close();
      sent += chunk.length;
      ctrl.enqueue(chunk);
    },
  });
  return { stream, pulled: () => sent };
}

const concrete = (path: string) => path.replace(/:[a-zA-Z]+(\{[^}]+\})?/g, '1');

describe('chunked bodies over the limit against the real server', () => {
  it('are refused on every write route while the process stays under 1 GB', async () => {
    expect(writeRoutes.length).toBeGreaterThan(20);
    let peakMb = server.rssMb();
    const sampler = setInterval(() => (peakMb = Math.max(peakMb, server.rssMb())), 100);
    const answers: { route: string; status: number; pulledMb: number; limitMb: number }[] = [];
    try {
      // Three at a time: the memory a limit protects is the sum over the requests in flight.
      for (let i = 0; i < writeRoutes.length; i += 3) {
        await Promise.all(
          writeRoutes.slice(i, i + 3).map(async (r) => {
            const url = concrete(r.path);
            const limit = bodyLimitOf(url);
            const body = chunkedBody(limit + 16 * MB);
            const type = url.startsWith('/api/import/') ? 'multipart/form-data; boundary=x' : 'application/json';
            const res = await admin(url, { method: r.method, headers: { 'content-type': type }, body: body.stream, duplex: 'half' } as RequestInit).catch((e: Error) => ({ status: -1, text: async () => e.message }));
            const text = await res.text();
            answers.push({ route: `${r.method} ${r.path}`, status: res.status, pulledMb: body.pulled() / MB, limitMb: limit / MB });
            if (res.status === 413) expect(JSON.parse(text)).toMatchObject({ error: expect.any(String), errorZh: expect.any(String) });
          }),
        );
      }
    } finally {
      clearInterval(sampler);
    }
    const bad = answers.filter((a) => a.status >= 500 || a.status < 400);
    expect(bad, JSON.stringify(bad)).toEqual([]);
    // A route refused before it reads (a role, a missing case) never pulls the body; every route that reads it says 413.
    const read = answers.filter((a) => a.pulledMb > a.limitMb + 4);
    expect(read.filter((a) => a.status !== 413), 'routes that read past their limit without a 413').toEqual([]);
    expect(answers.filter((a) => a.status === 413).length).toBeGreaterThan(writeRoutes.length / 2);
    console.log(`${answers.length} write routes, ${answers.filter((a) => a.status === 413).length} × 413; server peak RSS ${peakMb.toFixed(0)} MB`);
    expect(peakMb).toBeLessThan(1024);
    // The server is still there and answers.
    expect((await admin('/api/health')).status).toBe(200);
  }, 300_000);
});

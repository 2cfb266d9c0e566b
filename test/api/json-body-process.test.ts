// JSON write bodies over real HTTP (the production server in a process of its own): a body of declared length is
// read from Node's own request stream (http/json-depth.ts) and judged by its content-length (http/body-limits.ts)
// instead of through the web Request @hono/node-server would otherwise make; a chunked body still goes the web
// Request's way. Both ways must answer alike: the same transition answer for a body with and without a UTF-8
// byte-order mark, sent declared or chunked; 400 (reason nesting) for JSON nested 20,000 deep either way; 400 for
// malformed JSON; 413 for a declared body over the 1 MB limit; and never a 5xx.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../server/db/database.js';
import { startServerProcess, type BenchServer } from '../bench/bench-county.js';
import { signIn, type Requester } from '../support/session.js';

let dir: string;
let server: BenchServer;
let leader: Requester;
let open: number[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pingan-json-bodies-'));
  const path = join(dir, 'county.duckdb');
  copyFileSync(inject('countyDbPath'), path);
  const db = await Database.open(path, { readOnly: true });
  open = (await db.query<{ id: number }>("SELECT id FROM incidents WHERE status <> 'closed' AND NOT coalesce(supervised, false) ORDER BY id LIMIT 8")).map((r) => Number(r.id));
  db.close();
  server = await startServerProcess(path);
  leader = await signIn(server.base, 'county_leader');
}, 240_000);
afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** POSTs `body` with a content-length, or chunked (no content-length) when asked; the status and parsed answer. */
function post(path: string, body: Buffer, chunked = false): Promise<{ status: number; body: any }> {
  const { hostname, port } = new URL(server.base);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { 'content-type': 'application/json', cookie: leader.cookie, origin: leader.origin };
    if (!chunked) headers['content-length'] = body.length;
    const req = httpRequest({ hostname, port, path, method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (b: Buffer) => chunks.push(b));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (chunked) for (let i = 0; i < body.length; i += 1000) req.write(body.subarray(i, i + 1000));
    req.end(chunked ? undefined : body);
  });
}

/** Sends only the headers of a POST declaring `bytes` of JSON, and the answer the server gives to that alone. */
function declaredOnly(path: string, bytes: number): Promise<{ status: number; body: any }> {
  const { hostname, port } = new URL(server.base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': bytes, cookie: leader.cookie, origin: leader.origin } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (b: Buffer) => chunks.push(b));
      res.on('end', () => { resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }); req.destroy(); });
    });
    req.on('error', (e) => (req.destroyed ? undefined : reject(e)));
    req.flushHeaders();
  });
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const json = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8');

describe('JSON write bodies over real HTTP', () => {
  it('answer alike declared and chunked, with and without a byte-order mark', async () => {
    const note = '请加快办理 — 第一次';
    let i = 0;
    for (const chunked of [false, true]) {
      for (const bom of [false, true]) {
        const id = open[i++];
        const body = json({ action: 'supervise', note });
        const r = await post(`/api/cases/${id}/transitions`, bom ? Buffer.concat([BOM, body]) : body, chunked);
        const label = `${chunked ? 'chunked' : 'declared'}${bom ? ', BOM' : ''}`;
        expect(r.status, label).toBe(200);
        expect(r.body.supervised, label).toBe(true);
        expect(r.body.history.at(-1).note, label).toBe(note); // the text decoded as UTF-8
      }
    }
  }, 120_000);

  it('refuse JSON nested 20,000 deep (400 nesting), malformed JSON (400) and a declared body over 1 MB (413), never a 5xx', async () => {
    const deep = Buffer.from('['.repeat(20_000) + ']'.repeat(20_000));
    for (const chunked of [false, true]) {
      const r = await post(`/api/cases/${open[6]}/transitions`, deep, chunked);
      expect(r.status, chunked ? 'chunked' : 'declared').toBe(400);
      expect(r.body.reason).toBe('nesting');
      const bad = await post(`/api/cases/${open[6]}/transitions`, Buffer.from('{"action": "supervise",'), chunked);
      expect(bad.status).toBe(400);
      expect(bad.body.error).toEqual(expect.any(String));
    }
    // (the server answers from the header alone, before the body: it is sent only after the answer came, if at all)
    const big = await declaredOnly(`/api/cases/${open[7]}/transitions`, 1_100_000);
    expect(big.status).toBe(413);
    expect(big.body.errorZh).toEqual(expect.any(String));
    // and the server goes on answering
    expect((await post(`/api/cases/${open[7]}/transitions`, json({ action: 'supervise' }))).status).toBe(200);
  }, 120_000);
});

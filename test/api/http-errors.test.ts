// Answers given before the app runs, over real HTTP (raw sockets, so nothing in between rewrites them): Node's
// 431 for a URL over 16 KB and the 400 for a raw `\` in the path come in the API's one error schema with a reason
// in English and Chinese, like every other error (http/node-server.ts), and the connection is closed cleanly.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.js';
import { ErrorAnswer } from '../../server/http/errors.js';
import { startHttpServer } from '../support/http-server.js';
import { openTestCounty } from '../support/test-county.js';

let db: Database;
let server: Awaited<ReturnType<typeof startHttpServer>>;
beforeAll(async () => {
  db = await openTestCounty();
  server = await startHttpServer(db, 'no-client');
});
afterAll(async () => {
  await server.close();
  db.close();
});

/** Sends raw bytes and reads the whole answer (the server closes the connection). */
function raw(request: string): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1', () => socket.write(request));
    const chunks: Buffer[] = [];
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head, ...rest] = text.split('\r\n\r\n');
      const [statusLine, ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      let body = rest.join('\r\n\r\n');
      if (headers['transfer-encoding'] === 'chunked') body = dechunk(body);
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
    });
  });
}
const dechunk = (s: string) => {
  let out = '';
  for (let i = 0; ; ) {
    const end = s.indexOf('\r\n', i);
    const n = parseInt(s.slice(i, end), 16);
    if (!n) return out;
    out += s.slice(end + 2, end + 2 + n);
    i = end + 2 + n + 2;
  }
};

const expectErrorSchema = (r: { status: number; headers: Record<string, string>; body: string }, status: number) => {
  expect(r.status).toBe(status);
  expect(r.headers['content-type']).toMatch(/^application\/json/);
  const body = JSON.parse(r.body);
  expect(ErrorAnswer.parse(body)).toEqual(body);
  expect(body.errorZh).toMatch(/\p{Script=Han}/u);
  return body as ErrorAnswer;
};

describe('answers before the app runs', () => {
  it('431 for a URL over 16 KB, in the error schema', async () => {
    const r = await raw(`GET /api/incidents/heat?categories=${'theft,'.repeat(3000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    expect(expectErrorSchema(r, 431).error).toMatch(/16 KB/);
  });
  it('400 for a raw backslash in the path, in the error schema', async () => {
    for (const path of ['/api/health\\', '/api\\..\\health', '/\\']) {
      const r = await raw(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      expect(expectErrorSchema(r, 400).error, path).toMatch(/Backslash/i);
    }
  });
  it('400 for a request that is not HTTP, in the error schema', async () => {
    expectErrorSchema(await raw('HELLO\r\n\r\n'), 400);
  });
  it('and an unknown /api path is a 404 in the same schema', async () => {
    const r = await raw('GET /api/no-such-thing HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    expect(expectErrorSchema(r, 404).errorZh).toMatch(/没有这个接口/);
  });
});

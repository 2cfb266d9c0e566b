// The main thread's heap is collected when the server goes quiet (server/http/idle-gc.ts): the garbage of a
// busy spell is gone a moment after the last request, not when the heap next fills; a request in the quiet
// period puts the collection off, and a heap that has not grown is left alone.
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectWhenIdle, type IdleGc } from '../../server/http/idle-gc.js';

let server: Server;
let watch: IdleGc;
afterEach(() => {
  watch?.stop();
  server?.close();
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function serve(): Promise<string> {
  server = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}
/** ~100 MB of objects that nothing keeps (as a busy spell's row objects and strings). */
function garbage(): number {
  let n = 0;
  for (let round = 0; round < 10; round++) {
    const rows = Array.from({ length: 100_000 }, (_, i) => ({ i, label: `row ${i} of ${round}` }));
    n += rows.length;
  }
  return n;
}

describe('collectWhenIdle', () => {
  it('collects once the server has been quiet, and the garbage is gone', async () => {
    const url = await serve();
    watch = collectWhenIdle(server, { idleMs: 300, growthMb: 16 });
    garbage();
    const before = process.memoryUsage().heapUsed;
    await (await fetch(url)).text();
    await sleep(100);
    expect(watch.runs).toBe(0); // not yet quiet for 300 ms
    await sleep(600);
    expect(watch.runs).toBe(1);
    expect(process.memoryUsage().heapUsed).toBeLessThan(before - 16 * 2 ** 20);
  });

  it('puts the collection off while requests keep coming, and skips a heap that has not grown', async () => {
    const url = await serve();
    watch = collectWhenIdle(server, { idleMs: 400, growthMb: 16 });
    garbage();
    for (let i = 0; i < 6; i++) {
      await (await fetch(url)).text();
      await sleep(150);
    }
    expect(watch.runs).toBe(0); // never 400 ms without a request
    await sleep(800);
    expect(watch.runs).toBe(1);
    await (await fetch(url)).text(); // quiet again, but the heap has not grown by 16 MB since
    await sleep(800);
    expect(watch.runs).toBe(1);
  });
});

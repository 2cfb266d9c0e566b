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

/** A busy spell's heap: `n` rows promoted to the old space together, of which one in ten survives (returned)
 * and the rest is garbage scattered between them on every page. */
function fragmentedHeap(n: number): object[] {
  const survivors: object[] = [];
  let rows: object[] | null = [];
  for (let i = 0; i < n; i++) {
    const row = { i, label: `row ${i}`, cells: [i] };
    (i % 10 === 0 ? survivors : rows).push(row);
  }
  rows = null; // the answered requests' rows: garbage now, but they were promoted with the survivors
  return survivors;
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

  it('then gives the pages of a fragmented heap back: more collections while quiet, until the heap stops shrinking', async () => {
    const url = await serve();
    watch = collectWhenIdle(server, { idleMs: 200, growthMb: 16 });
    // a busy spell whose survivors (one row in ten) are scattered over every page of the garbage
    const survivors = fragmentedHeap(2_000_000);
    await (await fetch(url)).text();
    while (watch.runs === 0) await sleep(10);
    const heldAfterFirst = process.memoryUsage().heapTotal;
    await sleep(3000);
    expect(watch.compactions).toBeGreaterThanOrEqual(1);
    // each pass compacts some pages; one collection alone left them held
    expect(process.memoryUsage().heapTotal).toBeLessThan(heldAfterFirst - 16 * 2 ** 20);
    expect(survivors.length).toBe(200_000); // kept alive to the end
  }, 20_000);

  it('stops compacting when a request comes', async () => {
    const url = await serve();
    watch = collectWhenIdle(server, { idleMs: 200, growthMb: 16 });
    const survivors = fragmentedHeap(1_000_000);
    await (await fetch(url)).text();
    while (watch.runs === 0) await sleep(5);
    await (await fetch(url)).text(); // within the 300 ms before the first pass
    await sleep(600);
    expect(watch.compactions).toBe(0);
    expect(survivors.length).toBe(100_000); // kept alive to the end
  });
});

// A full garbage collection of the main thread's heap when the server goes quiet. Under load the heap fills
// with the garbage of answered requests (row objects, JSON strings: after the load test 186 MB in use against
// 88 MB at idle), and V8 collects it only when the heap next fills, which a quiet server never does: the
// garbage stayed resident for minutes. Collected once the server has seen no request start or end for
// IDLE_MS, and only if the heap has grown by GROWTH_MB since the last such collection, so a single user's
// pauses between clicks do not each cost one. The pause (tens of ms: its cost is the live data, not the garbage)
// falls where no request is waiting; V8 then gives the freed pages back to the system.
// One collection frees the garbage but not the heap's pages: the survivors of a busy spell are scattered over
// many pages (after the load test 222 MB held for 78 MB in use), and each full collection moves (compacts) only
// some of them. So while the server stays quiet, a few more collections follow, COMPACT_GAP_MS apart (the sweeper
// must have finished with the last one), until the heap held stops shrinking by COMPACT_MIN_MB.
import type { Server } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export const IDLE_MS = 2000;
export const GROWTH_MB = 32;
export const COMPACT_GAP_MS = 300;
export const COMPACT_MIN_MB = 4;
const COMPACT_PASSES = 6;

let gc: (() => void) | null = null;
/** V8's gc(), made available at run time (as `--expose-gc` would at start-up). */
function fullGc(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}

/** A full collection that runs only when the heap (`heapUsed()`, bytes) has grown by `growthBytes` since the last
 * one, answering whether it ran: a quiet spell after little work costs nothing. Used by the main thread here and
 * by each analysis worker (analysis-worker.mjs), which measures its own heap. */
export function collectorOnGrowth(growthBytes: number, heapUsed: () => number): () => boolean {
  let liveAfterLast = 0; // heap in use right after the last collection
  return () => {
    if (heapUsed() - liveAfterLast < growthBytes) return false;
    fullGc();
    liveAfterLast = heapUsed();
    return true;
  };
}

export interface IdleGc {
  /** Collections started by growth so far. */
  readonly runs: number;
  /** Further collections run after those, to give back pages (see the head of this file). */
  readonly compactions: number;
  stop(): void;
}

/** Watches `server`'s requests and collects when it has been quiet for `idleMs`. */
export function collectWhenIdle(server: Server, o: { idleMs?: number; growthMb?: number } = {}): IdleGc {
  const idleMs = o.idleMs ?? IDLE_MS;
  const collectIfGrown = collectorOnGrowth((o.growthMb ?? GROWTH_MB) * 2 ** 20, () => process.memoryUsage().heapUsed);
  let runs = 0;
  let compactions = 0;
  let timer: NodeJS.Timeout | null = null;
  let compacting: NodeJS.Timeout | null = null;
  const heapHeld = () => process.memoryUsage().heapTotal;
  const compact = (passesLeft: number, heldBefore: number) => {
    compacting = setTimeout(() => {
      compacting = null;
      fullGc();
      compactions++;
      const held = heapHeld();
      if (passesLeft > 1 && heldBefore - held >= COMPACT_MIN_MB * 2 ** 20) compact(passesLeft - 1, held);
    }, COMPACT_GAP_MS).unref();
  };
  const collect = () => {
    timer = null;
    if (!collectIfGrown()) return;
    runs++;
    compact(COMPACT_PASSES, heapHeld());
  };
  const activity = () => {
    // a request stops the compaction passes: they are for a quiet server
    if (compacting) clearTimeout(compacting), (compacting = null);
    if (timer) timer.refresh();
    else (timer = setTimeout(collect, idleMs)).unref();
  };
  const onRequest = (_req: unknown, res: import('node:http').ServerResponse) => {
    activity();
    res.once('close', activity);
  };
  server.on('request', onRequest);
  return {
    get runs() {
      return runs;
    },
    get compactions() {
      return compactions;
    },
    stop() {
      server.off('request', onRequest);
      if (timer) clearTimeout(timer);
      if (compacting) clearTimeout(compacting);
    },
  };
}

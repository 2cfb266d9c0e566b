// The analysis worker pool (server/workers): what the threads compute equals the same analysis functions run
// inline, inputs arrive intact after transfer, and an aborted task (the client went away) stops promptly while
// the pool keeps serving.
import { afterAll, describe, expect, it } from 'vitest';
import { cellToLatLng, latLngToCell, gridDisk } from 'h3-js';
import { emerging, giStar } from '../../server/workers/analysis-tasks.js';
import { emergingRun, giStarRun, INLINE_CELLS, INLINE_GISTAR_CELLS } from '../../server/workers/hotspot-runs.js';
import { closePool, poolThreads, runTask } from '../../server/workers/pool.js';
import { h3KRingWeights } from '../../server/analysis/spatial-weights.js';

afterAll(() => closePool());

/** A disc of H3 r8 cells: radius 45 is ~6,200 cells (above INLINE_CELLS), 85 ~21,900 (above INLINE_GISTAR_CELLS). */
function surface(radius = 45): { ids: string[]; weights: ReturnType<typeof h3KRingWeights> } {
  const ids = [...new Set(gridDisk(latLngToCell(44.8, 123.08, 8), radius))].sort();
  return { ids, weights: h3KRingWeights(ids, 1) };
}
const random = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

describe('analysis worker pool', () => {
  it('computes Gi* and FDR classes on a thread exactly as inline', async () => {
    const { ids, weights } = surface(85);
    expect(ids.length).toBeGreaterThan(INLINE_GISTAR_CELLS);
    const r = random(3);
    const values = Float64Array.from(ids, (id) => {
      const [lat] = cellToLatLng(id);
      return Math.floor(r() * 4 + (lat > 44.85 ? 3 : 0));
    });
    const expected = giStar({ values: values.slice(), weights });
    const actual = await giStarRun(values, weights);
    expect(poolThreads()).toBeGreaterThan(0);
    expect(actual.z).toEqual(expected.z);
    expect(actual.p).toEqual(expected.p);
    expect(Array.from(actual.classes)).toEqual(Array.from(expected.classes));
    expect(actual.critical).toEqual(expected.critical);
    expect(weights.offsets.length).toBe(ids.length + 1); // the cached weights were copied, not transferred away
  });

  it('classifies emerging hot spots on a thread exactly as inline', async () => {
    const { ids, weights } = surface();
    const slices = 12;
    const r = random(9);
    const counts = new Float64Array(slices * ids.length);
    for (let s = 0; s < slices; s++) for (let i = 0; i < ids.length; i++) counts[s * ids.length + i] = Math.floor(r() * 3 + (i % 97 === 0 ? s : 0));
    const expected = emerging({ counts: counts.slice(), slices, weights });
    const actual = await emergingRun({ counts, slices, weights });
    expect(counts.length).toBe(0); // transferred: the main thread gave the buffer up
    expect(actual.patternCounts).toEqual(expected.patternCounts);
    expect(actual.units).toEqual(expected.units);
  });

  it('stops an aborted task promptly and keeps serving', async () => {
    const ctrl = new AbortController();
    const t0 = performance.now();
    const task = runTask('spin', { ms: 20_000 }, { signal: ctrl.signal });
    setTimeout(() => ctrl.abort(), 200);
    await expect(task).rejects.toThrow(/abort/i);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(await runTask('spin', { ms: 10 })).toBeGreaterThanOrEqual(10);
  });
});

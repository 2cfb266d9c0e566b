// Percentiles and timing helpers shared by the benchmarks.
import { loadavg } from 'node:os';

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function summarise(label: string, samples: number[], target?: { p50?: number; p99?: number }): string {
  const s = [...samples].sort((a, b) => a - b);
  const p50 = percentile(s, 50), p99 = percentile(s, 99);
  const verdict = target ? ` (target p50 ≤ ${target.p50 ?? '–'} ms, p99 ≤ ${target.p99 ?? '–'} ms: ${(target.p50 === undefined || p50 <= target.p50) && (target.p99 === undefined || p99 <= target.p99) ? 'met' : 'MISSED'})` : '';
  return `${label.padEnd(44)} n=${String(s.length).padStart(4)}  p50 ${p50.toFixed(1).padStart(6)} ms  p99 ${p99.toFixed(1).padStart(6)} ms${verdict}  [load ${loadavg()[0].toFixed(2)}]`;
}

/** A seeded generator for benchmark inputs (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The area panels leave free on the map (client/map/free-area.ts): on random layouts of panels anchored to the
// map's corners and edges (as the KPI cards, legend, ranking dock and case desk are), the box fitted with the
// padding it gives meets no panel, and is as large as the largest box of that aspect that fits among the
// panels, found by brute force over positions and sizes on a 4-pixel lattice.
import { describe, expect, it } from 'vitest';
import { freeAreaPadding, type PanelBox, type Padding } from '../../client/map/free-area.js';

const BASE: Padding = { top: 0, bottom: 0, left: 0, right: 0 };
const meets = (a: PanelBox, b: PanelBox) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** The box a fit draws: the largest of `aspect` centred in the padded area (what MapLibre's fitBounds does). */
function fitted(width: number, height: number, pad: Padding, aspect: number): PanelBox {
  const w = width - pad.left - pad.right, h = height - pad.top - pad.bottom;
  const bh = Math.min(h, w / aspect), bw = bh * aspect;
  const cx = pad.left + w / 2, cy = pad.top + h / 2;
  return { left: cx - bw / 2, right: cx + bw / 2, top: cy - bh / 2, bottom: cy + bh / 2 };
}

/** The height of the largest box of `aspect` meeting no panel (with the gap around each), brute force. */
function largestFree(width: number, height: number, panels: PanelBox[], aspect: number, gap: number): number {
  const grown = panels.map((p) => ({ left: p.left - gap, top: p.top - gap, right: p.right + gap, bottom: p.bottom + gap }));
  let best = 0;
  for (let top = 0; top < height; top += 4)
    for (let left = 0; left < width; left += 4) {
      let lo = best, hi = Math.min(height - top, (width - left) / aspect);
      if (hi <= best) continue;
      const free = (h: number) => !grown.some((p) => meets({ left, top, right: left + h * aspect, bottom: top + h }, p));
      if (!free(lo + 0.5)) continue;
      while (hi - lo > 0.5) { const mid = (lo + hi) / 2; if (free(mid)) lo = mid; else hi = mid; }
      best = Math.max(best, lo);
    }
  return best;
}

function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe('freeAreaPadding', () => {
  it('keeps the fitted box clear of the ranking dock and the legend at 1366 × 768 (Tongyu-like shape)', () => {
    // The map at 1366 × 768: 1076 × 666; KPI cards top left, legend bottom left, the open dock bottom right.
    const panels = [
      { left: 10, top: 10, right: 592, bottom: 80 },
      { left: 10, top: 400, right: 260, bottom: 642 },
      { left: 546, top: 374, right: 1066, bottom: 632 },
    ];
    const pad = freeAreaPadding(1076, 666, panels, 1.1, { top: 96, bottom: 24, left: 24, right: 56 });
    const box = fitted(1076, 666, pad, 1.1);
    for (const p of panels) expect(meets(box, p), JSON.stringify({ pad, p })).toBe(false);
    expect(box.bottom - box.top).toBeGreaterThan(250);
  });

  it('gives the largest clear box on random corner and edge layouts (brute force)', () => {
    const rnd = random(16);
    for (let trial = 0; trial < 40; trial++) {
      const width = 600 + Math.floor(rnd() * 800), height = 400 + Math.floor(rnd() * 500);
      const panels: PanelBox[] = [];
      for (const corner of ['tl', 'tr', 'bl', 'br', 'right'] as const) {
        if (rnd() < 0.35) continue;
        const w = corner === 'right' ? 200 + rnd() * 200 : 80 + rnd() * width * 0.5;
        const h = corner === 'right' ? height - 16 : 40 + rnd() * height * 0.45;
        const left = corner === 'tl' || corner === 'bl' ? 10 : width - 10 - w;
        const top = corner === 'tl' || corner === 'tr' ? 10 : corner === 'right' ? 8 : height - 10 - h;
        panels.push({ left, top, right: left + w, bottom: top + h });
      }
      const aspect = 0.5 + rnd() * 1.5;
      const pad = freeAreaPadding(width, height, panels, aspect, BASE, 8);
      const box = fitted(width, height, pad, aspect);
      for (const p of panels) expect(meets(box, p), `trial ${trial}`).toBe(false);
      const oracle = largestFree(width, height, panels, aspect, 8);
      // Panels anchored to the edges are always cut from one side, so the best cut is the best box (4-px lattice).
      expect(box.bottom - box.top, `trial ${trial}`).toBeGreaterThanOrEqual(oracle - 5);
    }
  });
});

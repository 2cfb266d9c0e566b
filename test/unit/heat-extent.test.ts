// The heat's box (client/layers/heat-extent.ts): below band 12 the whole jurisdiction; from band 12 on a box that
// holds the view with at least a quarter of it on each side, on the band's lattice, so that views a little apart
// ask for the same box; heatServes says when the box asked no longer holds the view. Random views, checked on
// their own terms (containment, lattice, padding), not against the function's own output.
import { describe, expect, it } from 'vitest';
import { heatBoxFor, heatServes, VIEW_HEAT_ZOOM, type Box } from '../../client/layers/heat-extent.js';
import { seeded } from '../bench/stats.js';

const random = seeded(7);
function randomView(band: number): Box {
  const degPerPx = 360 / (256 * 2 ** (band + random() * 2));
  const [wPx, hPx] = [390 + random() * 1600, 500 + random() * 600];
  const [cx, cy] = [100 + random() * 30, 20 + random() * 30];
  const [w, h] = [wPx * degPerPx, hPx * degPerPx * Math.cos((cy * Math.PI) / 180)];
  return [cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2];
}
// the box's corners are rounded to 1e-6° for the URL
const onLattice = (v: number, step: number) => Math.abs(v - Math.round(v / step) * step) <= 1e-6;

describe('heat box', () => {
  it('is the whole jurisdiction (null) below band 12, and that serves every view there', () => {
    for (const band of [0, 6, 8, 10]) {
      const view = randomView(band);
      expect(heatBoxFor(band, view)).toBeNull();
      expect(heatServes({ band, box: null }, band, view)).toBe(true);
      expect(heatServes({ band: 12, box: view }, band, view), 'a box asked at band 12 does not serve a band below').toBe(false);
      expect(heatServes({ band: band + 2, box: null }, band, view), 'nor the jurisdiction at another band').toBe(false);
    }
    expect(VIEW_HEAT_ZOOM).toBe(12);
  });

  it('from band 12 holds the view padded by a quarter each side, on the lattice of 360 / 2^(band + 1) degrees', () => {
    for (let i = 0; i < 500; i++) {
      const band = 12 + 2 * Math.floor(random() * 4);
      const view = randomView(band);
      const box = heatBoxFor(band, view)!;
      const step = 360 / 2 ** (band + 1);
      const [padX, padY] = [(view[2] - view[0]) / 4, (view[3] - view[1]) / 4];
      expect(box[0]).toBeLessThanOrEqual(view[0] - padX + 1e-6);
      expect(box[1]).toBeLessThanOrEqual(view[1] - padY + 1e-6);
      expect(box[2]).toBeGreaterThanOrEqual(view[2] + padX - 1e-6);
      expect(box[3]).toBeGreaterThanOrEqual(view[3] + padY - 1e-6);
      // no wider than the padding and one lattice step on each side
      expect(box[2] - box[0]).toBeLessThanOrEqual(1.5 * (view[2] - view[0]) + 2 * step + 1e-6);
      for (const v of box) expect(onLattice(v, step), `${v} on the ${step}° lattice`).toBe(true);
      expect(heatServes({ band, box }, band, view)).toBe(true);
      expect(heatServes({ band, box: null }, band, view), 'the whole jurisdiction is not asked from band 12').toBe(false);
    }
  });

  it('is the same box for views a few pixels apart, and a pan beyond it asks again', () => {
    let same = 0;
    for (let i = 0; i < 200; i++) {
      const view = randomView(12);
      const px = (view[2] - view[0]) / 1366;
      const moved: Box = [view[0] + 3 * px, view[1], view[2] + 3 * px, view[3]];
      if (JSON.stringify(heatBoxFor(12, view)) === JSON.stringify(heatBoxFor(12, moved))) same++;
      const box = heatBoxFor(12, view)!;
      const w = view[2] - view[0];
      const past: Box = [box[2] - w / 2, view[1], box[2] + w / 2, view[3]];
      expect(heatServes({ band: 12, box }, 12, past)).toBe(false);
      expect(heatServes({ band: 12, box }, 14, view), 'another band asks again').toBe(false);
    }
    expect(same).toBeGreaterThan(150);
  });

  it('stays within the world', () => {
    expect(heatBoxFor(12, [-179.99, -89.99, -179.9, -89.9])).toEqual([-180, -90, expect.any(Number), expect.any(Number)]);
    expect(heatBoxFor(12, [179.9, 89.9, 179.99, 89.99])!.slice(2)).toEqual([180, 90]);
  });
});

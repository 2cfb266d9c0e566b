// Polygon validity on hand-made shapes (bowties, spikes, figure eights, touching and crossing holes, shared
// stretches) whose answers are known by drawing them, plus random rings checked against turf's kinks (an
// independent self-intersection finder) where coordinates are generic, so touching is not an issue.
import { describe, expect, it } from 'vitest';
import { kinks, polygon } from '@turf/turf';
import { geometryValidity, polygonValidity, segmentContact } from '../../server/analysis/polygon-validity.js';
import { Random } from '../../server/demo/random.js';
import { validityMsg } from '../../server/import/import-messages.js';

const sq = (x: number, y: number, s: number) => [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]];
const bad = (r: ReturnType<typeof polygonValidity>) => (r.ok ? '' : validityMsg(r.problem).en);

describe('segmentContact', () => {
  it('classifies crossings, touches, collinear overlaps and misses', () => {
    expect(segmentContact([0, 0], [2, 2], [0, 2], [2, 0])).toBe('point');
    expect(segmentContact([0, 0], [2, 0], [1, 0], [1, 5])).toBe('point'); // T-junction
    expect(segmentContact([0, 0], [2, 0], [2, 0], [3, 1])).toBe('point'); // shared end
    expect(segmentContact([0, 0], [2, 0], [1, 0], [3, 0])).toBe('overlap');
    expect(segmentContact([0, 0], [2, 0], [2, 0], [3, 0])).toBe('point'); // collinear, end to end
    expect(segmentContact([0, 0], [1, 0], [2, 0], [3, 0])).toBe('none');
    expect(segmentContact([0, 0], [1, 1], [0, 1], [0.4, 0.6])).toBe('none');
    expect(segmentContact([0, 0], [0, 2], [0, 1], [0, 3])).toBe('overlap'); // vertical
  });
});

describe('polygonValidity', () => {
  it('accepts simple shapes, holes inside, and a hole touching its shell at one point', () => {
    expect(polygonValidity([sq(0, 0, 10)])).toEqual({ ok: true });
    expect(polygonValidity([[[0, 0], [4, 0], [2, 3], [0, 0]]])).toEqual({ ok: true });
    expect(polygonValidity([sq(0, 0, 10), sq(2, 2, 3), sq(6, 6, 2)])).toEqual({ ok: true });
    // Hole with one vertex on the shell's edge (x = 0): a single touching point is allowed.
    expect(polygonValidity([sq(0, 0, 10), [[0, 5], [3, 4], [3, 6], [0, 5]]])).toEqual({ ok: true });
    // Concave (an L shape) and repeated consecutive vertices.
    expect(polygonValidity([[[0, 0], [4, 0], [4, 1], [1, 1], [1, 4], [0, 4], [0, 4], [0, 0]]])).toEqual({ ok: true });
  });

  it('refuses a bowtie, naming where it crosses', () => {
    const r = polygonValidity([[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]]);
    expect(r.ok).toBe(false);
    expect(bad(r)).toMatch(/intersects itself at 1\.000000, 1\.000000/);
    if (!r.ok) expect(r.at).toEqual([1, 1]);
  });

  it('refuses a figure eight that touches itself at a vertex, and a spike', () => {
    // Two triangles joined at (2, 2): the ring passes through that vertex twice.
    expect(bad(polygonValidity([[[0, 0], [4, 0], [2, 2], [4, 4], [0, 4], [2, 2], [0, 0]]]))).toMatch(/intersects itself at 2\.0+, 2\.0+/);
    // Goes out to (6, 5) and comes straight back along the same line.
    expect(bad(polygonValidity([[[0, 0], [4, 0], [4, 4], [5, 4], [4, 4], [0, 4], [0, 0]]]))).toMatch(/spike|intersects itself/);
  });

  it('refuses rings that are too short, unclosed, degenerate or not numbers', () => {
    expect(bad(polygonValidity([[[0, 0], [1, 0], [0, 0]]]))).toMatch(/3 positions; a ring needs at least 4/);
    expect(bad(polygonValidity([[[0, 0], [1, 0], [1, 1], [0, 1]]]))).toMatch(/not closed/);
    expect(bad(polygonValidity([[[0, 0], [1, 0], [0, 0], [1, 0], [0, 0]]]))).toMatch(/fewer than 3 distinct/);
    expect(bad(polygonValidity([[[0, 0], [1, NaN], [1, 1], [0, 0]]]))).toMatch(/not two finite numbers/);
    expect(bad(polygonValidity([[[0, 0], [1, '2'], [1, 1], [0, 0]]]))).toMatch(/not two finite numbers/);
    expect(bad(polygonValidity([]))).toMatch(/no rings/);
  });

  it('refuses holes that cross the shell, share an edge with it, overlap each other, or lie outside', () => {
    expect(bad(polygonValidity([sq(0, 0, 10), sq(8, 8, 4)]))).toMatch(/rings 0 and 1 cross/);
    expect(bad(polygonValidity([sq(0, 0, 10), sq(0, 2, 3)]))).toMatch(/share a boundary stretch/);
    expect(bad(polygonValidity([sq(0, 0, 10), sq(2, 2, 3), sq(4, 4, 3)]))).toMatch(/rings 1 and 2 cross/);
    expect(bad(polygonValidity([sq(0, 0, 10), sq(20, 20, 3)]))).toMatch(/hole 1 lies outside/);
  });

  it('checks each part of a MultiPolygon and refuses other geometry types', () => {
    expect(geometryValidity({ type: 'MultiPolygon', coordinates: [[sq(0, 0, 1)], [sq(5, 5, 1)]] })).toEqual({ ok: true });
    expect(bad(geometryValidity({ type: 'MultiPolygon', coordinates: [[sq(0, 0, 1)], [[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]]] }))).toMatch(/part 2's outer ring intersects itself/);
    expect(bad(geometryValidity({ type: 'LineString', coordinates: [[0, 0], [1, 1]] }))).toMatch(/not a Polygon or MultiPolygon/);
    expect(bad(geometryValidity(null))).toMatch(/no geometry/);
  });

  it('agrees with turf kinks on 400 random rings (generic coordinates: crossings only)', () => {
    const r = new Random(5);
    let invalid = 0;
    for (let t = 0; t < 400; t++) {
      const n = 4 + (t % 12);
      const ring: number[][] = [];
      // Half star-shaped (valid by construction, angles sorted), half random order (usually crossing).
      const angles = Array.from({ length: n }, () => r.next() * Math.PI * 2);
      if (t % 2 === 0) angles.sort((a, b) => a - b);
      for (const a of angles) { const rad = 1 + r.next() * 4; ring.push([Math.cos(a) * rad + r.next() * 1e-9, Math.sin(a) * rad]); }
      ring.push(ring[0]);
      const expected = kinks(polygon([ring])).features.length === 0;
      const got = polygonValidity([ring]).ok;
      if (!expected) invalid++;
      expect(got, JSON.stringify(ring)).toBe(expected);
    }
    expect(invalid).toBeGreaterThan(100); // the test exercised both answers
  });
});

// The client's what-if scenario (client/views/coverage/coverage-scenario.ts): edits applied to the touched
// cameras only, checked against a naive replay of every edit over the whole camera list, and hand cases for
// merging drags into one edit, removing added vs stored cameras, and the legend's counts.
import { describe, expect, it } from 'vitest';
import type { CameraEdit } from '../../client/views/coverage/coverage-api';
import { applyEdits, countByKind, drawScenario, patchEdits, removeCamera, sameIds } from '../../client/views/coverage/coverage-scenario';
import type { SectorCamera } from '../../client/layers/sector-layer';

const cam = (id: string, kind: string, status: 'online' | 'offline' = 'online'): SectorCamera => ({ id, kind, status, lon: 123, lat: 44.8, bearing: 0, fov: 60, rangeM: 50 });
const stored = [cam('A', 'public'), cam('B', 'social'), cam('C', 'social', 'offline'), cam('D', 'face')];
const byId = new Map(stored.map((c) => [c.id, c]));

/** Naive oracle: replay every edit over a copy of the whole list. */
function replay(edits: CameraEdit[]): SectorCamera[] {
  let list = stored.map((c) => ({ ...c }));
  for (const e of edits) {
    if (e.op === 'add') list.push({ id: e.id, kind: e.kind, status: e.status ?? 'online', lon: e.lon, lat: e.lat, bearing: e.bearing, fov: e.fov, rangeM: e.rangeM });
    else if (e.op === 'remove') list = list.filter((c) => c.id !== e.id);
    else list = list.map((c) => (c.id === e.id ? { ...c, ...Object.fromEntries(Object.entries(e).filter(([k, v]) => k !== 'op' && v !== undefined)) } : c));
  }
  return list;
}

const edits: CameraEdit[] = [
  { op: 'add', id: 'NEW-1', kind: 'public', lon: 123.1, lat: 44.9, bearing: 90, fov: 70, rangeM: 60 },
  { op: 'update', id: 'A', bearing: 180 },
  { op: 'update', id: 'C', status: 'online' },
  { op: 'remove', id: 'B' },
  { op: 'update', id: 'NEW-1', status: 'offline' },
  { op: 'update', id: 'B', bearing: 10 }, // after its removal: ignored, as the replay does
];

describe('what-if scenario', () => {
  it('touched cameras equal a full replay of the edits', () => {
    const touched = applyEdits(byId, edits);
    const full = new Map(replay(edits).map((c) => [c.id, c]));
    for (const [id, c] of touched) {
      if (c === null) expect(full.has(id)).toBe(false);
      else expect({ ...c, proposed: undefined }).toEqual({ ...full.get(id)!, proposed: undefined });
    }
    expect([...touched.keys()].sort()).toEqual(['A', 'B', 'C', 'NEW-1']);
  });

  it('legend counts and hidden stored cameras equal a recount of the replayed network', () => {
    const d = drawScenario(byId, countByKind(stored), edits);
    const recount = countByKind(replay(edits));
    expect(Object.fromEntries(d.online)).toEqual(Object.fromEntries(recount.online));
    expect(d.offline).toBe(recount.offline);
    expect([...d.hidden].sort()).toEqual(['A', 'B', 'C']); // stored cameras the scenario changed or removed
    expect(d.edited.map((s) => s.id).sort()).toEqual(['A', 'C', 'NEW-1']);
    expect(d.edited.every((s) => s.polygon.length > 3)).toBe(true);
  });

  it('a drag merges into one edit; removing an added camera drops its edits, a stored one appends a remove', () => {
    let e: CameraEdit[] = [{ op: 'add', id: 'N', kind: 'public', lon: 1, lat: 2, bearing: 0, fov: 70, rangeM: 60 }];
    e = patchEdits(e, 'N', { lon: 3 });
    e = patchEdits(e, 'N', { bearing: 45 });
    expect(e).toEqual([{ op: 'add', id: 'N', kind: 'public', lon: 3, lat: 2, bearing: 45, fov: 70, rangeM: 60 }]);
    e = patchEdits(e, 'A', { lon: 5 });
    e = patchEdits(e, 'A', { lat: 6 });
    expect(e.slice(1)).toEqual([{ op: 'update', id: 'A', lon: 5, lat: 6 }]);
    expect(removeCamera(e, 'N')).toEqual([{ op: 'update', id: 'A', lon: 5, lat: 6 }]);
    expect(removeCamera(e, 'A').at(-1)).toEqual({ op: 'remove', id: 'A' });
    expect(sameIds(new Set(['a', 'b']), new Set(['b', 'a']))).toBe(true);
    expect(sameIds(new Set(['a']), new Set(['b']))).toBe(false);
  });
});

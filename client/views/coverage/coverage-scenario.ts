// The what-if scenario: an ordered list of camera edits (add, update, remove) over the stored cameras, which
// the server applies in the same order for the ledger. Here it is applied for drawing — only to the cameras
// the edits touch, so an edit costs the same with 18,000 stored cameras as with 10 — and kept as data the
// panel and the map read: the touched cameras in their scenario state, the stored ones to hide in the big
// sector layer, and the camera counts by kind for the legend.
import type { SectorCamera, SectorDatum } from '../../layers/sector-layer';
import { toSectorData } from '../../layers/sector-layer';
import type { CameraEdit } from './coverage-api';

type Patch = Partial<Pick<SectorCamera, 'lon' | 'lat' | 'bearing' | 'status'>>;

/** Applies edits to the stored cameras they touch: id → the camera as the scenario has it (null = removed). */
export function applyEdits(stored: ReadonlyMap<string, SectorCamera>, edits: readonly CameraEdit[]): Map<string, SectorCamera | null> {
  const touched = new Map<string, SectorCamera | null>();
  const current = (id: string) => (touched.has(id) ? touched.get(id)! : (stored.get(id) ?? null));
  for (const e of edits) {
    if (e.op === 'add') touched.set(e.id, { id: e.id, kind: e.kind, status: e.status ?? 'online', lon: e.lon, lat: e.lat, bearing: e.bearing, fov: e.fov, rangeM: e.rangeM, proposed: true });
    else if (e.op === 'remove') touched.set(e.id, null);
    else {
      const c = current(e.id);
      // an update of an unknown camera is ignored, as the server does after refusing nothing else
      if (!c) continue;
      const patch = Object.fromEntries(Object.entries(e).filter(([k, v]) => k !== 'op' && v !== undefined));
      touched.set(e.id, { ...c, ...patch, proposed: true } as SectorCamera);
    }
  }
  return touched;
}

/** Changes one camera: edits an 'add' in place, merges into a trailing update of it, or appends an update. */
export function patchEdits(edits: readonly CameraEdit[], id: string, patch: Patch): CameraEdit[] {
  const next = [...edits];
  const addIdx = next.findIndex((e) => e.op === 'add' && e.id === id);
  const last = next[next.length - 1];
  if (addIdx >= 0) next[addIdx] = { ...(next[addIdx] as Extract<CameraEdit, { op: 'add' }>), ...patch };
  else if (last && last.op === 'update' && last.id === id) next[next.length - 1] = { ...last, ...patch };
  else next.push({ op: 'update', id, ...patch });
  return next;
}

/** Removing a camera the scenario added drops its edits; removing a stored one appends a 'remove'. */
export function removeCamera(edits: readonly CameraEdit[], id: string): CameraEdit[] {
  const isNew = edits.some((e) => e.op === 'add' && e.id === id);
  return isNew ? edits.filter((e) => e.id !== id) : [...edits, { op: 'remove', id }];
}

export interface ScenarioDrawing {
  /** touched cameras in their scenario state, as sectors (removed ones left out) */
  edited: SectorDatum[];
  /** stored cameras the scenario changed or removed */
  hidden: Set<string>;
  /** online cameras by kind and offline ones, stored and scenario together */
  online: Map<string, number>;
  offline: number;
}

export function countByKind(cameras: Iterable<SectorCamera>): { online: Map<string, number>; offline: number } {
  const online = new Map<string, number>();
  let offline = 0;
  for (const c of cameras) c.status === 'offline' ? offline++ : online.set(c.kind, (online.get(c.kind) ?? 0) + 1);
  return { online, offline };
}

/** What the map and the legend need of a scenario, from the stored cameras' counts and the touched ones. */
export function drawScenario(stored: ReadonlyMap<string, SectorCamera>, storedCounts: { online: ReadonlyMap<string, number>; offline: number }, edits: readonly CameraEdit[]): ScenarioDrawing {
  const touched = applyEdits(stored, edits);
  const online = new Map(storedCounts.online);
  let offline = storedCounts.offline;
  const hidden = new Set<string>();
  const now: SectorCamera[] = [];
  for (const [id, c] of touched) {
    const was = stored.get(id);
    if (was) {
      hidden.add(id);
      if (was.status === 'offline') offline--;
      else online.set(was.kind, (online.get(was.kind) ?? 0) - 1);
    }
    if (c) {
      now.push(c);
      if (c.status === 'offline') offline++;
      else online.set(c.kind, (online.get(c.kind) ?? 0) + 1);
    }
  }
  return { edited: toSectorData(now), hidden, online, offline };
}

/** True when two sets hold the same ids (the big layer re-colours only when its hidden set changes). */
export function sameIds(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const id of a) if (!b.has(id)) return false;
  return true;
}

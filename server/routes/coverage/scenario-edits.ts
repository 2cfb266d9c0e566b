// What-if edits to the camera network (add, move/rotate/re-aim, switch off, remove), validated by zod and
// applied over the stored cameras without touching them: the base coverage counts are copied and only
// the edited cameras' contributions are taken out and put back — a few sector searches per request.
import { z } from 'zod';
import { applyCamera } from '../../../shared/geo/coverage-count.js';
import type { CoverageWorld } from '../../../shared/geo/coverage-world.js';
import { CAMERA_KINDS, CAMERA_STATUSES } from '../../../shared/domain/cameras.js';
import { HttpError } from '../../http/validate.js';
import { can } from '../../../shared/domain/permissions.js';
import type { SessionUser } from '../../../shared/domain/roles.js';
import { requireVisible } from '../filters.js';
import type { CameraState, StoredCamera } from './coverage.queries.js';

const id = z.string().trim().min(1, 'camera id must not be empty').max(64, 'camera id is at most 64 characters');
const lon = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);
const bearing = z.number().finite();
const fov = z.number().gt(0, 'fov must be above 0°').max(360, 'fov is at most 360°');
const rangeM = z.number().gt(0, 'rangeM must be above 0').max(1000, 'rangeM is at most 1000 m');

export const cameraEdit = z.discriminatedUnion('op', [
  z.object({ op: z.literal('add'), id, name: z.string().max(100).optional(), kind: z.enum(CAMERA_KINDS), lon, lat, bearing, fov, rangeM, status: z.enum(CAMERA_STATUSES).default('online') }),
  z.object({ op: z.literal('update'), id, lon: lon.optional(), lat: lat.optional(), bearing: bearing.optional(), fov: fov.optional(), rangeM: rangeM.optional(), status: z.enum(CAMERA_STATUSES).optional() }),
  z.object({ op: z.literal('remove'), id }),
], { error: () => 'each edit needs op: add | update | remove' });
export type CameraEdit = z.infer<typeof cameraEdit>;
export const cameraEdits = z.array(cameraEdit).max(5000, 'at most 5000 edits per scenario');

export interface EditedNetwork {
  counts: Uint16Array;
  /** cameras added or changed by the edits, in their final state (removed ones are absent) */
  changed: StoredCamera[];
  removed: string[];
}

/**
 * Refuses edits that name a stored camera the caller may not see: one outside their jurisdiction (403, reason
 * jurisdiction: a township leader's what-if cannot move or remove a neighbour's camera and read the answer), or
 * a face-recognition camera for a role without cameras.face (403, reason sensitive, as a petition case is: the answer's `changed` would
 * carry its position). Every op counts, an `add` too (its "already exists" would tell the id is in use).
 * One map lookup per edit: the cameras' grid codes are in the cached camera state.
 */
export function requireEditableCameras(user: SessionUser | undefined | null, base: CameraState, edits: readonly CameraEdit[]): void {
  const mayFace = !user || can(user.role, 'cameras.face');
  edits.forEach((e, n) => {
    const cam = base.cameras.get(e.id);
    if (!cam) return;
    requireVisible(user, cam.gridCode, { en: `edits.${n}: camera ${e.id}`, zh: `第 ${n + 1} 项改动的摄像头 ${e.id}` });
    if (cam.kind === 'face' && !mayFace)
      throw new HttpError(403, `edits.${n}: camera ${e.id} is a face-recognition camera, which your role may not see or edit (cameras.face).`, undefined, `第 ${n + 1} 项改动的摄像头 ${e.id} 为人脸识别点位，您的角色无权查看或修改。`, 'sensitive');
  });
}

/** Applies edits in order; unknown ids, duplicate adds and edits after a removal are 400s. */
export function applyEdits(world: CoverageWorld, base: CameraState, edits: readonly CameraEdit[]): EditedNetwork {
  const final = new Map<string, StoredCamera | null>(); // id → final state (null = removed)
  const current = (cid: string) => (final.has(cid) ? final.get(cid) : base.cameras.get(cid));
  edits.forEach((e, n) => {
    const where = `edits.${n} (${e.op} ${e.id})`;
    const cam = current(e.id);
    if (e.op === 'add') {
      if (cam) throw new HttpError(400, `${where}: a camera with this id already exists; use update, or pick a new id`);
      const { op: _op, ...fields } = e;
      final.set(e.id, { ...fields, name: fields.name ?? '', gridCode: null, online: fields.status === 'online' });
      return;
    }
    if (!cam) throw new HttpError(400, `${where}: no such camera${final.get(e.id) === null ? ' (it was removed by an earlier edit)' : ''}`);
    if (e.op === 'remove') return void final.set(e.id, null);
    const { op: _op, id: _id, ...patch } = e;
    const next = { ...cam, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as StoredCamera;
    next.online = next.status === 'online';
    final.set(e.id, next);
  });
  const counts = Uint16Array.from(base.counts);
  const changed: StoredCamera[] = [], removed: string[] = [];
  for (const [cid, cam] of final) {
    const before = base.cameras.get(cid);
    if (before) applyCamera(counts, world.points, before, -1);
    if (cam) applyCamera(counts, world.points, cam, 1), changed.push(cam);
    else removed.push(cid);
  }
  return { counts, changed, removed };
}

// GET /api/cameras: camera points (position, bearing, field of view, range, kind, status) for a filter.
import { Hono } from 'hono';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { CAMERA_KINDS } from '../../../shared/domain/cameras.js';
import { validQuery } from '../../http/validate.js';
import { bboxParam, jurisdictionCode } from '../filters.js';
import { access } from '../../auth/access.js';

const kindList = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.enum(CAMERA_KINDS, { message: `unknown camera kind; use ${CAMERA_KINDS.join(', ')}` })).min(1));

export function cameraRoutes(db: Database) {
  return new Hono().get('/', access('cameras.read'), validQuery(z.object({ bbox: bboxParam.optional(), code: jurisdictionCode.optional(), kinds: kindList.optional() })), async (c) => {
    const q = c.req.valid('query');
    const parts: string[] = [];
    const params: (string | number)[] = [];
    if (q.kinds) parts.push(`kind IN (${q.kinds.map(() => '?').join(',')})`), params.push(...q.kinds);
    if (q.code) parts.push('starts_with(grid_code, ?)'), params.push(q.code);
    if (q.bbox) parts.push('lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?'), params.push(q.bbox[0], q.bbox[2], q.bbox[1], q.bbox[3]);
    const rows = await db.query<{ id: string; name: string; kind: string; lon: number; lat: number; bearing: number; fov: number; range_m: number; status: string; grid_code: string | null }>(
      `SELECT id, name, kind, lon, lat, bearing, fov, range_m, status, grid_code FROM cameras ${parts.length ? 'WHERE ' + parts.join(' AND ') : ''} ORDER BY id`,
      params,
    );
    return c.json({
      cameras: rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, lon: r.lon, lat: r.lat, bearing: r.bearing, fov: r.fov, rangeM: r.range_m, status: r.status, gridCode: r.grid_code })),
    });
  });
}

// GET /api/cameras: camera points (position, bearing, field of view, range, kind, status) for a filter.
// format=columns gives the same cameras as one array per field (no key repeated 18,000 times: about half
// the bytes and a fraction of the parsing), which the dashboard uses for the camera layer of its view.
import type { Database } from '../../db/database.js';
import { CAMERA_KINDS, CAMERA_STATUSES } from '../../../shared/domain/cameras.js';
import { createRouter, declareRoute, json, z } from '../../http/openapi.js';
import { bboxParam, jurisdictionCode } from '../filters.js';
import { auditSensitiveRead } from '../../auth/audit.js';
import { can } from '../../../shared/domain/permissions.js';

const kindList = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.enum(CAMERA_KINDS, { message: `unknown camera kind; use ${CAMERA_KINDS.join(', ')}` })).min(1));

export const CamerasQuery = z.object({ bbox: bboxParam.optional(), code: jurisdictionCode.optional(), kinds: kindList.optional().describe('comma-separated camera kinds'),
  format: z.enum(['rows', 'columns'], { message: 'format must be rows or columns' }).default('rows').describe('rows: one object per camera; columns: one array per field'),
});
export const CameraAnswer = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    kind: z.enum(CAMERA_KINDS),
    lon: z.number(),
    lat: z.number(),
    bearing: z.number().describe('degrees clockwise from north'),
    fov: z.number().describe('field of view, degrees'),
    rangeM: z.number().describe('range, metres'),
    status: z.enum(CAMERA_STATUSES),
    gridCode: z.string().nullable(),
  })
  .openapi('Camera');
export const CamerasAnswer = z.strictObject({ cameras: z.array(CameraAnswer) }).openapi('Cameras');
export const CameraColumnsAnswer = z
  .strictObject({
    count: z.number().int(),
    columns: z.strictObject({
      id: z.array(z.string()),
      name: z.array(z.string()),
      kind: z.array(z.enum(CAMERA_KINDS)),
      lon: z.array(z.number()),
      lat: z.array(z.number()),
      bearing: z.array(z.number()),
      fov: z.array(z.number()),
      rangeM: z.array(z.number()),
      status: z.array(z.enum(CAMERA_STATUSES)),
      gridCode: z.array(z.string().nullable()),
    }),
  })
  .openapi('CameraColumns');
export type CameraColumnsAnswer = z.infer<typeof CameraColumnsAnswer>;
export type CamerasAnswer = z.infer<typeof CamerasAnswer>;
type CameraAnswer = z.infer<typeof CameraAnswer>;

export const camerasRoute = declareRoute({
  method: 'get',
  path: '/',
  access: 'cameras.read',
  summary: { zh: '摄像头点位（人脸识别点位仅限有权限的角色）', en: 'Camera points (face-recognition ones only for roles with cameras.face)' },
  request: { query: CamerasQuery },
  responses: { 200: json(z.union([CamerasAnswer, CameraColumnsAnswer]), 'Cameras with position, bearing, field of view, range, kind and status (format=columns: camera i is entry i of every column).') },
});

export function cameraRoutes(db: Database) {
  return createRouter().openapi(camerasRoute, async (c) => {
    const q = c.req.valid('query');
    const parts: string[] = [];
    const params: (string | number)[] = [];
    if (q.kinds) parts.push(`kind IN (${q.kinds.map(() => '?').join(',')})`), params.push(...q.kinds);
    if (q.code) parts.push('starts_with(grid_code, ?)'), params.push(q.code);
    if (q.bbox) parts.push('lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?'), params.push(q.bbox[0], q.bbox[2], q.bbox[1], q.bbox[3]);
    // Face-recognition cameras' positions are sensitive rows: only for roles with cameras.face, and logged.
    const face = can(c.get('user').role, 'cameras.face');
    if (!face) parts.push("kind <> 'face'");
    const rows = await db.query<{ id: string; name: string; kind: CameraAnswer['kind']; lon: number; lat: number; bearing: number; fov: number; range_m: number; status: CameraAnswer['status']; grid_code: string | null }>(
      `SELECT id, name, kind, lon, lat, bearing, fov, range_m, status, grid_code FROM cameras ${parts.length ? 'WHERE ' + parts.join(' AND ') : ''} ORDER BY id`,
      params,
    );
    const faceRows = face ? rows.filter((r) => r.kind === 'face').length : 0;
    if (faceRows) await auditSensitiveRead(db, c, `cameras: ${faceRows} face-recognition camera positions${q.code ? ` in ${q.code}` : ''}`);
    if (q.format === 'columns') {
      const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
      return c.json({
        count: rows.length,
        columns: { id: col('id'), name: col('name'), kind: col('kind'), lon: col('lon'), lat: col('lat'), bearing: col('bearing'), fov: col('fov'), rangeM: col('range_m'), status: col('status'), gridCode: col('grid_code') },
      }, 200);
    }
    return c.json({
      cameras: rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, lon: r.lon, lat: r.lat, bearing: r.bearing, fov: r.fov, rangeM: r.range_m, status: r.status, gridCode: r.grid_code })),
    }, 200);
  });
}

// GET /api/health: liveness plus the row counts a deployer checks first (1058 grids, ≥ 2394 public cameras).
import { Hono } from 'hono';
import type { Database } from '../../db/database.js';
import { access } from '../../auth/access.js';

export function healthRoutes(db: Database) {
  return new Hono().get('/', access('public'), async (c) => {
    const [r] = await db.query<Record<string, number>>(`SELECT
      (SELECT count(*) FROM townships) AS townships,
      (SELECT count(*) FROM villages) AS villages,
      (SELECT count(*) FROM grids) AS grids,
      (SELECT count(*) FROM cameras) AS cameras,
      (SELECT count(*) FROM cameras WHERE kind <> 'social') AS "publicCameras",
      (SELECT count(*) FROM key_sites) AS "keySites",
      (SELECT count(*) FROM police_stations) AS "policeStations",
      (SELECT count(*) FROM incidents) AS incidents,
      (SELECT count(*) FROM roads) AS roads`);
    return c.json({ ok: true as const, counts: r });
  });
}

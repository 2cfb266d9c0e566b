// Coverage keeps its demand model, the incident density and the camera counts per database; these tests
// write to a private copy of the test county and check each cache follows the data: an incident import
// (data version) and a live report (count only) change the density, a site import (data version) rebuilds
// the demand model and the camera counts over it, and invalidateCoverageCaches drops everything.
import { describe, expect, it } from 'vitest';
import { bumpDataVersion } from '../../server/db/data-version.js';
import { densityCellsOf, densityFromCells } from '../../server/analysis/camera-siting.js';
import { cameraState, coverageWorld, densityOf, invalidateCoverageCaches } from '../../server/routes/coverage/coverage.queries.js';
import { useWritableCounty } from '../support/writable-county.js';

const county = useWritableCounty();

/** A point in the county with no incident in its 0.01° density cell (checked below, not assumed). */
let empty: [number, number];

async function addIncidents(n: number, [lon, lat]: [number, number], firstId: number): Promise<void> {
  const [{ grid_code, village_code, township_code, t }] = await county.db.query<{ grid_code: string; village_code: string; township_code: string; t: string }>(
    `SELECT grid_code, village_code, township_code, strftime(max(reported_at), '%Y-%m-%d %H:%M:%S') AS t FROM incidents GROUP BY ALL ORDER BY count(*) DESC LIMIT 1`,
  );
  for (let i = 0; i < n; i++)
    await county.db.query(
      `INSERT INTO incidents (id, category, title, lon, lat, cell_x, cell_y, grid_code, village_code, township_code, reported_at, due_at, status)
       VALUES (?, 'theft', 'cache test', ?, ?, 0, 0, ?, ?, ?, CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP), 'reported')`,
      [firstId + i, lon, lat, grid_code, village_code, township_code, t, t],
    );
}

describe('coverage caches follow the data', () => {
  it('the density cells counted by DuckDB are the cells counted in JS over the same incidents, cell for cell', async () => {
    const [lon, lat] = await county.db.queryColumns(`SELECT lon, lat FROM incidents WHERE reported_at >= (SELECT max(reported_at) FROM incidents) - INTERVAL 365 DAY`);
    const js = densityCellsOf(lon as number[], lat as number[]);
    const sql = await densityOf(county.db);
    const asMap = (c: typeof js) => new Map(Array.from(c.x, (x, i) => [`${x}:${c.y[i]}`, c.n[i]]));
    expect(js.x.length).toBeGreaterThan(100);
    expect(asMap(sql)).toEqual(asMap(js));
  });

  it('the incident density changes after an incident import (data version) and after live reports (count)', async () => {
    const [{ lon, lat }] = await county.db.query<{ lon: number; lat: number }>('SELECT lon, lat FROM key_sites ORDER BY id LIMIT 1');
    // walk east in 0.01° steps from a site until a cell with no incident in it
    for (let k = 1; k < 200 && !empty; k++) {
      const x = lon + k * 0.01;
      const [{ n }] = await county.db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM incidents WHERE floor(lon / 0.01) = floor(? / 0.01) AND floor(lat / 0.01) = floor(? / 0.01)', [x, lat]);
      if (n === 0) empty = [x, lat];
    }
    expect(empty).toBeDefined();
    const d0 = await densityOf(county.db);
    expect(densityFromCells(d0)(...empty)).toBe(1); // 1 + log1p(0)
    expect(await densityOf(county.db)).toBe(d0); // cached while nothing changed

    await addIncidents(40, empty, 900_000_000); // as a live report writes them: no data version raised
    const d1 = await densityOf(county.db);
    expect(d1).not.toBe(d0);
    expect(densityFromCells(d1)(...empty)).toBeGreaterThan(1);

    bumpDataVersion(county.db, ['incidents']); // as afterImport does after an incident import
    const d2 = await densityOf(county.db);
    expect(d2).not.toBe(d1);
    expect(densityFromCells(d2)(...empty)).toBeCloseTo(densityFromCells(d1)(...empty), 12);
  }, 60_000);

  it('a site import rebuilds the demand model and the camera counts over it', async () => {
    const w0 = await coverageWorld(county.db);
    const s0 = await cameraState(county.db);
    expect(s0.counts.length).toBe(w0.points.size);
    expect(await coverageWorld(county.db)).toBe(w0);
    const [{ id }] = await county.db.query<{ id: number }>('SELECT max(id) + 1 AS id FROM key_sites');
    await county.db.query(`INSERT INTO key_sites (id, kind, coverage_category, target_pct, name, lon, lat) VALUES (?, 'school', 'public_place', 100, '缓存测试学校', ?, ?)`, [id, empty[0], empty[1]]);
    expect(await coverageWorld(county.db)).toBe(w0); // not yet announced
    bumpDataVersion(county.db, ['sites']);
    const w1 = await coverageWorld(county.db);
    expect(w1 === w0).toBe(false);
    expect(w1.sites.length).toBe(w0.sites.length + 1);
    expect(w1.sites.some((s) => s.name === '缓存测试学校')).toBe(true);
    const s1 = await cameraState(county.db);
    expect(s1 === s0).toBe(false);
    expect(s1.counts.length).toBe(w1.points.size);
  }, 60_000);

  it('invalidateCoverageCaches drops the demand model and the density', async () => {
    const w = await coverageWorld(county.db);
    const d = await densityOf(county.db);
    invalidateCoverageCaches(county.db);
    // identity, not .not.toBe: on objects that differ vitest deep-compares them (minutes over 357,000 points)
    expect((await coverageWorld(county.db)) === w).toBe(false);
    expect((await densityOf(county.db)) === d).toBe(false);
  }, 60_000);
});

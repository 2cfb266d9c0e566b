// Invariants of the demo county, checked on the database the generator wrote (the same path `npm start` takes).
import * as turf from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dirname, join } from 'node:path';
import { rmSync } from 'node:fs';
import { pointInGeometry } from '../../shared/geo/point-in-polygon.js';
import type { Database } from '../../server/db/database.js';
import { Database as Db } from '../../server/db/database.js';
import { databaseFingerprint } from '../../server/db/fingerprint.js';
import { writeDemoDatabase } from '../../server/db/load-demo.js';
import { generateDemoCounty } from '../../server/demo/generate.js';
import { DEMO_YEARS, YEARLY_COUNTS } from '../../server/demo/incident-figures.js';
import { INCIDENT_CATEGORIES } from '../../shared/domain/categories.js';
import { openTestCounty, TEST_COUNTY_OPTIONS } from '../support/test-county.js';

type Area = Polygon | MultiPolygon;
let db: Database;
beforeAll(async () => (db = await openTestCounty()));
afterAll(() => db.close());

const geometries = async (table: string) => new Map((await db.query<{ code: string; geojson: string }>(`SELECT code, geojson FROM ${table}`)).map((r) => [r.code, JSON.parse(r.geojson) as Area]));

describe('demo county: administrative units', () => {
  it('has the real divisions of Tongyu and 1058 grids (seed 004)', async () => {
    const [r] = await db.query<Record<string, number>>(`SELECT (SELECT count(*) FROM townships) t, (SELECT count(*) FROM villages) v, (SELECT count(*) FROM grids) g,
      (SELECT sum(members) FROM grids) m, (SELECT count(DISTINCT leader || village_code) FROM grids) l`);
    expect(r).toMatchObject({ t: 22, v: 205, g: 1058, m: 1254 });
    expect(r.l).toBeGreaterThanOrEqual(600);
    const names = (await db.query<{ name: string }>('SELECT name FROM townships')).map((x) => x.name);
    expect(names).toEqual(expect.arrayContaining(['开通镇', '瞻榆镇', '向海蒙古族乡', '树满街道', '新华牛场']));
  });

  it('nests codes: grid codes extend their village code, village codes their township code', async () => {
    const [bad] = await db.query<{ n: number }>(`SELECT count(*) n FROM grids g JOIN villages v ON v.code = g.village_code
      WHERE NOT starts_with(g.code, v.code) OR length(g.code) <> 15 OR v.township_code <> g.township_code OR NOT starts_with(v.code, v.township_code)`);
    expect(bad.n).toBe(0);
  });

  it('puts every grid inside its village, and the grids of a village tile it', async () => {
    const villages = await geometries('villages');
    const grids = await db.query<{ code: string; village_code: string; geojson: string }>('SELECT code, village_code, geojson FROM grids');
    for (const g of grids) {
      const grid = JSON.parse(g.geojson) as Area;
      const inter = turf.intersect(turf.featureCollection([turf.feature(grid), turf.feature(villages.get(g.village_code)!)]));
      expect(inter, g.code).not.toBeNull();
      expect(turf.area(inter!) / turf.area(grid), g.code).toBeGreaterThan(0.999);
    }
    // Tiling: the grids of a village add up to the village's area.
    const byVillage = new Map<string, number>();
    for (const g of grids) byVillage.set(g.village_code, (byVillage.get(g.village_code) ?? 0) + turf.area(JSON.parse(g.geojson)));
    for (const [code, area] of byVillage) expect(area / turf.area(villages.get(code)!), code).toBeCloseTo(1, 3);
  });

  it('lays the townships inside the real county outline, covering it', async () => {
    const [county] = await db.query<{ geojson: string }>('SELECT geojson FROM county');
    const outline = JSON.parse(county.geojson) as Area;
    const townships = await geometries('townships');
    let sum = 0;
    for (const t of townships.values()) sum += turf.area(t);
    expect(sum / turf.area(outline)).toBeCloseTo(1, 3);
  });
});

describe('demo county: points', () => {
  it('puts every incident, camera and key site inside the polygon of the grid it names', async () => {
    const grids = await geometries('grids');
    for (const table of ['incidents', 'cameras', 'key_sites']) {
      const rows = await db.query<{ lon: number; lat: number; grid_code: string }>(`SELECT lon, lat, grid_code FROM ${table}`);
      const outside = rows.filter((r) => !r.grid_code || !pointInGeometry(r.lon, r.lat, grids.get(r.grid_code)!));
      expect(outside.length, table).toBe(0);
      expect(rows.length, table).toBeGreaterThan(300);
    }
  });

  it('has the public camera network of Tongyu 2022: 2394 public cameras, 70 face recognition', async () => {
    const rows = await db.query<{ kind: string; n: number; offline: number }>(`SELECT kind, count(*) n, count(*) FILTER (WHERE status = 'offline') offline FROM cameras GROUP BY 1`);
    const by = Object.fromEntries(rows.map((r) => [r.kind, r]));
    expect(by.public.n + by.face.n + by.checkpoint.n).toBe(2394);
    expect(by.face.n).toBe(70);
    expect(by.social.n).toBe(TEST_COUNTY_OPTIONS.socialCameras);
    const offlineShare = rows.reduce((s, r) => s + r.offline, 0) / rows.reduce((s, r) => s + r.n, 0);
    expect(offlineShare).toBeGreaterThan(0.01);
    expect(offlineShare).toBeLessThan(0.08);
  });

  it('leaves realistic coverage gaps: some village entrances have no camera nearby', async () => {
    const [r] = await db.query<{ entrances: number; watched: number }>(`SELECT count(*) entrances,
      count(*) FILTER (WHERE EXISTS (SELECT 1 FROM cameras c WHERE c.kind <> 'social' AND abs(c.lon - s.lon) < 0.0006 AND abs(c.lat - s.lat) < 0.0004)) watched
      FROM key_sites s WHERE kind = 'village_entrance'`);
    expect(r.watched / r.entrances).toBeGreaterThan(0.6);
    expect(r.watched / r.entrances).toBeLessThan(0.95);
  });
});

describe('demo county: incidents', () => {
  it('matches the yearly totals per category exactly', async () => {
    const rows = await db.query<{ y: number; category: string; n: number }>(
      `SELECT year(reported_at + INTERVAL 8 HOUR) y, category, count(*) n FROM incidents GROUP BY ALL`,
    );
    for (const c of INCIDENT_CATEGORIES)
      DEMO_YEARS.forEach((y, i) => expect(rows.find((r) => r.y === y && r.category === c)?.n ?? 0, `${c} ${y}`).toBe(YEARLY_COUNTS[c][i]));
  });

  it('is stored in time order, ids following time', async () => {
    const [r] = await db.query<{ unordered: number }>(`SELECT count(*) unordered FROM (SELECT reported_at, lag(reported_at) OVER (ORDER BY id) prev FROM incidents) WHERE reported_at < prev`);
    expect(r.unordered).toBe(0);
  });

  it('has a workflow: most cases closed, some open and overdue, timestamps in order', async () => {
    const [r] = await db.query<Record<string, number>>(`SELECT count(*) total, count(*) FILTER (WHERE status = 'closed') closed,
      count(*) FILTER (WHERE accepted_at < reported_at OR closed_at < assigned_at OR (status = 'closed') <> (closed_at IS NOT NULL)) broken FROM incidents`);
    expect(r.broken).toBe(0);
    expect(r.closed / r.total).toBeGreaterThan(0.94);
    expect(r.closed / r.total).toBeLessThan(0.995);
  });

  it('follows time patterns: theft peaks at night, public order in the summer campaign', async () => {
    const [t] = await db.query<{ night: number; morning: number }>(`SELECT count(*) FILTER (WHERE hour(reported_at + INTERVAL 8 HOUR) BETWEEN 0 AND 3) night,
      count(*) FILTER (WHERE hour(reported_at + INTERVAL 8 HOUR) BETWEEN 6 AND 9) morning FROM incidents WHERE category = 'theft'`);
    expect(t.night).toBeGreaterThan(1.5 * t.morning);
    const [p] = await db.query<{ summer: number; spring: number }>(`SELECT count(*) FILTER (WHERE month(reported_at + INTERVAL 8 HOUR) IN (6,7,8)) summer,
      count(*) FILTER (WHERE month(reported_at + INTERVAL 8 HOUR) IN (3,4,5)) spring FROM incidents WHERE category = 'public_order'`);
    expect(p.summer).toBeGreaterThan(1.2 * p.spring);
  });

  it('plants an emerging hotspot that is absent in 2024 and strong in 2026, and a fading one the reverse', async () => {
    const rows = await db.query<{ kind: string; y: number; n: number }>(`SELECT h.kind, year(i.reported_at + INTERVAL 8 HOUR) y, count(*) n FROM incidents i
      JOIN demo_hotspots h ON h.id = i.hotspot_id GROUP BY ALL`);
    const n = (kind: string, y: number) => rows.filter((r) => r.kind === kind && r.y === y).reduce((s, r) => s + r.n, 0);
    expect(n('emerging', 2024)).toBe(0);
    expect(n('emerging', 2026)).toBeGreaterThan(50);
    expect(n('fading', 2024)).toBeGreaterThan(50);
    expect(n('fading', 2026)).toBe(0);
  });
});

describe('demo county: determinism', () => {
  it('builds the same content from the same seed, and different content from another seed', async () => {
    const dir = dirname(inject('countyDbPath'));
    const again = join(dir, 'again.duckdb');
    const other = join(dir, 'other.duckdb');
    await writeDemoDatabase(again, generateDemoCounty(TEST_COUNTY_OPTIONS));
    await writeDemoDatabase(other, generateDemoCounty({ ...TEST_COUNTY_OPTIONS, seed: 7 }));
    const [a, b] = [await Db.open(again, { readOnly: true }), await Db.open(other, { readOnly: true })];
    try {
      const base = await databaseFingerprint(db);
      expect(await databaseFingerprint(a)).toBe(base);
      expect(await databaseFingerprint(b)).not.toBe(base);
    } finally {
      a.close();
      b.close();
      for (const p of [again, other]) rmSync(p, { force: true });
    }
  }, 120_000);
});

// Writes a generated demo county into a fresh DuckDB file. Built under a temporary name and renamed at the
// end, so a crash or kill during the build never leaves a half-written database behind.
import { DuckDBInstance, type DuckDBAppender, type DuckDBConnection, dateValue, timestampValue } from '@duckdb/node-api';
import { latLngToCell } from 'h3-js';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { geometryBBox } from '../../shared/geo/polygon-locator.js';
import { bboxOfPoints } from '../../shared/geo/geo.js';
import { COVERAGE_TARGETS, SITE_KIND_INFO } from '../../shared/domain/sites.js';
import type { DemoCounty } from '../demo/generate.js';
import { PolygonLocator } from '../../shared/geo/polygon-locator.js';
import { escalateOverdue } from '../cases/escalation-job.js';
import { seedHistory } from '../cases/seed-history.js';
import { SCHEMA_SQL } from './database.js';
import { SEED_CATEGORIES_SQL } from './categories-seed.js';
import { baseCell } from '../analysis/heat-cells.js';
import { h3ToBigInt, STORED_H3_RESOLUTION } from '../analysis/h3-cells.js';

/** A cell value. Plain numbers are INTEGER columns; doubles are wrapped (a whole-number double like 100.0
 * must still be appended as DOUBLE); dates and timestamps are wrapped too. */
type Cell = string | number | boolean | null | bigint | { double: number } | { date: string } | { ts: number };

function appendRow(a: DuckDBAppender, cells: Cell[]): void {
  for (const c of cells) {
    if (c === null) a.appendNull();
    else if (typeof c === 'string') a.appendVarchar(c);
    else if (typeof c === 'boolean') a.appendBoolean(c);
    else if (typeof c === 'bigint') a.appendUBigInt(c);
    else if (typeof c === 'number') a.appendInteger(c);
    else if ('double' in c) a.appendDouble(c.double);
    else if ('date' in c) a.appendDate(dateValue(Math.round(Date.parse(`${c.date}T00:00:00Z`) / 86400000)));
    else a.appendTimestamp(timestampValue(BigInt(c.ts) * 1000n));
  }
  a.endRow();
}
const f = (x: number): Cell => ({ double: x });
const ts = (t: number | null): Cell => (t === null ? null : { ts: t });
export const h3Cell = (lon: number, lat: number): bigint => h3ToBigInt(latLngToCell(lat, lon, STORED_H3_RESOLUTION));

/** Incidents appended between checkpoints of the staging table (about 40 MB of rows). */
const STAGING_BATCH_ROWS = 250_000;

/** Cases whose history is written per batch in the build (about 4 history rows each), checkpointed between. */
const HISTORY_BATCH_CASES = 1_000_000;

/** Every generated case gets its history, in batches of case ids each checkpointed to the file, and what fell
 * overdue before the data end is escalated. Exported for finishing a build whose incidents are already written. */
export async function writeCaseHistories(con: DuckDBConnection, onProgress: (msg: string) => void = () => {}): Promise<void> {
  await seedHistory(con, 'true', [], 'demo', {
    cases: HISTORY_BATCH_CASES,
    between: async () => {
      await con.run('CHECKPOINT');
      onProgress('case histories: a batch written');
    },
  });
  onProgress('case histories seeded');
  await escalateOverdue(con, Number((await con.runAndReadAll('SELECT epoch_ms(max(reported_at)) FROM incidents')).getRows()[0][0] ?? 0));
  await con.run('CHECKPOINT');
  onProgress('overdue cases escalated');
}

export async function writeDemoDatabase(path: string, county: DemoCounty, onProgress: (msg: string) => void = () => {}): Promise<void> {
  const tmp = `${path}.building`;
  for (const p of [tmp, `${tmp}.wal`]) if (existsSync(p)) rmSync(p);
  // The time-ordered copy of 10M incidents sorts more than fits a small server: DuckDB spills to disk beyond
  // this limit instead of taking all memory (the 10M build peaked at 10 GB RSS without it).
  const instance = await DuckDBInstance.create(tmp, { memory_limit: process.env.BUILD_MEMORY_LIMIT ?? '1500MB', temp_directory: `${tmp}.spill` });
  const con = await instance.connect();
  try {
    await con.run(SCHEMA_SQL);
    await con.run(SEED_CATEGORIES_SQL); // the jurisdiction's category vocabulary starts as the eleven
    const append = async (table: string, rows: Iterable<Cell[]>) => {
      const a = await con.createAppender(table);
      for (const r of rows) appendRow(a, r);
      a.closeSync();
    };
    const c = county.county;
    const cb = geometryBBox(c.outline);
    await append('meta', [
      ['seed', String(county.options.seed)],
      ['social_cameras', String(county.options.socialCameras)],
      ['incident_scale', String(county.options.incidentScale)],
      ['data_end', c.dataEnd],
      ['source', 'demo'],
      ['demo', county.kind],
      // Township and village polygons of an empty jurisdiction are generated placeholders until imported.
      ...(county.kind === 'none' ? [['provisional_areas', county.counties.some((k) => k.provisional) ? 'county,township,village' : 'township,village']] : []),
    ]);
    await append('county', [[c.code, c.name, f(c.seat[0]), f(c.seat[1]), ...cb.map(f), JSON.stringify(c.outline), c.province, c.prefecture, c.timeZone]]);
    await append('neighbours', county.neighbours.map((n) => [n.code, n.name, n.province, n.kind, JSON.stringify(n.geometry)]));
    await append('counties', county.counties.map((k) => [k.code, k.name, k.kind, f(k.seat[0]), f(k.seat[1]), ...geometryBBox(k.outline).map(f), JSON.stringify(k.outline)]));
    await append('townships', county.townships.map((t) => [t.code, t.name, t.kind, f(t.seat[0]), f(t.seat[1]), ...geometryBBox(t.geometry).map(f), JSON.stringify(t.geometry)]));
    await append('villages', county.villages.map((v) => [v.code, v.name, v.officialName, v.townshipCode, v.kind, f(v.centre[0]), f(v.centre[1]), ...geometryBBox(v.geometry).map(f), JSON.stringify(v.geometry)]));
    await append('grids', county.grids.map((g) => [g.code, g.name, g.villageCode, g.townshipCode, g.kind, g.placeName, g.leader, g.members, g.households, f(g.centre[0]), f(g.centre[1]), ...geometryBBox(g.geometry).map(f), JSON.stringify(g.geometry)]));
    await append('settlements', county.settlements.map((s) => [s.name, s.kind, f(s.position[0]), f(s.position[1]), s.population, s.villageCode, s.townshipCode]));
    await append('roads', county.roads.map((r) => [r.id, r.name, r.roadClass, f(r.lengthM), r.townshipCode, ...bboxOfPoints(r.line).map(f), JSON.stringify({ type: 'LineString', coordinates: r.line })]));
    onProgress('admin units, roads and settlements written');

    // An empty jurisdiction (DEMO=none) has no grids, and no points to place in them.
    const locator = county.grids.length ? new PolygonLocator(county.grids.map((g) => ({ geometry: g.geometry, value: g }))) : null;
    const codes = (lon: number, lat: number): Cell[] => {
      const g = locator?.locate(lon, lat);
      return [g?.code ?? null, g?.villageCode ?? null, g?.townshipCode ?? null];
    };
    await append('key_sites', county.sites.map((s) => {
      const cat = SITE_KIND_INFO[s.kind].category;
      return [s.id, s.kind, cat, f(COVERAGE_TARGETS[cat].targetPct), s.name, f(s.position[0]), f(s.position[1]), ...codes(s.position[0], s.position[1])];
    }));
    await append('police_stations', county.police.map((p) => [p.id, p.name, p.kind, f(p.position[0]), f(p.position[1]), p.townshipCode, p.units]));
    await append('cameras', county.cameras.map((k) => [k.id, k.name, k.kind, f(k.position[0]), f(k.position[1]), f(k.bearing), f(k.fov), f(k.rangeM), k.status, { date: k.installedOn }, ...codes(k.position[0], k.position[1]), h3Cell(k.position[0], k.position[1])]));
    await append('demo_hotspots', county.hotspots.map((h) => [h.id, h.name, h.kind, f(h.centre[0]), f(h.centre[1]), f(h.radiusM), Object.keys(h.shares).join(','), { date: h.window.from }, { date: h.window.to }]));
    onProgress(`${county.cameras.length} cameras and ${county.sites.length} key sites written`);

    // Incidents stream into a staging table, then are copied in time order (zone maps skip by time). The staging
    // table is an ordinary one in the file, not a TEMP table: DuckDB keeps a temporary table's rows in memory up
    // to memory_limit and then fails ("failed to pin block"): the 10M build died so at 9.5M rows, 1.79 GB RSS.
    // An ordinary table's rows leave memory once checkpointed to the file, which the batches below do.
    await con.run(`CREATE TABLE incidents_staging AS SELECT * EXCLUDE (id, level, level_due_at, assignee, supervised, reporter, history_seq), 0::BIGINT AS seq FROM incidents LIMIT 0`);
    // In batches: each one's appender is closed (committed) and checkpointed to the file before the next, so at most
    // a batch of rows is held in memory, whatever the count.
    let a = await con.createAppender('incidents_staging');
    let n = 0;
    for (const i of county.incidents()) {
      appendRow(a, [i.category, i.title, i.address, f(i.position[0]), f(i.position[1]), baseCell(i.position[0]), baseCell(i.position[1]), i.gridCode, i.villageCode, i.townshipCode, h3Cell(i.position[0], i.position[1]),
        ts(i.reportedAt), ts(i.acceptedAt), ts(i.assignedAt), ts(i.closedAt), ts(i.dueAt), i.status, i.resolved, i.source, i.hotspotId, null, i.seq]);
      if (++n % STAGING_BATCH_ROWS === 0) {
        a.closeSync();
        await con.run('CHECKPOINT');
        a = await con.createAppender('incidents_staging');
      }
      if (n % 500000 === 0) onProgress(`${n.toLocaleString('en')} incidents generated`);
    }
    a.closeSync();
    await con.run('CHECKPOINT');
    onProgress(`${n.toLocaleString('en')} incidents staged`);
    await con.run(`INSERT INTO incidents BY NAME SELECT row_number() OVER (ORDER BY reported_at, seq) AS id, * EXCLUDE (seq) FROM incidents_staging ORDER BY reported_at, seq`);
    await con.run('DROP TABLE incidents_staging');
    onProgress('incidents in time order');
    await writeCaseHistories(con, onProgress);
    onProgress(`${n.toLocaleString('en')} incidents written`);
  } finally {
    con.closeSync();
    instance.closeSync();
  }
  renameSync(tmp, path);
  if (existsSync(`${tmp}.wal`)) rmSync(`${tmp}.wal`);
  rmSync(`${tmp}.spill`, { recursive: true, force: true });
}


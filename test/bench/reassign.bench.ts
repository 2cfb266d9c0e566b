// npm run bench (part): a grid-set import on the 1M-incident county (10M with --10m) — the whole import (GeoJSON parse, feature
// checks with overlap and outline areas, replace, re-assignment of 1M incidents + cameras + sites, COMMIT)
// and, inside it, the re-assignment step alone (read the points, point-in-polygon, write the changed codes).
// Runs alternate between two grid sets (the county's own, and the same with two neighbours merged) so every
// run moves points. Seeded county, one warm-up run, p50/p99 over the timed runs.
import { copyFileSync, rmSync } from 'node:fs';
import { union, featureCollection, feature } from '@turf/turf';
import { Database } from '../../server/db/database.js';
import { importAreas } from '../../server/import/import-areas.js';
import { summarise } from './stats.js';
import { benchCountyFile, machineLine } from './bench-county.js';

const base = await benchCountyFile();
console.log(machineLine());
const copy = `var/bench/reassign-${process.pid}.duckdb`;
copyFileSync(base, copy);
const db = await Database.open(copy);
try {
  const grids = await db.query<{ code: string; name: string; village_code: string; geojson: string }>('SELECT code, name, village_code, geojson FROM grids ORDER BY code');
  const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::INTEGER n FROM incidents');
  const own = grids.map((g) => ({ type: 'Feature', properties: { code: g.code, name: g.name }, geometry: JSON.parse(g.geojson) }));
  const [g0, g1] = grids.filter((g) => g.village_code === grids[0].village_code);
  const merged = union(featureCollection([feature(JSON.parse(g0.geojson)), feature(JSON.parse(g1.geojson))]))!.geometry;
  const other = own.filter((f) => f.properties.code !== g1.code).map((f) => (f.properties.code === g0.code ? { ...f, geometry: merged } : f));
  const files = [other, own].map((features) => Buffer.from(JSON.stringify({ type: 'FeatureCollection', features })));
  console.log(`grid import: ${grids.length} grids (${(files[1].length / 1048576).toFixed(1)} MB GeoJSON), ${n.toLocaleString('en')} incidents re-assigned`);

  const total: number[] = [], reassign: number[] = [];
  let last: Awaited<ReturnType<typeof importAreas>> | undefined;
  for (let run = 0; run < 5; run++) {
    let start = 0, end = 0;
    const t0 = performance.now();
    last = await importAreas(db, files[run % 2], {
      level: 'grid', crs: 'wgs84',
      onProgress: (stage) => { if (stage.startsWith('reassigning') && !start) start = performance.now(); },
      beforeCommit: async () => { end = performance.now(); },
    });
    const ms = performance.now() - t0;
    if (!last.committed) throw new Error(`import refused: ${JSON.stringify(last.rejected.slice(0, 3))} ${last.fileError}`);
    if (run > 0) { total.push(ms); reassign.push(end - start); }
  }
  console.log(summarise('grid import (checks + replace + re-assign + commit)', total));
  console.log(summarise(`re-assign ${n.toLocaleString('en')} incidents + cameras + sites (read, PIP, write changed)`, reassign));
  console.log(`  last run: incidents ${JSON.stringify(last!.reassigned!.incidents)}, cameras ${JSON.stringify(last!.reassigned!.cameras)}`);
} finally {
  db.close();
  rmSync(copy, { force: true });
  rmSync(`${copy}.wal`, { force: true });
}

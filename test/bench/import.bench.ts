// npm run bench (part): the import path at volume.
// 1. Import of 100,000 incident rows into the 1M-incident county (10M with --10m) (a fresh copy per run): half with GCJ-02
//    coordinates, half with only a Chinese address (geocoded) — CSV parse, checks, CRS conversion, geocoding,
//    grid assignment, staging and the one-transaction insert. Target: under 10 s.
// 2. Point-in-polygon of 1,000,000 points against the 1058 grids (flatbush + ray casting). Target: under 0.5 s.
// Seeded inputs, one warm-up run each, p50/p99 over the timed runs.
import { copyFileSync, rmSync } from 'node:fs';
import type { MultiPolygon, Polygon } from 'geojson';
import { convertPoint } from '../../server/analysis/crs.js';
import { PolygonLocator } from '../../shared/geo/polygon-locator.js';
import { BinnedLocator } from '../../server/analysis/binned-locator.js';
import { Database } from '../../server/db/database.js';
import { CATEGORY_INFO, INCIDENT_CATEGORIES } from '../../shared/domain/categories.js';
import { importIncidents } from '../../server/import/import-incidents.js';
import { seeded, summarise } from './stats.js';
import { benchCountyFile, machineLine } from './bench-county.js';

const ROWS = 100_000;
const base = await benchCountyFile();
console.log(machineLine());
const random = seeded(606);

// Inputs drawn from the county itself: positions and addresses of existing incidents (the addresses as the
// generator writes them: hamlets, streets with house numbers, roads near villages).
const src = await Database.open(base, { readOnly: true });
const sample = await src.query<{ lon: number; lat: number; address: string }>(`SELECT lon, lat, address FROM incidents USING SAMPLE ${ROWS} ROWS (reservoir, 606)`);
const grids = await src.query<{ code: string; geojson: string }>('SELECT code, geojson FROM grids ORDER BY code');
const [bbox] = await src.query<{ min_lon: number; min_lat: number; max_lon: number; max_lat: number }>('SELECT min_lon, min_lat, max_lon, max_lat FROM county');
src.close();

const lines = ['编号,类别,时间,经度,纬度,地址,描述'];
for (let i = 0; i < ROWS; i++) {
  const s = sample[i % sample.length];
  const cat = INCIDENT_CATEGORIES[Math.floor(random() * INCIDENT_CATEGORIES.length)];
  const t = new Date(Date.UTC(2025, 0, 1) + Math.floor(random() * 300 * 86400) * 1000).toISOString().slice(0, 16).replace('T', ' ');
  if (i % 2 === 0) {
    const [x, y] = convertPoint(s.lon, s.lat, 'wgs84', 'gcj02');
    lines.push(`B${i},${CATEGORY_INFO[cat].zh},${t},${x.toFixed(7)},${y.toFixed(7)},,批量`);
  } else lines.push(`B${i},${CATEGORY_INFO[cat].zh},${t},,,${s.address},批量`);
}
const csv = Buffer.from(lines.join('\n'));
console.log(`import: ${ROWS.toLocaleString('en')} rows (${(csv.length / 1048576).toFixed(1)} MB), half GCJ-02 points, half addresses; into a copy of the 1M county`);

const samples: number[] = [];
let last: Awaited<ReturnType<typeof importIncidents>> | null = null;
for (let run = 0; run < 4; run++) {
  const path = `var/bench/import-run.duckdb`;
  for (const p of [path, `${path}.wal`]) rmSync(p, { force: true });
  copyFileSync(base, path);
  const db = await Database.open(path);
  const t0 = performance.now();
  last = await importIncidents(db, csv, { crs: 'gcj02' });
  const ms = performance.now() - t0;
  db.close();
  if (run > 0) samples.push(ms); // run 0 warms up (and includes loading the county context)
  rmSync(path, { force: true });
  rmSync(`${path}.wal`, { force: true });
}
const p50 = [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];
console.log(summarise('import 100k rows (parse+geocode+grid+write)', samples, { p50: 10_000 }));
console.log(`  imported ${last!.imported.toLocaleString('en')}, refused ${last!.rejected.length}, geocoded ${JSON.stringify(last!.geocoded)}; ${Math.round(ROWS / (p50 / 1000)).toLocaleString('en')} rows/s at p50`);
if (last!.rejected.length) console.log(`  first refusals: ${last!.rejected.slice(0, 3).map((r) => `${r.line}: ${r.reason}`).join(' | ')}`);

// Point-in-polygon, 1M points uniformly in the county's bounding box.
const polys = grids.map((g) => ({ geometry: JSON.parse(g.geojson) as Polygon | MultiPolygon, value: g.code }));
const N = 1_000_000;
const xs = new Float64Array(N), ys = new Float64Array(N);
for (let i = 0; i < N; i++) {
  xs[i] = bbox.min_lon + random() * (bbox.max_lon - bbox.min_lon);
  ys[i] = bbox.min_lat + random() * (bbox.max_lat - bbox.min_lat);
}
for (const [label, make] of [
  ['PolygonLocator (flatbush + ray casting)', () => new PolygonLocator(polys)],
  ['BinnedLocator (512 bins across, used by import)', () => new BinnedLocator(polys)],
] as const) {
  const tb = performance.now();
  const locator = make();
  const buildMs = performance.now() - tb;
  const pip: number[] = [];
  let found = 0;
  for (let run = 0; run < 6; run++) {
    const t0 = performance.now();
    let n = 0;
    for (let i = 0; i < N; i++) if (locator.locate(xs[i], ys[i]) !== undefined) n++;
    const ms = performance.now() - t0;
    found = n;
    if (run > 0) pip.push(ms);
  }
  const pipP50 = [...pip].sort((a, b) => a - b)[Math.floor(pip.length / 2)];
  console.log(summarise(`PIP 1M points, 1058 grids: ${label}`, pip, { p50: 500 }));
  console.log(`  index built in ${buildMs.toFixed(0)} ms; ${found.toLocaleString('en')} of 1,000,000 inside a grid; ${(N / (pipP50 / 1000) / 1e6).toFixed(2)} M points/s at p50`);
}

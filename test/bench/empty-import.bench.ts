// npm run bench -- empty-import [--rows=N] [--sizes=N,N…]: a county's first incident file, 1,000,000 rows by default, into an
// empty jurisdiction — Tongyu built with DEMO=none (outline, real townships and villages, nothing else), its
// villages imported as grids through the real polygon import (one grid per village: incidents need a grid),
// then one CSV of WGS-84 points inside the outline with the categories' Chinese names and times over a year,
// imported in one transaction (importIncidents: parse, checks, grid assignment, staging, insert).
// Prints rows/s, the CPU time per row (process.cpuUsage: this process's threads, DuckDB's included; wall-clock
// figures are inflated on a shared machine), each stage's wall and CPU seconds, the file size, the process's
// peak RSS and the load average before and after.
//
// `--sizes=100000,300000,1000000` runs each size in a process of its own and checks that the import stays
// linear: the CPU time per row at the largest size, not counting the first stage (reading the jurisdiction's
// grids and gazetteer, the same for every size), must be within 1.5× of the smallest's (the checking step
// once grew quadratically, issue 10: the CSV reader re-split the rest of the file at every pause; 1.96×
// from 100k to 1M rows then).
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import type { MultiPolygon, Polygon } from 'geojson';
import { pointInGeometry } from '../../shared/geo/point-in-polygon.js';
import { CATEGORY_INFO, INCIDENT_CATEGORIES } from '../../shared/domain/categories.js';
import { Database } from '../../server/db/database.js';
import { buildJurisdictionDatabase } from '../../server/db/open-or-build.js';
import { useJurisdictionClock } from '../../server/jurisdiction/jurisdiction.js';
import { importAreas } from '../../server/import/import-areas.js';
import { importIncidents } from '../../server/import/import-incidents.js';
import { machineLine } from './bench-county.js';
import { seeded } from './stats.js';

// `--rows=N` or `--rows N` (npm run bench passes on only arguments that start with --: use the first form there)
const arg = (name: string) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : process.argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
};
const sizes = arg('--sizes');
if (sizes) {
  // One process per size (peak RSS and heap of each alone); the last line of each is its JSON summary.
  const runs: { rows: number; seconds: number; cpuSeconds: number; setUpCpuSeconds: number }[] = [];
  for (const n of sizes.split(',').map(Number)) {
    const r = spawnSync(process.execPath, [...process.execArgv, process.argv[1], '--rows', String(n)], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 1 << 26 });
    process.stdout.write(r.stdout);
    if (r.status !== 0) process.exit(r.status ?? 1);
    runs.push(JSON.parse(r.stdout.trim().split('\n').at(-1)!));
  }
  const perRow = (r: (typeof runs)[number]) => (r.cpuSeconds - r.setUpCpuSeconds) / r.rows;
  console.log('\nrows        wall s   rows/s   CPU µs/row   after set-up');
  for (const r of runs) console.log(`${r.rows.toLocaleString('en').padEnd(11)} ${r.seconds.toFixed(1).padStart(6)} ${Math.round(r.rows / r.seconds).toLocaleString('en').padStart(8)} ${((r.cpuSeconds / r.rows) * 1e6).toFixed(1).padStart(10)} ${(perRow(r) * 1e6).toFixed(1).padStart(14)}`);
  const growth = perRow(runs.at(-1)!) / perRow(runs[0]);
  console.log(`CPU time per row after set-up, largest / smallest size: ${growth.toFixed(2)}× (${machineLine()})`);
  if (growth > 1.5) throw new Error(`the import is not linear: CPU time per row grew ${growth.toFixed(2)}× from ${runs[0].rows} to ${runs.at(-1)!.rows} rows`);
  process.exit(0);
}
const ROWS = Number(arg('--rows') ?? 1_000_000);
const path = 'var/bench/empty-import.duckdb';
mkdirSync('var/bench', { recursive: true });
for (const p of [path, `${path}.wal`]) rmSync(p, { force: true });

console.log(`empty-jurisdiction import — before: ${machineLine()}`);
let t = performance.now();
await buildJurisdictionDatabase(path, { county: '220822', demo: 'none' }, () => {});
const db = await Database.open(path);
await useJurisdictionClock(db);
const villages = await db.query<{ code: string; name: string; geojson: string }>('SELECT code, name, geojson FROM villages ORDER BY code');
const grids = JSON.stringify({ type: 'FeatureCollection', features: villages.map((v) => ({ type: 'Feature', properties: { code: `${v.code}001`, name: `${v.name}网格` }, geometry: JSON.parse(v.geojson) })) });
const areas = await importAreas(db, Buffer.from(grids), { level: 'grid' });
if (!areas.committed) throw new Error(`grid import refused: ${JSON.stringify(areas.rejected?.slice(0, 2) ?? areas)}`);
console.log(`set-up: DEMO=none 220822 and ${villages.length} grids imported in ${((performance.now() - t) / 1000).toFixed(1)} s`);

// The file: points uniform inside the outline (rejection sampling in the bounding box), seeded.
const [c] = await db.query<{ geojson: string; min_lon: number; min_lat: number; max_lon: number; max_lat: number }>('SELECT geojson, min_lon, min_lat, max_lon, max_lat FROM county');
const outline = JSON.parse(c.geojson) as Polygon | MultiPolygon;
const random = seeded(1010);
const lines = ['编号,类别,时间,经度,纬度,地址'];
for (let i = 0; lines.length <= ROWS; i++) {
  const lon = c.min_lon + random() * (c.max_lon - c.min_lon), lat = c.min_lat + random() * (c.max_lat - c.min_lat);
  if (!pointInGeometry(lon, lat, outline)) continue;
  const cat = INCIDENT_CATEGORIES[Math.floor(random() * INCIDENT_CATEGORIES.length)];
  const when = new Date(Date.UTC(2025, 0, 1) + Math.floor(random() * 365 * 86400) * 1000).toISOString().slice(0, 16).replace('T', ' ');
  lines.push(`E${lines.length},${CATEGORY_INFO[cat].zh},${when},${lon.toFixed(6)},${lat.toFixed(6)},`);
}
const csv = Buffer.from(lines.join('\n'));
lines.length = 0;

const cpuNow = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
t = performance.now();
const cpu0 = cpuNow();
// Where the time goes: each stage of the import (parse and check, stage, write) with the wall and CPU
// seconds it took, and the most heap in use at a stage's end.
const stages: [string, number, number][] = [];
let stageStart = t, stageCpu = cpu0, stageName = 'decoding', heapPeak = 0;
const endStage = () => {
  const now = performance.now(), c = cpuNow();
  stages.push([stageName, (now - stageStart) / 1000, c - stageCpu]);
  (globalThis as { gc?: () => void }).gc?.(); // with --expose-gc: the live heap, not the garbage not yet collected
  heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  stageStart = now;
  stageCpu = c;
};
const onProgress = (stage: string) => {
  const name = stage.replace(/\s*\(.*\)$|\s+\d+.*$/, '');
  if (name === stageName) return;
  endStage();
  stageName = name;
};
const report = await importIncidents(db, csv, { crs: 'wgs84', onProgress });
const seconds = (performance.now() - t) / 1000;
const cpuSeconds = cpuNow() - cpu0;
endStage();
const [n] = await db.query<{ n: number }>('SELECT count(*)::INTEGER n FROM incidents');
db.close();
console.log(`import: ${ROWS.toLocaleString('en')} rows (${(csv.length / 1048576).toFixed(1)} MB CSV) in ${seconds.toFixed(1)} s = ${Math.round(ROWS / seconds).toLocaleString('en')} rows/s; ` +
  `committed ${report.committed}, imported ${report.imported.toLocaleString('en')} (stored ${n.n.toLocaleString('en')}), refused ${report.rejected.length}`);
console.log(`  CPU ${cpuSeconds.toFixed(1)} s = ${((cpuSeconds / ROWS) * 1e6).toFixed(1)} µs/row; stages (wall s / CPU s): ${stages.map(([n, sec, c]) => `${n} ${sec.toFixed(1)} / ${c.toFixed(1)}`).join(', ')}`);
console.log(`  database ${(statSync(path).size / 1e6).toFixed(1)} MB, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB, heap at most ${(heapPeak / 1048576).toFixed(0)} MB at a stage's end${'gc' in globalThis ? ' (live, after a full GC)' : ' (garbage included; --expose-gc for the live heap)'}; after: ${machineLine()}`);
if (!report.committed || n.n !== ROWS) throw new Error(`expected ${ROWS} rows stored, got ${n.n}: ${report.rejected.slice(0, 3).map((r) => r.reason).join(' | ')}`);
for (const p of [path, `${path}.wal`]) rmSync(p, { force: true });
console.log(JSON.stringify({ rows: ROWS, seconds, cpuSeconds, setUpCpuSeconds: stages[0][2] }));

// npm run bench -- empty-import [--rows N]: a county's first incident file, 1,000,000 rows by default, into an
// empty jurisdiction — Tongyu built with DEMO=none (outline, real townships and villages, nothing else), its
// villages imported as grids through the real polygon import (one grid per village: incidents need a grid),
// then one CSV of WGS-84 points inside the outline with the categories' Chinese names and times over a year,
// imported in one transaction (importIncidents: parse, checks, grid assignment, staging, insert).
// Prints rows/s, the file size, the process's peak RSS and the load average before and after (shared machine).
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

const at = process.argv.indexOf('--rows');
const ROWS = at > 0 ? Number(process.argv[at + 1]) : 1_000_000;
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

t = performance.now();
// Where the time goes: each stage of the import (parse and check, stage, write) with the seconds it took.
const stages: [string, number][] = [];
let stageStart = t, stageName = 'decoding';
const onProgress = (stage: string) => {
  const name = stage.replace(/\s*\(.*\)$|\s+\d+.*$/, '');
  if (name === stageName) return;
  const now = performance.now();
  stages.push([stageName, (now - stageStart) / 1000]);
  stageName = name;
  stageStart = now;
};
const report = await importIncidents(db, csv, { crs: 'wgs84', onProgress });
const seconds = (performance.now() - t) / 1000;
stages.push([stageName, (performance.now() - stageStart) / 1000]);
const [n] = await db.query<{ n: number }>('SELECT count(*)::INTEGER n FROM incidents');
db.close();
console.log(`import: ${ROWS.toLocaleString('en')} rows (${(csv.length / 1048576).toFixed(1)} MB CSV) in ${seconds.toFixed(1)} s = ${Math.round(ROWS / seconds).toLocaleString('en')} rows/s; ` +
  `committed ${report.committed}, imported ${report.imported.toLocaleString('en')} (stored ${n.n.toLocaleString('en')}), refused ${report.rejected.length}`);
console.log(`  stages: ${stages.map(([n, sec]) => `${n} ${sec.toFixed(1)} s`).join(', ')}`);
console.log(`  database ${(statSync(path).size / 1e6).toFixed(1)} MB, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; after: ${machineLine()}`);
if (!report.committed || n.n !== ROWS) throw new Error(`expected ${ROWS} rows stored, got ${n.n}: ${report.rejected.slice(0, 3).map((r) => r.reason).join(' | ')}`);
for (const p of [path, `${path}.wal`]) rmSync(p, { force: true });

// npm run bench (this file: tsx test/bench/patrol.bench.ts)
// The patrol planner on the default demo county (seed 220822): a 6-hour shift route over the county road graph
// (target < 500 ms) and response isochrones for all stations (target < 1 s). Both are measured as the pure
// computation on warm caches and as the whole HTTP request in-process (SQL included). Seeded: the same
// stations, shifts and seeds every run; warm-up runs first; a sink keeps the work from being optimised away.
import { existsSync, mkdirSync } from 'node:fs';
import { Database } from '../../server/db/database.js';
import { ensureAccountsInFile, signIn } from '../support/session.js';
import { writeDemoDatabase } from '../../server/db/load-demo.js';
import { generateDemoCounty } from '../../server/demo/generate.js';
import { createApp } from '../../server/app.js';
import { buildRoadGraph } from '../../server/analysis/road-graph.js';
import { cellSeconds, isochroneBands, stationReach } from '../../server/analysis/isochrones.js';
import { DEFAULT_SPEEDS, patrolData } from '../../server/routes/patrol/patrol.data.js';
import { countyCells, riskWindow } from '../../server/routes/patrol/patrol.service.js';
import { planPatrol } from '../../server/routes/patrol/route-plan.js';
import { ALL_DAYS, WEEKDAYS, WEEKENDS } from '../../server/analysis/risk-windows.js';
import { seeded, summarise } from './stats.js';
import { machineLine } from './bench-county.js';

console.log(machineLine());

const path = 'var/bench/patrol-county.duckdb';
if (!existsSync(path)) {
  mkdirSync('var/bench', { recursive: true });
  console.log('building the demo county for the benchmark (once)…');
  await writeDemoDatabase(path, generateDemoCounty({ seed: 220822, socialCameras: 2000 }));
}
await ensureAccountsInFile(path);
const db = await Database.open(path, { readOnly: true });
const app = await signIn(createApp(db), 'dispatcher');
const random = seeded(5);
let sink = 0;

const time = async <T>(f: () => T | Promise<T>): Promise<[number, T]> => {
  const t = performance.now();
  const r = await f();
  return [performance.now() - t, r];
};

// Graph build (once per database, then cached).
const data = await patrolData(db);
{
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) samples.push((await time(() => buildRoadGraph(data.roads, { speedKmh: DEFAULT_SPEEDS })))[0]);
  console.log(summarise(`road graph build (${data.graph.nodeCount} nodes)`, samples));
}

// 6-hour shift routes: random station, start hour, day type, 1–3 units, seeded randomisation.
const shifts = () => {
  const start = [18, 20, 22, 0, 6, 8][Math.floor(random() * 6)];
  const days = [WEEKDAYS, WEEKENDS, ALL_DAYS][Math.floor(random() * 3)];
  return { startHour: start, endHour: (start + 6) % 24, days: [...days] };
};
const pick = () => data.stations[Math.floor(random() * data.stations.length)];
{
  const pure: number[] = [], full: number[] = [];
  for (let i = 0; i < 45; i++) {
    const shift = shifts();
    const station = pick();
    const units = 1 + Math.floor(random() * 3);
    const seed = Math.floor(random() * 1e6);
    const risk = await riskWindow(db, { shift, lookbackDays: 180, halfLifeDays: 60, resolution: 8, filter: {} });
    const [ms, plan] = await time(() => planPatrol(data, { station, cells: risk.cells, totalRisk: risk.totalRisk, budgetMin: 360, dwellMin: 10, units, candidates: 40, seed, weights: data.graph.timeS }));
    sink += plan.collectedRisk;
    const [ms2, res] = await time(() => app('/api/patrol/route', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ stationId: station.id, start: shift.startHour, end: shift.endHour, units, seed, budgetMin: 360 }) }));
    sink += (await res.text()).length;
    if (i >= 5) pure.push(ms), full.push(ms2); // first five are warm-up
  }
  console.log(summarise('6-h route plan, 1–3 units (planner only)', pure, { p50: 500, p99: 500 }));
  console.log(summarise('6-h route plan, POST /api/patrol/route', full, { p50: 500, p99: 500 }));
}

// Isochrones (5/10/15/30 min) for all 21 stations.
{
  const [cold] = await time(() => countyCells(data));
  console.log(`county H3 cells snapped to the graph (first request only, then cached): ${cold.toFixed(0)} ms`);
  const grid = countyCells(data);
  const pure: number[] = [], full: number[] = [];
  for (let i = 0; i < 25; i++) {
    const [ms, bands] = await time(() => {
      const reach = stationReach(data.graph, data.stations.map((s) => [s.lon, s.lat]), { maxSeconds: 1800 });
      return isochroneBands(grid, cellSeconds(grid, reach.best), [5, 10, 15, 30]);
    });
    sink += bands[3].cells;
    const [ms2, res] = await time(() => app('/api/patrol/isochrones?minutes=5,10,15,30'));
    sink += (await res.text()).length;
    if (i >= 5) pure.push(ms), full.push(ms2);
  }
  console.log(summarise(`isochrones, ${data.stations.length} stations (computation)`, pure, { p50: 1000, p99: 1000 }));
  console.log(summarise('isochrones, GET /api/patrol/isochrones', full, { p50: 1000, p99: 1000 }));
}

console.log(`(sink ${sink.toFixed(0)})`);
db.close();

import { Database } from '../../server/db/database.js';
import { cameraState, coverageWorld } from '../../server/routes/coverage/coverage.queries.js';
import { computeLedger } from '../../shared/geo/coverage-ledger.js';
const db = await Database.open('var/bench/coverage-county.duckdb', { readOnly: true });
const world = await coverageWorld(db); const state = await cameraState(db);
for (const gaps of [false, true]) {
  const s: number[] = [];
  for (let i = 0; i < 31; i++) { const t0 = performance.now(); computeLedger(world, state.counts, { level: 'grid', gaps }); s.push(performance.now() - t0); }
  s.sort((a,b)=>a-b); console.log('grid gaps', gaps, s[15].toFixed(2), 'ms');
}
console.log(JSON.stringify(computeLedger(world, state.counts, { level: 'grid', gaps: true })).length, JSON.stringify(computeLedger(world, state.counts, { level: 'grid', gaps: true }).roads));

// npm run bench (part): the case workflow on the 1M-incident county (10M with --10m), in-process on a copy of
// the file (the SQL is the cost; the HTTP layer is the same as every other route's). Case list pages as the
// county leader (the whole county, newest first; a township's overdue cases; page 50; 待我处理 sorted by due
// date), p50/p99 against the 30 ms; then history writes: concurrent transitions (督办 on open cases and
// 受理 of reported ones, each decided by the rules and appended with the case's new state), in transitions/s
// against the 1,000/s. Seeded choices, one warm-up of each list query.
import { copyFileSync, rmSync } from 'node:fs';
import { listCases, type CaseListQuery } from '../../server/cases/case-list.js';
import { transition } from '../../server/cases/case-store.js';
import { Database } from '../../server/db/database.js';
import type { SessionUser } from '../../shared/domain/roles.js';
import { benchCountyFile, machineLine } from './bench-county.js';
import { seeded, summarise } from './stats.js';

const base = await benchCountyFile();
console.log(machineLine());
const copy = `var/bench/cases-${process.pid}.duckdb`;
copyFileSync(base, copy);
const db = await Database.open(copy);
try {
  const [{ n, t }] = await db.query<{ n: number; t: number }>('SELECT count(*)::INTEGER n, (SELECT count(*) FROM case_transitions)::INTEGER t FROM incidents');
  console.log(`${n.toLocaleString('en')} cases, ${t.toLocaleString('en')} history rows`);
  const [{ code: township }] = await db.query<{ code: string }>('SELECT code FROM townships ORDER BY code LIMIT 1');
  const county: SessionUser = { id: 1, username: 'county', displayName: 'county', role: 'county_leader', scopeCode: township.slice(0, 6) };
  const leader: SessionUser = { id: 2, username: 'town', displayName: 'town', role: 'township_leader', scopeCode: township };
  const q = (p: Partial<CaseListQuery>): CaseListQuery => ({ sort: 'reportedAt', order: 'desc', page: 1, pageSize: 50, ...p });
  const cases: [string, SessionUser, CaseListQuery][] = [
    ['list: county, newest first, page 1', county, q({})],
    ['list: county, one year, 3 categories, page 50', county, q({ from: '2025-01-01', to: '2025-12-31', categories: ['theft', 'dispute', 'fraud'], page: 50 })],
    ['list: county overdue, by due date', county, q({ overdue: true, sort: 'dueAt', order: 'asc' })],
    ['list: county 待我处理 (queue=mine)', county, q({ queue: 'mine', sort: 'dueAt', order: 'asc' })],
    ['list: county status dispatched, page 10', county, q({ status: ['dispatched'], page: 10 })],
    ['list: township prefix, newest first', leader, q({})],
    ['list: township overdue, by due date', leader, q({ overdue: true, sort: 'dueAt', order: 'asc' })],
    ['list: township 待我处理 (queue=mine)', leader, q({ queue: 'mine', sort: 'dueAt', order: 'asc' })],
    ['list: township status reported+accepted', leader, q({ status: ['reported', 'accepted'] })],
    ['list: township open (not closed), page 3', leader, q({ status: ['reported', 'accepted', 'dispatched', 'handled', 'checked'], page: 3 })],
  ];
  // CPU time of this process (DuckDB's threads included) per operation: a figure that depends much less on how
  // many other processes share the cores than the wall-clock p50 does.
  const cpuMs = (since: NodeJS.CpuUsage) => { const u = process.cpuUsage(since); return (u.user + u.system) / 1000; };
  for (const [label, user, query] of cases) {
    await listCases(db, user, query);
    const samples: number[] = [];
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < 40; i++) {
      const t0 = performance.now();
      await listCases(db, user, query);
      samples.push(performance.now() - t0);
    }
    console.log(`${summarise(label, samples, { p50: 30 })}  cpu ${(cpuMs(cpu0) / 40).toFixed(1)} ms/page`);
  }

  // History writes: 2,000 transitions in flight at once from 64 "users", as the group writer takes them.
  const random = seeded(15);
  const open = await db.query<{ id: number; status: string }>(`SELECT id, status FROM incidents WHERE status <> 'closed' ORDER BY id`);
  const writes = 2000;
  const picks = Array.from({ length: writes }, () => open[Math.floor(random() * open.length)]);
  const t0 = performance.now();
  const cpuWrites = process.cpuUsage();
  let wave = 0;
  const results = [];
  for (let i = 0; i < picks.length; i += 64) {
    const batch = picks.slice(i, i + 64).map((c) => transition(db, county, c.id, c.status === 'reported' && wave % 2 === 0 ? { action: 'accept' } : { action: 'supervise', note: '请加快办理' }));
    results.push(...(await Promise.all(batch)));
    wave++;
  }
  const s = (performance.now() - t0) / 1000;
  const writeCpuS = cpuMs(cpuWrites) / 1000;
  const ok = results.filter((r) => r.ok).length;
  const [{ after }] = await db.query<{ after: number }>('SELECT count(*)::INTEGER AS after FROM case_transitions');
  console.log(`history writes: ${ok} of ${writes} transitions written in ${s.toFixed(2)} s = ${Math.round(ok / s).toLocaleString('en')} transitions/s (64 in flight; target ≥ 1,000/s: ${ok / s >= 1000 ? 'met' : 'MISSED'}); history rows ${t.toLocaleString('en')} → ${after.toLocaleString('en')}; ${Math.round(ok / writeCpuS).toLocaleString('en')} transitions per CPU-second; ${machineLine()}`);
  // and one at a time (no group): the latency of a single transition
  const single: number[] = [];
  for (let i = 0; i < 50; i++) {
    const c = open[Math.floor(random() * open.length)];
    const t1 = performance.now();
    await transition(db, county, c.id, { action: 'supervise' });
    single.push(performance.now() - t1);
  }
  console.log(summarise('one transition alone (decide + append + state)', single));
} finally {
  db.close();
  rmSync(copy, { force: true });
  rmSync(`${copy}.wal`, { force: true });
}

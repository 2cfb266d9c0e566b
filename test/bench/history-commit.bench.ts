// What one group of the case writer costs DuckDB, statement by statement, on a copy of the 1M-case bench county
// (4M history rows): BEGIN, the history rows appended (an appender, as server/cases/case-store.ts does), its close,
// one UPDATE of the touched cases' incidents rows, COMMIT — each phase's CPU (every thread of this process) per
// group, median / p90 / mean. Three ways, each on a fresh copy, in turn: the history index as the server opens it
// (its blocks read lazily, as the first writes after a start meet them), the same after a pass of lookups every
// 256 cases (the index's blocks read), and without the index (DROP INDEX) — what the index costs a commit.
//   npm run bench -- history-commit [--rows=32] [--groups=200] [--no-update]  (--no-update: the appends alone)
import { copyFileSync, rmSync } from 'node:fs';
import { DuckDBInstance, timestampValue, type DuckDBConnection } from '@duckdb/node-api';
import { benchCountyFile, machineLine } from './bench-county.js';
import { seeded } from './stats.js';

const arg = (name: string, dflt: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);
const ROWS = arg('rows', 32), GROUPS = arg('groups', 200), SKIP = 10, UPDATE = !process.argv.includes('--no-update');
const base = await benchCountyFile();
console.log(machineLine());
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

async function lookEvery256(con: DuckDBConnection, maxId: number): Promise<void> {
  for (let start = 1; start <= maxId; start += 256 * 50) {
    const ids: number[] = [];
    for (let id = start; id <= maxId && ids.length < 50; id += 256) ids.push(id);
    await con.runAndReadAll(`SELECT seq FROM case_transitions WHERE case_id IN (${ids.join(',')})`);
  }
}

async function run(way: 'cold' | 'warm' | 'unindexed'): Promise<string> {
  const copy = `var/bench/history-commit-${process.pid}.duckdb`;
  copyFileSync(base, copy);
  const instance = await DuckDBInstance.create(copy);
  try {
    const con = await instance.connect();
    const maxId = Number((await con.runAndReadAll('SELECT max(id) AS m FROM incidents')).getRowObjectsJS()[0].m);
    if (way === 'unindexed') await con.run('DROP INDEX case_transitions_case');
    if (way === 'warm') await lookEvery256(con, maxId);
    const random = seeded(15);
    const phases: Record<string, number[]> = { begin: [], append: [], close: [], update: [], commit: [] };
    const timed = async <T>(phase: string, fn: () => Promise<T> | T): Promise<T> => { const t = cpu(); const r = await fn(); phases[phase].push(cpu() - t); return r; };
    for (let g = 0; g < GROUPS; g++) {
      const ids = Array.from({ length: ROWS }, () => 1 + Math.floor(random() * maxId));
      await timed('begin', () => con.run('BEGIN'));
      const appender = await timed('append', async () => {
        const a = await con.createAppender('case_transitions');
        for (const id of ids) {
          a.appendBigInt(BigInt(id)); a.appendInteger(1_000_000 + g);
          for (const v of ['supervise', 'accepted', 'accepted', 'village', 'village']) a.appendVarchar(v);
          a.appendTimestamp(timestampValue(BigInt(Date.now()) * 1000n)); a.appendInteger(1);
          for (const v of ['调度台', 'county_leader', '请加快办理']) a.appendVarchar(v);
          a.appendNull(); a.appendNull(); a.endRow();
        }
        return a;
      });
      await timed('close', () => appender.closeSync());
      if (UPDATE) await timed('update', () => con.run(`UPDATE incidents SET supervised = true, history_seq = coalesce(history_seq, 0) + 1 WHERE id IN (${ids.join(',')})`));
      await timed('commit', () => con.run('COMMIT'));
    }
    const line = Object.entries(phases).map(([k, xs]) => {
      if (!xs.length) return '';
      const s = xs.slice(SKIP).sort((a, b) => a - b);
      return `${k} ${s[s.length >> 1].toFixed(2)}/${s[Math.floor(s.length * 0.9)].toFixed(2)}/${(s.reduce((a, b) => a + b, 0) / s.length).toFixed(2)}`;
    }).join('  ');
    return `${way.padEnd(9)} ${line}`;
  } finally {
    instance.closeSync();
    rmSync(copy, { force: true });
    rmSync(`${copy}.wal`, { force: true });
  }
}

console.log(`${GROUPS} groups of ${ROWS} history rows${UPDATE ? ` and a ${ROWS}-case UPDATE` : ''} (the first ${SKIP} not counted); CPU ms per group, median/p90/mean:`);
for (const way of ['cold', 'warm', 'unindexed'] as const) console.log(await run(way));
console.log(machineLine());

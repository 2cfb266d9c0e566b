// Shared by the kill tests: an import run in a child process that the test SIGKILLs at a chosen stage, and
// a snapshot of the database file (a row count and the content fingerprint) to compare before and after.
import { spawn } from 'node:child_process';
import { Database } from '../../server/db/database.js';
import { databaseFingerprint } from '../../server/db/fingerprint.js';

/** Row count of `table` and the content fingerprint of the DuckDB file at `path` (opened and closed again). */
export async function snapshotDatabase(path: string, table: 'incidents' | 'grids'): Promise<{ rows: number; fp: string }> {
  const db = await Database.open(path);
  try {
    const rows = (await db.query<{ n: number }>(`SELECT count(*)::INTEGER n FROM ${table}`))[0].n;
    return { rows, fp: await databaseFingerprint(db) };
  } finally {
    db.close();
  }
}

/** Runs `script` with `args` under tsx; SIGKILLs it when its output so far matches `killOn`. Resolves with its output. */
export function runKillableChild(script: string, args: string[], killOn: RegExp | null): Promise<{ out: string; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', killed = false;
    child.stdout.on('data', (d) => {
      out += d;
      if (killOn && !killed && killOn.test(out)) { killed = true; child.kill('SIGKILL'); }
    });
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', () => resolve({ out, killed }));
  });
}

// DUCKDB_THREADS: DuckDB's worker threads, for a server of many concurrent small queries (unset: 1, see env.ts). The setting must reach DuckDB through the same path the server opens its file by
// (openOrBuildDatabase), and a bad value stops the server with what to write instead.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openOrBuildDatabase } from '../../server/db/open-or-build.js';
import { parseEnv } from '../../server/env.js';

describe('DuckDB threads', () => {
  it('are 1 unless DUCKDB_THREADS says otherwise, and a count below 1 is refused', () => {
    expect(parseEnv({}).DUCKDB_THREADS).toBe(1);
    expect(parseEnv({ DUCKDB_THREADS: '2' }).DUCKDB_THREADS).toBe(2);
    expect(parseEnv({ DUCKDB_THREADS: '1' }).DUCKDB_THREADS).toBe(1);
    expect(() => parseEnv({ DUCKDB_THREADS: '0' })).toThrow(/DUCKDB_THREADS: DUCKDB_THREADS needs at least 1 thread/);
    expect(() => parseEnv({ DUCKDB_THREADS: 'many' })).toThrow(/DUCKDB_THREADS/);
  });
  it('are the threads DuckDB runs with, through the server’s own open', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pingan-threads-'));
    try {
      for (const threads of [1, 3]) {
        const db = await openOrBuildDatabase(join(dir, `t${threads}.duckdb`), { county: 'none' }, () => {}, { threads });
        try {
          const [{ t }] = await db.query<{ t: number }>(`SELECT current_setting('threads') AS t`);
          expect(Number(t)).toBe(threads);
        } finally {
          db.close();
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// The server's memory bound: DUCKDB_MEMORY_LIMIT reaches DuckDB (its own default, 80 % of the machine's RAM,
// lets the buffer pool grow with load and stay), a bad value stops the server with what to write instead, and
// GET /api/health/memory (declared, so the openapi test checks its schema) reads DuckDB's figures.
import { describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database.js';
import { parseEnv } from '../../server/env.js';

describe('DuckDB memory limit', () => {
  it('is 1GB unless DUCKDB_MEMORY_LIMIT says otherwise, and refuses a value that is not a size', () => {
    expect(parseEnv({}).DUCKDB_MEMORY_LIMIT).toBe('1GB');
    expect(parseEnv({ DUCKDB_MEMORY_LIMIT: '512MB' }).DUCKDB_MEMORY_LIMIT).toBe('512MB');
    expect(() => parseEnv({ DUCKDB_MEMORY_LIMIT: 'lots' })).toThrow(/DUCKDB_MEMORY_LIMIT: a size such as 512MB or 1GB/);
  });
  it('is the limit DuckDB runs with', async () => {
    const db = await Database.open(':memory:', { memoryLimit: '256MB' });
    try {
      const [{ limit }] = await db.query<{ limit: string }>(`SELECT current_setting('memory_limit') AS "limit"`);
      expect(limit).toMatch(/^(244\.1 MiB|256\.0 MB|256MB)$/);
    } finally {
      db.close();
    }
  });
});

// A private, writable copy of the test county for suites that write (imports): the shared file stays
// read-only for every other suite.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { Database } from '../../server/db/database.js';

export async function openWritableCountyCopy(): Promise<{ db: Database; path: string; dispose: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'pingan-import-'));
  const path = join(dir, 'county.duckdb');
  copyFileSync(inject('countyDbPath'), path);
  const db = await Database.open(path);
  return { db, path, dispose: () => { try { db.close(); } catch { /* closed */ } rmSync(dir, { recursive: true, force: true }); } };
}

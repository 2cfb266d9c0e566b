// Builds the test county once per test run: the real generator with the default seed, fewer social cameras
// (they only add volume) and the demo accounts, into a fresh DuckDB file that every suite opens read-only. Each run gets its own
// folder, so runs side by side (developers, CI) never share or delete each other's files.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { generateDemoCounty } from '../../server/demo/generate.js';
import { Database } from '../../server/db/database.js';
import { writeDemoDatabase } from '../../server/db/load-demo.js';
import { ensureTestAccounts } from './session.js';
import { TEST_COUNTY_OPTIONS } from './test-county-options.js';

export default async function setup(project: TestProject) {
  const dir = join(process.cwd(), 'var/test', `run-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'county.duckdb');
  await writeDemoDatabase(path, generateDemoCounty(TEST_COUNTY_OPTIONS));
  // the demo accounts with the test password (test/support/session.ts), before suites open the file read-only
  const db = await Database.open(path);
  await ensureTestAccounts(db);
  db.close();
  project.provide('countyDbPath', path);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    countyDbPath: string;
  }
}

// Opens the database file, building the demo county into it first when it does not exist yet.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { generateDemoCounty, type DemoOptions } from '../demo/generate.js';
import { Database } from './database.js';
import { writeDemoDatabase } from './load-demo.js';

export async function openOrBuildDatabase(path: string, demo: Partial<DemoOptions>, log: (m: string) => void = console.log): Promise<Database> {
  if (!existsSync(path)) {
    const t0 = performance.now();
    log(`No database at ${path}: building the demo county (通榆县), this takes about 20 s…`);
    mkdirSync(dirname(path), { recursive: true });
    await writeDemoDatabase(path, generateDemoCounty(demo), (m) => log(`  [${((performance.now() - t0) / 1000).toFixed(1)} s] ${m}`));
    log(`Demo county built in ${((performance.now() - t0) / 1000).toFixed(1)} s.`);
  }
  return Database.open(path);
}

// Opens the database file; when it does not exist yet, builds the chosen jurisdiction into it first: the
// generated demo (DEMO=full) or the jurisdiction alone (DEMO=none), from the national data under data/.
// First-start steps that belong to other rooms (e.g. accounts) go after the build, before the open.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { generateDemoCounty, generateEmptyJurisdiction, type DemoKind, type DemoOptions } from '../demo/generate.js';
import { DEFAULT_COUNTY_CODE, readRealInputs } from '../demo/inputs.js';
import { Database } from './database.js';
import { ensureSchema } from './ensure-schema.js';
import { writeDemoDatabase } from './load-demo.js';
import { useJurisdictionClock } from '../jurisdiction/jurisdiction.js';

/** COUNTY=none: an empty database, for a jurisdiction outside the national list. */
export const NO_COUNTY = 'none';

export interface BuildChoice {
  /** County-level division code of the jurisdiction (default 220822 通榆县), or `none`. */
  county?: string;
  /** `full` (default) or `none`. */
  demo?: DemoKind;
  options?: Partial<DemoOptions>;
}

export async function openOrBuildDatabase(path: string, choice: BuildChoice = {}, log: (m: string) => void = console.log, open: { memoryLimit?: string; threads?: number } = {}): Promise<Database> {
  const missing = !existsSync(path);
  if (missing && choice.county !== NO_COUNTY) await buildJurisdictionDatabase(path, choice, log);
  if (missing) mkdirSync(dirname(path), { recursive: true });
  const db = await Database.open(path, open);
  // COUNTY=none (or an empty file made by hand): the schema and no jurisdiction; the first-accounts step adds
  // admin, who imports one.
  await ensureSchema(db);
  if (missing && choice.county === NO_COUNTY) {
    log(`No database at ${path}: created an empty one (no jurisdiction yet: sign in as admin and import its outline, POST /api/import/jurisdiction).`);
  }
  await useJurisdictionClock(db); // local days, hours and shifts in the jurisdiction's time zone
  return db;
}

/** Writes a new database file for the jurisdiction; an unknown code throws with the nearest real codes. */
export async function buildJurisdictionDatabase(path: string, { county = DEFAULT_COUNTY_CODE, demo = 'full', options = {} }: BuildChoice, log: (m: string) => void = console.log): Promise<void> {
  const t0 = performance.now();
  const inputs = readRealInputs(county);
  const what = `${inputs.county.name} (${county}, ${inputs.county.province}${inputs.county.prefecture})`;
  log(demo === 'none' ? `No database at ${path}: creating the empty jurisdiction ${what}…` : `No database at ${path}: building the demo county ${what}, this takes about 20 s…`);
  mkdirSync(dirname(path), { recursive: true });
  const data = demo === 'none' ? generateEmptyJurisdiction(inputs, options.seed) : generateDemoCounty(options, inputs);
  await writeDemoDatabase(path, data, (m) => log(`  [${((performance.now() - t0) / 1000).toFixed(1)} s] ${m}`));
  log(`${demo === 'none' ? 'Jurisdiction' : 'Demo county'} built in ${((performance.now() - t0) / 1000).toFixed(1)} s.`);
}

// Geocoder accuracy by class and speed, on the test county (the demo seed, as `npm start` builds it): the
// unit test's address set (test/support/geocoder-cases.ts: the county's own names in every shape people write
// them, traditional characters, names starting with the county's name, and addresses elsewhere in China from
// the national division list). Prints accuracy per class and geocodes per second (p50/p99 per address).
import { existsSync, mkdirSync } from 'node:fs';
import { Database } from '../../server/db/database.js';
import { writeDemoDatabase } from '../../server/db/load-demo.js';
import { generateDemoCounty } from '../../server/demo/generate.js';
import { countyContext } from '../../server/import/county-context.js';
import { accuracyLines, geocoderCases, scoreGeocoder } from '../support/geocoder-cases.js';
import { TEST_COUNTY_OPTIONS } from '../support/test-county-options.js';
import { summarise } from './stats.js';

const path = 'var/bench/geocoder-county.duckdb';
mkdirSync('var/bench', { recursive: true });
if (!existsSync(path)) await writeDemoDatabase(path, generateDemoCounty(TEST_COUNTY_OPTIONS));
const db = await Database.open(path, { readOnly: true });
const ctx = await countyContext(db);
const cases = await geocoderCases(db);
const geocode = (a: string) => ctx.geocoder.geocode(a);

const byKind = scoreGeocoder(geocode, cases);
console.log(`geocoder accuracy on ${cases.length} addresses:\n  ${accuracyLines(byKind).join('\n  ')}`);
for (const [kind, k] of byKind) if (k.fails.length) console.log(`  ${kind} misses: ${k.fails.slice(0, 3).join(' · ')}`);

// Speed: every address once as warm-up, then 5 rounds timed per address.
let sink = 0;
for (const c of cases) sink += geocode(c.address).confidence;
const samples: number[] = [];
const t0 = performance.now();
for (let round = 0; round < 5; round++)
  for (const c of cases) {
    const t = performance.now();
    sink += geocode(c.address).confidence;
    samples.push(performance.now() - t);
  }
const seconds = (performance.now() - t0) / 1000;
console.log(summarise('geocode one address (ms)', samples));
console.log(`${Math.round(samples.length / seconds).toLocaleString('en')} addresses/s (sink ${sink.toFixed(0)})`);
db.close();

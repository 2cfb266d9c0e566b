// npm run generate -- [--out var/pingan.duckdb] [--county 220822] [--demo full|none] [--seed 220822] [--scale 1] [--social <n>]
// Builds a jurisdiction's database file from scratch: the generated demo (full) or the jurisdiction alone (none).
// Ends with one JSON line (seconds, file bytes, peak RSS) for the build benchmark.
import { parseArgs } from 'node:util';
import { statSync } from 'node:fs';
import { buildJurisdictionDatabase } from '../db/open-or-build.js';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'var/pingan.duckdb' },
    county: { type: 'string', default: '220822' },
    demo: { type: 'string', default: 'full' },
    seed: { type: 'string', default: '220822' },
    scale: { type: 'string', default: '1' },
    social: { type: 'string' },
  },
});
if (values.demo !== 'full' && values.demo !== 'none') throw new Error('--demo must be full or none');
const t0 = performance.now();
await buildJurisdictionDatabase(values.out!, {
  county: values.county,
  demo: values.demo,
  options: { seed: Number(values.seed), incidentScale: Number(values.scale), socialCameras: values.social === undefined ? undefined : Number(values.social) },
}, (m) => console.log(m));
const seconds = (performance.now() - t0) / 1000;
console.log(`${values.out} written in ${seconds.toFixed(1)} s`);
console.log(JSON.stringify({ county: values.county, demo: values.demo, seconds, bytes: statSync(values.out!).size, maxRssMB: process.resourceUsage().maxRSS / 1024 }));

// npm run generate -- [--out var/pingan.duckdb] [--seed 220822] [--scale 1] [--social 16000]
// Builds the demo county database file from scratch.
import { parseArgs } from 'node:util';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { generateDemoCounty } from './generate.js';
import { writeDemoDatabase } from '../db/load-demo.js';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'var/pingan.duckdb' }, seed: { type: 'string', default: '220822' }, scale: { type: 'string', default: '1' }, social: { type: 'string', default: '16000' } } });
const t0 = performance.now();
mkdirSync(dirname(values.out!), { recursive: true });
const county = generateDemoCounty({ seed: Number(values.seed), incidentScale: Number(values.scale), socialCameras: Number(values.social) });
await writeDemoDatabase(values.out!, county, (m) => console.log(`[${((performance.now() - t0) / 1000).toFixed(1)}s] ${m}`));
console.log(`demo county written to ${values.out} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

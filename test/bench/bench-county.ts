// The benchmark county: built once (1M incidents, or 10M with --10m) and reused, served by the real HTTP
// server on a free port.
import { serve } from '@hono/node-server';
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { createApp } from '../../server/app.js';
import { Database } from '../../server/db/database.js';
import { writeDemoDatabase } from '../../server/db/load-demo.js';
import { generateDemoCounty } from '../../server/demo/generate.js';

const BASE_ROWS = 18_621; // incidents of the demo county at scale 1

export async function benchCounty(targetRows: number): Promise<{ db: Database; base: string; rows: number; close: () => void }> {
  const path = `var/bench/county-${targetRows / 1000}k.duckdb`;
  mkdirSync('var/bench', { recursive: true });
  if (!existsSync(path)) {
    const t0 = performance.now();
    console.log(`Building ${path} (${targetRows.toLocaleString('en')} incidents)…`);
    await writeDemoDatabase(path, generateDemoCounty({ incidentScale: targetRows / BASE_ROWS }), (m) => console.log(`  [${((performance.now() - t0) / 1000).toFixed(1)} s] ${m}`));
    const s = (performance.now() - t0) / 1000;
    console.log(`built in ${s.toFixed(1)} s (${Math.round(targetRows / s).toLocaleString('en')} incidents/s generated and written)`);
  }
  const db = await Database.open(path, { readOnly: true });
  const [{ n: rows }] = await db.query<{ n: number }>('SELECT count(*) AS n FROM incidents');
  const server = serve({ fetch: createApp(db).fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The load average says whether the figures were taken on a quiet machine (they are not comparable otherwise).
  console.log(`\n${rows.toLocaleString('en')} incidents, HTTP server at ${base}, Node ${process.version}, ${cpus().length} cores, load average ${loadavg()[0].toFixed(2)}\n`);
  return { db, base, rows, close: () => (server.close(), db.close()) };
}

/** Times `n` sequential GETs (after a warm-up), checking each answers 200. */
export async function timeRequests(base: string, makeUrl: () => string, n: number, warmup = 10): Promise<{ samples: number[]; bytes: number }> {
  for (let i = 0; i < warmup; i++) await (await fetch(base + makeUrl())).arrayBuffer();
  const samples: number[] = [];
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const url = base + makeUrl();
    const t = performance.now();
    const res = await fetch(url);
    const body = await res.arrayBuffer();
    samples.push(performance.now() - t);
    if (res.status !== 200) throw new Error(`${url} → ${res.status}: ${new TextDecoder().decode(body)}`);
    bytes += body.byteLength;
  }
  return { samples, bytes };
}

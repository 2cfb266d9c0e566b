// Starts the dashboard: opens (or builds) the database and serves the API and the built client on one port.
// SIGTERM/SIGINT stop it within 2 s at any time: the handlers are in place before any start-up work, the
// heavy start-up work (hotspot surfaces) runs on worker threads so the event loop can take the signal, and a
// watchdog thread ends the process if closing takes longer (even when closing blocks the main thread).
import type { Server } from 'node:http';
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from './app.js';
import { startServer } from './http/node-server.js';
import { collectWhenIdle } from './http/idle-gc.js';
import type { Database } from './db/database.js';
import { createFirstAccounts, isFullDemo } from './auth/first-accounts.js';
import { openOrBuildDatabase } from './db/open-or-build.js';
import { parseEnv } from './env.js';
import { UnknownJurisdictionError } from './jurisdiction/national-data.js';
import { warmStudyUnits } from './routes/hotspots/study-units.js';
import { startCaseSchedule } from './routes/cases/case-schedule.js';
import { closePool } from './workers/pool.js';

const STOP_WITHIN_MS = 1000;
let server: Server | null = null;
let db: Database | null = null;
let cases: { stop: () => void } | null = null;
let stopping = false;
// The deadline is kept by a thread of its own: a timer on this thread cannot fire if closing blocks it in
// native code (seen after a load test: the main thread waiting on a lock in DuckDB's close). The thread is
// started now, not at the signal: on a loaded machine starting a thread took over a second of the 2 s.
const watchdog = new Worker(
  `require('node:worker_threads').parentPort.once('message', (ms) => setTimeout(() => process.kill(process.pid, 'SIGKILL'), ms));`,
  { eval: true },
);
watchdog.unref();
const stop = () => {
  if (stopping) return;
  stopping = true;
  watchdog.postMessage(STOP_WITHIN_MS);
  cases?.stop();
  server?.close();
  server?.closeAllConnections(); // open keep-alive and SSE connections
  // DuckDB is not closed: its close can wait on queries of abandoned requests, and every commit is already
  // durable (the WAL is replayed on the next open). The pool's threads are not waited for either (a plan
  // may be mid-interchange): exiting ends them.
  void closePool().catch(() => {});
  setImmediate(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

const env = parseEnv();
db = await openOrBuildDatabase(env.DB_PATH, { county: env.COUNTY, demo: env.DEMO, options: { seed: env.DEMO_SEED, socialCameras: env.DEMO_SOCIAL_CAMERAS } }, console.log, { memoryLimit: env.DUCKDB_MEMORY_LIMIT, threads: env.DUCKDB_THREADS }).catch((e: Error) => {
  // An unknown COUNTY is a setting to fix, not a crash: say so and name the nearest real codes.
  if (e instanceof UnknownJurisdictionError) {
    console.error(`COUNTY=${env.COUNTY}: ${e.message}`);
    process.exit(1);
  }
  throw e;
});
if (stopping) process.exit(0);
const opened = db;
if (!existsSync(join(env.CLIENT_DIR, 'index.html'))) console.warn(`No built client in ${env.CLIENT_DIR}: run \`npm run build\` (npm start does it) — serving the API only.`);
await createFirstAccounts(opened, { demo: await isFullDemo(opened), demoPassword: env.DEMO_PASSWORD, adminPassword: env.ADMIN_PASSWORD });
const app = createApp(opened, { basemapStyleUrl: env.BASEMAP_STYLE_URL, clientDir: env.CLIENT_DIR, publicOrigin: env.PUBLIC_ORIGIN, sessionHours: env.SESSION_HOURS, answerCacheMb: env.ANSWER_CACHE_MB });
// Node's own refusals (431 for a URL over 16 KB, 400 for a raw `\` in the path) answer in the API's error schema.
server = startServer(app.fetch, { port: env.PORT, hostname: env.HOST }, (info) => {
  console.log(`平安一张图 is running: http://localhost:${info.port}/`);
  // Hotspot surfaces (H3 cells and their weights) are built once; do it now rather than on a leader's click.
  setTimeout(() => void warmStudyUnits(opened).catch((e) => !stopping && console.error('warming hotspot units failed:', e)), 100);
});
// The garbage of a busy spell is collected when the server goes quiet (http/idle-gc.ts), not minutes later.
collectWhenIdle(server);
// Overdue cases escalate village → township → county by themselves (server/cases/escalation-job.ts).
cases = startCaseSchedule(opened);

// Starts the dashboard: opens (or builds) the database and serves the API and the built client on one port.
import { serve } from '@hono/node-server';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from './app.js';
import { openOrBuildDatabase } from './db/open-or-build.js';
import { parseEnv } from './env.js';
import { UnknownJurisdictionError } from './jurisdiction/national-data.js';
import { warmStudyUnits } from './routes/hotspots/study-units.js';
import { startCaseSchedule } from './routes/cases/case-schedule.js';

const env = parseEnv();
const db = await openOrBuildDatabase(env.DB_PATH, { county: env.COUNTY, demo: env.DEMO, options: { seed: env.DEMO_SEED, socialCameras: env.DEMO_SOCIAL_CAMERAS } }).catch((e: Error) => {
  // An unknown COUNTY is a setting to fix, not a crash: say so and name the nearest real codes.
  if (e instanceof UnknownJurisdictionError) {
    console.error(`COUNTY=${env.COUNTY}: ${e.message}`);
    process.exit(1);
  }
  throw e;
});
if (!existsSync(join(env.CLIENT_DIR, 'index.html'))) console.warn(`No built client in ${env.CLIENT_DIR}: run \`npm run build\` (npm start does it) — serving the API only.`);
const app = createApp(db, { basemapStyleUrl: env.BASEMAP_STYLE_URL, clientDir: env.CLIENT_DIR, answerCacheMb: env.ANSWER_CACHE_MB });
const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  console.log(`平安一张图 is running: http://localhost:${info.port}/`);
  // Hotspot surfaces (H3 cells and their weights) are built once; do it now rather than on a leader's click.
  setTimeout(() => void warmStudyUnits(db).catch((e) => console.error('warming hotspot units failed:', e)), 100);
});
// Overdue cases escalate village → township → county by themselves (server/cases/escalation-job.ts).
const cases = startCaseSchedule(db);
const stop = () => {
  cases.stop();
  server.close();
  db.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

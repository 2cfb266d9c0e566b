// Child process for the kill test: imports a CSV into a database file and reports its progress on stdout,
// optionally waiting forever just before COMMIT so the parent can kill it inside the transaction.
import { readFileSync } from 'node:fs';
import { Database } from '../../server/db/database.js';
import { importIncidents } from '../../server/import/import-incidents.js';

const [dbPath, csvPath, mode] = process.argv.slice(2);
const db = await Database.open(dbPath);
const report = await importIncidents(db, readFileSync(csvPath), {
  crs: 'wgs84',
  onProgress: (stage) => console.log(`STAGE ${stage}`),
  beforeCommit: mode === 'hang-before-commit' ? async () => { console.log('BEFORE-COMMIT'); await new Promise(() => {}); } : undefined,
});
console.log(`DONE ${report.imported}`);
db.close();

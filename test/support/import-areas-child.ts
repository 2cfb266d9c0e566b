// Child process for the polygon-import kill test: imports a grid GeoJSON into a database file, printing its
// stages; with "hang-before-commit" it waits forever inside the transaction (grids replaced, points
// re-assigned, not committed) so the parent can kill it there.
import { readFileSync } from 'node:fs';
import { Database } from '../../server/db/database.js';
import { importAreas } from '../../server/import/import-areas.js';

const [dbPath, filePath, mode] = process.argv.slice(2);
const db = await Database.open(dbPath);
const report = await importAreas(db, readFileSync(filePath), {
  level: 'grid',
  crs: 'wgs84',
  onProgress: (stage, done, total) => console.log(`STAGE ${stage} ${done}/${total}`),
  beforeCommit: mode === 'hang-before-commit' ? async () => { console.log('BEFORE-COMMIT'); await new Promise(() => {}); } : undefined,
});
console.log(`DONE ${report.imported} ${report.committed}`);
db.close();

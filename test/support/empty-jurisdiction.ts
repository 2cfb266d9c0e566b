// A DEMO=none database of a real county (its outline, neighbours and real township/village names and codes,
// nothing else), built the way `COUNTY=… DEMO=none npm start` builds it, into a private temporary folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../server/db/database.js';
import { buildJurisdictionDatabase } from '../../server/db/open-or-build.js';

export async function openEmptyJurisdiction(county: string): Promise<{ db: Database; path: string; dispose: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), `pingan-${county}-`));
  const path = join(dir, 'county.duckdb');
  await buildJurisdictionDatabase(path, { county, demo: 'none' }, () => {});
  const db = await Database.open(path);
  return { db, path, dispose: () => { try { db.close(); } catch { /* closed */ } rmSync(dir, { recursive: true, force: true }); } };
}

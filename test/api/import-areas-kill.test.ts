// A killed polygon import leaves the database as it was: a child process replaces the grid set (two grids
// merged) of a copy of the test county and is SIGKILLed inside the transaction, after the grids were replaced
// and every point re-assigned, just before COMMIT. The reopened file has the same content fingerprint; a
// control run without the kill commits (one grid fewer), so the kill is what kept the change out.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { union, featureCollection, feature } from '@turf/turf';
import { runKillableChild, snapshotDatabase } from '../support/killable-import.js';
import { openWritableCountyCopy } from '../support/writable-county.js';

let path: string;
let dispose: () => void;
let filePath: string;
let gridCount: number;

beforeAll(async () => {
  const copy = await openWritableCountyCopy();
  path = copy.path;
  dispose = copy.dispose;
  const grids = await copy.db.query<{ code: string; name: string; village_code: string; geojson: string }>('SELECT code, name, village_code, geojson FROM grids ORDER BY code');
  copy.db.close();
  gridCount = grids.length;
  const [g0, g1] = grids.filter((g) => g.village_code === grids[0].village_code);
  const merged = union(featureCollection([feature(JSON.parse(g0.geojson)), feature(JSON.parse(g1.geojson))]))!.geometry;
  const features = grids.filter((g) => g !== g1).map((g) => ({ type: 'Feature', properties: { code: g.code, name: g.name }, geometry: g === g0 ? merged : JSON.parse(g.geojson) }));
  filePath = join(dirname(path), 'grids.geojson');
  writeFileSync(filePath, JSON.stringify({ type: 'FeatureCollection', features }));
});
afterAll(() => dispose());

const snapshot = () => snapshotDatabase(path, 'grids');
const runChild = (mode: string, killOn: RegExp | null) => runKillableChild('test/support/import-areas-child.ts', [path, filePath, mode], killOn);

describe('killing a polygon import', () => {
  it('inside the transaction, after replace and re-assignment, leaves the database unchanged', async () => {
    const before = await snapshot();
    const { out, killed } = await runChild('hang-before-commit', /BEFORE-COMMIT/);
    expect(killed, out).toBe(true);
    expect(out).toMatch(/STAGE reassigning incidents/);
    expect(await snapshot()).toEqual(before);
  }, 120_000);

  it('control: the same import left alone commits', async () => {
    const before = await snapshot();
    const { out } = await runChild('normal', null);
    expect(out).toMatch(new RegExp(`DONE ${gridCount - 1} true`));
    const after = await snapshot();
    expect(after.rows).toBe(gridCount - 1);
    expect(after.fp).not.toBe(before.fp);
  }, 120_000);
});

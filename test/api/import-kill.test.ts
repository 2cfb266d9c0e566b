// A killed import leaves the database as it was: a child process imports a large CSV into a copy of the
// test county and is SIGKILLed (a) inside the transaction, after the rows were inserted, just before
// COMMIT, and (b) as soon as it starts writing. The file is then reopened: same row count, same content
// fingerprint. A control run without a kill commits, so the kill is what kept the rows out.
import { writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKillableChild, snapshotDatabase } from '../support/killable-import.js';
import { openWritableCountyCopy } from '../support/writable-county.js';

let path: string;
let dispose: () => void;
let csvPath: string;
const N = 60000;

beforeAll(async () => {
  const copy = await openWritableCountyCopy();
  path = copy.path;
  dispose = copy.dispose;
  const grids = await copy.db.query<{ centre_lon: number; centre_lat: number }>("SELECT centre_lon, centre_lat FROM grids WHERE kind = 'residential' ORDER BY code LIMIT 300");
  copy.db.close();
  const lines = ['编号,类别,时间,经度,纬度,描述'];
  for (let i = 0; i < N; i++) {
    const g = grids[i % grids.length];
    lines.push(`K${i},盗窃,2025-0${(i % 9) + 1}-1${i % 10} 1${i % 10}:00,${(g.centre_lon + ((i % 7) - 3) * 1e-5).toFixed(7)},${g.centre_lat.toFixed(7)},批量导入`);
  }
  csvPath = join(dirname(path), 'big.csv');
  writeFileSync(csvPath, lines.join('\n'));
});
afterAll(() => dispose());

const snapshot = () => snapshotDatabase(path, 'incidents');
const runChild = (mode: string, killOn: RegExp | null) => runKillableChild('test/support/import-child.ts', [path, csvPath, mode], killOn);

describe('killing an import', () => {
  it('inside the transaction just before COMMIT leaves the database unchanged', async () => {
    const before = await snapshot();
    const { out, killed } = await runChild('hang-before-commit', /BEFORE-COMMIT/);
    expect(killed, out).toBe(true);
    expect(out).toMatch(/STAGE writing/);
    expect(await snapshot()).toEqual(before);
  }, 120_000);

  it('as soon as it starts writing leaves the database unchanged', async () => {
    const before = await snapshot();
    const { out, killed } = await runChild('normal', /STAGE writing/);
    expect(killed, out).toBe(true);
    expect(out).not.toMatch(/DONE/);
    expect(await snapshot()).toEqual(before);
  }, 120_000);

  it('control: the same import left alone commits every row', async () => {
    const before = await snapshot();
    const { out } = await runChild('normal', null);
    expect(out).toMatch(new RegExp(`DONE ${N}`));
    const after = await snapshot();
    expect(after.rows).toBe(before.rows + N);
  }, 120_000);
});

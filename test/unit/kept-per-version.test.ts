// keptPerVersion (server/db/kept-per-version.ts): a value is read once per data version of the kinds it comes
// from, shared by concurrent callers, read again after a bump of one of them (not of another kind), and a failed
// read is tried again by the next caller.
import { describe, expect, it } from 'vitest';
import { keptPerVersion } from '../../server/db/kept-per-version.js';
import { bumpDataVersion } from '../../server/db/data-version.js';
import type { Database } from '../../server/db/database.js';

describe('keptPerVersion', () => {
  it('reads once per version of its kinds, and again after a failure', async () => {
    const db = {} as Database; // only its identity keys the versions and the kept value
    let reads = 0;
    let fail = false;
    const value = keptPerVersion(['incidents', 'areas'], async () => {
      reads++;
      if (fail) throw new Error('no');
      return reads;
    });
    expect(await Promise.all([value(db), value(db)])).toEqual([1, 1]);
    bumpDataVersion(db, ['cases']); // another kind: kept
    expect(await value(db)).toBe(1);
    bumpDataVersion(db, ['areas']);
    expect(await value(db)).toBe(2);
    fail = true;
    bumpDataVersion(db, ['incidents']);
    await expect(value(db)).rejects.toThrow('no');
    fail = false;
    expect(await value(db)).toBe(4);
    expect(reads).toBe(4);
  });
});

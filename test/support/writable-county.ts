// A private, writable copy of the test county for suites that write (imports): the shared file stays
// read-only for every other suite.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import { createApp } from '../../server/app.js';
import { Database } from '../../server/db/database.js';
import type { Role } from '../../shared/domain/roles.js';
import { signIn, type Requester } from './session.js';

export async function openWritableCountyCopy(): Promise<{ db: Database; path: string; dispose: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'pingan-import-'));
  const path = join(dir, 'county.duckdb');
  copyFileSync(inject('countyDbPath'), path);
  const db = await Database.open(path);
  return { db, path, dispose: () => { try { db.close(); } catch { /* closed */ } rmSync(dir, { recursive: true, force: true }); } };
}

export type WritableCountyCopy = Awaited<ReturnType<typeof openWritableCountyCopy>>;

/**
 * One private writable copy of the test county for the whole file: made in beforeAll, removed in afterAll.
 * `const county = useWritableCounty()` at the file's top; `county.db` and `county.path` inside tests and hooks
 * (earlier, they throw saying so). Getters, not a stand-in object: code keyed by the Database itself (caches,
 * data versions) must see the one object.
 */
export function useWritableCounty(): { readonly db: Database; readonly path: string } {
  let copy: WritableCountyCopy | undefined;
  beforeAll(async () => {
    copy = await openWritableCountyCopy();
  }, 60_000);
  afterAll(() => {
    copy?.dispose();
    copy = undefined;
  });
  const opened = () => {
    if (!copy) throw new Error('the writable county copy is not open: use it inside a test or a hook (useWritableCounty opens it in beforeAll)');
    return copy;
  };
  return {
    get db() { return opened().db; },
    get path() { return opened().path; },
  };
}

/** The set-up most writing API suites share: a private writable copy of the test county, the app on it and a
 * request function signed in as a role's demo account (admin by default: imports need data.import). */
export async function openSignedInCountyCopy(role: Role = 'admin'): Promise<{ db: Database; path: string; app: ReturnType<typeof createApp>; request: Requester; dispose: () => void }> {
  const copy = await openWritableCountyCopy();
  const app = createApp(copy.db);
  return { ...copy, app, request: await signIn(app, role) };
}

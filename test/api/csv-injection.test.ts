// CSV injection over every CSV the server writes: text that a spreadsheet would run as a formula (=, +, -, @,
// tab, CR leads) — from a live report, a renamed township, a failed login's user name, an imported file's line,
// a plan's camera — comes back with a leading apostrophe (http/csv.ts), in the incident export, the coverage
// ledger, the plan export, the audit log and the import's refused rows (inline and as a download). The list of
// CSV routes is read from the app's routes: a CSV route added without a case here fails the first test.
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import type { Database } from '../../server/db/database.js';
import { csvCell } from '../../server/http/csv.js';
import { anonymous, signIn, type Requester } from '../support/session.js';
import { openWritableCountyCopy } from '../support/writable-county.js';

/** Cells a spreadsheet would run: each must come back as text. */
const PAYLOADS = ['=HYPERLINK("http://evil.example","点击")', "+cmd|' /C calc'!A0", '-1+1', '@SUM(A1:A9)', '\t=1+2', '\r=3+4'];

let db: Database;
let app: ReturnType<typeof createApp>;
let admin: Requester;
let dispose: () => void;
let grid: { centre_lon: number; centre_lat: number };
beforeAll(async () => {
  const w = await openWritableCountyCopy();
  db = w.db;
  dispose = w.dispose;
  // township names are what the ledger lists per unit: renamed before the first request builds its world
  const townships = await db.query<{ code: string }>('SELECT code FROM townships ORDER BY code LIMIT ?', [PAYLOADS.length]);
  for (const [i, t] of townships.entries()) await db.query('UPDATE townships SET name = ? WHERE code = ?', [PAYLOADS[i], t.code]);
  app = createApp(db);
  admin = await signIn(app, 'admin');
  [grid] = await db.query<typeof grid>("SELECT centre_lon, centre_lat FROM grids WHERE kind = 'residential' ORDER BY code LIMIT 1");
});
afterAll(() => dispose?.());

const json = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const csvBody = (text: string): RequestInit => ({ method: 'POST', headers: { 'content-type': 'text/csv' }, body: text });
/** A payload as a CSV cell of an uploaded file: bare when it can be (so the refused line starts with it), else quoted. */
const quoted = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Every CSV the server writes, by route: how to make it carry the payloads, and its text. */
const PRODUCERS: Record<string, () => Promise<string[]>> = {
  'GET /api/incidents/export': async () => {
    for (const title of PAYLOADS) expect((await admin('/api/reports', json({ category: 'dispute', title, lon: grid.centre_lon, lat: grid.centre_lat }))).status).toBe(201);
    return [await (await admin('/api/incidents/export?format=csv&categories=dispute&from=2026-01-01')).text()];
  },
  'GET /api/coverage/ledger.csv': async () => [await (await admin('/api/coverage/ledger.csv?level=township')).text()],
  'POST /api/coverage/plan/export': async () => {
    const cameras = PAYLOADS.map((p, i) => ({ id: p.slice(0, 60), kind: 'public', lon: 123.1 + i / 100, lat: 44.8, bearing: 0, fov: 60, rangeM: 50, source: p.slice(0, 30), place: p }));
    return [await (await admin('/api/coverage/plan/export', json({ format: 'csv', cameras }))).text()];
  },
  'GET /api/admin/audit.csv': async () => {
    for (const username of PAYLOADS) await anonymous(app)('/api/auth/login', json({ username, password: 'wrong-password' }));
    return [await (await admin('/api/admin/audit.csv?limit=1000')).text()];
  },
  'POST /api/import/incidents': async () => {
    const lines = PAYLOADS.map((p) => `${quoted(p)},飞碟,2025/07/01 09:30,${grid.centre_lon},${grid.centre_lat},地址,${quoted(p)}`);
    const res = await admin('/api/import/incidents?dryRun=true', csvBody(`编号,类别,时间,经度,纬度,地址,描述\n${lines.join('\n')}\n`));
    return [(await res.json()).rejectedCsv];
  },
  'POST /api/import/cameras': async () => {
    const lines = PAYLOADS.map((p) => `${quoted(p)},${quoted(p)},飞碟,${grid.centre_lon},${grid.centre_lat},0`);
    const res = await admin('/api/import/cameras?dryRun=true', csvBody(`编号,名称,类型,经度,纬度,朝向\n${lines.join('\n')}\n`));
    return [(await res.json()).rejectedCsv];
  },
  'POST /api/import/sites': async () => {
    const lines = PAYLOADS.map((p) => `${quoted(p)},飞碟,${grid.centre_lon},${grid.centre_lat}`);
    const res = await admin('/api/import/sites?dryRun=true', csvBody(`名称,类型,经度,纬度\n${lines.join('\n')}\n`));
    return [(await res.json()).rejectedCsv];
  },
  'GET /api/import/rejected/:id': async () => {
    // enough refused rows that the report offers them as a download instead of inline
    const line = (i: number) => `${quoted(`${PAYLOADS[i % PAYLOADS.length]}-${i}`)},飞碟,2025/07/01 09:30,${grid.centre_lon},${grid.centre_lat},${'长'.repeat(80)},x`;
    const rows = Array.from({ length: 9000 }, (_, i) => line(i));
    const body = await (await admin('/api/import/incidents?dryRun=true', csvBody(`编号,类别,时间,经度,纬度,地址,描述\n${rows.join('\n')}\n`))).json();
    expect(body.rejectedCsvUrl, 'the refused rows go as a download').toMatch(/^\/api\/import\/rejected\//);
    return [await (await admin(body.rejectedCsvUrl)).text()];
  },
};

/** A CSV route: its path says CSV or export, or it is an import (whose report carries the refused rows as CSV). */
const writesCsv = (path: string) => /\.csv$|\/export$|\/rejected\/|^\/api\/import\/(incidents|cameras|sites)/.test(path);

/** The cells a spreadsheet would evaluate: text (not a plain number) starting with a formula lead. */
function formulaCells(csv: string): string[] {
  const { data } = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
  return data.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell) && !/^-?\d+(\.\d+)?$/.test(cell));
}

describe('CSV cells', () => {
  it('neutralise every formula lead (=, +, -, @, tab, CR) in text and leave numbers alone', () => {
    for (const p of PAYLOADS) expect(csvCell(p).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell('-123.456789')).toBe('-123.456789'); // a formatted coordinate is a number, not a formula
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('普通文字')).toBe('普通文字');
  });

  it('every CSV-producing route of the app is covered here', () => {
    const routes = [...new Set(app.routes.filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL' && writesCsv(r.path)).map((r) => `${r.method} ${r.path}`))];
    expect(routes.sort()).toEqual(Object.keys(PRODUCERS).sort());
  });

  it.each(Object.keys(PRODUCERS).map((k) => [k]))('%s writes formula text as text', async (route) => {
    const files = await PRODUCERS[route]();
    for (const csv of files) {
      expect(typeof csv, route).toBe('string');
      expect(formulaCells(csv), route).toEqual([]);
      // not vacuous: each payload is in the file, behind its apostrophe
      const cells = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data.flat();
      // (a report or login trims the tab; a refused line of an upload is quoted where the file quoted it)
      for (const p of PAYLOADS) expect(cells.some((cell) => cell.includes(p.trim().slice(0, 12)) || cell.includes(quoted(p).slice(0, 12))), `${route}: ${JSON.stringify(p)}`).toBe(true);
      expect(cells.filter((cell) => /^'[=+\-@\t\r]/.test(cell)).length, route).toBeGreaterThanOrEqual(3);
    }
  }, 120_000);
});

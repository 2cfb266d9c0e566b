// CSV injection: a live report titled as a spreadsheet formula comes back in the incident export as text
// (a leading apostrophe), not as a formula; the cell rules (http/csv.ts) hold for every formula lead character.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { csvCell } from '../../server/http/csv.js';
import { signIn, type Requester } from '../support/session.js';
import { openWritableCountyCopy } from '../support/writable-county.js';

let request: Requester;
let dispose: () => void;
let grid: { centre_lon: number; centre_lat: number };
beforeAll(async () => {
  const w = await openWritableCountyCopy();
  dispose = w.dispose;
  request = await signIn(createApp(w.db), 'admin');
  [grid] = await w.db.query<typeof grid>("SELECT centre_lon, centre_lat FROM grids WHERE kind = 'residential' ORDER BY code LIMIT 1");
});
afterAll(() => dispose?.());

describe('CSV cells', () => {
  it('neutralise every formula lead (=, +, -, @, tab, CR) in text and leave numbers alone', () => {
    for (const lead of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${lead}SUM(A1:A9)`).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('普通文字')).toBe('普通文字');
  });
  it('the incident export writes a reported =HYPERLINK title as text', async () => {
    const title = '=HYPERLINK("http://evil.example","点击")';
    const posted = await request('/api/reports', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ category: 'dispute', title, lon: grid.centre_lon, lat: grid.centre_lat }) });
    expect(posted.status).toBe(201);
    const csv = await (await request('/api/incidents/export?format=csv&categories=dispute')).text();
    const line = csv.split('\r\n').find((l) => l.includes('evil.example'))!;
    expect(line).toContain(`"'=HYPERLINK(""http://evil.example"",""点击"")"`);
    expect(line.split(',').some((cell) => /^"?=/.test(cell))).toBe(false);
  });
});

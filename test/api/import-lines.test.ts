// Large incident files through the HTTP importer on a private writable copy of the test county (issue 14
// items 1 and 4): the product's own export, re-imported with bad rows at random lines — beyond the reader's
// pauses every 2,000 rows and beyond 10,000 — reports each bad row at exactly its line with its raw text,
// imports every good row (imported = valid = the good rows, counted in the table), and a second import of the
// same file refuses every row as already stored, at its own line, with valid 0.
import fc from 'fast-check';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { type Requester } from '../support/session.js';
import type { Database } from '../../server/db/database.js';
import { openSignedInCountyCopy } from '../support/writable-county.js';

let db: Database;
let dispose: () => void;
let app: ReturnType<typeof createApp>;
let request: Requester;
let exported: string[]; // the export's data rows (one line each: no title spans lines in the demo data)
let header: string;
beforeAll(async () => {
  ({ db, app, request, dispose } = await openSignedInCountyCopy('admin'));
  const csv = (await (await request('/api/incidents/export?format=csv')).text()).replace(/^\uFEFF/, '');
  [header, ...exported] = csv.split(/\r?\n/).filter(Boolean);
});
afterAll(() => dispose());

const post = async (query: string, text: string) => {
  const res = await request(`/api/import/incidents${query}`, { method: 'POST', body: text, headers: { 'content-type': 'text/csv; charset=utf-8' } });
  return { status: res.status, body: (await res.json()) as any };
};
const count = async () => (await db.query<{ n: number }>('SELECT count(*)::INTEGER n FROM incidents'))[0].n;

/** Breaks a row in one of several ways; the reason it must be refused for. */
const BREAK: [(cells: string[]) => void, RegExp][] = [
  [(c) => (c[1] = '飞碟'), /unknown category "飞碟"/],
  [(c) => (c[2] = '2025-02-30 10:00'), /is not a date-time/],
  [(c) => ([c[3], c[4]] = [c[4], c[3]]), /look swapped/],
  [(c) => (c[3] = '130.5'), /outside/],
];

describe('re-importing the product\'s own export with bad rows at random lines', () => {
  it('has the test export to work on (more than 12,000 rows)', () => {
    expect(header.startsWith('编号,类别,时间,经度,纬度')).toBe(true);
    expect(exported.length).toBeGreaterThan(12000);
  });

  it('reports each bad row at its line, imports every good row, and refuses the whole file on a second import (property)', async () => {
    let round = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2500, max: Math.min(exported.length, 14000) }),
        fc.uniqueArray(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 30 }),
        fc.array(fc.integer({ min: 0, max: BREAK.length - 1 }), { minLength: 30, maxLength: 30 }),
        async (n, at, kinds) => {
          // Fresh ids per round: the export's ids with a round prefix, so earlier rounds' rows are not duplicates.
          const prefix = `R${round++}-`;
          const rows = exported.slice(0, n).map((r) => r.replace(/^([^,]*)/, (id) => prefix + (id || 'x')));
          const badIdx = [...new Set(at.map((a) => Math.min(n - 1, Math.floor(a * n))))].sort((a, b) => a - b);
          const reasons = new Map<number, RegExp>();
          badIdx.forEach((i, j) => {
            const cells = rows[i].split(',');
            const [breakRow, reason] = BREAK[kinds[j % kinds.length]];
            breakRow(cells);
            rows[i] = cells.join(',');
            reasons.set(i + 2, reason); // line = index + 2 (line 1 is the header)
          });
          const text = [header, ...rows].join('\n') + '\n';
          const before = await count();
          const { status, body } = await post('?partial=true', text);
          expect(status).toBe(200);
          expect(body.rejected.map((r: any) => r.line)).toEqual([...reasons.keys()]);
          for (const r of body.rejected) {
            expect(r.raw).toBe(rows[r.line - 2]);
            expect(r.reason).toMatch(reasons.get(r.line)!);
          }
          expect(body.valid).toBe(n - badIdx.length);
          expect(body.imported).toBe(body.valid);
          expect(await count()).toBe(before + body.imported);
          // The same file again: every good row is now stored; each is refused at its own line, none valid. The
          // answer lists the first refusals and counts them all; the rejected-rows CSV has every one.
          const again = await post('?partial=true&dryRun=true', text);
          expect(again.body.valid).toBe(0);
          expect(again.body.rejectedCount).toBe(n);
          expect(again.body.reasonCounts.find((c: any) => c.kind === 'idInDatabase').count).toBe(n - badIdx.length);
          const csv = again.body.rejectedCsv ?? (await (await app.request(again.body.rejectedCsvUrl)).text());
          const parsed = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data.slice(1);
          expect(parsed.map((r) => Number(r[0]))).toEqual(Array.from({ length: n }, (_, i) => i + 2));
          for (const r of parsed) {
            expect(r[3]).toBe(rows[Number(r[0]) - 2]);
            if (!reasons.has(Number(r[0]))) expect(r[2]).toMatch(/already in the database/);
          }
        },
      ),
      { numRuns: 3, seed: 14 },
    );
  }, 240_000);
});

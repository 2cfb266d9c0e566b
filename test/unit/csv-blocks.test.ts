// The CSV reader parses a file a block at a time (server/import/csv-lines.ts) instead of letting a paused
// Papa Parse re-split the whole rest of the file at every pause — the quadratic step that made a 1M-row
// incident import 25 times slower than a 300k one (issue 10). Two properties:
//  - the rows are exactly those of ONE Papa parse of the whole text, whatever the block size: cells, line
//    numbers and raw text, over random files with quoted fields spanning lines and blocks, doubled quotes,
//    stray and unclosed quotes, CRLF / LF / lone-CR breaks, blank and blank-looking lines, a BOM, another
//    delimiter, rows longer than a block;
//  - the work stays proportional to the file: the characters Papa splits into lines over a read with the
//    importer's pauses every 2,000 rows grow by the added text when the file doubles (before the fix, by
//    about the added text times the number of pauses).
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvRows, forEachCsvRowAsync } from '../../server/import/csv-lines.js';

/** The oracle: one parse of the whole text, each row's line and raw text counted from the text itself. */
function wholeParse(text: string): { cells: string[]; line: number; raw: string }[] {
  const out: { cells: string[]; line: number; raw: string }[] = [];
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let prevEnd = bom;
  Papa.parse<string[]>(text, {
    skipEmptyLines: 'greedy',
    step: (r) => {
      const end = bom + r.meta.cursor;
      let start = prevEnd;
      while (start < end && (text[start] === '\n' || text[start] === '\r')) start++;
      const before = text.slice(0, start);
      const line = 1 + (before.match(/\r\n|\n|\r/g) ?? []).length;
      out.push({ cells: r.data, line, raw: text.slice(start, end).replace(/(\r\n|\r|\n)$/, '') });
      prevEnd = end;
    },
  });
  return out;
}

const piece = fc.constantFrom('a', 'bc', '中文', ' ', '1.5', '"', ';', '\t', 'x"y');
const field = fc.oneof(
  { weight: 4, arbitrary: fc.array(piece, { maxLength: 4 }).map((p) => p.join('').replace(/"/g, '')) },
  // quoted: commas, line breaks and doubled quotes inside
  { weight: 2, arbitrary: fc.array(fc.constantFrom('a', ',', '\n', '\r\n', '""', '中', ' '), { maxLength: 6 }).map((p) => `"${p.join('')}"`) },
  // malformed: a stray quote inside an unquoted field
  { weight: 1, arbitrary: fc.constantFrom('ab"c', 'x""', 'q"') },
);
const csvArb = fc
  .record({
    rows: fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 60 }),
    nl: fc.constantFrom('\n', '\r\n', '\r'),
    delimiter: fc.constantFrom(',', ',', ';', '\t'),
    blanks: fc.array(fc.nat(60), { maxLength: 5 }),
    spaceLines: fc.boolean(),
    bom: fc.boolean(),
    trailing: fc.boolean(),
    unclosed: fc.boolean(),
    long: fc.boolean(),
  })
  .map((f) => {
    const lines = f.rows.map((r) => r.join(f.delimiter));
    for (const b of f.blanks) lines.splice(Math.min(b, lines.length), 0, f.spaceLines && b % 2 ? '   ' : '');
    if (f.long) lines.splice(1, 0, 'L'.repeat(300));
    let text = (f.bom ? '\uFEFF' : '') + lines.join('\n').replace(/\n/g, f.nl) + (f.trailing ? f.nl : '');
    if (f.unclosed) text += `${f.delimiter}"never closed${f.nl}more`;
    return text;
  });

describe('block-wise CSV reading', () => {
  it('gives the rows of one whole-text parse, whatever the block size (property)', () => {
    fc.assert(
      fc.property(csvArb, fc.integer({ min: 1, max: 200 }), (text, block) => {
        const want = wholeParse(text);
        expect([...csvRows(text, block)]).toEqual(want);
        expect([...csvRows(text)]).toEqual(want);
      }),
      { numRuns: 600, seed: 1010 },
    );
  });

  it('keeps the pausing reader linear: each further row costs Papa one split of its own text, not of the rest', async () => {
    /** Characters Papa splits into lines while the importer's pausing reader reads `n` rows. */
    const splitChars = async (n: number) => {
      const rows = ['编号,类别,时间,经度,纬度,地址'];
      for (let i = 1; i <= n; i++) rows.push(`E${i},盗窃,2025-03-01 10:${String(i % 60).padStart(2, '0')},123.${i % 1000},44.${i % 997},`);
      const text = rows.join('\n');
      const split = String.prototype.split;
      let chars = 0, seen = 0;
      String.prototype.split = function (this: string, ...args: unknown[]) {
        if (typeof args[0] === 'string' && /^(\r\n|\n|\r)$/.test(args[0])) chars += this.length;
        return (split as (...a: unknown[]) => string[]).apply(this, args);
      } as typeof split;
      try {
        await forEachCsvRowAsync(text, () => void seen++, 2000, () => {});
      } finally {
        String.prototype.split = split;
      }
      expect(seen).toBe(n + 1);
      return { chars, length: text.length };
    };
    // The first block costs a constant more (Papa guesses the delimiter and line break on it); what grows
    // with the file must be the file: 30 more pauses used to re-split the rest 30 more times (~20 times the
    // added text).
    const a = await splitChars(60_000), b = await splitChars(120_000);
    expect((b.chars - a.chars) / (b.length - a.length)).toBeGreaterThan(0.99);
    expect((b.chars - a.chars) / (b.length - a.length)).toBeLessThan(1.1);
  });
});

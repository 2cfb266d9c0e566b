// CSV rows with their line numbers (1 = the header line; a quoted field spanning lines counts every line)
// and raw text, for readers that report refusals by line. One place counts lines, for the synchronous reader
// (camera ledgers, key sites) and the one that pauses to let the event loop breathe (incidents).
//
// Papa Parse reads the text one block of about a megabyte at a time, never the whole rest of the file: a
// paused Papa resumes on `input.substring(cursor)` and parses that from scratch — its quote-free fast path
// first splits ALL of it into lines — so pausing every 2,000 rows of a 1M-row file re-split the remaining
// text 500 times, a cost quadratic in the file's size (issue 10: 17 s of checking at 300k rows, 421 s at
// 1M). A block is parsed whole and synchronously; its last row may be cut by the block's end, so it is not
// taken: the next block starts where that row starts. A row's cells and end depend only on the text from its
// start to its line break, and every block starts at a row start, so the rows are exactly those of one parse
// of the whole text. The delimiter and line break Papa guesses on the first block are then given to the
// others (it guesses them from the first rows and the first megabyte, which the first block holds).
import Papa from 'papaparse';

export interface CsvRow { cells: string[]; line: number; raw: string }
/** Return false to stop reading. */
export type CsvRowFn = (cells: string[], line: number, raw: string) => boolean | void;

/** Characters parsed at a time (a block grows when a single row is longer). */
export const CSV_BLOCK_CHARS = 1 << 20;
/** Rows the first block must hold whole: Papa guesses the delimiter from the first ten. */
const GUESS_ROWS = 11;

/** Line breaks in text[from, to): \r\n, \n or a lone \r (old Mac files; Papa detects it as the newline). */
function breaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || (c === 13 && text.charCodeAt(k + 1) !== 10)) n++;
  }
  return n;
}

/** Turns rows' absolute end offsets into line numbers and raw text (one pass over the text in all). */
function rowLocator(text: string, from: number) {
  let scanned = from, lineNo = 1;
  return (end: number): { line: number; raw: string } => {
    if (end < scanned || end > text.length) throw new Error(`CSV reader lost its place (row end ${end}, read up to ${scanned})`);
    // Skip the blank lines Papa skipped (skipEmptyLines) and the previous row's line break.
    let start = scanned;
    while (start < end && (text[start] === '\n' || text[start] === '\r')) start++;
    lineNo += breaks(text, scanned, start);
    const line = lineNo;
    lineNo += breaks(text, start, end);
    scanned = end;
    return { line, raw: text.slice(start, end).replace(/(\r\n|\r|\n)$/, '') };
  };
}

/** Every row of the text, in order, parsed a block at a time (see the top of the file). */
export function* csvRows(text: string, blockChars = CSV_BLOCK_CHARS): Generator<CsvRow> {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0; // Papa drops it too
  const locate = rowLocator(text, bom);
  let pos = bom;
  let delimiter: string | undefined, newline: '\r\n' | '\n' | '\r' | undefined;
  let first = true;
  while (pos < text.length) {
    let cells: string[][] = [], ends: number[] = [];
    for (let size = blockChars; ; size *= 2) {
      const end = Math.min(text.length, pos + size);
      const last = end === text.length;
      cells = [];
      ends = [];
      let meta: Papa.ParseMeta | undefined;
      Papa.parse<string[]>(text.slice(pos, end), {
        skipEmptyLines: 'greedy',
        delimiter,
        newline,
        step: (r) => { cells.push(r.data); ends.push(pos + r.meta.cursor); meta = r.meta; },
      });
      if (!last) { cells.pop(); ends.pop(); } // perhaps cut by the block's end: read again in the next block
      if (last || cells.length >= (first ? GUESS_ROWS : 1)) {
        if (first && meta) { delimiter = meta.delimiter; newline = meta.linebreak as typeof newline; }
        if (last) pos = text.length;
        break;
      }
    }
    first = false;
    for (let k = 0; k < cells.length; k++) yield { cells: cells[k], ...locate(ends[k]) };
    if (ends.length && pos < text.length) pos = ends[ends.length - 1];
  }
}

export function forEachCsvRow(text: string, fn: CsvRowFn): void {
  for (const r of csvRows(text)) if (fn(r.cells, r.line, r.raw) === false) return;
}

/** The same rows, pausing every `every` rows (onPause reports progress) so other requests are answered
 * meanwhile. Rejects with what `fn` throws. */
export async function forEachCsvRowAsync(text: string, fn: CsvRowFn, every: number, onPause: (rows: number) => void, blockChars = CSV_BLOCK_CHARS): Promise<void> {
  let n = 0;
  for (const r of csvRows(text, blockChars)) {
    if (fn(r.cells, r.line, r.raw) === false) return;
    if (++n % every === 0) {
      onPause(n);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
}

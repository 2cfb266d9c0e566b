// CSV rows with their line numbers (1 = the header line; a quoted field spanning lines counts every line)
// and raw text, for readers that report refusals by line. One place counts lines, for the synchronous reader
// (camera ledgers, key sites) and the one that pauses to let the event loop breathe (incidents).
//
// Papa Parse gives each row's end as `meta.cursor`, an offset into the text it is parsing. After a pause that
// text is the rest of the input (Papa resumes on `input.substring(cursor)`), so the cursor starts again from
// 0: a row's absolute end is `base + cursor`, where `base` is the absolute end of the row at which it paused.
// (Counting from the raw cursor after a pause gave every row after the first pause the wrong line and raw
// text: issue 14 item 1.)
import Papa from 'papaparse';

export interface CsvRow { cells: string[]; line: number; raw: string }
/** Return false to stop reading. */
export type CsvRowFn = (cells: string[], line: number, raw: string) => boolean | void;

/** Line breaks in text[from, to): \r\n, \n or a lone \r (old Mac files; Papa detects it as the newline). */
function breaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || (c === 13 && text.charCodeAt(k + 1) !== 10)) n++;
  }
  return n;
}

/** Turns Papa's (relative) cursors into rows with absolute lines and raw text. */
function rowLocator(text: string) {
  let base = 0, scanned = 0, lineNo = 1;
  return {
    locate(cursor: number): { line: number; raw: string } {
      const end = base + cursor;
      if (end < scanned || end > text.length) throw new Error(`CSV reader lost its place (row end ${end}, read up to ${scanned})`);
      // Skip the blank lines Papa skipped (skipEmptyLines) and the previous row's line break.
      let start = scanned;
      while (start < end && (text[start] === '\n' || text[start] === '\r')) start++;
      lineNo += breaks(text, scanned, start);
      const line = lineNo;
      lineNo += breaks(text, start, end);
      scanned = end;
      return { line, raw: text.slice(start, end).replace(/(\r\n|\r|\n)$/, '') };
    },
    /** Papa pauses after the last located row and resumes on the text after it. */
    paused() {
      base = scanned;
    },
  };
}

export function forEachCsvRow(text: string, fn: CsvRowFn): void {
  const at = rowLocator(text);
  Papa.parse<string[]>(text, {
    skipEmptyLines: 'greedy',
    step: (result, parser) => {
      const { line, raw } = at.locate(result.meta.cursor);
      if (fn(result.data, line, raw) === false) parser.abort();
    },
  });
}

/** The same rows, pausing every `every` rows (onPause reports progress) so other requests are answered
 * meanwhile. Rejects with what `fn` throws. */
export function forEachCsvRowAsync(text: string, fn: CsvRowFn, every: number, onPause: (rows: number) => void): Promise<void> {
  const at = rowLocator(text);
  let n = 0;
  return new Promise((resolve, reject) => {
    Papa.parse<string[]>(text, {
      skipEmptyLines: 'greedy',
      step: (result, parser) => {
        try {
          const { line, raw } = at.locate(result.meta.cursor);
          if (fn(result.data, line, raw) === false) return parser.abort();
        } catch (e) {
          parser.abort();
          reject(e);
          return;
        }
        if (++n % every === 0) {
          onPause(n);
          parser.pause();
          at.paused();
          setImmediate(() => parser.resume());
        }
      },
      complete: () => resolve(),
    });
  });
}

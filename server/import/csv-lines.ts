// CSV rows with their line numbers (1 = the header line; a quoted field spanning lines counts every line)
// and raw text, for readers that report refusals by line.
import Papa from 'papaparse';

export function forEachCsvRow(text: string, fn: (cells: string[], line: number, raw: string) => boolean | void): void {
  let lineNo = 1, scanned = 0;
  Papa.parse<string[]>(text, {
    skipEmptyLines: 'greedy',
    step: (result, parser) => {
      const end = result.meta.cursor;
      let start = scanned;
      while (start < end && (text[start] === '\n' || text[start] === '\r')) start++;
      for (let k = scanned; k < start; k++) if (text.charCodeAt(k) === 10) lineNo++;
      const line = lineNo;
      for (let k = start; k < end; k++) if (text.charCodeAt(k) === 10) lineNo++;
      scanned = end;
      if (fn(result.data, line, text.slice(start, end).replace(/\r?\n$/, '')) === false) parser.abort();
    },
  });
}

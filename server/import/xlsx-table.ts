// XLSX input for the CSV kinds (incidents, camera ledger, key sites): the first sheet is turned into CSV text
// and read by the same checks, so a county can upload the spreadsheet it keeps instead of re-saving it as
// CSV UTF-8 first. read-excel-file (maintained, small, no native parts) reads the sheet. Row k of the sheet
// is line k of the CSV, so refusals name the spreadsheet's row numbers. Excel stores dates without a zone
// (read as UTC by the library): they are written back as the wall-clock time they show, which the incident
// checks then read as Asia/Shanghai like any CSV time without a zone.
import { readSheet } from 'read-excel-file/node';
import { decodeCsv, ImportFileError } from './incident-rows.js';
import { msg } from './import-messages.js';

/** XLSX files are zip archives: "PK\x03\x04". */
export const isXlsx = (b: Uint8Array): boolean => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

const pad = (n: number) => String(n).padStart(2, '0');

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    const t = `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
    return v.getUTCHours() || v.getUTCMinutes() || v.getUTCSeconds() ? `${t} ${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}:${pad(v.getUTCSeconds())}` : t;
  }
  return String(v);
}

const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export async function xlsxToCsv(bytes: Uint8Array): Promise<string> {
  let rows: unknown[][];
  try {
    rows = (await readSheet(Buffer.from(bytes))) as unknown[][];
  } catch (e) {
    throw new ImportFileError(msg.xlsxUnreadable((e as Error).message));
  }
  return rows.map((r) => r.map((c) => quote(cellText(c))).join(',')).join('\n');
}

/** The text of an uploaded table: XLSX (first sheet) or CSV in the declared encoding. */
export async function decodeTable(bytes: Uint8Array, encoding?: 'utf-8' | 'gbk'): Promise<string> {
  return isXlsx(bytes) ? xlsxToCsv(bytes) : decodeCsv(bytes, encoding);
}

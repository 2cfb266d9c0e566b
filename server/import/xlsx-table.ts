// XLSX input for the CSV kinds (incidents, camera ledger, key sites): the first sheet is turned into CSV text
// and read by the same checks, so a county can upload the spreadsheet it keeps instead of re-saving it as
// CSV UTF-8 first. read-excel-file (maintained, small, no native parts) reads the sheet. Row k of the sheet
// is line k of the CSV, so refusals name the spreadsheet's row numbers. Excel stores dates without a zone
// (read as UTC by the library): they are written back as the wall-clock time they show, which the incident
// checks then read as Asia/Shanghai like any CSV time without a zone.
import { Unzip, UnzipInflate } from 'fflate';
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

/** What a workbook may unpack to: a 64 MB upload of real sheets unpacks to a few hundred MB at most; a zip bomb
 * (1 MB inflating to 1 GB) would take the server's memory before the library reads a row. */
export const MAX_XLSX_UNPACKED_BYTES = 256 * 1024 * 1024;

/** Bytes the archive's entries inflate to, counted while inflating (not the sizes the headers claim, which a
 * crafted file can fake), stopping as soon as `cap` is passed; chunks are dropped as they come. */
export function unpackedBytes(bytes: Uint8Array, cap: number): number {
  let total = 0;
  const files: { terminate: () => void }[] = [];
  const unzip = new Unzip((file) => {
    files.push(file);
    file.ondata = (err, chunk) => {
      if (err) return;
      total += chunk.length;
      if (total > cap) for (const f of files) f.terminate();
    };
    if (total <= cap) file.start();
  });
  unzip.register(UnzipInflate);
  try {
    // in slices, so that a bomb is stopped after the slice that passes the cap, not after the whole file
    for (let i = 0; i < bytes.length && total <= cap; i += 65536) unzip.push(bytes.subarray(i, i + 65536), i + 65536 >= bytes.length);
  } catch {
    // a damaged archive: the reader below says so in its own words
  }
  return total;
}

export async function xlsxToCsv(bytes: Uint8Array): Promise<string> {
  if (unpackedBytes(bytes, MAX_XLSX_UNPACKED_BYTES) > MAX_XLSX_UNPACKED_BYTES) throw new ImportFileError(msg.xlsxInflatesTooMuch(MAX_XLSX_UNPACKED_BYTES / 1048576));
  let rows: unknown[][];
  try {
    rows = (await readSheet(Buffer.from(bytes))) as unknown[][];
  } catch (e) {
    // Said in words, not the library's message: a zip without a workbook inside, or one that cannot be unzipped.
    const m = (e as Error).message ?? '';
    throw new ImportFileError(msg.xlsxUnreadable(/not found inside|workbook\.xml|\[Content_Types\]/i.test(m) ? 'notWorkbook' : /sheet/i.test(m) ? 'noSheet' : 'damaged'));
  }
  if (!rows.length) throw new ImportFileError(msg.xlsxUnreadable('noSheet'));
  return rows.map((r) => r.map((c) => quote(cellText(c))).join(',')).join('\n');
}

/** The text of an uploaded table: XLSX (first sheet) or CSV in the declared encoding. */
/** Old binary workbooks (.xls) and password-protected .xlsx files are OLE compound files: D0 CF 11 E0. */
const isOleCompound = (b: Uint8Array): boolean => b.length > 8 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

export async function decodeTable(bytes: Uint8Array, encoding?: 'utf-8' | 'gbk'): Promise<string> {
  if (isOleCompound(bytes)) throw new ImportFileError(msg.xlsOrEncrypted());
  return isXlsx(bytes) ? xlsxToCsv(bytes) : decodeCsv(bytes, encoding);
}

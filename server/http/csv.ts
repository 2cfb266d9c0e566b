// CSV cells for every CSV the server writes: quoted when needed, and formula-neutralised — a text cell that a
// spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) gets a leading apostrophe (OWASP's
// CSV-injection advice), so `=HYPERLINK(…)` or `+cmd|…` from an import or a report shows as text. Numbers are
// written as they are, and so is a text that is exactly a decimal number ("-123.456789", a formatted
// coordinate): a negative number is not a formula, while "-1+1" is.
const FORMULA_LEAD = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (typeof v === 'string' && FORMULA_LEAD.test(s) && !PLAIN_NUMBER.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (cells: readonly unknown[]): string => cells.map(csvCell).join(',');

/** A whole CSV file as Excel opens it: UTF-8 with a BOM, CRLF line ends, every cell through csvCell. */
export const csvFile = (rows: readonly (readonly unknown[])[]): string => '\uFEFF' + rows.map(csvLine).join('\r\n') + '\r\n';

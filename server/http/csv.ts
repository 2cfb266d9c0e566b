// CSV cells for every CSV the server writes: quoted when needed, and formula-neutralised — a text cell that a
// spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) gets a leading apostrophe (OWASP's
// CSV-injection advice), so `=HYPERLINK(…)` or `+cmd|…` from an import or a report shows as text. Numbers are
// written as they are (a negative number is not a formula).
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (cells: readonly unknown[]): string => cells.map(csvCell).join(',');

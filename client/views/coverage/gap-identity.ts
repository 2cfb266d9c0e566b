// Whether a new ledger's gap list (uncovered roads, sites, crossings) is the same as the one drawn: most
// what-if edits change a few gaps or none, and keeping the old array lets deck.gl keep its buffers instead
// of re-tessellating thousands of road stretches for every edit.

type Row = object;

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    // geometry: same length and the same ends (a gap's line is derived from its road and extent)
    if (a.length !== b.length) return false;
    if (a.length === 0) return true;
    return JSON.stringify(a[0]) === JSON.stringify(b[0]) && JSON.stringify(a[a.length - 1]) === JSON.stringify(b[b.length - 1]);
  }
  return false;
}

/** Same rows in the same order with the same fields (lines compared by length and end points). */
export function sameGaps<T extends Row>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as Record<string, unknown>, y = b[i] as Record<string, unknown>;
    const keys = Object.keys(x);
    if (keys.length !== Object.keys(y).length) return false;
    for (const k of keys) if (!sameValue(x[k], y[k])) return false;
  }
  return true;
}

// What an edit changed in the ledger, as the planner reads it: "公共场所 90 → 91 / 108", road kilometres
// covered, crossings watched — only the figures that moved. Pure: two ledgers in, changes out.
import type { Ledger } from './coverage-api';

export type LedgerChange =
  | { kind: 'category'; category: string; before: number; after: number; of: number }
  | { kind: 'roads'; before: number; after: number; of: number }
  | { kind: 'crossings'; before: number; after: number; of: number };

const km1 = (m: number) => Math.round(m / 100) / 10;

export function ledgerChanges(before: Ledger, after: Ledger): LedgerChange[] {
  const out: LedgerChange[] = [];
  for (const c of after.categories) {
    const b = before.categories.find((x) => x.category === c.category);
    if (b && b.covered !== c.covered) out.push({ kind: 'category', category: c.category, before: b.covered, after: c.covered, of: c.sites });
  }
  const road = (l: Ledger) => km1(l.roads.reduce((s, r) => s + r.coveredM, 0));
  const [rb, ra] = [road(before), road(after)];
  if (rb !== ra) out.push({ kind: 'roads', before: rb, after: ra, of: km1(after.roads.reduce((s, r) => s + r.lengthM, 0)) });
  const crossed = (l: Ledger) => l.crossings.filter((c) => c.covered).length;
  if (crossed(before) !== crossed(after)) out.push({ kind: 'crossings', before: crossed(before), after: crossed(after), of: after.crossings.length });
  return out;
}

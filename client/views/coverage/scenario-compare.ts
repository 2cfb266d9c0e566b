// Two saved scenarios side by side: the ledger figures a planner weighs (each target category's covered
// sites and shortfall, road kilometres covered, border crossings watched) for scenario A, scenario B and
// the difference B − A. Pure: from two ledgers to rows, so the figures are tested without a browser.
import type { Ledger } from './coverage-api';

export interface CompareRow {
  /** 'category' rows name a target category; the others are whole-jurisdiction totals */
  kind: 'category' | 'roads' | 'crossings' | 'shortfall';
  category?: string;
  a: number;
  b: number;
  /** the denominator both share (sites of the category, road km, crossings); null for the shortfall total */
  of: number | null;
  /** b − a, rounded like the figures (road km to 0.1) */
  delta: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export function compareLedgers(a: Ledger, b: Ledger): CompareRow[] {
  const rows: CompareRow[] = a.categories.map((ca) => {
    const cb = b.categories.find((c) => c.category === ca.category);
    const covB = cb?.covered ?? 0;
    return { kind: 'category', category: ca.category, a: ca.covered, b: covB, of: ca.sites, delta: covB - ca.covered };
  });
  const shortA = a.categories.reduce((s, c) => s + c.shortfall, 0);
  const shortB = b.categories.reduce((s, c) => s + c.shortfall, 0);
  rows.push({ kind: 'shortfall', a: shortA, b: shortB, of: null, delta: shortB - shortA });
  const km = (l: Ledger, f: 'coveredM' | 'lengthM') => round1(l.roads.reduce((s, r) => s + r[f], 0) / 1000);
  const roadA = km(a, 'coveredM');
  const roadB = km(b, 'coveredM');
  rows.push({ kind: 'roads', a: roadA, b: roadB, of: km(a, 'lengthM'), delta: round1(roadB - roadA) });
  const crossA = a.crossings.filter((c) => c.covered).length;
  const crossB = b.crossings.filter((c) => c.covered).length;
  rows.push({ kind: 'crossings', a: crossA, b: crossB, of: a.crossings.length, delta: crossB - crossA });
  return rows;
}

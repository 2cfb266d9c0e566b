// How an incident file's own category and status values become the jurisdiction's: the category mapping of
// the import dialog. A value is resolved, in order, by
//   1. the mapping sent with this import (categoryMap / statusMap: source value → code or status),
//   2. the vocabulary itself (a category's code, Chinese or English name; a status id or its Chinese label),
//   3. a mapping remembered from an earlier import (value_aliases, db/categories.ts),
//   4. the built-in synonyms of the eleven seed categories, and the common Chinese workflow words of statuses
//      (incident-rows.ts parseStatus: 待处理, 办理中, 已办结 …);
// a value still unresolved is refused row by row (as before), and the dry run lists every distinct value with
// its row count, how it was resolved and, for the unresolved ones, the categories whose names look most alike
// (suggestions the dialog preselects; the clerk may pick another or add the value as a new category).
import type { Category, CategoryVocabulary } from '../db/categories.js';
import { INCIDENT_STATUSES, STATUS_ZH, type IncidentStatus } from '../../shared/domain/categories.js';
import { editDistance } from '../analysis/edit-distance.js';
import { parseStatus } from './incident-rows.js';

export type ResolvedBy = 'map' | 'vocabulary' | 'remembered' | 'synonym';

/** Built-in synonyms of the seed categories (used only while the code is in the vocabulary). */
const CATEGORY_SYNONYMS: Record<string, string> = {
  诈骗: 'fraud', 电诈: 'fraud', 网络诈骗: 'fraud', 纠纷: 'dispute', 刑事案件: 'criminal', 治安: 'public_order', 隐患: 'hazard',
  民生: 'livelihood', 交通: 'traffic', 突发: 'emergency', 盗窃案: 'theft', 偷盗: 'theft', 火警: 'fire',
};

export interface ValueResolver<T extends string> {
  resolve(text: string): { value: T; by: ResolvedBy } | undefined;
}

const key = (s: string) => s.trim().toLowerCase();

export function categoryResolver(vocab: CategoryVocabulary, remembered: ReadonlyMap<string, string>, explicit: Readonly<Record<string, string>> = {}): ValueResolver<string> {
  const names = new Map<string, string>();
  for (const c of vocab.list) for (const n of [c.code, c.zh, c.en]) names.set(key(n), c.code);
  const ok = (code: string | undefined) => (code !== undefined && vocab.codes.has(code) ? code : undefined);
  return {
    resolve(text) {
      const t = text.trim();
      let v: string | undefined;
      if ((v = ok(explicit[t]))) return { value: v, by: 'map' };
      if ((v = names.get(key(t)))) return { value: v, by: 'vocabulary' };
      if ((v = ok(remembered.get(t)))) return { value: v, by: 'remembered' };
      if ((v = ok(CATEGORY_SYNONYMS[t]))) return { value: v, by: 'synonym' };
      return undefined;
    },
  };
}

export function statusResolver(remembered: ReadonlyMap<string, string>, explicit: Readonly<Record<string, string>> = {}): ValueResolver<IncidentStatus> {
  const names = new Map<string, IncidentStatus>();
  for (const s of INCIDENT_STATUSES) names.set(s, s), names.set(STATUS_ZH[s], s);
  const ok = (s: string | undefined) => ((INCIDENT_STATUSES as readonly string[]).includes(s ?? '') ? (s as IncidentStatus) : undefined);
  return {
    resolve(text) {
      const t = text.trim();
      let v: IncidentStatus | undefined;
      if ((v = ok(explicit[t]))) return { value: v, by: 'map' };
      if ((v = names.get(key(t)))) return { value: v, by: 'vocabulary' };
      if ((v = ok(remembered.get(t)))) return { value: v, by: 'remembered' };
      if ((v = parseStatus(t))) return { value: v, by: 'synonym' };
      return undefined;
    },
  };
}

/** How alike two names are, 0–1: shared characters (Dice over character multisets, which suits Chinese
 * names such as 偷盗 / 盗窃), raised when one name contains the other, lowered by edit distance. */
export function nameSimilarity(a: string, b: string): number {
  const x = a.trim().toLowerCase(), y = b.trim().toLowerCase();
  if (!x || !y) return 0;
  if (x === y) return 1;
  const count = new Map<string, number>();
  for (const ch of x) count.set(ch, (count.get(ch) ?? 0) + 1);
  let shared = 0;
  for (const ch of y) { const n = count.get(ch) ?? 0; if (n > 0) { shared++; count.set(ch, n - 1); } }
  const dice = (2 * shared) / ([...x].length + [...y].length);
  const contains = x.includes(y) || y.includes(x) ? 0.25 : 0;
  const edit = 1 - editDistance(x, y) / Math.max([...x].length, [...y].length);
  return Math.min(0.99, Math.round((0.6 * dice + 0.4 * edit + contains) * 100) / 100);
}

/** Categories whose names look most like `value` (at least 0.3 alike), best first. */
export function suggestCategories(value: string, vocab: CategoryVocabulary, n = 3): { code: string; score: number }[] {
  const scored = vocab.list.map((c: Category) => ({ code: c.code, score: Math.max(nameSimilarity(value, c.zh), nameSimilarity(value, c.en), CATEGORY_SYNONYMS[value] === c.code ? 0.9 : 0) }));
  return scored.filter((s) => s.score >= 0.3).sort((a, b) => b.score - a.score).slice(0, n);
}

/** Statuses most like `value` (by name similarity with the Chinese labels and the synonyms). */
export function suggestStatuses(value: string): { status: IncidentStatus; score: number }[] {
  const best = new Map<IncidentStatus, number>();
  for (const s of INCIDENT_STATUSES) best.set(s, nameSimilarity(value, STATUS_ZH[s]));
  return [...best].map(([status, score]) => ({ status, score })).filter((s) => s.score >= 0.5).sort((a, b) => b.score - a.score).slice(0, 2);
}

/** One distinct value of the category or status column, as the dry run reports it. */
export interface ValueReport<T extends string> { value: string; rows: number; mapped: T | null; by: ResolvedBy | null; suggestions: { value: T; score: number }[] }

/** A category or status word is a few characters; a longer cell is refused row by row with its reason, and is
 * never offered for mapping: echoing it would make the answer as large as the file (a 1 MB cell answered 2 MB),
 * and comparing it by name similarity with every category took seconds of the event loop. */
export const MAX_MAPPABLE_VALUE_CHARS = 60;

/** Distinct values (first 200 of those short enough to be a name, most frequent first) with how each resolves. */
export function valueReport<T extends string>(counts: ReadonlyMap<string, number>, resolver: ValueResolver<T>, suggest: (v: string) => { value: T; score: number }[]): ValueReport<T>[] {
  return [...counts].filter(([value]) => value.length <= MAX_MAPPABLE_VALUE_CHARS).sort((a, b) => b[1] - a[1]).slice(0, 200).map(([value, rows]) => {
    const r = resolver.resolve(value);
    return { value, rows, mapped: r?.value ?? null, by: r?.by ?? null, suggestions: r ? [] : suggest(value) };
  });
}

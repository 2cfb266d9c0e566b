// The jurisdiction's category vocabulary, read from the categories table (schema.sql) and kept in memory per
// database until the 'categories' data version moves (adding a category bumps it), so validating a filter's
// `categories` costs a Set lookup. A database without the table (an older file opened read-only) or with an
// empty one reads as the eleven built-in categories. Remembered import mappings (value_aliases) live here too.
import type { Database } from './database.js';
import { bumpDataVersion, dataVersion } from './data-version.js';
import { CATEGORY_GROUPS, CATEGORY_INFO, INCIDENT_CATEGORIES, type CategoryGroup } from '../../shared/domain/categories.js';
import { SEED_CATEGORIES_SQL } from './categories-seed.js';

export interface Category {
  code: string;
  zh: string;
  en: string;
  /** RGB, as the map layers and charts take it. */
  color: [number, number, number];
  severity: number;
  slaDays: number;
  group: string;
}

export interface CategoryVocabulary {
  list: Category[];
  byCode: Map<string, Category>;
  codes: ReadonlySet<string>;
}

export const CODE_RE = /^[a-z][a-z0-9_]{0,39}$/;

const rgb = (hex: string): [number, number, number] => {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  return m ? [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)] : [127, 127, 127];
};
export const hexColor = (c: readonly number[]) => `#${c.map((x) => Math.max(0, Math.min(255, Math.round(x))).toString(16).padStart(2, '0')).join('')}`;

function vocabulary(list: Category[]): CategoryVocabulary {
  return { list, byCode: new Map(list.map((c) => [c.code, c])), codes: new Set(list.map((c) => c.code)) };
}

export const BUILT_IN: CategoryVocabulary = vocabulary(INCIDENT_CATEGORIES.map((code) => ({ code, ...CATEGORY_INFO[code], color: [...CATEGORY_INFO[code].color] as [number, number, number] })));

const cache = new WeakMap<Database, { version: string; vocab: Promise<CategoryVocabulary> }>();

/** The vocabulary of this database, as of its current data version. */
export function categories(db: Database): Promise<CategoryVocabulary> {
  const version = dataVersion(db, 'categories');
  const hit = cache.get(db);
  if (hit && hit.version === version) return hit.vocab;
  const vocab = load(db);
  cache.set(db, { version, vocab });
  vocab.catch(() => cache.delete(db));
  return vocab;
}

async function load(db: Database): Promise<CategoryVocabulary> {
  const [exists] = await db.query<{ n: number }>("SELECT count(*)::INT n FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = 'categories'");
  if (!exists.n) return BUILT_IN;
  const rows = await db.query<{ code: string; name_zh: string; name_en: string; color: string; severity: number; sla_days: number; parent_group: string }>(
    'SELECT code, name_zh, name_en, color, severity, sla_days, parent_group FROM categories ORDER BY sort, code');
  if (!rows.length) return BUILT_IN;
  return vocabulary(rows.map((r) => ({ code: r.code, zh: r.name_zh, en: r.name_en, color: rgb(r.color), severity: r.severity, slaDays: r.sla_days, group: r.parent_group })));
}

export interface NewCategory { code?: string; zh: string; en?: string; color?: [number, number, number]; severity?: number; slaDays?: number; group: string }

/** A palette for categories added without a colour (distinct from the eleven's, readable on the map). */
const PALETTE: [number, number, number][] = [[0, 128, 128], [188, 80, 144], [255, 166, 0], [88, 80, 141], [0, 63, 92], [122, 81, 149], [239, 86, 117], [84, 130, 53], [197, 90, 17], [47, 75, 124]];

/** Adds a category to the jurisdiction's table (seeding it first if it is still the built-in list) and bumps
 * the 'categories' version. The code is derived from the English name when not given. */
export async function addCategory(db: Database, c: NewCategory): Promise<Category> {
  const vocab = await categories(db);
  const slug = (c.en ?? '').toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 32);
  let code = c.code ?? (CODE_RE.test(slug) ? slug : 'custom');
  if (!c.code) for (let k = 2; vocab.codes.has(code); k++) code = `${CODE_RE.test(slug) ? slug : 'custom'}_${k}`;
  const category: Category = {
    code, zh: c.zh, en: c.en?.trim() || c.zh,
    color: c.color ?? PALETTE[(vocab.list.length - BUILT_IN.list.length + PALETTE.length * 8) % PALETTE.length],
    severity: c.severity ?? 1, slaDays: c.slaDays ?? 15, group: c.group,
  };
  await db.transaction(async (con) => {
    await con.run(SEED_CATEGORIES_SQL);
    await con.run('INSERT INTO categories VALUES ($1, $2, $3, $4, $5, $6, $7, (SELECT coalesce(max(sort), 0) + 1 FROM categories))',
      [category.code, category.zh, category.en, hexColor(category.color), category.severity, category.slaDays, category.group]);
  });
  bumpDataVersion(db, ['categories']);
  return category;
}

export const GROUP_CODES = Object.keys(CATEGORY_GROUPS) as CategoryGroup[];

export type AliasKind = 'category' | 'status';

/** Source values mapped before (value → category code or status), by kind. */
export async function rememberedAliases(db: Database, kind: AliasKind): Promise<Map<string, string>> {
  const [exists] = await db.query<{ n: number }>("SELECT count(*)::INT n FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = 'value_aliases'");
  if (!exists.n) return new Map();
  const rows = await db.query<{ source: string; target: string }>('SELECT source, target FROM value_aliases WHERE kind = ?', [kind]);
  return new Map(rows.map((r) => [r.source, r.target]));
}

/** Remembers an import's explicit mapping for the next file (a later mapping of the same value wins). */
export async function rememberAliases(db: Database, kind: AliasKind, map: Record<string, string>): Promise<void> {
  const entries = Object.entries(map).filter(([s, t]) => s.trim() && t);
  if (!entries.length) return;
  await db.transaction(async (con) => {
    for (const [source, target] of entries) await con.run('INSERT OR REPLACE INTO value_aliases VALUES ($1, $2, $3)', [kind, source.trim(), target]);
  });
}

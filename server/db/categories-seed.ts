// The SQL that fills an empty categories table with the eleven categories of the seed documents
// (domain/categories.ts): run on every writable open (upgrade-schema.ts) and by the demo build, a no-op
// once the table has rows. A category's colour is stored as #rrggbb.
import { CATEGORY_INFO, INCIDENT_CATEGORIES } from '../../shared/domain/categories.js';

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
const hex = (c: readonly number[]) => `#${c.map((x) => x.toString(16).padStart(2, '0')).join('')}`;

export const SEED_CATEGORIES_SQL = `INSERT INTO categories SELECT * FROM (VALUES ${INCIDENT_CATEGORIES.map((code, i) => {
  const c = CATEGORY_INFO[code];
  return `(${q(code)}, ${q(c.zh)}, ${q(c.en)}, ${q(hex(c.color))}, ${c.severity}::DOUBLE, ${c.slaDays}, ${q(c.group)}, ${i + 1})`;
}).join(', ')}) WHERE NOT EXISTS (SELECT 1 FROM categories)`;

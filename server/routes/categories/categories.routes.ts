// The jurisdiction's incident categories (db/categories.ts):
//   GET  /categories            the vocabulary (code, Chinese and English name, colour, severity, SLA days, group)
//                               and the parent groups
//   POST /categories            (JSON: zh, group, en?, code?, color? [r,g,b] or #rrggbb, severity?, slaDays?) adds one;
//                               409 when the code or the Chinese name is taken
import { Hono } from 'hono';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { addCategory, categories, CODE_RE, GROUP_CODES } from '../../db/categories.js';
import { CATEGORY_GROUPS } from '../../../shared/domain/categories.js';
import { formatIssues } from '../../http/validate.js';
import { withWriteLock } from '../../import/write-lock.js';
import { access } from '../../auth/access.js';

const colour = z.union([
  z.tuple([z.number().int().min(0).max(255), z.number().int().min(0).max(255), z.number().int().min(0).max(255)]),
  z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colour as #rrggbb').transform((h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number]),
]);

export const NewCategorySchema = z.object({
  code: z.string().regex(CODE_RE, 'code: a lower-case letter, then letters, digits or _ (40 at most)').optional(),
  zh: z.string().trim().min(1, 'give the Chinese name').max(40, 'Chinese name too long (40 characters at most)'),
  en: z.string().trim().max(60, 'English name too long (60 characters at most)').optional(),
  group: z.enum(GROUP_CODES as [string, ...string[]], { message: `group must be one of ${GROUP_CODES.join(', ')}` }),
  color: colour.optional(),
  severity: z.number().min(0).max(10).optional(),
  slaDays: z.number().int().min(1).max(365).optional(),
});

export const groupList = () => GROUP_CODES.map((code) => ({ code, ...CATEGORY_GROUPS[code] }));

export function categoryRoutes(db: Database) {
  return new Hono()
    .get('/', access('signed-in'), async (c) => c.json({ categories: (await categories(db)).list, groups: groupList() }))
    .post('/', access('data.import'), async (c) => {
      const body = await c.req.json().catch(() => undefined);
      const r = NewCategorySchema.safeParse(body);
      if (!r.success) return c.json({ error: `Invalid category: ${formatIssues(r.error).message}`, errorZh: `类别无效：${formatIssues(r.error).message}` }, 400);
      const vocab = await categories(db);
      if (r.data.code && vocab.codes.has(r.data.code)) return c.json({ error: `The category code ${r.data.code} is taken`, errorZh: `类别代码 ${r.data.code} 已存在` }, 409);
      const same = vocab.list.find((x) => x.zh === r.data.zh);
      if (same) return c.json({ error: `The category ${r.data.zh} exists (code ${same.code})`, errorZh: `类别「${r.data.zh}」已存在（代码 ${same.code}）`, category: same }, 409);
      const category = await withWriteLock(db, () => addCategory(db, r.data));
      return c.json({ category }, 201);
    });
}

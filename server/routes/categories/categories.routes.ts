// The jurisdiction's incident categories (db/categories.ts):
//   GET  /categories            the vocabulary (code, Chinese and English name, colour, severity, SLA days, group)
//                               and the parent groups
//   POST /categories            (JSON: zh, group, en?, code?, color? [r,g,b] or #rrggbb, severity?, slaDays?) adds one;
//                               409 when the code or the Chinese name is taken
import type { Database } from '../../db/database.js';
import { addCategory, categories, CODE_RE, GROUP_CODES } from '../../db/categories.js';
import { CATEGORY_GROUPS } from '../../../shared/domain/categories.js';
import { withWriteLock } from '../../import/write-lock.js';
import { createRouter, declareRoute, json, jsonBody, z } from '../../http/openapi.js';
import { CategoryAnswer, CategoryGroupAnswer } from '../../http/answer-schemas.js';
import { errorBody, ErrorAnswer } from '../../http/errors.js';

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

export const CategoriesAnswer = z.strictObject({ categories: z.array(CategoryAnswer), groups: z.array(CategoryGroupAnswer) }).openapi('Categories');
export type CategoriesAnswer = z.infer<typeof CategoriesAnswer>;
export const CategoryAdded = z.strictObject({ category: CategoryAnswer }).openapi('CategoryAdded');

export const listCategoriesRoute = declareRoute({
  method: 'get',
  path: '/',
  access: 'signed-in',
  summary: { zh: '事件类别词表', en: 'The incident category vocabulary' },
  responses: { 200: json(CategoriesAnswer, 'The jurisdiction’s categories in order, and the parent groups.') },
});

export const addCategoryRoute = declareRoute({
  method: 'post',
  path: '/',
  access: 'data.import',
  summary: { zh: '新增事件类别', en: 'Add an incident category' },
  request: { body: jsonBody(NewCategorySchema) },
  responses: {
    201: json(CategoryAdded, 'The category as stored.'),
    409: json(ErrorAnswer, 'The code or the Chinese name is taken (details.category: the existing one).'),
  },
});

export function categoryRoutes(db: Database) {
  return createRouter()
    .openapi(listCategoriesRoute, async (c) => c.json({ categories: (await categories(db)).list, groups: groupList() }, 200))
    .openapi(addCategoryRoute, async (c) => {
      const body = c.req.valid('json');
      const vocab = await categories(db);
      if (body.code && vocab.codes.has(body.code)) return c.json(errorBody(409, `The category code ${body.code} is taken`, { errorZh: `类别代码 ${body.code} 已存在` }), 409);
      const same = vocab.list.find((x) => x.zh === body.zh);
      if (same) return c.json(errorBody(409, `The category ${body.zh} exists (code ${same.code})`, { errorZh: `类别「${body.zh}」已存在（代码 ${same.code}）`, details: { category: same } }), 409);
      const category = await withWriteLock(db, () => addCategory(db, body));
      return c.json({ category }, 201);
    });
}

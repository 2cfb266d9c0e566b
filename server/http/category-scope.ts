// The jurisdiction's category vocabulary for the request being handled. A middleware loads it (from memory
// unless the 'categories' data version moved: db/categories.ts) before the route's validators run, and keeps
// it in an AsyncLocalStorage, so a zod schema shared by many routes (the incident filter's `categories`, a
// live report's category) can check codes against the table synchronously, without each route passing the
// database in. Outside a request (a schema used directly) the built-in eleven apply.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { MiddlewareHandler } from 'hono';
import type { Database } from '../db/database.js';
import { BUILT_IN, categories, type CategoryVocabulary } from '../db/categories.js';

const scope = new AsyncLocalStorage<CategoryVocabulary>();

export function categoryScope(db: Database): MiddlewareHandler {
  return async (_c, next) => scope.run(await categories(db), next);
}

/** The vocabulary of the database serving this request. */
export const knownCategories = (): CategoryVocabulary => scope.getStore() ?? BUILT_IN;

// oneOfSql writes "column is one of these" as (in)equalities for speed: checked against plain membership for every
// subset of the status and level vocabularies and every value, NULL included (a NULL level is a village case), by
// DuckDB itself on a table of all the values.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oneOfSql } from '../../server/cases/vocabulary-sql.js';
import { Database } from '../../server/db/database.js';
import { CASE_LEVELS, CASE_STATUSES } from '../../shared/domain/case-workflow.js';

let db: Database;
beforeAll(async () => {
  db = await Database.open(':memory:');
});
afterAll(() => db.close());

const subsets = <T>(xs: readonly T[]): T[][] => xs.reduce<T[][]>((acc, x) => acc.concat(acc.map((s) => [...s, x])), [[]]);

describe('oneOfSql', () => {
  for (const [name, vocabulary, nullMeans] of [['status', CASE_STATUSES, undefined], ['level', CASE_LEVELS, 'village']] as const) {
    it(`${name}: every subset selects exactly its members${nullMeans ? `, NULL counting as ${nullMeans}` : ''}`, async () => {
      const values = [...vocabulary, null];
      const table = `(SELECT unnest([${values.map((v) => (v === null ? 'NULL' : `'${v}'`)).join(', ')}]::VARCHAR[]) AS ${name})`;
      for (const chosen of subsets(vocabulary)) {
        const rows = await db.query<{ v: string | null }>(`SELECT ${name} AS v FROM ${table} WHERE ${oneOfSql(name, chosen, vocabulary, nullMeans)}`);
        const expected = values.filter((v) => chosen.includes((v ?? nullMeans) as never));
        expect(rows.map((r) => r.v).sort(), JSON.stringify(chosen)).toEqual(expected.sort());
      }
    });
  }
  it('refuses a value that is not a plain vocabulary word (never splices request text)', () => {
    expect(() => oneOfSql('status', ["x' OR 1=1 --"], ["x' OR 1=1 --", 'closed'])).toThrow();
    expect(() => oneOfSql('status', ['closed', 'a'], ["x' OR 1=1 --", 'closed', 'a'])).toThrow();
  });
});

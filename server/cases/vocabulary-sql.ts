// "This column is one of these values", for the case columns whose values are a fixed vocabulary (status, level),
// written the way DuckDB scans fastest. An IN list (or two ANDed) of strings is evaluated as a chain of OR-ed
// comparisons, and in a sorted, paged list query (ORDER BY … LIMIT) DuckDB re-scans the wide columns with it:
// on the 1M-case bench county a township's 待我处理 page took 44–108 ms with `status IN (4) AND level IN (2)`
// and 8 ms with the same set written as `status <> 'closed' AND status <> 'dispatched' AND level <> 'county'`
// (test/bench/cases.bench.ts). So a set is written as one equality when it has one value, else as the ANDed
// inequalities of its complement in the vocabulary. The values come from the vocabulary constants only (never
// from a request), so they are literals, not parameters.

const literal = (v: string) => {
  if (!/^[a-z_]+$/.test(v)) throw new Error(`not a vocabulary value: ${v}`);
  return `'${v}'`;
};

/**
 * SQL true exactly when `column` is one of `chosen` (a subset of `vocabulary`). `nullMeans`: the value a NULL in
 * the column stands for (a case's level is 'village' when unset), or undefined when NULL matches nothing.
 */
export function oneOfSql(column: string, chosen: readonly string[], vocabulary: readonly string[], nullMeans?: string): string {
  const set = new Set(chosen.filter((v) => vocabulary.includes(v)));
  if (set.size === 0) return 'false';
  const rest = vocabulary.filter((v) => !set.has(v));
  const nullOk = nullMeans !== undefined && set.has(nullMeans);
  let sql: string;
  if (rest.length === 0) sql = `${column} IS NOT NULL`;
  else if (set.size === 1) sql = `${column} = ${literal([...set][0])}`;
  else sql = rest.map((v) => `${column} <> ${literal(v)}`).join(' AND ');
  return nullOk ? `(${column} IS NULL OR ${sql})` : `(${sql})`;
}

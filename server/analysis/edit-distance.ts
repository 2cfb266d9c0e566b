// Whether two short strings are at most one edit apart (substitution, insertion or deletion of one
// character): the typo tolerance of the geocoder. Linear time, no matrix: names are a few characters long
// and are compared thousands of times per address batch.
export function editDistanceAtMost1(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length, lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) return a.slice(i + 1) === b.slice(i + 1); // one substitution
  if (la > lb) return a.slice(i + 1) === b.slice(i); // one deletion from a
  return a.slice(i) === b.slice(i + 1); // one insertion into a
}

/** Levenshtein distance (full dynamic programme), for tests and for reporting how far a guess was. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

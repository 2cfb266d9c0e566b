// Empirical Bayes stabilisation of rates on small counts (closure and resolution rates per township or
// village). A unit with 3 cases, 2 closed, is not "66.7 %" in any useful sense: each unit's rate is shrunk
// toward the all-unit rate by a beta prior fitted by the method of moments (beta-binomial), more so the
// fewer cases it has; units with few cases are also flagged low-confidence rather than ranked raw.

export interface Stabilised { raw: number | null; eb: number | null; lowConfidence: boolean }

export function empiricalBayesRates(successes: readonly number[], trials: readonly number[], minTrials = 20): Stabilised[] {
  const units = trials.map((n, i) => ({ k: successes[i], n })).filter((u) => u.n > 0);
  const totalK = units.reduce((s, u) => s + u.k, 0);
  const totalN = units.reduce((s, u) => s + u.n, 0);
  const mean = totalN > 0 ? totalK / totalN : 0;
  // Method of moments for the between-unit variance of the true rates (weighted by trials).
  const m = units.length;
  const nBar = totalN / Math.max(1, m);
  let weighted = 0;
  for (const u of units) weighted += u.n * (u.k / u.n - mean) ** 2;
  const s2 = totalN > 0 ? weighted / totalN : 0;
  const between = Math.max(0, s2 - (mean * (1 - mean)) / Math.max(1, nBar));
  // Beta(α, β) with that mean and variance; no spread between units → full pooling (a large prior weight).
  const priorWeight = between > 0 ? Math.max(0, (mean * (1 - mean)) / between - 1) : 1e9;
  return trials.map((n, i) => {
    if (n <= 0) return { raw: null, eb: null, lowConfidence: true };
    const eb = (successes[i] + priorWeight * mean) / (n + priorWeight);
    return { raw: successes[i] / n, eb, lowConfidence: n < minTrials };
  });
}

// The standard normal distribution: tail probabilities for z-scores (Gi*, Mann–Kendall, binomial tests).
// erfc by W. J. Cody's rational Chebyshev approximations (relative error < 1e-14), so p-values used by the
// false-discovery-rate step are accurate far into the tails.

const A = [3.1611237438705656, 113.864154151050156, 377.485237685302021, 3209.37758913846947, 0.185777706184603153];
const B = [23.6012909523441209, 244.024637934444173, 1282.61652607737228, 2844.23683343917062];
const C = [0.564188496988670089, 8.88314979438837594, 66.1191906371416295, 298.635138197400131, 881.95222124176909, 1712.04761263407058, 2051.07837782607147, 1230.33935479799725, 2.15311535474403846e-8];
const D = [15.7449261107098347, 117.693950891312499, 537.181101862009858, 1621.38957456669019, 3290.79923573345963, 4362.61909014324716, 3439.36767414372164, 1230.33935480374942];
const P = [0.305326634961232344, 0.360344899949804439, 0.125781726111229246, 0.0160837851487422766, 6.58749161529837803e-4, 0.0163153871373020978];
const Q = [2.56852019228982242, 1.87295284992346725, 0.527905102951428412, 0.0605183413124413191, 0.00233520497626869185];
const SQRPI = 0.56418958354775628695;

/** Complementary error function erfc(x). */
export function erfc(x: number): number {
  const y = Math.abs(x);
  let result: number;
  if (y <= 0.46875) {
    const ysq = y > 1.11e-16 ? y * y : 0;
    let num = A[4] * ysq, den = ysq;
    for (let i = 0; i < 3; i++) (num = (num + A[i]) * ysq), (den = (den + B[i]) * ysq);
    result = 1 - (x * (num + A[3])) / (den + B[3]);
    return result;
  }
  if (y <= 4) {
    let num = C[8] * y, den = y;
    for (let i = 0; i < 7; i++) (num = (num + C[i]) * y), (den = (den + D[i]) * y);
    result = (num + C[7]) / (den + D[7]);
  } else {
    if (y >= 26.6) return x > 0 ? 0 : 2;
    const ysq = 1 / (y * y);
    let num = P[5] * ysq, den = ysq;
    for (let i = 0; i < 4; i++) (num = (num + P[i]) * ysq), (den = (den + Q[i]) * ysq);
    result = (ysq * (num + P[4])) / (den + Q[4]);
    result = (SQRPI - result) / y;
  }
  const ysq = Math.trunc(y * 16) / 16;
  const del = (y - ysq) * (y + ysq);
  result = Math.exp(-ysq * ysq) * Math.exp(-del) * result;
  return x < 0 ? 2 - result : result;
}

/** P(Z ≤ z) for a standard normal Z. */
export const normalCdf = (z: number): number => 0.5 * erfc(-z / Math.SQRT2);

/** Two-sided p-value of a z-score. */
export const twoSidedP = (z: number): number => erfc(Math.abs(z) / Math.SQRT2);

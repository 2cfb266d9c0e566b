// Getis–Ord local statistics with binary weights, in the textbook (Ord & Getis 1995; ArcGIS Hot Spot
// Analysis) z-score form:
//   Gi*_i = (Σ_j w_ij x_j − X̄ Σ_j w_ij) / (S √((n Σ_j w_ij² − (Σ_j w_ij)²) / (n − 1)))
// with the unit itself included (w_ii = 1), X̄ and S the mean and (population) standard deviation of all n
// values. Gi (without self) uses the n − 1 other values. A unit with no neighbour gets null: its "hot spot"
// would be just its own value, which is not what a hot spot means.
import { twoSidedP } from './normal.js';
import type { SpatialWeights } from './spatial-weights.js';

export interface LocalG { z: (number | null)[]; p: (number | null)[] }

export function getisOrdGiStar(values: ArrayLike<number>, w: SpatialWeights): LocalG {
  const n = values.length;
  let sum = 0, sumSq = 0;
  for (let i = 0; i < n; i++) (sum += values[i]), (sumSq += values[i] * values[i]);
  const mean = sum / n;
  const s = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
  const z: (number | null)[] = new Array(n);
  const p: (number | null)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const from = w.offsets[i], to = w.offsets[i + 1];
    if (to === from || s === 0) {
      z[i] = p[i] = null;
      continue;
    }
    let local = values[i];
    for (let k = from; k < to; k++) local += values[w.neighbours[k]];
    const wi = to - from + 1; // Σ w_ij = Σ w_ij² for binary weights, self included
    const z_ = (local - mean * wi) / (s * Math.sqrt((n * wi - wi * wi) / (n - 1)));
    z[i] = z_;
    p[i] = twoSidedP(z_);
  }
  return { z, p };
}

/** Gi (self excluded): mean and deviation of the other n − 1 values (PySAL G_Local star=False). */
export function getisOrdGi(values: ArrayLike<number>, w: SpatialWeights): LocalG {
  const n = values.length;
  let sum = 0, sumSq = 0;
  for (let i = 0; i < n; i++) (sum += values[i]), (sumSq += values[i] * values[i]);
  const z: (number | null)[] = new Array(n);
  const p: (number | null)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const from = w.offsets[i], to = w.offsets[i + 1];
    const m = n - 1;
    const meanI = (sum - values[i]) / m;
    const sI = Math.sqrt(Math.max(0, (sumSq - values[i] * values[i]) / m - meanI * meanI));
    if (to === from || sI === 0) {
      z[i] = p[i] = null;
      continue;
    }
    let local = 0;
    for (let k = from; k < to; k++) local += values[w.neighbours[k]];
    const wi = to - from;
    const z_ = (local - meanI * wi) / (sI * Math.sqrt((m * wi - wi * wi) / (m - 1)));
    z[i] = z_;
    p[i] = twoSidedP(z_);
  }
  return { z, p };
}

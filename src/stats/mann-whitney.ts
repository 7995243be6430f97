import { normalSf } from './dist/normal.js';
import type { MannWhitneyResult } from './types.js';

/** Largest sample size for which the exact null distribution is used (when there are no ties), as R's wilcox.test. */
export const MANN_WHITNEY_EXACT_MAX_N = 50;

/**
 * Mann–Whitney U test, two-sided, of sample x against sample y; U is x's statistic (scipy's convention:
 * U_x = R_x − n_x (n_x + 1) / 2, R_x the rank sum of x with mid-ranks for ties).
 *
 * Method: the exact null distribution (counted by dynamic programming, cached per (n_x, n_y)) when there are no
 * ties and both samples have at most 50 values — R's wilcox.test rule; scipy 1.10's `method='auto'` would switch to
 * the normal approximation as soon as both samples exceed 8, but the exact p is always the better answer where it
 * can be computed. Otherwise the normal approximation with the tie-corrected variance and a continuity correction of
 * 0.5, as scipy's `method='asymptotic', use_continuity=True`. Exact p = 2 · P(U ≥ max(U_x, U_y)), capped at 1.
 * Definition: https://en.wikipedia.org/wiki/Mann%E2%80%93Whitney_U_test ; scipy.stats.mannwhitneyu.
 * @returns U, p and the method; null when a sample is empty
 * @throws RangeError if a sample contains NaN (drop non-finite values first, as describe() does)
 * @example mannWhitneyU([1, 2, 3], [4, 5, 6]) // { u: 0, p: 0.1, method: 'exact', statistic: 0 }
 */
export function mannWhitneyU(x: ArrayLike<number>, y: ArrayLike<number>): MannWhitneyResult | null {
  const nx = x.length;
  const ny = y.length;
  if (nx === 0 || ny === 0) return null;
  // NaN has no rank (and would stall the tie loop below): the caller must drop non-finite values first, as describe does
  for (let k = 0; k < nx; k++) if (Number.isNaN(x[k])) throw new RangeError('mannWhitneyU: x contains NaN');
  for (let k = 0; k < ny; k++) if (Number.isNaN(y[k])) throw new RangeError('mannWhitneyU: y contains NaN');
  const n = nx + ny;
  // sort each sample (typed arrays sort numerically without a comparator), then merge, giving tied runs mid-ranks
  // (into reused scratch buffers: no typed array per call)
  if (scratchX.length < nx) scratchX = new Float64Array(Math.max(nx, 2 * scratchX.length));
  if (scratchY.length < ny) scratchY = new Float64Array(Math.max(ny, 2 * scratchY.length));
  const xs = sortInto(x, scratchX, nx);
  const ys = sortInto(y, scratchY, ny);
  let rankSumX = 0;
  let tieTerm = 0;
  let i = 0;
  let j = 0;
  let rank = 0; // ranks assigned so far
  while (i < nx || j < ny) {
    const v = j >= ny || (i < nx && xs[i]! <= ys[j]!) ? xs[i]! : ys[j]!;
    let cx = 0;
    while (i < nx && xs[i] === v) {
      i++;
      cx++;
    }
    let cy = 0;
    while (j < ny && ys[j] === v) {
      j++;
      cy++;
    }
    const t = cx + cy;
    const midRank = rank + (t + 1) / 2;
    rankSumX += cx * midRank;
    if (t > 1) tieTerm += t * t * t - t;
    rank += t;
  }
  const u = rankSumX - (nx * (nx + 1)) / 2;
  const uMax = Math.max(u, nx * ny - u);
  if (tieTerm === 0 && nx <= MANN_WHITNEY_EXACT_MAX_N && ny <= MANN_WHITNEY_EXACT_MAX_N) {
    const p = Math.min(1, 2 * exactUpperTail(Math.round(uMax), nx, ny));
    return { statistic: u, u, p, method: 'exact' };
  }
  const mu = (nx * ny) / 2;
  const sigma = Math.sqrt(((nx * ny) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  if (!(sigma > 0)) return { statistic: u, u, p: 1, method: 'normal' };
  const z = (uMax - mu - 0.5) / sigma;
  return { statistic: u, u, p: Math.min(1, 2 * normalSf(z)), method: 'normal' };
}

let scratchX = new Float64Array(64);
let scratchY = new Float64Array(64);

/** Up to this size samples are sorted by insertion (no subarray view); larger ones by the typed-array sort. */
const INSERTION_SORT_MAX = 32;

/**
 * The first n values of `source` copied into `buffer` and sorted ascending as a typed-array sort would (NaN last);
 * returns `buffer` (small n: the caller reads only the first n) or a sorted view of its first n.
 */
function sortInto(source: ArrayLike<number>, buffer: Float64Array, n: number): Float64Array {
  if (n > INSERTION_SORT_MAX) {
    const view = buffer.subarray(0, n);
    for (let i = 0; i < n; i++) view[i] = source[i]!;
    return view.sort();
  }
  for (let i = 0; i < n; i++) {
    const v = source[i]!;
    let j = i - 1;
    // shift greater values (and NaN, which sorts last) one place up; stable for equal values
    while (j >= 0 && (buffer[j]! > v || (buffer[j] !== buffer[j] && v === v))) {
      buffer[j + 1] = buffer[j]!;
      j--;
    }
    buffer[j + 1] = v;
  }
  return buffer;
}

/** Exact null distributions by (smaller, larger) sample size, both ≤ MANN_WHITNEY_EXACT_MAX_N. */
const tailCache = new Map<number, Float64Array>();

/** P(U ≥ u) under H0 with sample sizes m, n (no ties), for u ≥ mn/2: by symmetry P(U ≤ mn − u), the lower tail. */
function exactUpperTail(u: number, m: number, n: number): number {
  const a = Math.min(m, n);
  const b = Math.max(m, n);
  const key = a * (MANN_WHITNEY_EXACT_MAX_N + 1) + b;
  let cdf = tailCache.get(key);
  if (cdf === undefined) {
    cdf = exactLowerCdf(a, b);
    tailCache.set(key, cdf);
  }
  const k = a * b - u;
  if (k < 0) return 0;
  if (k >= cdf.length) return 1;
  return cdf[k]!;
}

/**
 * Lower CDF P(U ≤ k), k = 0..⌊mn/2⌋, of the null distribution of U: the number of arrangements with U = k is the
 * coefficient of q^k in the Gaussian binomial [m+n choose m]_q, built by multiplying the factors
 * (1 − q^{n+i}) / (1 − q^i), i = 1..m (Harding 1984), truncated at degree ⌊mn/2⌋. Only the lower half is used and
 * summed from the bottom: low-degree counts are exact integers, so far-tail p-values (1e-23) keep their precision
 * (summing the upper half would cancel). The total is C(m+n, m), computed as a product.
 */
function exactLowerCdf(m: number, n: number): Float64Array {
  const size = Math.floor((m * n) / 2) + 1;
  const poly = new Float64Array(size);
  poly[0] = 1;
  for (let i = 1; i <= m; i++) {
    // multiply by (1 − q^{n+i}), from the top so that each coefficient uses the old lower ones
    for (let k = size - 1; k >= n + i; k--) poly[k]! -= poly[k - n - i]!;
    // divide by (1 − q^i): c_k = a_k + c_{k−i}
    for (let k = i; k < size; k++) poly[k]! += poly[k - i]!;
  }
  let total = 1;
  for (let i = 1; i <= m; i++) total = (total * (n + i)) / i;
  const cdf = new Float64Array(size);
  let acc = 0;
  for (let k = 0; k < size; k++) {
    acc += poly[k]!;
    cdf[k] = Math.min(1, acc / total);
  }
  return cdf;
}

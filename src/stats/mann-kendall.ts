import { normalSf } from './dist/normal.js';

/** Mann–Kendall trend test of y against x (time or run order), i.e. Kendall's tau-b between x and y. */
export interface MannKendallResult {
  /** pairs used (both values finite) */
  readonly n: number;
  /** S = Σ_{i<j} sign(x_j − x_i) · sign(y_j − y_i): concordant minus discordant pairs */
  readonly s: number;
  /** variance of S under no trend, corrected for ties in x and in y */
  readonly varS: number;
  /** Kendall's tau-b = S / √((n0 − n1)(n0 − n2)); null when every x or every y is tied */
  readonly tau: number | null;
  /** S / √varS (no continuity correction, as SciPy's asymptotic method); null when varS = 0 */
  readonly z: number | null;
  /** two-sided p-value from the normal approximation; null when varS = 0 */
  readonly p: number | null;
}

/** Up to this many values, tieSums sorts by insertion into a reused buffer and kendallS sums over the pairs. */
const SHORT = 32;
const shortBuffer = new Float64Array(SHORT);

/** Tie-group sums of a sample: Σ t(t−1)/2, Σ t(t−1)(t−2), Σ t(t−1)(2t+5) over groups of t equal values. */
export interface TieSums {
  readonly pairs: number;
  readonly cubic: number;
  readonly variance: number;
}

/** Tie-group sums of `values` (sorted copy; groups of equal values). */
export function tieSums(values: ArrayLike<number>): TieSums {
  const n = values.length;
  // a short sample (a cell of tens of runs; there can be a hundred thousand cells) is sorted by insertion in a reused
  // buffer: no array per call
  let sorted: Float64Array;
  if (n <= SHORT) {
    sorted = shortBuffer;
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      let j = i;
      while (j > 0 && sorted[j - 1]! > v) {
        sorted[j] = sorted[j - 1]!;
        j--;
      }
      sorted[j] = v;
    }
  } else sorted = Float64Array.from(values).sort();
  let pairs = 0;
  let cubic = 0;
  let variance = 0;
  for (let i = 0; i < n;) {
    let j = i + 1;
    while (j < n && sorted[j] === sorted[i]) j++;
    const t = j - i;
    if (t > 1) {
      pairs += (t * (t - 1)) / 2;
      cubic += t * (t - 1) * (t - 2);
      variance += t * (t - 1) * (2 * t + 5);
    }
    i = j;
  }
  return { pairs, cubic, variance };
}

/**
 * Var(S) under the null of no association, with ties in both samples (Kendall 1970, eq. 4.4; the variance SciPy's
 * `kendalltau(method='asymptotic')` uses). With no ties it is n(n−1)(2n+5)/18, the classic Mann–Kendall variance.
 */
export function mannKendallVariance(n: number, tx: TieSums, ty: TieSums): number {
  if (n < 2) return 0;
  const m = n * (n - 1);
  let v = (m * (2 * n + 5) - tx.variance - ty.variance) / 18 + (2 * tx.pairs * ty.pairs) / m;
  if (n > 2) v += (tx.cubic * ty.cubic) / (9 * m * (n - 2));
  return v;
}

/**
 * Mann–Kendall test for a monotonic trend of `y` over `x` (Mann 1945; Kendall 1975): S counts concordant minus
 * discordant pairs; under no trend S is approximately normal with mean 0 and the tie-corrected variance above.
 * Ties in x (runs started in the same second, or a shared run time) and in y (rounded values) are both allowed.
 * Equals Kendall's tau-b test: SciPy `kendalltau(x, y, method='asymptotic')` gives the same tau and p
 * (checked in test/stats/drift.test.ts). Pairs where either value is not finite are dropped.
 * References: H. B. Mann, Econometrica 13 (1945) 245–259; M. G. Kendall, Rank Correlation Methods (1975);
 * https://docs.scipy.org/doc/scipy/reference/generated/scipy.stats.kendalltau.html
 * @throws RangeError if x and y differ in length
 * @example mannKendall([1, 2, 3, 4, 5], [1, 2, 3, 5, 4]) // { n: 5, s: 8, tau: 0.8, p: 0.0500… }
 */
export function mannKendall(x: readonly number[], y: readonly number[]): MannKendallResult {
  if (x.length !== y.length) throw new RangeError(`mannKendall: x has ${x.length} values, y has ${y.length}`);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < x.length; i++) {
    if (Number.isFinite(x[i]) && Number.isFinite(y[i])) {
      xs.push(x[i]!);
      ys.push(y[i]!);
    }
  }
  const n = xs.length;
  const s = kendallS(xs, ys);
  const tx = tieSums(xs);
  const ty = tieSums(ys);
  const varS = mannKendallVariance(n, tx, ty);
  const n0 = (n * (n - 1)) / 2;
  const denominator = Math.sqrt(n0 - tx.pairs) * Math.sqrt(n0 - ty.pairs);
  const tau = denominator > 0 ? s / denominator : null;
  const z = varS > 0 ? s / Math.sqrt(varS) : null;
  return { n, s, varS, tau, z, p: z === null ? null : Math.min(1, 2 * normalSf(Math.abs(z))) };
}

/**
 * S = Σ_{i<j} sign(x_j − x_i) · sign(y_j − y_i) of finite values, in O(n log n) (Knight 1966, the algorithm SciPy's
 * kendalltau uses): with the points ordered by x then y, the discordant pairs D are the strict inversions of y (counted
 * by a merge sort), and S = n0 − n1 − n2 + n3 − 2D, where n0 = n(n−1)/2 and n1, n2, n3 are the pairs tied in x, in y and
 * in both. Integer arithmetic throughout: the same S as the sum over all pairs, exactly.
 * Reference: W. R. Knight, JASA 61 (1966) 436–439.
 * @example kendallS([1, 2, 3, 4, 5], [1, 2, 3, 5, 4]) // 8
 */
export function kendallS(x: readonly number[] | Float64Array, y: readonly number[] | Float64Array): number {
  const n = x.length;
  if (n < 2) return 0;
  if (n <= SHORT) {
    // a short sample: the sum over its pairs allocates nothing and costs less than the sort
    let s = 0;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) s += Math.sign(x[j]! - x[i]!) * Math.sign(y[j]! - y[i]!);
    }
    return s;
  }
  // y in the order of (x, y); runs usually come in time order already, so sort only when they do not
  let ordered = true;
  for (let i = 1; i < n && ordered; i++)
    if (x[i]! < x[i - 1]! || (x[i] === x[i - 1] && y[i]! < y[i - 1]!)) ordered = false;
  const ys = new Float64Array(n);
  let tiedX = 0;
  let tiedXY = 0;
  if (ordered) {
    for (let i = 0; i < n; i++) ys[i] = y[i]!;
    ({ tiedX, tiedXY } = tiedPairs(x, ys, null));
  } else {
    const order = Uint32Array.from({ length: n }, (_, i) => i).sort((i, j) => x[i]! - x[j]! || y[i]! - y[j]!);
    for (let i = 0; i < n; i++) ys[i] = y[order[i]!]!;
    ({ tiedX, tiedXY } = tiedPairs(x, ys, order));
  }
  const { inversions, sorted } = mergeInversions(ys, new Float64Array(n));
  let tiedY = 0;
  for (let i = 0; i < n;) {
    let j = i + 1;
    while (j < n && sorted[j] === sorted[i]) j++;
    tiedY += ((j - i) * (j - i - 1)) / 2;
    i = j;
  }
  return (n * (n - 1)) / 2 - tiedX - tiedY + tiedXY - 2 * inversions;
}

/** Pairs tied in x and pairs tied in both x and y, of points ordered by (x, y) (`order`: their indices into x). */
function tiedPairs(
  x: readonly number[] | Float64Array,
  ys: Float64Array,
  order: Uint32Array | null,
): { tiedX: number; tiedXY: number } {
  const n = ys.length;
  const xAt = (i: number): number => x[order === null ? i : order[i]!]!;
  let tiedX = 0;
  let tiedXY = 0;
  for (let i = 0; i < n;) {
    let j = i + 1;
    while (j < n && xAt(j) === xAt(i)) j++;
    tiedX += ((j - i) * (j - i - 1)) / 2;
    // within a run of equal x, y is sorted: runs of equal y are the pairs tied in both
    for (let k = i; k < j;) {
      let l = k + 1;
      while (l < j && ys[l] === ys[k]) l++;
      tiedXY += ((l - k) * (l - k - 1)) / 2;
      k = l;
    }
    i = j;
  }
  return { tiedX, tiedXY };
}

/**
 * Strict inversions of `a` (pairs i < j with a_i > a_j) by a bottom-up merge sort; `a` and `buffer` are overwritten,
 * `sorted` is whichever of them holds the sorted values.
 */
function mergeInversions(a: Float64Array, buffer: Float64Array): { inversions: number; sorted: Float64Array } {
  const n = a.length;
  let inversions = 0;
  let src = a;
  let dst = buffer;
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if (src[j]! < src[i]!) {
          inversions += mid - i;
          dst[k++] = src[j++]!;
        } else dst[k++] = src[i++]!;
      }
      while (i < mid) dst[k++] = src[i++]!;
      while (j < hi) dst[k++] = src[j++]!;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  return { inversions, sorted: src };
}

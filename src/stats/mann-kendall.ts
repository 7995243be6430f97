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

/** Tie-group sums of a sample: Σ t(t−1)/2, Σ t(t−1)(t−2), Σ t(t−1)(2t+5) over groups of t equal values. */
export interface TieSums {
  readonly pairs: number;
  readonly cubic: number;
  readonly variance: number;
}

/** Tie-group sums of `values` (sorted copy; groups of equal values). */
export function tieSums(values: readonly number[]): TieSums {
  const sorted = Float64Array.from(values).sort();
  let pairs = 0;
  let cubic = 0;
  let variance = 0;
  for (let i = 0; i < sorted.length;) {
    let j = i + 1;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
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

/** S = Σ_{i<j} sign(x_j − x_i) · sign(y_j − y_i) (O(n²): cells hold tens of runs). */
export function kendallS(x: readonly number[], y: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++) s += Math.sign(x[j]! - x[i]!) * Math.sign(y[j]! - y[i]!);
  }
  return s;
}

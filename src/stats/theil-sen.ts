import { normalQuantile } from './dist/normal.js';
import { mannKendallVariance, tieSums } from './mann-kendall.js';

/** Theil–Sen slope with Sen's rank interval. */
export interface TheilSenResult {
  /** median of the pairwise slopes (y_j − y_i) / (x_j − x_i) over pairs with x_i < x_j */
  readonly slope: number;
  /** median(y) − slope · median(x) (SciPy's default 'separate' intercept) */
  readonly intercept: number;
  /** Sen's interval of the slope at `level`, from the ranks of the pairwise slopes */
  readonly lo: number;
  readonly hi: number;
  readonly level: number;
  /** number of pairwise slopes */
  readonly pairs: number;
}

/**
 * Why Theil–Sen and not least squares: it is the slope estimator that goes with the Mann–Kendall test (the same
 * pairs, the same null variance), and one odd run (a noisy neighbour, an outlier the describe stage flags) cannot
 * move it, where it can swing an OLS slope of ten runs and its t interval.
 *
 * Theil–Sen estimator (Theil 1950; Sen 1968): the median of the slopes of all pairs of points with distinct x.
 * Interval (Sen 1968, as SciPy `theilslopes`): with C = z_{(1+level)/2} · √Var(S) (Mann–Kendall variance, ties in x
 * and y), the bounds are the sorted slopes of ranks round((N − C)/2) − 1 and round((N + C)/2) (0-based, half to even,
 * clamped to the list). Equals `scipy.stats.theilslopes(y, x, level)` (checked in test/stats/drift.test.ts).
 * Returns null when no pair has distinct x.
 * References: H. Theil, Proc. KNAW 53 (1950); P. K. Sen, JASA 63 (1968) 1379–1389;
 * https://docs.scipy.org/doc/scipy/reference/generated/scipy.stats.theilslopes.html
 * @throws RangeError if x and y differ in length or level is not in (0, 1)
 * @example theilSen([1, 2, 3, 4, 5], [2, 4, 6, 8, 11]) // { slope: 2, intercept: 0, … }
 */
export function theilSen(x: readonly number[], y: readonly number[], level = 0.95): TheilSenResult | null {
  if (x.length !== y.length) throw new RangeError(`theilSen: x has ${x.length} values, y has ${y.length}`);
  const slopes: number[] = [];
  pairwiseSlopes(x, y, slopes);
  if (slopes.length === 0) return null;
  const varS = mannKendallVariance(x.length, tieSums(x), tieSums(y));
  return senEstimate(slopes, varS, level, median(y.slice()), median(x.slice()));
}

/**
 * Slope estimate and Sen interval from a list of pairwise slopes and the null variance of the matching Kendall S;
 * shared with the seasonal (blocked) Kendall slope of Hirsch, Slack & Smith (1982), whose slopes are the within-block
 * pairs and whose variance is the sum of the blocks'.
 */
export function senEstimate(
  slopes: readonly number[] | Float64Array,
  varS: number,
  level: number,
  medianY: number,
  medianX: number,
  /** z_{(1+level)/2}, when the caller has it already (computing it costs more than a cell's slopes) */
  z?: number,
): TheilSenResult {
  if (!(level > 0 && level < 1)) throw new RangeError(`theilSen: level must be in (0, 1), got ${level}`);
  // the four order statistics by selection, not a full sort: O(N) for the N = n(n−1)/2 slopes of a long cell
  const a = slopes instanceof Float64Array ? slopes : Float64Array.from(slopes);
  const nt = a.length;
  const slope = nt % 2 === 1 ? select(a, (nt - 1) / 2) : (select(a, nt / 2 - 1) + select(a, nt / 2)) / 2;
  const c = (z ?? normalQuantile(1 - (1 - level) / 2)) * Math.sqrt(varS);
  const upper = Math.min(roundHalfEven((nt + c) / 2), nt - 1);
  const lower = Math.max(roundHalfEven((nt - c) / 2) - 1, 0);
  return {
    slope,
    intercept: medianY - slope * medianX,
    lo: select(a, lower),
    hi: select(a, upper),
    level,
    pairs: nt,
  };
}

/**
 * The k-th smallest value (0-based) of `a`, which is reordered in place (Hoare's quickselect with a median-of-three
 * pivot; expected O(n)).
 */
export function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    const x = a[lo]!;
    const y = a[mid]!;
    const w = a[hi]!;
    const pivot = x < y ? (y < w ? y : x < w ? w : x) : x < w ? x : y < w ? w : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}

/** Append the slopes of every pair with x_i < x_j (pairs with equal x have no slope). */
export function pairwiseSlopes(x: readonly number[], y: readonly number[], out: number[]): void {
  for (let i = 0; i < x.length; i++) {
    for (let j = 0; j < x.length; j++) {
      const dx = x[j]! - x[i]!;
      if (dx > 0) out.push((y[j]! - y[i]!) / dx);
    }
  }
}

function median(values: number[], sorted = false): number {
  if (!sorted) values.sort((a, b) => a - b);
  const n = values.length;
  if (n === 0) return NaN;
  return n % 2 === 1 ? values[(n - 1) / 2]! : (values[n / 2 - 1]! + values[n / 2]!) / 2;
}

/** Round half to even (numpy.round), so that the interval's ranks match SciPy's on exact halves. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

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
  const a = slopes instanceof Float64Array ? slopes : Float64Array.from(slopes);
  const nt = a.length;
  const c = (z ?? normalQuantile(1 - (1 - level) / 2)) * Math.sqrt(varS);
  const upper = Math.min(roundHalfEven((nt + c) / 2), nt - 1);
  const lower = Math.max(roundHalfEven((nt - c) / 2) - 1, 0);
  const middle = nt % 2 === 1 ? [(nt - 1) / 2] : [nt / 2 - 1, nt / 2];
  const [lo, ...rest] = orderStatistics(a, [lower, ...middle, upper]);
  const hi = rest.pop()!;
  const slope = rest.length === 1 ? rest[0]! : (rest[0]! + rest[1]!) / 2;
  return { slope, intercept: medianY - slope * medianX, lo: lo!, hi, level, pairs: nt };
}

/** Below this many values orderStatistics sorts them: the sample would be a large share of them. */
const SORT_BELOW = 2048;

/**
 * The values of ranks `ranks` (0-based, ascending) of `a`, which is reordered; exactly what a full sort would give.
 * Sen's interval needs ranks around the median of N = n(n−1)/2 slopes, within ±z√Var(S)/2 ≈ N/√n of it, so most of
 * the array is irrelevant. A sample of about 3 N^(2/3) values (at most N/4) gives pivots, found by selection, that
 * bracket the ranks with 5 standard deviations to spare (Floyd & Rivest 1975); ranks whose brackets overlap share
 * one. One branch-free pass per bracket counts the values below its lower pivot and keeps those between its pivots
 * (about 29 % of a cell of 100 runs, 15 % of one of 313), and the same is done again among the kept, where the
 * lower bound, the median and the upper bound of Sen's interval get brackets of their own, until few values are left
 * and the ranks are selected among them. If a bracket misses (not seen in tests; the sample positions are a fixed
 * sequence), its ranks are selected among all the values of that step instead: the result never depends on the sample.
 * Reference: R. W. Floyd, R. L. Rivest, Comm. ACM 18 (1975) 165–172.
 */
export function orderStatistics(a: Float64Array, ranks: readonly number[]): number[] {
  const n = a.length;
  if (n < SORT_BELOW) {
    a.sort();
    return ranks.map((k) => a[k]!);
  }
  const out = new Array<number>(ranks.length);
  bracketed(a, ranks, 0, out, 0, 0);
  return out;
}

/** Below this many values a step selects its ranks directly. */
const SELECT_BELOW = 1024;
/** At most this many bracketing steps (each keeps a small share of the values of the one before). */
const MAX_DEPTH = 3;

/** out[at + i] = the value of rank ranks[i] − offset of `a` (ranks ascending), by bracketing steps (orderStatistics). */
function bracketed(
  a: Float64Array,
  ranks: readonly number[],
  offset: number,
  out: number[],
  at: number,
  depth: number,
): void {
  const n = a.length;
  if (n < SELECT_BELOW || depth >= MAX_DEPTH) {
    selectAscending(a, ranks, offset, out, at);
    return;
  }
  // the sample: pseudo-random positions (a fixed sequence); pivots by selection rather than a sort, so that it can be
  // large enough for narrow brackets
  const m = Math.min(Math.floor(n / 4), Math.ceil(3 * n ** (2 / 3)));
  const sample = sampleBuffer.length >= m ? sampleBuffer.subarray(0, m) : (sampleBuffer = new Float64Array(m));
  let state = 0x9e3779b9 + depth;
  for (let i = 0; i < m; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    sample[i] = a[Math.floor((state / 2 ** 32) * n)]!;
  }
  // the count of sample values below a rank has sd ≤ √m / 2: 2.5 √m is 5 sd (a bound misses about once in three
  // million)
  const spare = 2.5 * Math.sqrt(m);
  // brackets in sample ranks, one per group of ranks whose brackets overlap: [loRank, hiRank, first index, end index]
  const groups: [number, number, number, number][] = [];
  for (let r = 0; r < ranks.length; r++) {
    const k = ranks[r]! - offset;
    const lo = Math.floor((k * m) / n - spare);
    const hi = Math.ceil(((k + 1) * m) / n + spare);
    const last = groups[groups.length - 1];
    if (last && lo <= last[1]) {
      last[1] = hi;
      last[3] = r + 1;
    } else groups.push([lo, hi, r, r + 1]);
  }
  // one group covering most of the values: nothing to gain from a pass
  if (groups.length === 1 && (groups[0]![1] - groups[0]![0]) * 2 > m) {
    selectAscending(a, ranks, offset, out, at);
    return;
  }
  // every group's pivots, selected in ascending order in the sample
  const pivots: number[] = [];
  let from = 0;
  for (const [lo, hi] of groups) {
    pivots.push(lo < 0 ? -Infinity : selectIn(sample, Math.min(from, lo), m - 1, lo));
    pivots.push(hi >= m ? Infinity : selectIn(sample, Math.max(from, Math.max(lo, 0)), m - 1, hi));
    from = Math.min(Math.max(hi, 0), m - 1);
  }
  // each group's pass writes at its offset up to n values (the branch-free store): room for n per group
  const kept = scratch(depth, n * groups.length);
  let offsetKept = 0;
  for (let g = 0; g < groups.length; g++) {
    const [, , r0, r1] = groups[g]!;
    const pivotLo = pivots[2 * g]!;
    const pivotHi = pivots[2 * g + 1]!;
    let below = 0;
    let count = offsetKept;
    // branch-free: comparisons of random slopes are unpredictable, and mispredicted branches cost more than stores
    for (let i = 0; i < n; i++) {
      const v = a[i]!;
      kept[count] = v;
      below += +(v < pivotLo);
      count += +(v >= pivotLo) & +(v <= pivotHi);
    }
    const groupRanks = ranks.slice(r0, r1);
    const first = groupRanks[0]! - offset;
    const last = groupRanks[groupRanks.length - 1]! - offset;
    const size = count - offsetKept;
    if (below <= first && below + size > last) {
      bracketed(kept.subarray(offsetKept, count), groupRanks, offset + below, out, at + r0, depth + 1);
    } else selectAscending(a, groupRanks, offset, out, at + r0);
    offsetKept = count;
  }
}

/**
 * Room for the kept values of a bracketing step at `depth`: one buffer per depth, reused from call to call (never
 * handed to a caller) up to REUSED_KEPT values (16 MiB); a larger step gets its own, not kept after the call.
 */
function scratch(depth: number, n: number): Float64Array {
  if (n > REUSED_KEPT) return new Float64Array(n);
  const buffer = keptBuffers[depth];
  if (buffer && buffer.length >= n) return buffer;
  const grown = new Float64Array(Math.min(REUSED_KEPT, Math.max(n, 2 * (buffer?.length ?? 0))));
  keptBuffers[depth] = grown;
  return grown;
}
const REUSED_KEPT = 2 ** 21;
const keptBuffers: Float64Array[] = [];
/** the sample of a bracketing step (at most 3 n^(2/3) values: 30,000 for a million), reused from step to step */
let sampleBuffer = new Float64Array(0);

/**
 * out[at + i] = the value of rank ranks[i] − offset (ascending) in `a`: the lowest in the whole array, the highest
 * above it, then the others between the two, each in the part the previous selections left it in.
 */
function selectAscending(a: Float64Array, ranks: readonly number[], offset: number, out: number[], at: number): void {
  const low = ranks[0]! - offset;
  const high = ranks[ranks.length - 1]! - offset;
  out[at] = selectIn(a, 0, a.length - 1, low);
  if (ranks.length === 1) return;
  out[at + ranks.length - 1] = selectIn(a, low, a.length - 1, high);
  let from = low;
  for (let r = 1; r < ranks.length - 1; r++) {
    const k = ranks[r]! - offset;
    out[at + r] = selectIn(a, from, high, k);
    from = k;
  }
}

/**
 * The k-th smallest value (0-based) of `a`, which is reordered in place (Hoare's quickselect with a median-of-three
 * pivot; expected O(n)).
 */
export function select(a: Float64Array, k: number): number {
  return selectIn(a, 0, a.length - 1, k);
}

/** select() within a[lo..hi] (the k-th smallest of the whole array when a[lo..hi] holds ranks lo to hi). */
function selectIn(a: Float64Array, lo: number, hi: number, k: number): number {
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

/**
 * Write the slopes of every pair with x_i < x_j of points sorted by x into `out` from index `at`; returns the index
 * after the last one written. Pairs with equal x have no slope: each i starts past its ties.
 */
export function sortedPairSlopes(x: ArrayLike<number>, y: ArrayLike<number>, out: Float64Array, at: number): number {
  const n = x.length;
  let count = at;
  let past = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    const yi = y[i]!;
    if (past <= i) past = i + 1;
    while (past < n && x[past] === xi) past++;
    for (let j = past; j < n; j++) out[count++] = (y[j]! - yi) / (x[j]! - xi);
  }
  return count;
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

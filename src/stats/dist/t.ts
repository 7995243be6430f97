import { incompleteBeta } from './beta.js';
import { logBeta } from './gamma.js';
import { normalQuantile } from './normal.js';

/**
 * Two-sided p-value of Student's t with `df` degrees of freedom: P(|T| ≥ |t|) = I_{df/(df+t²)}(df/2, 1/2).
 * Definition: https://dlmf.nist.gov/8.17.E8 (relation to the incomplete beta).
 * @param t the statistic
 * @param df degrees of freedom, > 0 (need not be an integer: Welch)
 * @throws RangeError if df ≤ 0
 * @example tTwoSidedP(2.2621571627409915, 9) // 0.05 (to 1e-12)
 */
export function tTwoSidedP(t: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`t distribution: df must be positive, got ${df}`);
  if (Number.isNaN(t)) return NaN;
  if (!Number.isFinite(t)) return 0;
  return incompleteBeta(df / (df + t * t), df / 2, 0.5);
}

/**
 * CDF of Student's t: P(T ≤ t).
 * @example tCdf(0, 5) // 0.5
 */
export function tCdf(t: number, df: number): number {
  const tail = tTwoSidedP(t, df) / 2;
  return t < 0 ? tail : 1 - tail;
}

const quantileCache = new Map<string, number>();

/**
 * Quantile of Student's t: the q with P(T ≤ q) = p. Newton's method on the CDF from the Cornish–Fisher expansion, with a
 * bisection fallback (the CDF is monotone), to ~1e-13. Results are cached per (p, df): describe() asks the same
 * quantile for thousands of cells.
 * @param p in (0, 1)
 * @param df > 0
 * @throws RangeError if p is outside (0, 1) or df ≤ 0
 * @example tQuantile(0.975, 9) // 2.2621571627409915
 */
export function tQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`tQuantile: p must be in (0, 1), got ${p}`);
  if (!(df > 0)) throw new RangeError(`tQuantile: df must be positive, got ${df}`);
  const cacheKey = `${p}:${df}`;
  const cached = quantileCache.get(cacheKey);
  if (cached !== undefined) return cached;
  const result = p === 0.5 ? 0 : p < 0.5 ? -upperQuantile(1 - p, df) : upperQuantile(p, df);
  if (quantileCache.size > 10_000) quantileCache.clear();
  quantileCache.set(cacheKey, result);
  return result;
}

/**
 * Quantile for p > 0.5 (positive): solve upper tail(q) = 1 − p by Newton's method from the Cornish–Fisher expansion
 * (Abramowitz & Stegun 26.7.5; two or three steps suffice), falling back to bisection if Newton leaves the bracket.
 */
function upperQuantile(p: number, df: number): number {
  const target = 1 - p; // P(T > q)
  const upper = (q: number): number => tTwoSidedP(q, df) / 2;
  let q = cornishFisher(p, df);
  if (!(q > 0) || !Number.isFinite(q)) q = normalQuantile(p);
  for (let i = 0; i < 30; i++) {
    const f = upper(q) - target; // upper is decreasing and convex for q > 0
    const step = f / tDensity(q, df);
    let next = q + step;
    if (!(next > 0) || !Number.isFinite(next)) next = q / 2;
    if (Math.abs(next - q) <= 1e-14 * Math.max(1, Math.abs(q))) return next;
    q = next;
  }
  return bisectUpper(upper, target);
}

/** Cornish–Fisher expansion of the t quantile in powers of 1/df (A&S 26.7.5). */
function cornishFisher(p: number, df: number): number {
  const z = normalQuantile(p);
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  return z + g1 / df + g2 / df ** 2 + g3 / df ** 3 + g4 / df ** 4;
}

/** Plain bisection on a decreasing tail function, for the rare case Newton does not settle. */
function bisectUpper(upper: (q: number) => number, target: number): number {
  let lo = 0;
  let hi = 1;
  while (upper(hi) > target) {
    lo = hi;
    hi *= 2;
    if (hi > 1e300) return Infinity;
  }
  for (let i = 0; i < 2000 && hi - lo > 1e-15 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (upper(mid) > target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Density of Student's t. */
function tDensity(t: number, df: number): number {
  // f(t) = (1 + t²/df)^(−(df+1)/2) / (√df B(df/2, 1/2))
  const logB = logBeta(df / 2, 0.5);
  return Math.exp(-((df + 1) / 2) * Math.log1p((t * t) / df) - 0.5 * Math.log(df) - logB);
}

/** Upper tail P(T > t), accurate in the far tail. */
export function tSf(t: number, df: number): number {
  const tail = tTwoSidedP(t, df) / 2;
  return t > 0 ? tail : 1 - tail;
}

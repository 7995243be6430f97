import { tQuantile } from './dist/t.js';
import type { Interval } from './types.js';

/**
 * Student t confidence interval of a mean: x̄ ± t_{1−(1−level)/2, n−1} · s/√n.
 * Definition: https://en.wikipedia.org/wiki/Student%27s_t-distribution#Confidence_intervals
 * @param center the sample mean
 * @param se its standard error s/√n
 * @param df degrees of freedom (n − 1 for one sample)
 * @param level confidence level, e.g. 0.95
 * @returns the interval, or null when df ≤ 0 or se is not finite
 * @example tInterval(10, 1, 9, 0.95) // { lo: 7.737842837..., hi: 12.262157162..., level: 0.95, method: 't' }
 */
export function tInterval(
  center: number,
  se: number,
  df: number,
  level: number,
  method: Interval['method'] = 't',
): Interval | null {
  if (!(df > 0) || !Number.isFinite(se) || !Number.isFinite(center)) return null;
  const q = tQuantile(1 - (1 - level) / 2, df);
  return { lo: center - q * se, hi: center + q * se, level, method };
}

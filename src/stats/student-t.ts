import { tTwoSidedP } from './dist/t.js';
import type { WelchResult } from './types.js';
import type { SampleMoments } from './welch-t.js';

/**
 * Student's two-sample t test with pooled variance, two-sided (scipy.stats.ttest_ind(x, y), equal_var=True).
 * Kept beside Welch's for reference and cross-checks; compare() uses Welch's.
 * Definition: https://en.wikipedia.org/wiki/Student%27s_t-test#Equal_or_unequal_sample_sizes,_similar_variances
 * @returns t, df = n_x + n_y − 2, p; null when df < 1 or the pooled variance is 0
 * @example studentT({ n: 3, mean: 2, variance: 1 }, { n: 3, mean: 5, variance: 1 }) // t = −3.674..., df = 4
 */
export function studentT(x: SampleMoments, y: SampleMoments): WelchResult | null {
  const df = x.n + y.n - 2;
  if (df < 1 || x.n < 1 || y.n < 1) return null;
  const pooled = ((x.n - 1) * x.variance + (y.n - 1) * y.variance) / df;
  if (!(pooled > 0)) return null;
  const statistic = (x.mean - y.mean) / Math.sqrt(pooled * (1 / x.n + 1 / y.n));
  return { statistic, df, p: tTwoSidedP(statistic, df) };
}

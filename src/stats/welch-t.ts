import { tTwoSidedP } from './dist/t.js';
import type { WelchResult } from './types.js';

/**
 * Welch's unequal-variances t test of mean(x) − mean(y), two-sided, with the Welch–Satterthwaite df
 * (scipy.stats.ttest_ind(x, y, equal_var=False)).
 * Definition: https://en.wikipedia.org/wiki/Welch%27s_t-test
 * @param x summary of the first sample: n, mean, sample variance
 * @param y summary of the second sample
 * @returns t, df, p; null when a sample has fewer than 2 values or both variances are 0 (t undefined)
 * @example welchT({ n: 3, mean: 2, variance: 1 }, { n: 3, mean: 5, variance: 1 }) // t = −3.674..., df = 4, p = 0.0213...
 */
export function welchT(x: SampleMoments, y: SampleMoments): WelchResult | null {
  if (x.n < 2 || y.n < 2) return null;
  const vx = x.variance / x.n;
  const vy = y.variance / y.n;
  const se2 = vx + vy;
  if (!(se2 > 0)) return null;
  const statistic = (x.mean - y.mean) / Math.sqrt(se2);
  const df = (se2 * se2) / ((vx * vx) / (x.n - 1) + (vy * vy) / (y.n - 1));
  return { statistic, df, p: tTwoSidedP(statistic, df) };
}

/** n, mean and sample variance (n − 1) of one sample. */
export interface SampleMoments {
  readonly n: number;
  readonly mean: number;
  readonly variance: number;
}

/**
 * Welch–Satterthwaite degrees of freedom of a difference of two means.
 * @example welchDf({ n: 3, mean: 0, variance: 1 }, { n: 3, mean: 0, variance: 1 }) // 4
 */
export function welchDf(x: SampleMoments, y: SampleMoments): number {
  const vx = x.variance / x.n;
  const vy = y.variance / y.n;
  return (vx + vy) ** 2 / ((vx * vx) / (x.n - 1) + (vy * vy) / (y.n - 1));
}

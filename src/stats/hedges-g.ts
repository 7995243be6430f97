import type { SampleMoments } from './welch-t.js';

/**
 * Hedges' g: (mean_x − mean_y) / s_pooled times the small-sample correction J = 1 − 3 / (4 (n_x + n_y) − 9)
 * (Hedges 1981; the approximation of the exact gamma-ratio J, within 0.2 % for n_x + n_y ≥ 6).
 * Definition: https://en.wikipedia.org/wiki/Effect_size#Hedges'_g
 * @returns g, or null when n_x + n_y < 3 or the pooled sd is 0
 * @example hedgesG({ n: 3, mean: 5, variance: 1 }, { n: 3, mean: 2, variance: 1 }) // 3 · (1 − 3/15) = 2.4
 */
export function hedgesG(x: SampleMoments, y: SampleMoments): number | null {
  const df = x.n + y.n - 2;
  if (df < 1) return null;
  const pooled = ((x.n - 1) * x.variance + (y.n - 1) * y.variance) / df;
  if (!(pooled > 0)) return null;
  const j = 1 - 3 / (4 * (x.n + y.n) - 9);
  return (j * (x.mean - y.mean)) / Math.sqrt(pooled);
}

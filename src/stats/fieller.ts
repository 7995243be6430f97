import { tQuantile } from './dist/t.js';
import type { Interval } from './types.js';
import { welchDf, type SampleMoments } from './welch-t.js';

/**
 * Fieller's confidence interval for the ratio of two independent means ρ = μ_x / μ_y: the set of ρ with
 * (x̄ − ρ ȳ)² ≤ t² (v_x + ρ² v_y), v = s²/n, solved as a quadratic. t is taken at the Welch–Satterthwaite df
 * of the difference x̄ − ȳ (an approximation: the exact df depends on ρ). The % delta interval is 100 (ρ − 1).
 * When ȳ is not significantly different from 0 (g = t² v_y / ȳ² ≥ 1) the set is unbounded and null is returned.
 * Definition: Fieller (1954), https://en.wikipedia.org/wiki/Fieller%27s_theorem
 * @param x the compared sample (numerator)
 * @param y the baseline sample (denominator)
 * @param level confidence level, e.g. 0.95
 * @param tCritical the t quantile, when the caller already has it (Welch df at `level`)
 * @returns the interval of the ratio, or null (unbounded, n < 2, or zero variance in both)
 * @example fiellerRatio({ n: 10, mean: 110, variance: 25 }, { n: 10, mean: 100, variance: 25 }, 0.95) // { lo: 1.05179…, hi: 1.15064…, level: 0.95, method: 'fieller' }
 */
export function fiellerRatio(x: SampleMoments, y: SampleMoments, level: number, tCritical?: number): Interval | null {
  if (x.n < 2 || y.n < 2 || y.mean === 0) return null;
  const vx = x.variance / x.n;
  const vy = y.variance / y.n;
  if (!(vx + vy > 0)) return null;
  const t = tCritical ?? tQuantile(1 - (1 - level) / 2, welchDf(x, y));
  const t2 = t * t;
  const g = (t2 * vy) / (y.mean * y.mean);
  if (g >= 1) return null;
  const ratio = x.mean / y.mean;
  const half = (t / y.mean) * Math.sqrt(vx + ratio * ratio * vy - g * vx);
  const lo = (ratio - half) / (1 - g);
  const hi = (ratio + half) / (1 - g);
  return { lo: Math.min(lo, hi), hi: Math.max(lo, hi), level, method: 'fieller' };
}

import { mulberry32 } from '../model/index.js';
import type { Interval } from './types.js';

export interface BootstrapOptions {
  /** seed of the generator; default 1 */
  readonly seed?: number;
  /** number of resamples; default 2000 */
  readonly resamples?: number;
}

/**
 * Seeded percentile bootstrap interval of the ratio of means mean(x) / mean(y): each resample draws x and y with
 * replacement independently (stratified by sample), the interval is the (α/2, 1 − α/2) type-7 quantiles of the
 * resampled ratios. Deterministic for a given seed. Resamples whose baseline mean is 0 are skipped.
 * Definition: Efron & Tibshirani, An Introduction to the Bootstrap (1993), ch. 13;
 * https://en.wikipedia.org/wiki/Bootstrapping_(statistics)
 * @returns the interval, or null when a sample has fewer than 2 values or no resample was usable
 * @example bootstrapRatio([110, 112, 108], [100, 101, 99], 0.95, { seed: 1 }) // an interval around 1.1
 */
export function bootstrapRatio(
  x: readonly number[],
  y: readonly number[],
  level: number,
  options: BootstrapOptions = {},
): Interval | null {
  const nx = x.length;
  const ny = y.length;
  if (nx < 2 || ny < 2) return null;
  const resamples = options.resamples ?? 2000;
  const random = mulberry32(options.seed ?? 1);
  const ratios = new Float64Array(resamples);
  let used = 0;
  for (let r = 0; r < resamples; r++) {
    let sx = 0;
    for (let i = 0; i < nx; i++) sx += x[Math.floor(random() * nx)]!;
    let sy = 0;
    for (let i = 0; i < ny; i++) sy += y[Math.floor(random() * ny)]!;
    if (sy === 0) continue;
    ratios[used++] = sx / nx / (sy / ny);
  }
  if (used === 0) return null;
  const sorted = ratios.subarray(0, used).sort();
  const alpha = 1 - level;
  return { lo: quantile(sorted, alpha / 2), hi: quantile(sorted, 1 - alpha / 2), level, method: 'bootstrap' };
}

function quantile(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * A 32-bit seed derived from a base seed and a string (FNV-1a), so that each comparison has its own stream and the
 * result does not depend on the order comparisons are computed in.
 * @example seedFor(1, 'a') !== seedFor(1, 'b') // true
 */
export function seedFor(seed: number, key: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

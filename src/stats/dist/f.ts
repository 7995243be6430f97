import { incompleteBeta } from './beta.js';

/**
 * Upper tail of the F distribution: P(F ≥ f) with (d1, d2) degrees of freedom, = I_{d2/(d2 + d1 f)}(d2/2, d1/2),
 * computed directly so that tiny p-values (1e-80) keep their relative precision.
 * Definition: https://dlmf.nist.gov/8.17 and https://en.wikipedia.org/wiki/F-distribution
 * @throws RangeError if d1 or d2 ≤ 0
 * @example fSf(3, 2, 10) // 0.09536743164062497 (scipy.stats.f.sf(3, 2, 10))
 */
export function fSf(f: number, d1: number, d2: number): number {
  if (!(d1 > 0) || !(d2 > 0)) throw new RangeError(`F distribution: df must be positive, got (${d1}, ${d2})`);
  if (Number.isNaN(f)) return NaN;
  if (f <= 0) return 1;
  if (!Number.isFinite(f)) return 0;
  return incompleteBeta(d2 / (d2 + d1 * f), d2 / 2, d1 / 2);
}

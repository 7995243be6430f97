/**
 * Sample quantile of type 7 (Hyndman & Fan 1996; R's default, numpy's `linear`): h = (n − 1) p,
 * Q = x[⌊h⌋] + (h − ⌊h⌋) (x[⌊h⌋ + 1] − x[⌊h⌋]) on the sorted sample (0-based).
 * Definition: https://en.wikipedia.org/wiki/Quantile#Estimating_quantiles_from_a_sample
 * @param sorted values in ascending order (this precondition is not checked: the name says it)
 * @param p probability in [0, 1]
 * @throws RangeError if sorted is empty or p is outside [0, 1]
 * @example quantileType7Sorted([1, 2, 3, 4], 0.25) // 1.75
 */
export function quantileType7Sorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('quantile: needs at least one value');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile: p must be in [0, 1], got ${p}`);
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const frac = h - lo;
  const a = sorted[lo]!;
  if (frac === 0 || lo + 1 >= n) return a;
  return a + frac * (sorted[lo + 1]! - a);
}

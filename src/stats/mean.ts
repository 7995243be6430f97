/**
 * Arithmetic mean of a sample, with a second correction pass (mean of the residuals added back) so that large
 * values with small spread (RAM ≈ 600 MiB ± 1) keep full precision.
 * Definition: https://en.wikipedia.org/wiki/Arithmetic_mean
 * @param values finite numbers
 * @returns the mean
 * @throws RangeError if values is empty
 * @example mean([1, 2, 3, 4]) // 2.5
 */
export function mean(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) throw new RangeError('mean: needs at least one value');
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const first = sum / n;
  let correction = 0;
  for (let i = 0; i < n; i++) correction += values[i]! - first;
  return first + correction / n;
}

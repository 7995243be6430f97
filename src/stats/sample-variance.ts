/**
 * Sample variance with Bessel's correction, Σ (x − x̄)² / (n − 1), two-pass with the compensated formula of
 * Chan, Golub & LeVeque (1983) so that rounding in the mean does not leak into the result.
 * Definition: https://en.wikipedia.org/wiki/Variance#Sample_variance (see mean.ts for the mean).
 * @param values finite numbers
 * @param center the sample mean, if already known
 * @returns the unbiased variance estimate
 * @throws RangeError if fewer than two values
 * @example sampleVariance([1, 2, 3, 4]) // 1.6666666666666667
 */
export function sampleVariance(values: ArrayLike<number>, center?: number): number {
  return sumOfSquaredDeviations(values, center) / (values.length - 1);
}

/**
 * Σ (x − x̄)², the within-sample sum of squares (what ANOVA pools), compensated two-pass.
 * @throws RangeError if fewer than two values
 * @example sumOfSquaredDeviations([1, 2, 3, 4]) // 5
 */
export function sumOfSquaredDeviations(values: ArrayLike<number>, center?: number): number {
  const n = values.length;
  if (n < 2) throw new RangeError('sampleVariance: needs at least two values');
  let m = center;
  if (m === undefined) {
    let s = 0;
    for (let i = 0; i < n; i++) s += values[i]!;
    m = s / n;
  }
  let ss = 0;
  let comp = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i]! - m;
    ss += d * d;
    comp += d;
  }
  return Math.max(0, ss - (comp * comp) / n);
}

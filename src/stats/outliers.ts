/** The rule outliers are flagged by, as stated in every CellSummary. */
export const TUKEY_RULE =
  'Tukey fences: outside [Q1 − 1.5·IQR, Q3 + 1.5·IQR] on type-7 quartiles; flagged, never dropped; not applied when n < 4';

/**
 * Tukey's fences: indices of values outside [Q1 − k·IQR, Q3 + k·IQR]. Flags only; nothing is removed.
 * Definition: https://en.wikipedia.org/wiki/Outlier#Tukey's_fences (Tukey, Exploratory Data Analysis, 1977)
 * @param values the sample, any order
 * @param q1 first quartile (type 7)
 * @param q3 third quartile (type 7)
 * @param k fence multiplier; default 1.5
 * @returns indices into values, ascending
 * @example tukeyOutliers([1, 2, 3, 4, 100], 2, 4) // [4]
 */
export function tukeyOutliers(values: ArrayLike<number>, q1: number, q3: number, k = 1.5): number[] {
  const iqr = q3 - q1;
  const lo = q1 - k * iqr;
  const hi = q3 + k * iqr;
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < lo || v > hi) out.push(i);
  }
  return out;
}

/**
 * Largest and smallest of many numbers. `Math.max(...values)` passes every value as an argument, and V8 overflows its
 * stack beyond some hundred thousand of them (a 40,000-archive campaign's over-time figure crashed the report build);
 * these loop instead. Same results as Math.max / Math.min: -Infinity / Infinity for none, NaN if any is NaN.
 */
export function maxOf(values: Iterable<number>): number {
  let max = -Infinity;
  for (const value of values) {
    if (Number.isNaN(value)) return NaN;
    // 0 is larger than -0 for Math.max, though 0 > -0 is false
    if (value > max || (value === 0 && max === 0 && Object.is(max, -0))) max = value;
  }
  return max;
}

export function minOf(values: Iterable<number>): number {
  let min = Infinity;
  for (const value of values) {
    if (Number.isNaN(value)) return NaN;
    if (value < min || (value === 0 && min === 0 && Object.is(value, -0))) min = value;
  }
  return min;
}

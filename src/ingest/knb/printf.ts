/**
 * knb formats its averages with awk's printf, i.e. C printf: `%.2f` rounds the exact binary value of the double to
 * nearest with ties to even (glibc, default rounding mode), `%d` truncates toward zero. JavaScript's toFixed rounds
 * ties away from zero, so exact ties (doubles whose fraction is an odd multiple of 1/8: 0.125, 0.375, ...) differ.
 */

/**
 * C `printf("%.2f", x)` for a finite double.
 * @example cFixed2(0.125) // '0.12' (toFixed gives '0.13')
 * @example cFixed2(2.675) // '2.67' (the double is 2.67499999...)
 */
export function cFixed2(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  const scaled = x * 8;
  // A double that is exactly halfway between two hundredths is k/100 + 1/200 = (2m+1)/200, which is representable
  // only when it is an odd multiple of 1/8; x * 8 is exact (power-of-two scaling).
  if (Number.isInteger(scaled) && !Number.isInteger(x * 4)) {
    const lower = Math.floor(x * 100);
    const nearestEven = lower % 2 === 0 ? lower : lower + 1;
    const s = (Math.abs(nearestEven) / 100).toFixed(2);
    return nearestEven < 0 || (nearestEven === 0 && x < 0) ? `-${s}` : s;
  }
  const s = x.toFixed(2);
  return s === '-0.00' ? '-0.00' : s;
}

/** C `printf("%d", x)` of a double as awk does it: truncation toward zero. */
export function cInt(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  return String(Math.trunc(x));
}

/**
 * C `printf` number formatting as knb's awk and iperf3 print it — one implementation for the two stages that need it:
 * ingest recomputes knb's averages and compares them with what knb printed, synth writes what the real tools would
 * have printed. JavaScript's `toFixed` breaks exact ties upwards (0.125 → "0.13") where glibc rounds the exact binary
 * value half-to-even (0.125 → "0.12"), and `%d` truncates toward zero.
 */

/** Exact binary value of a finite double as numerator / 2^shift (shift ≥ 0). */
function exactBinary(x: number): { numerator: bigint; shift: bigint } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const exponent = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & 0xfffffffffffffn;
  const mantissa = exponent === 0 ? fraction : fraction | 0x10000000000000n;
  const power = (exponent === 0 ? 1 : exponent) - 1075; // value = mantissa × 2^power
  if (power >= 0) return { numerator: mantissa << BigInt(power), shift: 0n };
  return { numerator: mantissa, shift: BigInt(-power) };
}

/**
 * C `printf("%.<digits>f", x)` with glibc semantics: the exact value of the double, rounded half-to-even.
 * @example cFixed(0.125, 2) // "0.12" (toFixed gives "0.13")
 * @example cFixed(2.675, 2) // "2.67" (the double is 2.67499999…)
 */
export function cFixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : x < 0 ? '-inf' : 'nan';
  const negative = x < 0 || Object.is(x, -0);
  const { numerator, shift } = exactBinary(Math.abs(x));
  const scaled = numerator * 10n ** BigInt(digits);
  const denominator = 1n << shift;
  let quotient = scaled / denominator;
  const twiceRemainder = (scaled % denominator) * 2n;
  if (twiceRemainder > denominator || (twiceRemainder === denominator && quotient % 2n === 1n)) quotient += 1n;
  let text = quotient.toString();
  if (digits > 0) {
    text = text.padStart(digits + 1, '0');
    text = `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  }
  return negative ? `-${text}` : text;
}

/**
 * C `printf("%.<precision>g", x)` for the small positive numbers iperf3 prints (loss percentages).
 * @example cGeneral(27.3, 2) // "27"
 * @example cGeneral(2.2, 2) // "2.2"
 */
export function cGeneral(x: number, precision: number): string {
  if (x === 0) return '0';
  const exponent = Math.floor(Math.log10(Math.abs(x)));
  if (exponent < -4 || exponent >= precision) {
    const [mantissa, exp] = x.toExponential(precision - 1).split('e') as [string, string];
    const trimmed = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
    const sign = exp.startsWith('-') ? '-' : '+';
    return `${trimmed}e${sign}${exp.replace(/^[+-]/, '').padStart(2, '0')}`;
  }
  const fixed = cFixed(x, Math.max(0, precision - 1 - exponent));
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

/**
 * C `printf("%.2f", x)`: the same result as `cFixed(x, 2)` without BigInt arithmetic (ingest calls it for every
 * recomputed average). A double exactly halfway between two hundredths is an odd multiple of 1/8, so only those need
 * care; everything else is what toFixed gives.
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
  // toFixed drops the sign of negative zero; C keeps it ("-0.00")
  return Object.is(x, -0) ? '-0.00' : x.toFixed(2);
}

/** C `printf("%d", x)` of a double as awk does it: truncation toward zero. */
export function cInt(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  return String(Math.trunc(x));
}

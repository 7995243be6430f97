/**
 * C `printf` number formatting as knb's awk and iperf3 print it. JavaScript's `toFixed` breaks exact ties upwards
 * (0.125 → "0.13") where glibc rounds the exact binary value half-to-even (0.125 → "0.12"); the generated files must
 * carry what the real tools would have printed, so the rounding is done exactly here with BigInt arithmetic.
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

/** C `printf("%d", x)` of a double as awk does it: truncation toward zero. */
export function cInt(x: number): string {
  return String(Math.trunc(x) === 0 ? 0 : Math.trunc(x));
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

/** awk's numeric reading of a field: leading number, else 0 (an empty field reads as 0). */
export function awkNumber(field: string | undefined): number {
  const match = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(field ?? '');
  return match ? Number(match[0]) : 0;
}

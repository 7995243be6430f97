import { logGamma } from './gamma.js';

/**
 * Standard normal upper tail P(Z > z), through erfc(x) = Q(1/2, x²) (regularised upper incomplete gamma),
 * so that far tails keep their relative precision (~1e-14).
 * Definition: https://dlmf.nist.gov/7.11
 * @example normalSf(1.959963984540054) // 0.025 (to 1e-15)
 */
export function normalSf(z: number): number {
  if (Number.isNaN(z)) return NaN;
  if (z === Infinity) return 0;
  if (z === -Infinity) return 1;
  const half = 0.5 * erfcHalf(Math.abs(z) / Math.SQRT2);
  return z >= 0 ? half : 1 - half;
}

/**
 * Standard normal CDF P(Z ≤ z).
 * @example normalCdf(0) // 0.5
 */
export function normalCdf(z: number): number {
  return normalSf(-z);
}

/**
 * Standard normal quantile: Acklam's rational approximation refined by one Halley step on normalCdf
 * (accurate to ~1e-15). https://web.archive.org/web/20151030215612/http://home.online.no/~pjacklam/notes/invnorm/
 * @param p in (0, 1)
 * @throws RangeError if p is outside (0, 1)
 * @example normalQuantile(0.975) // 1.959963984540054
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: p must be in (0, 1), got ${p}`);
  const plow = 0.02425;
  let x: number;
  if (p < plow) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((C[0]! * q + C[1]!) * q + C[2]!) * q + C[3]!) * q + C[4]!) * q + C[5]!) /
      ((((D[0]! * q + D[1]!) * q + D[2]!) * q + D[3]!) * q + 1);
  } else if (p <= 1 - plow) {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((A[0]! * r + A[1]!) * r + A[2]!) * r + A[3]!) * r + A[4]!) * r + A[5]!) * q) /
      (((((B[0]! * r + B[1]!) * r + B[2]!) * r + B[3]!) * r + B[4]!) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log1p(-p));
    x = -(((((C[0]! * q + C[1]!) * q + C[2]!) * q + C[3]!) * q + C[4]!) * q + C[5]!) /
      ((((D[0]! * q + D[1]!) * q + D[2]!) * q + D[3]!) * q + 1);
  }
  // one Halley step
  // error of the CDF at x, computed on the side where it is small
  const e = p < 0.5 ? normalCdf(x) - p : 1 - p - normalSf(x);
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

/** erfc(x) for x ≥ 0 as Q(1/2, x²). */
function erfcHalf(x: number): number {
  if (x === 0) return 1;
  return upperIncompleteGamma(0.5, x * x);
}

/**
 * Regularised upper incomplete gamma Q(a, x) (NR §6.2: series for x < a + 1, continued fraction otherwise).
 * @example upperIncompleteGamma(1, 1) // Math.exp(-1)
 */
export function upperIncompleteGamma(a: number, x: number): number {
  if (x <= 0) return 1;
  const front = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 10_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-17) break;
    }
    return 1 - sum * Math.exp(front);
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(front) * h;
}

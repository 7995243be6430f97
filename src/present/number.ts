/**
 * Display policy for numbers (one place, so tables, figures and sentences agree):
 * - the minus sign is U+2212 `−`, never the hyphen;
 * - between a number and its unit or `%` goes a NO-BREAK SPACE (U+00A0), so `28 %` never wraps (SI writes a space
 *   before %, and the reference study does too); pass `space: ' '` for plain ASCII output;
 * - non-finite values show as `∞`, `−∞`, and `?` for NaN; null as `–` (en dash).
 */
export const MINUS = '\u2212';
export const NBSP = '\u00a0';
export const MISSING = '\u2013';

export interface NumberFormatOptions {
  /** significant digits kept for numbers with fewer integer digits than this; default 3 */
  readonly significant?: number;
  /** fixed number of decimals instead of significant digits */
  readonly decimals?: number;
  /** prefix positive numbers with `+`; default false */
  readonly signed?: boolean;
}

/**
 * A number rounded sensibly for display: `significant` significant digits, but never rounding away integer digits
 * (649.302 → `649`, 12.345 → `12.3`, 0.012345 → `0.0123`), a real minus sign, no exponent, no grouping.
 * @example formatNumber(-0.012345) // '−0.0123'
 */
export function formatNumber(value: number | null | undefined, options: NumberFormatOptions = {}): string {
  if (value === null || value === undefined) return MISSING;
  if (Number.isNaN(value)) return '?';
  if (!Number.isFinite(value)) return value > 0 ? (options.signed ? '+∞' : '∞') : `${MINUS}∞`;
  let decimals: number;
  if (options.decimals !== undefined) decimals = options.decimals;
  else {
    const significant = options.significant ?? 3;
    const magnitude = Math.floor(Math.log10(Math.abs(value)));
    decimals = value === 0 ? 0 : Math.max(0, significant - 1 - magnitude);
    decimals = Math.min(decimals, 20);
  }
  let text = Math.abs(value).toFixed(decimals);
  // rounding may give 9.995 → 10.00: drop the extra decimal for significant-digit mode
  if (options.decimals === undefined && /^\d+\.\d+$/.test(text)) {
    const significant = options.significant ?? 3;
    const digits = text.replace('.', '').replace(/^0+/, '').length;
    if (digits > significant && decimals > 0) text = Math.abs(value).toFixed(decimals - 1);
  }
  const isZero = /^[0.]+$/.test(text);
  if (value < 0 && !isZero) return MINUS + text;
  if (options.signed && !isZero) return `+${text}`;
  return text;
}

export interface PctFormatOptions {
  /** prefix positive values with `+` (deltas); default true */
  readonly signed?: boolean;
  /** space between number and `%`; default NO-BREAK SPACE */
  readonly space?: string;
  /** fixed decimals; default: 0 for |x| ≥ 10, 1 for |x| ≥ 1, 2 below */
  readonly decimals?: number;
  /** omit the `%` (for ranges like `6–28 %`); default false */
  readonly bare?: boolean;
}

/**
 * A percentage (already × 100): `−28 %`, `+6.4 %`, `0.52 %`.
 * @example formatPct(-28.3) // '−28 %' (with U+00A0 before %)
 */
export function formatPct(value: number | null | undefined, options: PctFormatOptions = {}): string {
  const space = options.space ?? NBSP;
  const signed = options.signed ?? true;
  const suffix = options.bare ? '' : `${space}%`;
  if (value === null || value === undefined) return MISSING;
  if (!Number.isFinite(value)) return formatNumber(value, { signed }) + suffix;
  const abs = Math.abs(value);
  const decimals = options.decimals ?? (abs >= 9.95 || abs === 0 ? 0 : abs >= 0.995 ? 1 : 2);
  return formatNumber(value, { decimals, signed }) + suffix;
}

export interface PFormatOptions {
  /** include `p ` before the relation; default true */
  readonly prefix?: boolean;
}

/**
 * A p-value as papers print it: `p < 0.001`, `p = 0.012`, `p = 0.31`, `p > 0.99`.
 * Three decimals below 0.1, two above (APA style, with the leading zero kept for clarity).
 * @example formatP(0.0123) // 'p = 0.012'
 */
export function formatP(p: number | null | undefined, options: PFormatOptions = {}): string {
  const lead = options.prefix === false ? '' : 'p ';
  if (p === null || p === undefined || Number.isNaN(p)) return `${lead}= ?`.trimStart();
  if (p < 0.001) return `${lead}< 0.001`;
  if (p > 0.99) return `${lead}> 0.99`;
  const decimals = p < 0.0995 ? 3 : 2;
  return `${lead}= ${p.toFixed(decimals)}`;
}

export interface IntervalFormatOptions {
  /** the bounds are percentages: format with formatPct; default false */
  readonly pct?: boolean;
  /** between the bounds; default ' to ' (unambiguous with negative bounds, unlike a dash) */
  readonly separator?: string;
  readonly space?: string;
  readonly significant?: number;
}

/**
 * An interval as `lo to hi`: `−31 % to −25 %`, `639 to 659`; `–` when absent.
 * @example formatInterval({ lo: -31.2, hi: -24.8 }, { pct: true }) // '−31 % to −25 %'
 */
export function formatInterval(
  interval: { readonly lo: number; readonly hi: number } | null | undefined,
  options: IntervalFormatOptions = {},
): string {
  if (!interval) return MISSING;
  const separator = options.separator ?? ' to ';
  const one = (v: number): string =>
    options.pct
      ? formatPct(v, { space: options.space ?? NBSP, signed: false })
      : formatNumber(v, { significant: options.significant ?? 3 });
  return `${one(interval.lo)}${separator}${one(interval.hi)}`;
}

/**
 * The one significance mark, benchstat's: `?` when untested (no p: too few values, no baseline), `~` when the change is
 * not significant (no claim of change), otherwise stars by the adjusted p (`*` < alpha, `**` < 0.01, `***` < 0.001).
 * Tables, sentences and notebooks all mark through here.
 * @example significanceMark({ significant: false, pAdjusted: 0.3 }) // '~'
 * @example significanceMark({ significant: false, pAdjusted: null }) // '?'
 */
export function significanceMark(result: {
  readonly significant: boolean;
  readonly pAdjusted: number | null;
  readonly p?: number | null;
}): string {
  const p = result.pAdjusted ?? result.p ?? null;
  if (p === null || !Number.isFinite(p)) return '?';
  if (!result.significant) return '~';
  if (p < 0.001) return '***';
  if (p < 0.01) return '**';
  return '*';
}

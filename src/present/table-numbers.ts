/**
 * Display of numbers in tables, on top of src/format (the policy the sentences use), so that a number shown in a
 * table and in a finding is rounded the same way: percentages with formatPct (`−28 %`, `+6.4 %`, `0.52 %`), p-values
 * with formatP (`< 0.001`, `0.012`, `0.31`), other numbers with formatNumber. Text output (Markdown, HTML) keeps
 * the typographic minus and the no-break space before `%`; LaTeX output takes the same digits, with an ASCII minus,
 * inside siunitx's `\num{}` so that the document's settings decide the final look.
 * Every function is total: null, NaN and ±Infinity print as an explicit marker, never as 0.
 */
import { formatNumber, formatP, formatPct, MINUS, MISSING, NBSP, significanceMark } from './number.js';

/** What prints where a statistic is undefined (n too small, zero baseline). */
export const NOT_AVAILABLE = MISSING;

/**
 * Number of decimals that shows `significant` significant digits of `reference` (at least 0, at most 4).
 * Means and their sd share the decimals of the mean, so a column reads consistently.
 * @example decimalsFor(597.3) // 0   decimalsFor(25.31) // 1   decimalsFor(0.742) // 3
 */
export function decimalsFor(reference: number, significant = 3): number {
  if (!Number.isFinite(reference) || reference === 0) return 1;
  const magnitude = Math.floor(Math.log10(Math.abs(reference)));
  return Math.min(4, Math.max(0, significant - 1 - magnitude));
}

function finite(value: number | null | undefined): value is number {
  return value !== null && value !== undefined && Number.isFinite(value);
}

/** Fixed-point through formatNumber (typographic minus; `-0.0` prints as `0.0`). */
export function fixed(value: number | null | undefined, decimals: number): string {
  return finite(value) ? formatNumber(value, { decimals }) : NOT_AVAILABLE;
}

/** `significant` significant digits through formatNumber, as sentences print F statistics (`700`, `12.6`). */
export function significantText(value: number | null | undefined, significant = 3): string {
  return finite(value) ? formatNumber(value, { significant }) : NOT_AVAILABLE;
}

/** Text digits as LaTeX: the ASCII minus siunitx expects. */
function latexDigits(text: string): string {
  return text.split(MINUS).join('-');
}

/** Fixed-point for LaTeX: `\num{-28.1}` (siunitx), or the not-available marker. */
export function latexNum(value: number | null | undefined, decimals: number): string {
  return finite(value) ? `\\num{${latexDigits(formatNumber(value, { decimals }))}}` : '--';
}

/** Significant digits for LaTeX: `\num{700}`. */
export function latexSignificant(value: number | null | undefined, significant = 3): string {
  return finite(value) ? `\\num{${latexDigits(formatNumber(value, { significant }))}}` : '--';
}

/** A signed percentage as sentences print it: `+14 %`, `−28 %`, `+6.4 %` (no-break space before %). */
export function signedPct(value: number | null | undefined): string {
  return finite(value) ? formatPct(value) : NOT_AVAILABLE;
}

/** A signed value in percentage points: `−11 pp`, same digits as formatPct. */
export function signedPoints(value: number | null | undefined): string {
  return finite(value) ? `${formatPct(value, { bare: true })}${NBSP}pp` : NOT_AVAILABLE;
}

/** An interval bound as the sentences' intervals print it (formatInterval): `−31`, `0.52`, no `+`. */
export function boundText(value: number | null | undefined): string {
  return finite(value) ? formatPct(value, { signed: false, bare: true }) : NOT_AVAILABLE;
}

/** A percentage for LaTeX: `\num{+14}`, `\num{-6.4}` (siunitx keeps the explicit plus with retain-explicit-plus). */
export function latexPct(value: number | null | undefined, options: { readonly signed?: boolean } = {}): string {
  return finite(value)
    ? `\\num{${latexDigits(formatPct(value, { bare: true, signed: options.signed ?? true }))}}`
    : '--';
}

/**
 * A p-value as sentences print it (formatP): `p < 0.001`, `p = 0.012`, `p = 0.31`, `p > 0.99`.
 * @example pText(0.00002) // 'p < 0.001'
 */
export function pText(p: number | null | undefined): string {
  return finite(p) ? formatP(p) : `p ${NOT_AVAILABLE}`;
}

/** The bare p-value for a table column, the same digits as pText: `< 0.001`, `0.012`, `0.31`, `> 0.99`. */
export function pCell(p: number | null | undefined): string {
  return finite(p) ? formatP(p, { prefix: false }).replace(/^= /, '') : NOT_AVAILABLE;
}

/** The p-value for LaTeX: `\num{<0.001}`, `\num{0.012}`. */
export function latexP(p: number | null | undefined): string {
  return finite(p) ? `\\num{${pCell(p).replace(' ', '')}}` : '--';
}

/**
 * The significance mark of an (adjusted) p-value tested at `alpha` (significanceMark's rule: `?` untested, `~` not
 * significant, stars).
 * @example significance(0.0004, 0.05) // '***'   significance(0.2, 0.05) // '~'
 */
export function significance(p: number | null | undefined, alpha: number): string {
  const known = p === null || p === undefined || !Number.isFinite(p) ? null : p;
  return significanceMark({ significant: known !== null && known < alpha, pAdjusted: known });
}

// a number as a CSV field: the rule lives in model (csv.ts), shared with ingest's tidy writer
export { csvNumber } from '../model/index.js';

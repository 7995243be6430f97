/**
 * Display of numbers in tables and findings. Text output (Markdown, HTML, sentences) uses the typographic minus
 * (U+2212) and a thin layout `−28.1 %`; LaTeX output wraps numbers in siunitx's `\num{}` with an ASCII minus,
 * so that the document's siunitx settings decide the final look.
 * Every function is total: null, NaN and ±Infinity print as an explicit marker, never as 0.
 */

/** What prints where a statistic is undefined (n too small, zero baseline). */
export const NOT_AVAILABLE = '–';

const MINUS = '\u2212';

/**
 * Number of decimals that shows `significant` significant digits of `reference` (at least 0, at most 4).
 * Means and their sd share the decimals of the mean, so a column reads consistently.
 * @example decimalsFor(597.3) // 0   decimalsFor(25.31) // 1   decimalsFor(0.742) // 2
 */
export function decimalsFor(reference: number, significant = 3): number {
  if (!Number.isFinite(reference) || reference === 0) return 1;
  const magnitude = Math.floor(Math.log10(Math.abs(reference)));
  return Math.min(4, Math.max(0, significant - 1 - magnitude));
}

/** Fixed-point with the typographic minus; `-0.0` prints as `0.0`. */
export function fixed(value: number | null | undefined, decimals: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NOT_AVAILABLE;
  const text = value.toFixed(decimals);
  if (/^-0(\.0*)?$/.test(text)) return text.slice(1);
  return text.startsWith('-') ? MINUS + text.slice(1) : text;
}

/** Fixed-point for LaTeX: `\num{-28.1}` (siunitx), or the not-available marker. */
export function latexNum(value: number | null | undefined, decimals: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '--';
  let text = value.toFixed(decimals);
  if (/^-0(\.0*)?$/.test(text)) text = text.slice(1);
  return `\\num{${text}}`;
}

/** A signed percentage: `+14.0 %`, `−28.1 %`. */
export function signedPct(value: number | null | undefined, decimals = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NOT_AVAILABLE;
  const text = fixed(value, decimals);
  return `${value > 0 && text !== fixed(0, decimals) ? '+' : ''}${text} %`;
}

/**
 * A p-value as journals print it: `p < 0.001`, else three decimals (`p = 0.012`), `p = 1` at the top.
 * @example pText(0.00002) // 'p < 0.001'
 */
export function pText(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return `p ${NOT_AVAILABLE}`;
  if (p < 0.001) return 'p < 0.001';
  if (p >= 0.9995) return 'p = 1';
  return `p = ${p.toFixed(3)}`;
}

/** The bare p-value for a table column: `<0.001` or `0.012`. */
export function pCell(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return NOT_AVAILABLE;
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}

/**
 * Significance mark of an (adjusted) p-value, benchstat's `~` where the difference is not significant at `alpha`.
 * @example significance(0.0004, 0.05) // '***'   significance(0.2, 0.05) // '~'
 */
export function significance(p: number | null | undefined, alpha: number): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '?';
  if (p >= alpha) return '~';
  if (p < 0.001) return '***';
  if (p < 0.01) return '**';
  return '*';
}

/** A plain number for CSV: JavaScript's shortest round-trip form, empty where undefined. */
export function csvNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  return Object.is(value, -0) ? '0' : String(value);
}
